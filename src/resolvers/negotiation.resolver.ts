import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ArgLimits } from '../schema/validation/rules';
import type { CaseEntity, LicenseAgreementEntity, OfferEntity } from '../persistence/entities';
import type { GraphQLContext } from '../graphql/context';
import { OfferInput } from '../schema/inputs/offer.inputs';
import { SafeInt } from '../schema/scalars';
import { Account } from '../schema/types/account.types';
import { Case } from '../schema/types/case.types';
import { BlindBidResult, LicenseAgreement, LicenseTemplate, Offer, Settlement } from '../schema/types/negotiation.types';
import { lifecycleLoaders } from '../graphql/lifecycle-loaders';
import { presentLicenseTemplate } from '../services/license-template.service';
import { canSeeCase } from '../policies';

@Resolver(() => Case)
export class NegotiationResolver {
  @Mutation(() => Offer, { description: 'A party, at NEGOTIATION or MEDIATION: makes an offer (amount, license template, remedies, message). A new offer supersedes your earlier open one.' })
  makeOffer(
    @Arg('caseId', () => ID, { description: 'The case.' }) caseId: string,
    @Arg('input', () => OfferInput, { description: 'The offer.' }) input: OfferInput,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.negotiation.makeOffer(ctx, caseId, input);
  }

  @Mutation(() => Offer, { description: 'The other party answers an open offer. Accepting settles the case (LICENSED when it names a license template, else SETTLED) → REMEDY_IN_PROGRESS.' })
  respondToOffer(
    @Arg('offerId', () => ID, { description: 'The offer.' }) offerId: string,
    @Arg('accept', { description: 'True to accept, false to reject.' }) accept: boolean,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.negotiation.respondToOffer(ctx, offerId, accept);
  }

  @Mutation(() => BlindBidResult, { description: 'A party seals its figure for the open blind-bid round: the creator\'s demand or the firm\'s offer. Settles at the midpoint when the offer reaches the demand or they are within the tolerance (10% by default); three rounds. Never reveals the other side\'s figure.' })
  @ArgLimits({ amountJpy: { min: 1 } })
  submitBlindBid(
    @Arg('caseId', () => ID, { description: 'The case.' }) caseId: string,
    @Arg('amountJpy', () => SafeInt, { description: 'Your sealed figure, whole yen, positive.' }) amountJpy: number,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.negotiation.submitBlindBid(ctx, caseId, amountJpy);
  }

  @Query(() => BlindBidResult, { description: 'A party: where the blind bidding on the case stands for you (your own bid count; never a figure).' })
  blindBidStatus(@Arg('caseId', () => ID, { description: 'The case.' }) caseId: string, @Ctx() { ctx, services }: GraphQLContext) {
    return services.negotiation.blindBidStatus(ctx, caseId);
  }

  @Query(() => [LicenseTemplate], { description: 'Industry-standard license templates that offers and settlements refer to (public).' })
  async licenseTemplates(@Ctx() { ctx, services }: GraphQLContext) {
    return (await services.licenseTemplates.list()).map((t) => presentLicenseTemplate(t, ctx.locale));
  }

  @FieldResolver(() => [Offer], { description: 'Offers and counter-offers, oldest first, with their amounts (both parties and the mediator see them).' })
  offers(@Root() row: CaseEntity, @Ctx() context: GraphQLContext) {
    return canSeeCase(context.ctx.viewer, row) ? lifecycleLoaders(context).offersByCase.load(row.id) : [];
  }

  @FieldResolver(() => Settlement, { nullable: true, description: 'What the parties agreed (the latest settlement), once settled.' })
  settlement(@Root() row: CaseEntity, @Ctx() context: GraphQLContext) {
    return canSeeCase(context.ctx.viewer, row) ? lifecycleLoaders(context).settlementByCase.load(row.id) : null;
  }

  @FieldResolver(() => [LicenseAgreement], { description: 'License agreements concluded through settlements of this case.' })
  licenseAgreements(@Root() row: CaseEntity, @Ctx() context: GraphQLContext) {
    return canSeeCase(context.ctx.viewer, row) ? lifecycleLoaders(context).licenseAgreementsByCase.load(row.id) : [];
  }
}

@Resolver(() => Offer)
export class OfferResolver {
  @FieldResolver(() => LicenseTemplate, { nullable: true, description: 'The license template offered, when one is.' })
  async licenseTemplate(@Root() offer: OfferEntity, @Ctx() context: GraphQLContext) {
    const t = offer.licenseTemplateCode ? await lifecycleLoaders(context).licenseTemplate.load(offer.licenseTemplateCode) : null;
    return t && presentLicenseTemplate(t, context.ctx.locale);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The account that made the offer.' })
  madeBy(@Root() offer: OfferEntity, @Ctx() { loaders }: GraphQLContext) {
    return offer.byAccountId ? loaders.account.load(offer.byAccountId) : null;
  }
}

@Resolver(() => LicenseAgreement)
export class LicenseAgreementResolver {
  @FieldResolver(() => LicenseTemplate, { nullable: true, description: 'The template whose terms apply.' })
  async template(@Root() agreement: LicenseAgreementEntity, @Ctx() context: GraphQLContext) {
    const t = await lifecycleLoaders(context).licenseTemplate.load(agreement.templateCode);
    return t && presentLicenseTemplate(t, context.ctx.locale);
  }
}
