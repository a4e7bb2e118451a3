import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { ArgLimits, RULES } from '../schema/validation/rules';
import type { CaseEntity, RemedyCertificationEntity } from '../persistence/entities';
import type { GraphQLContext } from '../graphql/context';
import { lifecycleLoaders } from '../graphql/lifecycle-loaders';
import { RemedyCertificationInput } from '../schema/inputs/remedy.inputs';
import { Case } from '../schema/types/case.types';
import { RemedyAction, RemedyCertification } from '../schema/types/remedy.types';
import { canSeeCase } from '../policies';

@Resolver(() => Case)
export class RemedyResolver {
  @Mutation(() => Case, { description: 'AI_FIRM, at REMEDY_IN_PROGRESS: certifies what was done per remedy → VERIFICATION.' })
  certifyRemedy(
    @Arg('caseId', () => ID, { description: 'The case.' }) caseId: string,
    @Arg('input', () => RemedyCertificationInput, { description: 'What was done.' }) input: RemedyCertificationInput,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.remedies.certify(ctx, caseId, input);
  }

  @Mutation(() => Case, { description: 'CREATOR, at VERIFICATION: confirms the remedy → CLOSED (RESOLVED, with the resolution kind).' })
  confirmRemedy(@Arg('caseId', () => ID, { description: 'The case.' }) caseId: string, @Ctx() { ctx, services }: GraphQLContext) {
    return services.remedies.confirm(ctx, caseId);
  }

  @Mutation(() => Case, { description: 'CREATOR, at VERIFICATION: disputes the certification → back to MEDIATION.' })
  @ArgLimits({ reason: RULES.reason })
  disputeRemedy(
    @Arg('caseId', () => ID, { description: 'The case.' }) caseId: string,
    @Arg('reason', { description: 'What is missing or wrong.' }) reason: string,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.remedies.dispute(ctx, caseId, reason);
  }

  @FieldResolver(() => [RemedyCertification], { description: 'The firm\'s remedy certifications, oldest first.' })
  remedyCertifications(@Root() row: CaseEntity, @Ctx() context: GraphQLContext) {
    return canSeeCase(context.ctx.viewer, row) ? lifecycleLoaders(context).certificationsByCase.load(row.id) : [];
  }
}

@Resolver(() => RemedyCertification)
export class RemedyCertificationResolver {
  @FieldResolver(() => [RemedyAction], { description: 'What was done, per remedy.' })
  actions(@Root() c: RemedyCertificationEntity): RemedyAction[] {
    return c.actions.map((a) => ({
      remedy: a.remedy, description: a.description, datasetIds: a.datasetIds ?? null,
      completedAt: a.completedAt ? new Date(a.completedAt) : null, paymentReference: a.paymentReference ?? null,
    }));
  }
}
