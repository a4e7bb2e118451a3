import { ActorKind } from '../domain/case/actor';
import { CaseEventType } from '../domain/case/case-state';
import { CaseStatus } from '../domain/enums';

/**
 * Who must hear of a case event. One table, so that whoever adds an event type
 * adds its line here (unknown types notify nobody).
 *
 * - COMPLAINANT: the creator who filed (case.complainantId).
 * - RESPONDENT: the respondent firm's account (and its webhook) — only once the
 *   notice has gone out (case.noticeSentAt set): before that the firm must not
 *   learn that the case exists.
 * - MEDIATOR: the assigned mediator (case.mediatorId), when there is one.
 * - OTHER_PARTY: the party that did not make the event (from the event's actor
 *   role: a complainant's act goes to the firm and the other way round).
 * - ASSIGNED_MEDIATOR: the mediator named by the event (detail.mediatorAccountId).
 * - DETAIL_PARTIES: the parties named by the event: detail.party (one role) or
 *   detail.parties (a list), each COMPLAINANT, RESPONDENT or MEDIATOR.
 *
 * Besides the table, any move into CLOSED tells both parties. The account that
 * made the event is never notified of its own act.
 */
export type Recipient = 'COMPLAINANT' | 'RESPONDENT' | 'MEDIATOR' | 'OTHER_PARTY' | 'ASSIGNED_MEDIATOR' | 'DETAIL_PARTIES';

const PARTIES: Recipient[] = ['COMPLAINANT', 'RESPONDENT'];
const E = CaseEventType;

export const NOTIFICATION_RULES: Record<string, readonly Recipient[]> = {
  // The notice reaches the firm (from screening, or after a mediator's review).
  [E.NOTICE_SENT]: ['RESPONDENT'],
  [E.REVIEW_PROCEEDED]: ['RESPONDENT'],
  [E.SENT_TO_MEDIATOR_REVIEW]: ['MEDIATOR'],
  // Service by email of a notice on a respondent not on Chōtei (src/jobs/serve-notice-email.job.ts).
  NOTICE_SERVED: ['COMPLAINANT', 'MEDIATOR'],
  NOTICE_SERVICE_FAILED: ['COMPLAINANT', 'MEDIATOR'],
  // Someone had it served again (serveNoticeAgain): the complainant and the mediator, whoever did not ask.
  NOTICE_SERVICE_RETRIED: ['COMPLAINANT', 'MEDIATOR'],
  // A firm that enrolled took over the respondent record (claimRespondent).
  RESPONDENT_CLAIMED: ['COMPLAINANT', 'MEDIATOR'],
  // The firm's answer.
  [E.NOTICE_ACCEPTED]: PARTIES,
  [E.NOTICE_CONTESTED]: ['COMPLAINANT'],
  [E.LICENSE_OFFERED]: ['COMPLAINANT'],
  [E.RESPONSE_DEFAULTED]: PARTIES,
  ACKNOWLEDGEMENT_OVERDUE: ['RESPONDENT'],
  // Negotiation.
  OFFER_MADE: ['OTHER_PARTY'],
  BLIND_BID_SUBMITTED: ['OTHER_PARTY'],
  [E.SETTLED]: PARTIES,
  [E.MEDIATION_REQUESTED]: [...PARTIES, 'MEDIATOR'],
  [E.NEGOTIATION_EXPIRED]: [...PARTIES, 'MEDIATOR'],
  // Mediation.
  // The parties hear who mediates (issue 14: "mediator assigned" is mailed to the parties); the mediator, of its case.
  [E.MEDIATOR_ASSIGNED]: ['ASSIGNED_MEDIATOR', ...PARTIES],
  [E.RECOMMENDATION_DUE]: ['MEDIATOR'],
  [E.RECOMMENDATION_ISSUED]: PARTIES,
  [E.RECOMMENDATION_ACCEPTED_BY_COMPLAINANT]: ['RESPONDENT', 'MEDIATOR'],
  [E.RECOMMENDATION_ACCEPTED_BY_RESPONDENT]: ['COMPLAINANT', 'MEDIATOR'],
  [E.RECOMMENDATION_ACCEPTED]: [...PARTIES, 'MEDIATOR'],
  // Remedy.
  [E.REMEDY_CERTIFIED]: ['COMPLAINANT'],
  [E.REMEDY_DISPUTED]: ['RESPONDENT', 'MEDIATOR'],
  [E.REMEDY_OVERDUE]: ['RESPONDENT', 'MEDIATOR'],
  // Anything else a party adds.
  EVIDENCE_ADDED: ['OTHER_PARTY', 'MEDIATOR'],
  DEADLINE_REMINDER: ['DETAIL_PARTIES'],
  // Not listed, so nobody is told: DOSSIER_ISSUED (a dossier was made; recorded for its SHA-256, which a court checks its copy against).
};

/** The minimal event shape the rules read. */
export interface RuleEvent {
  type: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  actorRole: string;
  detail: Record<string, unknown> | null;
}

/** The recipients of one event: its table line plus both parties on any move into CLOSED. */
export function recipientsFor(event: RuleEvent): Recipient[] {
  const out = new Set<Recipient>(NOTIFICATION_RULES[event.type] ?? []);
  if (event.toStatus === CaseStatus.CLOSED && event.fromStatus !== CaseStatus.CLOSED) PARTIES.forEach((p) => out.add(p));
  return [...out];
}

/** OTHER_PARTY resolved from who acted (actor role, or detail.by for events recorded by the system on a party's behalf). */
export function otherParty(event: RuleEvent): 'COMPLAINANT' | 'RESPONDENT' | null {
  const by = String(event.actorRole === ActorKind.SYSTEM ? event.detail?.by ?? '' : event.actorRole);
  if (by === ActorKind.COMPLAINANT) return 'RESPONDENT';
  if (by === ActorKind.RESPONDENT) return 'COMPLAINANT';
  return null;
}

/** DETAIL_PARTIES resolved from detail.party / detail.parties. */
export function detailParties(event: RuleEvent): Array<'COMPLAINANT' | 'RESPONDENT' | 'MEDIATOR'> {
  const raw = event.detail?.parties ?? event.detail?.party;
  const list = Array.isArray(raw) ? raw : raw != null ? [raw] : [];
  return list.filter((p): p is 'COMPLAINANT' | 'RESPONDENT' | 'MEDIATOR' => p === 'COMPLAINANT' || p === 'RESPONDENT' || p === 'MEDIATOR');
}
