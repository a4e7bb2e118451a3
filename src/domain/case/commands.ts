import type { AssessmentDecision, CaseOutcome, RecommendationFinding, ResolutionKind } from '../enums';

/** Every move of DESIGN.md "Case lifecycle", one command each. */
export enum CommandType {
  INTAKE_ACCEPT = 'INTAKE_ACCEPT',
  INTAKE_REJECT = 'INTAKE_REJECT',
  SCREEN_SEND_NOTICE = 'SCREEN_SEND_NOTICE',
  SCREEN_TO_REVIEW = 'SCREEN_TO_REVIEW',
  SCREEN_INELIGIBLE = 'SCREEN_INELIGIBLE',
  REVIEW_PROCEED = 'REVIEW_PROCEED',
  REVIEW_DISMISS = 'REVIEW_DISMISS',
  RESPOND_ACCEPT = 'RESPOND_ACCEPT',
  RESPOND_CONTEST = 'RESPOND_CONTEST',
  RESPOND_OFFER_LICENSE = 'RESPOND_OFFER_LICENSE',
  RESPOND_DECLINE = 'RESPOND_DECLINE',
  REQUEST_EXTENSION = 'REQUEST_EXTENSION',
  RESPONSE_DEADLINE_EXPIRED = 'RESPONSE_DEADLINE_EXPIRED',
  SETTLE = 'SETTLE',
  REQUEST_MEDIATION = 'REQUEST_MEDIATION',
  NEGOTIATION_DEADLINE_EXPIRED = 'NEGOTIATION_DEADLINE_EXPIRED',
  ISSUE_RECOMMENDATION = 'ISSUE_RECOMMENDATION',
  EXTEND_MEDIATION = 'EXTEND_MEDIATION',
  MEDIATION_DEADLINE_EXPIRED = 'MEDIATION_DEADLINE_EXPIRED',
  ACCEPT_RECOMMENDATION = 'ACCEPT_RECOMMENDATION',
  REJECT_RECOMMENDATION = 'REJECT_RECOMMENDATION',
  RECOMMENDATION_DEADLINE_EXPIRED = 'RECOMMENDATION_DEADLINE_EXPIRED',
  CERTIFY_REMEDY = 'CERTIFY_REMEDY',
  REMEDY_DEADLINE_EXPIRED = 'REMEDY_DEADLINE_EXPIRED',
  CONFIRM_REMEDY = 'CONFIRM_REMEDY',
  VERIFICATION_DEADLINE_EXPIRED = 'VERIFICATION_DEADLINE_EXPIRED',
  DISPUTE_REMEDY = 'DISPUTE_REMEDY',
  WITHDRAW = 'WITHDRAW',
  ASSIGN_MEDIATOR = 'ASSIGN_MEDIATOR',
}

type C<T extends CommandType, P = {}> = { type: T } & P;
type Reason = { reason?: string | null };

/** A command and its payload. Fields are non-secret facts; they are copied into the event detail. */
export type Command =
  | C<CommandType.INTAKE_ACCEPT>
  | C<CommandType.INTAKE_REJECT, {
      outcome: CaseOutcome.INELIGIBLE | CaseOutcome.DUPLICATE;
      /** Required (non-empty) for INELIGIBLE. */
      reasons?: string[];
      /** Required for DUPLICATE: the case this one duplicates. */
      duplicateOf?: string | null;
    }>
  | C<CommandType.SCREEN_SEND_NOTICE, { decision?: AssessmentDecision | null }>
  | C<CommandType.SCREEN_TO_REVIEW, { decision?: AssessmentDecision | null; reasons?: string[] }>
  | C<CommandType.SCREEN_INELIGIBLE, { reasons: string[] }>
  | C<CommandType.REVIEW_PROCEED, { reason: string }>
  | C<CommandType.REVIEW_DISMISS, { reason: string }>
  | C<CommandType.RESPOND_ACCEPT>
  | C<CommandType.RESPOND_CONTEST, Reason>
  | C<CommandType.RESPOND_OFFER_LICENSE, { offerId?: string | null }>
  | C<CommandType.RESPOND_DECLINE, Reason>
  | C<CommandType.REQUEST_EXTENSION, Reason>
  | C<CommandType.RESPONSE_DEADLINE_EXPIRED>
  | C<CommandType.SETTLE, {
      kind: ResolutionKind.SETTLED | ResolutionKind.LICENSED;
      via: 'OFFER' | 'BLIND_BID';
      offerId?: string | null;
      amountJpy?: number | null;
    }>
  | C<CommandType.REQUEST_MEDIATION, Reason>
  | C<CommandType.NEGOTIATION_DEADLINE_EXPIRED>
  | C<CommandType.ISSUE_RECOMMENDATION, { recommendationId?: string | null; finding?: RecommendationFinding | null }>
  | C<CommandType.EXTEND_MEDIATION, Reason>
  | C<CommandType.MEDIATION_DEADLINE_EXPIRED>
  | C<CommandType.ACCEPT_RECOMMENDATION>
  | C<CommandType.REJECT_RECOMMENDATION, Reason>
  | C<CommandType.RECOMMENDATION_DEADLINE_EXPIRED>
  | C<CommandType.CERTIFY_REMEDY>
  | C<CommandType.REMEDY_DEADLINE_EXPIRED>
  | C<CommandType.CONFIRM_REMEDY>
  | C<CommandType.VERIFICATION_DEADLINE_EXPIRED>
  | C<CommandType.DISPUTE_REMEDY, { reason: string }>
  | C<CommandType.WITHDRAW, Reason>
  | C<CommandType.ASSIGN_MEDIATOR, { mediatorAccountId: string }>;

export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
