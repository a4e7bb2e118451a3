import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { ArgLimits, RULES } from '../schema/validation/rules';
import { JSONObjectResolver } from 'graphql-scalars';
import { CaseOutcome } from '../domain/enums';
import type { CaseEntity } from '../persistence/entities';
import type { GraphQLContext } from '../graphql/context';
import { NoticeResponseInput } from '../schema/inputs/offer.inputs';
import { Case } from '../schema/types/case.types';
import { Notice } from '../schema/types/notice.types';
import { canSeeCase } from '../policies';

@Resolver(() => Case)
export class NoticeResolver {
  @Mutation(() => Case, { description: 'AI_FIRM: answers a notice — ACCEPT, CONTEST, OFFER_LICENSE, DECLINE_PROCESS, or REQUEST_EXTENSION (once).' })
  respondToNotice(
    @Arg('caseId', () => ID, { description: 'The case.' }) caseId: string,
    @Arg('input', () => NoticeResponseInput, { description: 'The answer.' }) input: NoticeResponseInput,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.notices.respond(ctx, caseId, input);
  }

  @Mutation(() => Case, { description: 'AI_FIRM: confirms receipt of the notice (stops the acknowledge window).' })
  acknowledgeNotice(@Arg('caseId', () => ID, { description: 'The case.' }) caseId: string, @Ctx() { ctx, services }: GraphQLContext) {
    return services.notices.acknowledge(ctx, caseId);
  }

  @Mutation(() => Case, { description: 'CREATOR (the complainant), the assigned MEDIATOR or ADMIN: serves again by email a notice no channel could serve (Notice.servedAt null, its email refused for good), optionally to a corrected contact address of a respondent not on Chōtei. The response windows start when a service succeeds; NOTICE_SERVICE_RETRIED records the request.' })
  @ArgLimits({ contactEmail: RULES.email })
  serveNoticeAgain(
    @Arg('caseId', () => ID, { description: 'The case whose notice could not be served.' }) caseId: string,
    @Arg('contactEmail', () => String, { nullable: true, description: 'A corrected contact address of the respondent (a respondent not on Chōtei only); omitted: the same address again.' }) contactEmail: string | null,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.notices.serveAgain(ctx, caseId, contactEmail);
  }

  @Mutation(() => Case, { description: 'MEDIATOR (assigned) or ADMIN at MEDIATOR_REVIEW: send the case on to the firm (proceed) or dismiss it, with a reason.' })
  @ArgLimits({ reason: RULES.reason })
  decideReview(
    @Arg('caseId', () => ID, { description: 'The case.' }) caseId: string,
    @Arg('proceed', { description: 'True: notice the firm. False: dismiss.' }) proceed: boolean,
    @Arg('reason', { description: 'Why; shown in the history.' }) reason: string,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.screening.decideReview(ctx, caseId, proceed, reason);
  }

  @FieldResolver(() => Notice, { nullable: true, description: 'The notice sent to the firm, once the case reached NOTICE_SENT.' })
  notice(@Root() row: CaseEntity, @Ctx() { ctx, services }: GraphQLContext) {
    return canSeeCase(ctx.viewer, row) ? services.notices.notice(row.id) : null;
  }

  @FieldResolver(() => JSONObjectResolver, { nullable: true, description: 'For a REFERRED case: what a court or another ADR body needs (parties, works, claim, assessment, history), and dossierUrl: the case dossier PDF ({PUBLIC_URL}/cases/{id}/dossier.pdf).' })
  referral(@Root() row: CaseEntity, @Ctx() { ctx, services }: GraphQLContext) {
    return row.outcome === CaseOutcome.REFERRED && canSeeCase(ctx.viewer, row) ? services.notices.referralSummary(row) : null;
  }
}
