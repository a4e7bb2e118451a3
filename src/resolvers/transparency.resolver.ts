import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { TrainingDisclosureInput } from '../schema/inputs/transparency.inputs';
import { DateTime } from '../schema/scalars';
import { AiSystem } from '../schema/types/account.types';
import { TransparencyReport } from '../schema/types/transparency.types';

@Resolver()
export class TransparencyResolver {
  @Mutation(() => AiSystem, { description: 'AI_FIRM: discloses the training data of one of your AI systems (categories, cutoff, suppression measures); replaces an earlier disclosure.' })
  discloseTrainingData(
    @Arg('aiSystemId', () => ID, { description: 'Your AI system.' }) aiSystemId: string,
    @Arg('input', () => TrainingDisclosureInput, { description: 'The disclosure.' }) input: TrainingDisclosureInput,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.transparency.discloseTrainingData(ctx, aiSystemId, input);
  }

  @Query(() => TransparencyReport, { description: 'Public: aggregates over the cases filed in [from, to) — by status, outcome and claim type, median days to each outcome, and each firm\'s response rate and median response time. No personal data, no statements.' })
  transparencyReport(
    @Arg('from', () => DateTime, { nullable: true, description: 'Start of the period (inclusive); default: from the first case.' }) from: Date | null,
    @Arg('to', () => DateTime, { nullable: true, description: 'End of the period (exclusive); default: now.' }) to: Date | null,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.transparency.transparencyReport(ctx, { from, to });
  }
}
