import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { JSONObjectResolver } from 'graphql-scalars';
import { Remedy, OfferStatus, OfferSide } from '../../domain/enums';
import { BLIND_BID_STATUSES, BlindBidStatus } from '../../domain/negotiation/blind-bid';
import { DateTime, SafeInt } from '../scalars';
import { AmountSplit } from './mandate.types';

/** The domain's blind-bid statuses, registered as a GraphQL enum (one list, in src/domain). */
export const BlindBidState = BLIND_BID_STATUSES;

/** How a settlement came about (settlement.via). */
export enum SettlementVia {
  OFFER = 'OFFER',
  BLIND_BID = 'BLIND_BID',
  NOTICE_ACCEPTED = 'NOTICE_ACCEPTED',
  RECOMMENDATION = 'RECOMMENDATION',
}

registerEnumType(OfferStatus, {
  name: 'OfferStatus', description: 'Where an offer stands.',
  valuesConfig: {
    OPEN: { description: 'Waiting for the other party\'s answer.' },
    ACCEPTED: { description: 'The other party accepted it: the case settled on its terms.' },
    REJECTED: { description: 'The other party rejected it.' },
    SUPERSEDED: { description: 'The same party made a newer offer (a counter-offer replaces the earlier one).' },
    LAPSED: { description: 'The case settled otherwise or left negotiation and mediation before an answer.' },
  },
});

registerEnumType(OfferSide, {
  name: 'OfferSide', description: 'Which party made an offer.',
  valuesConfig: {
    COMPLAINANT: { description: 'The creator who filed the complaint.' },
    RESPONDENT: { description: 'The AI firm complained of.' },
  },
});

registerEnumType(BlindBidState, {
  name: 'BlindBidStatus', description: 'Where double-blind bidding stands for you. Never tells you the other party\'s figure.',
  valuesConfig: {
    OPEN: { description: 'No round completed yet and you have not bid: submit your figure for round 1.' },
    WAITING_FOR_OTHER_PARTY: { description: 'You have bid in the open round; the other party has not yet.' },
    SETTLED: { description: 'A round settled: the case settled at the midpoint (settledAmountJpy).' },
    NO_SETTLEMENT_THIS_ROUND: { description: 'The last completed round did not settle (the figures were too far apart); bid again while rounds are left.' },
    ROUNDS_EXHAUSTED: { description: 'All rounds were used without a settlement; negotiate by offers or ask for mediation.' },
  },
});

