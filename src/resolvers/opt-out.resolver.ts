import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ArgLimits } from '../schema/validation/rules';
import type { GraphQLContext } from '../graphql/context';
import type { OptOutEntity } from '../persistence/entities';
import { OptOutInput } from '../schema/inputs/opt-out.inputs';
import { pageInfoOf, toConnection } from '../schema/types/connection';
import { MyOptOutConnection, OptOut, OptOutConnection, OptOutMatch, OptOutSignalReading, PerceptualOptOutMatch } from '../schema/types/opt-out.types';
import { OptOutSignal } from '../domain/enums';
import { presentSignalReading } from './presenters';
import { Work } from '../schema/types/work.types';
import { presentedTo } from '../policies/context';
import { fields } from '../policies';

@Resolver(() => OptOut)
export class OptOutResolver {
  @Mutation(() => OptOut, { description: 'CREATOR: registers an opt-out for one of your works or all of them. A foreign creator\'s opt-out is recorded but not recognised unless a reciprocity agreement extends OPT_OUT_RECOGNITION; notRecognisedReason says why.' })
  registerOptOut(@Arg('input', () => OptOutInput, { description: 'The opt-out.' }) input: OptOutInput, @Ctx() { ctx, services }: GraphQLContext) {
    return services.optOuts.registerOptOut(ctx, input);
  }

  @Mutation(() => OptOut, { description: 'CREATOR: withdraws one of your opt-outs (the feed shows a WITHDRAWN change). Withdrawing it again changes nothing and returns it.' })
  withdrawOptOut(@Arg('id', () => ID, { description: 'The opt-out.' }) id: string, @Ctx() { ctx, services }: GraphQLContext) {
    return services.optOuts.withdrawOptOut(ctx, id);
  }

  @Mutation(() => Int, { description: 'AI_FIRM: records that your firm saw these opt-outs (evidence that it knew). Idempotent; returns how many were newly acknowledged. Up to 10,000 ids a call.' })
  @ArgLimits({ ids: { maxItems: 10_000 } })
  acknowledgeOptOuts(@Arg('ids', () => [ID], { description: 'Opt-out ids, e.g. from optOutFeed or checkOptOuts.' }) ids: string[], @Ctx() { ctx, services }: GraphQLContext) {
    return services.optOuts.acknowledgeOptOuts(ctx, ids);
  }

  @Query(() => OptOutConnection, { description: 'AI_FIRM: every opt-out registration and withdrawal in commit order, resumable from a cursor; no change is skipped or repeated while others write.' })
  async optOutFeed(
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last change you processed.' }) after: string | null,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    const page = await services.optOuts.optOutFeed(ctx, { first, after });
    const edges = page.items.map((item) => ({ cursor: page.cursorOf(item), node: item.optOut, seq: item.seq, change: item.change, changedAt: item.at }));
    return { edges, pageInfo: pageInfoOf(edges, page, after ?? null) };
  }

  @Query(() => [OptOutMatch], { description: 'AI_FIRM: which of these content hashes (lowercase hex SHA-256, up to 10,000) an active, recognised opt-out covers.' })
  @ArgLimits({ contentHashes: { maxItems: 10_000 } })
  checkOptOuts(@Arg('contentHashes', () => [String], { description: 'Content hashes to check.' }) contentHashes: string[], @Ctx() { ctx, services }: GraphQLContext) {
    return services.optOuts.checkOptOuts(ctx, contentHashes);
  }

  @Query(() => [PerceptualOptOutMatch], { description: 'AI_FIRM: which active, recognised opt-outs were registered with an image perceptual hash within maxDistance bits of one of these (up to 10,000 hashes; the hash is documented in src/infra/similarity/README.md, so your pipeline computes the same one). A re-encoded or resized copy of a registered image matches. One match per (hash, opt-out), nearest first.' })
  @ArgLimits({ hashes: { maxItems: 10_000, maxLength: 16 }, maxDistance: { min: 0, max: 16 } })
  checkOptOutsPerceptual(
    @Arg('hashes', () => [String], { description: 'Image perceptual hashes to check: 16 lowercase hex characters each.' }) hashes: string[],
    @Arg('maxDistance', () => Int, { nullable: true, description: 'Most differing bits (of 64) that still match: 0 to 16, default 10.' }) maxDistance: number | null,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.optOuts.checkOptOutsPerceptual(ctx, hashes, maxDistance);
  }

  @Query(() => OptOutSignalReading, { description: 'Any signed-in account: what an opt-out signal\'s value reserves (IETF AI Preferences Content-Usage, Content-Signal, the IPTC/PLUS Data Mining value, a CAWG training-and-data-mining assertion, X-Robots-Tag noai/noimageai, TDMRep tdm-reservation) and the scope to register it with. A value outside its signal\'s vocabulary is refused (BAD_USER_INPUT on value) with what the vocabulary accepts.' })
  @ArgLimits({ value: { text: true, maxLength: 2000 } })
  readOptOutSignal(
    @Arg('signal', () => OptOutSignal, { description: 'The signal the value belongs to.' }) signal: OptOutSignal,
    @Arg('value', () => String, { description: 'The value as seen, at most 2,000 characters (see OptOutSignalValueInput.value for examples).' }) value: string,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return presentSignalReading(signal, value, services.optOuts.readOptOutSignal(ctx, signal, value), ctx.locale);
  }

  @Query(() => MyOptOutConnection, { description: 'CREATOR: your opt-outs, oldest first.' })
  async myOptOuts(
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from the previous page.' }) after: string | null,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return toConnection(await services.optOuts.myOptOuts(ctx, { first, after }));
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why it is recorded but not recognised; null when recognised. Its creator (and admins) read the eligibility rule and the data it used; everyone else, AI firms included, a neutral sentence that says nothing about the creator or the work.' })
  notRecognisedReason(@Root() optOut: OptOutEntity, @Ctx() { ctx }: GraphQLContext): string | null {
    return fields.optOutNotRecognisedReason(presentedTo(ctx), optOut);
  }

  @FieldResolver(() => Boolean, { description: 'Registered by a bulk import (chotei import-opt-outs, run by the operator for a collective or publisher) rather than by its creator through the API; see importedFrom.' })
  imported(@Root() optOut: OptOutEntity): boolean {
    return optOut.importKey != null;
  }

  @FieldResolver(() => [String], { description: 'The image perceptual hashes registered with it (given by its creator, or its work\'s reference image), which checkOptOutsPerceptual matches.' })
  perceptualHashes(@Root() optOut: OptOutEntity, @Ctx() { loaders }: GraphQLContext): Promise<string[]> {
    return loaders.perceptualHashesByOptOut.load(optOut.id);
  }

  @FieldResolver(() => Work, { nullable: true, description: 'The work it covers, for its creator (and admins); null for allWorks, and for everyone else (AI firms match on contentHash).' })
  work(@Root() optOut: OptOutEntity, @Ctx() { ctx, loaders }: GraphQLContext) {
    return optOut.workId && fields.mayReadOptOutWork(presentedTo(ctx), optOut) ? loaders.work.load(optOut.workId) : null;
  }
}
