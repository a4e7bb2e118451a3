import { MediationChannel } from '../domain/enums';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { ArgLimits, RULES } from '../schema/validation/rules';
import type { CaseEntity } from '../persistence/entities';
import type { GraphQLContext } from '../graphql/context';
import { lifecycleLoaders } from '../graphql/lifecycle-loaders';
import { RecommendationInput } from '../schema/inputs/mediation.inputs';
import { DateTime } from '../schema/scalars';
import { Case } from '../schema/types/case.types';
import { MediationSession, MediatorNote, Recommendation } from '../schema/types/mediation.types';
import { canSeeCase, mayReadMediatorNotes } from '../policies';

@Resolver(() => Case)
export class MediationResolver {
  @Mutation(() => Case, { description: 'A party at NEGOTIATION asks for a mediator → MEDIATION (a mediator is assigned by a background job).' })
  @ArgLimits({ reason: RULES.reason })
  requestMediation(
    @Arg('caseId', () => ID, { description: 'The case.' }) caseId: string,
    @Arg('reason', () => String, { nullable: true, description: 'Why (optional, shown in the history).' }) reason: string | null,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.mediation.requestMediation(ctx, caseId, reason);
  }

  @Mutation(() => Case, { description: 'ADMIN: assigns or replaces the case\'s mediator. The account must be a MEDIATOR with no conflict of interest with either party.' })
  assignMediator(
    @Arg('caseId', () => ID, { description: 'The case.' }) caseId: string,
    @Arg('mediatorId', () => ID, { description: 'The mediator\'s account.' }) mediatorId: string,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.mediation.assignMediator(ctx, caseId, mediatorId);
  }

  @Mutation(() => MediatorNote, { description: 'The assigned MEDIATOR or an ADMIN: a private note on the case (never shown to the parties).' })
  @ArgLimits({ text: RULES.statement })
  addMediatorNote(
    @Arg('caseId', () => ID, { description: 'The case.' }) caseId: string,
    @Arg('text', { description: 'The note.' }) text: string,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.mediation.addNote(ctx, caseId, text);
  }

  @Mutation(() => MediationSession, { description: 'The assigned MEDIATOR or an ADMIN, at MEDIATION: schedules a session with the parties.' })
  scheduleMediationSession(
    @Arg('caseId', () => ID, { description: 'The case.' }) caseId: string,
    @Arg('at', () => DateTime, { description: 'When it takes place (in the future).' }) at: Date,
    @Arg('channel', () => MediationChannel, { description: 'How it is held.' }) channel: MediationChannel,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.mediation.scheduleSession(ctx, caseId, at, channel);
  }

  @Mutation(() => Case, { description: 'The assigned MEDIATOR or an ADMIN, at MEDIATION: extends the mediation window, once per case.' })
  @ArgLimits({ reason: RULES.reason })
  extendMediation(
    @Arg('caseId', () => ID, { description: 'The case.' }) caseId: string,
    @Arg('reason', { description: 'Why more time is needed (shown in the history).' }) reason: string,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.mediation.extendMediation(ctx, caseId, reason);
  }

  @Mutation(() => Case, { description: 'The assigned MEDIATOR (or an ADMIN), at MEDIATION: issues a recommendation → RECOMMENDATION_ISSUED.' })
  issueRecommendation(
    @Arg('caseId', () => ID, { description: 'The case.' }) caseId: string,
    @Arg('input', () => RecommendationInput, { description: 'The recommendation.' }) input: RecommendationInput,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.mediation.issueRecommendation(ctx, caseId, input);
  }

  @Mutation(() => Case, { description: 'A party answers the recommendation: both accepting → REMEDY_IN_PROGRESS (RECOMMENDATION_ACCEPTED); a rejection → CLOSED(REFERRED).' })
  @ArgLimits({ reason: RULES.reason })
  respondToRecommendation(
    @Arg('caseId', () => ID, { description: 'The case.' }) caseId: string,
    @Arg('accept', { description: 'True to accept, false to reject.' }) accept: boolean,
    @Arg('reason', () => String, { nullable: true, description: 'Why (optional; shown in the history and the referral).' }) reason: string | null,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.mediation.respondToRecommendation(ctx, caseId, accept, reason);
  }

  @FieldResolver(() => [MediatorNote], { nullable: true, description: 'The mediator\'s private notes, oldest first: for the assigned mediator and admins only; null for anyone else.' })
  mediatorNotes(@Root() row: CaseEntity, @Ctx() context: GraphQLContext) {
    return mayReadMediatorNotes(context.ctx.viewer, row) ? lifecycleLoaders(context).notesByCase.load(row.id) : null;
  }

  @FieldResolver(() => [MediationSession], { description: 'Mediation sessions, soonest first.' })
  mediationSessions(@Root() row: CaseEntity, @Ctx() context: GraphQLContext) {
    return canSeeCase(context.ctx.viewer, row) ? lifecycleLoaders(context).sessionsByCase.load(row.id) : [];
  }

  @FieldResolver(() => Recommendation, { nullable: true, description: 'The mediator\'s latest recommendation, once issued.' })
  recommendation(@Root() row: CaseEntity, @Ctx() context: GraphQLContext) {
    return canSeeCase(context.ctx.viewer, row) ? lifecycleLoaders(context).recommendationByCase.load(row.id) : null;
  }
}