registerEnumType(SettlementVia, {
  name: 'SettlementVia', description: 'How the parties came to an agreement.',
  valuesConfig: {
    OFFER: { description: 'An offer was accepted.' },
    BLIND_BID: { description: 'Double-blind bids settled at the midpoint.' },
    NOTICE_ACCEPTED: { description: 'The firm accepted the complaint on notice (the requested remedies and amount).' },
    RECOMMENDATION: { description: 'Both parties accepted the mediator\'s recommendation.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'An offer or counter-offer between the parties. Both parties and the mediator see offers, amounts included (only blind bids are secret).' })
export class Offer {
  @Field(() => ID, { description: 'Identifier.' }) id: string;
  @Field(() => ID, { description: 'The case.' }) caseId: string;
  @Field(() => OfferSide, { description: 'Which party made it.' }) side: OfferSide;
  @Field(() => SafeInt, { nullable: true, description: 'Amount offered, whole yen.' }) amountJpy: number | null;
  @Field(() => String, { nullable: true, description: 'Code of the license template offered (see licenseTemplates); accepting it settles as LICENSED.' }) licenseTemplateCode: string | null;
  @Field(() => [Remedy], { description: 'Remedies offered.' }) remedies: Remedy[];
  @Field(() => String, { nullable: true, description: 'The message to the other party.' }) message: string | null;
  @Field(() => [AmountSplit], { nullable: true, description: 'How the amount divides among the case\'s principals; null when not divided.' }) splits: AmountSplit[] | null;
  @Field(() => OfferStatus, { description: 'Where it stands.' }) status: OfferStatus;
  @Field(() => DateTime, { description: 'When it was made.' }) createdAt: Date;
  @Field(() => DateTime, { nullable: true, description: 'When it was accepted, rejected, superseded or lapsed.' }) respondedAt: Date | null;
}

@ObjectType({ simpleResolvers: true, description: 'The result of a blind bid, or where the bidding stands for you. It never carries the other party\'s figure.' })
export class BlindBidResult {
  @Field(() => BlindBidState, { description: 'Where the bidding stands for you.' }) status: BlindBidStatus;
  @Field(() => Int, { description: 'The round this is about (for OPEN and WAITING_FOR_OTHER_PARTY: the round open for bids).' }) round: number;
  @Field(() => Int, { description: 'Rounds not yet completed (of three).' }) roundsLeft: number;
  @Field(() => SafeInt, { nullable: true, description: 'The settled amount (the midpoint of the two figures, whole yen, rounded down), once SETTLED.' }) settledAmountJpy: number | null;
  @Field(() => Int, { description: 'How many sealed bids you have submitted on this case (never the other party\'s count or figures).' }) bidsSubmitted: number;
}

@ObjectType({ simpleResolvers: true, description: 'An industry-standard license that offers and settlements refer to.' })
export class LicenseTemplate {
  @Field({ description: 'Stable code, e.g. NONEXCLUSIVE_TRAINING; offers name it in licenseTemplateCode.' }) code: string;
  @Field({ description: 'Title in the viewer\'s language (locale ja or en).' }) title: string;
  @Field({ description: 'Title in English.' }) titleEn: string;
  @Field({ description: 'Title in Japanese.' }) titleJa: string;
  @Field({ description: 'Summary of the terms in the viewer\'s language.' }) summary: string;
  @Field({ description: 'Summary of the terms in English.' }) summaryEn: string;
  @Field({ description: 'Summary of the terms in Japanese.' }) summaryJa: string;
  @Field(() => JSONObjectResolver, { description: 'The structured terms: scope, exclusivity, fee basis, term, territory, attribution, termination.' }) terms: Record<string, unknown>;
  @Field(() => DateTime, { description: 'Last change.' }) updatedAt: Date;
}

@ObjectType({ simpleResolvers: true, description: 'What the parties agreed, by offer, blind bids, acceptance of the notice or of a recommendation.' })
export class Settlement {
  @Field(() => ID, { description: 'Identifier.' }) id: string;
  @Field(() => SettlementVia, { description: 'How it came about.' }) via: SettlementVia;
  @Field(() => SafeInt, { nullable: true, description: 'Amount agreed, whole yen.' }) amountJpy: number | null;
  @Field(() => ID, { nullable: true, description: 'The accepted offer (via OFFER).' }) offerId: string | null;
  @Field(() => String, { nullable: true, description: 'The license template agreed, when licensed.' }) licenseTemplateCode: string | null;
  @Field(() => [Remedy], { description: 'Remedies the firm is to carry out and certify.' }) remedies: Remedy[];
  @Field(() => [AmountSplit], { nullable: true, description: 'How the amount divides among the case\'s principals, as the accepted offer said; null when not divided.' }) splits: AmountSplit[] | null;
  @Field(() => DateTime, { description: 'When it was agreed.' }) createdAt: Date;
}

@ObjectType({ simpleResolvers: true, description: 'A license concluded through a settlement: the creator licenses the firm on a template\'s terms.' })
export class LicenseAgreement {
  @Field(() => ID, { description: 'Identifier.' }) id: string;
  @Field(() => ID, { description: 'The settlement it came from.' }) settlementId: string;
  @Field({ description: 'Code of the license template.' }) templateCode: string;
  @Field(() => ID, { description: 'The licensor: the complainant\'s account.' }) licensorAccountId: string;
  @Field(() => ID, { description: 'The licensee: the respondent firm.' }) licenseeFirmId: string;
  @Field(() => SafeInt, { nullable: true, description: 'Fee agreed, whole yen.' }) amountJpy: number | null;
  @Field(() => DateTime, { description: 'When it was concluded.' }) createdAt: Date;
}
