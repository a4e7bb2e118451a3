/**
 * The case state machine of DESIGN.md "Case lifecycle": a table of rules `{ command, from, to, by, guard }`
 * and one transition() that checks actor, status, guard and payload, then returns the events to append
 * and the state they lead to (folded through the same reducer replay() uses). Pure: `now` is an argument.
 */
import { CaseOutcome, CaseStatus, ResolutionKind } from '../enums';
import { Actor, ActorKind } from './actor';
import { Command, CommandOf, CommandType } from './commands';
import { applyEvent, CaseEventType, CaseState, EventDraft, OPEN_STATUSES } from './case-state';

export * from './actor';
export * from './commands';
export * from './case-state';

/** Machine-readable reason of a refusal (the `code` says FORBIDDEN or INVALID_TRANSITION). */
export type RefusalReason =
  | 'UNKNOWN_COMMAND'
  | 'ACTOR_NOT_ALLOWED'
  | 'MEDIATOR_NOT_ASSIGNED'
  | 'NOT_FROM_THIS_STATUS'
  | 'EXTENSION_ALREADY_USED'
  | 'ALREADY_ACCEPTED'
  | 'INVALID_PAYLOAD';

export type TransitionResult =
  | { ok: true; state: CaseState; events: EventDraft[] }
  | {
      ok: false;
      code: 'INVALID_TRANSITION' | 'FORBIDDEN';
      reason: RefusalReason;
      message: string;
      status: CaseStatus;
      allowed: CommandType[];
    };

interface Refusal { reason: RefusalReason; message: string }

export interface TransitionRule<T extends CommandType = CommandType> {
  command: T;
  from: readonly CaseStatus[];
  /** null: the status does not change. */
  to: CaseStatus | null;
  /** Outcome set when `to` is CLOSED. */
  outcome?: CaseOutcome;
  by: readonly ActorKind[];
  /** The main event type (some moves add a second event). */
  event: CaseEventType;
  /** One line for generated docs. */
  note: string;
  /** State-based condition; also decides allowedCommands(). */
  guard?: (state: CaseState, actor?: Actor) => Refusal | null;
  /** Payload check; returns a message when the payload is unusable. */
  validate?: (command: CommandOf<T>) => string | null;
  /** Extra detail/events beyond the default single event. */
  build?: (state: CaseState, command: CommandOf<T>, actor: Actor) => Omit<EventDraft, 'occurredAt'>[];
}

const S = CaseStatus;
const A = ActorKind;
const PARTIES = [A.COMPLAINANT, A.RESPONDENT] as const;
const CASE_WORKERS = [A.MEDIATOR, A.ADMIN] as const;

const nonEmpty = (s: unknown): boolean => typeof s === 'string' && s.trim().length > 0;
const needReason = (c: { reason?: string | null }) => (nonEmpty(c.reason) ? null : 'a non-empty reason is required');
const needReasons = (r: unknown) => (Array.isArray(r) && r.length > 0 && r.every(nonEmpty) ? null : 'at least one reason is required');

function rule<T extends CommandType>(r: TransitionRule<T>): TransitionRule<T> {
  return r;
}

export const CASE_TRANSITIONS: readonly TransitionRule<any>[] = Object.freeze([
  rule({ command: CommandType.INTAKE_ACCEPT, from: [S.FILED], to: S.SCREENING, by: [A.SYSTEM], event: CaseEventType.INTAKE_ACCEPTED,
    note: 'intake job: complete and not a duplicate' }),
  rule({ command: CommandType.INTAKE_REJECT, from: [S.FILED], to: S.CLOSED, by: [A.SYSTEM], event: CaseEventType.INTAKE_REJECTED,
    note: 'intake job: CLOSED(INELIGIBLE) with reasons, or CLOSED(DUPLICATE) with duplicateOf',
    validate: (c) => c.outcome === CaseOutcome.DUPLICATE ? (nonEmpty(c.duplicateOf) ? null : 'duplicateOf is required for DUPLICATE')
      : c.outcome === CaseOutcome.INELIGIBLE ? needReasons(c.reasons) : 'outcome must be INELIGIBLE or DUPLICATE' }),
  rule({ command: CommandType.SCREEN_SEND_NOTICE, from: [S.SCREENING], to: S.NOTICE_SENT, by: [A.SYSTEM], event: CaseEventType.NOTICE_SENT,
    note: 'screen job: actionable, the notice goes to the firm' }),
  rule({ command: CommandType.SCREEN_TO_REVIEW, from: [S.SCREENING], to: S.MEDIATOR_REVIEW, by: [A.SYSTEM], event: CaseEventType.SENT_TO_MEDIATOR_REVIEW,
    note: 'screen job: not actionable or needs a human' }),
  rule({ command: CommandType.SCREEN_INELIGIBLE, from: [S.SCREENING], to: S.CLOSED, outcome: CaseOutcome.INELIGIBLE, by: [A.SYSTEM],
    event: CaseEventType.SCREENED_INELIGIBLE, note: 'screen job: not eligible (reciprocity, term), with reasons',
    validate: (c) => needReasons(c.reasons) }),
  rule({ command: CommandType.REVIEW_PROCEED, from: [S.MEDIATOR_REVIEW], to: S.NOTICE_SENT, by: CASE_WORKERS, event: CaseEventType.REVIEW_PROCEEDED,
    note: 'assigned mediator confirms the case; reason required', validate: needReason }),
  rule({ command: CommandType.REVIEW_DISMISS, from: [S.MEDIATOR_REVIEW], to: S.CLOSED, outcome: CaseOutcome.DISMISSED, by: CASE_WORKERS,
    event: CaseEventType.DISMISSED, note: 'assigned mediator dismisses; reason required', validate: needReason }),
  rule({ command: CommandType.RESPOND_ACCEPT, from: [S.NOTICE_SENT], to: S.REMEDY_IN_PROGRESS, by: [A.RESPONDENT], event: CaseEventType.NOTICE_ACCEPTED,
    note: 'firm accepts; resolves as REMEDIED' }),
  rule({ command: CommandType.RESPOND_CONTEST, from: [S.NOTICE_SENT], to: S.NEGOTIATION, by: [A.RESPONDENT], event: CaseEventType.NOTICE_CONTESTED,
    note: 'firm contests' }),
  rule({ command: CommandType.RESPOND_OFFER_LICENSE, from: [S.NOTICE_SENT], to: S.NEGOTIATION, by: [A.RESPONDENT], event: CaseEventType.LICENSE_OFFERED,
    note: 'firm offers a license' }),
  rule({ command: CommandType.RESPOND_DECLINE, from: [S.NOTICE_SENT], to: S.CLOSED, outcome: CaseOutcome.REFERRED, by: [A.RESPONDENT],
    event: CaseEventType.PROCESS_DECLINED, note: 'firm declines the process: referred' }),
  rule({ command: CommandType.REQUEST_EXTENSION, from: [S.NOTICE_SENT], to: null, by: [A.RESPONDENT], event: CaseEventType.RESPONSE_EXTENDED,
    note: 'firm extends the response window, once per case',
    guard: (s) => (s.respondExtended ? { reason: 'EXTENSION_ALREADY_USED', message: 'the response extension was already used (one per case)' } : null) }),
  rule({ command: CommandType.RESPONSE_DEADLINE_EXPIRED, from: [S.NOTICE_SENT], to: S.NEGOTIATION, by: [A.SYSTEM], event: CaseEventType.RESPONSE_DEFAULTED,
    note: 'deadline job: no answer, defaulted=true (no automatic win)' }),
  rule({ command: CommandType.SETTLE, from: [S.NEGOTIATION, S.MEDIATION], to: S.REMEDY_IN_PROGRESS, by: [A.SYSTEM, ...PARTIES],
    event: CaseEventType.SETTLED, note: 'accepted offer or crossing blind bids; resolves as SETTLED or LICENSED',
    validate: (c) => c.kind !== ResolutionKind.SETTLED && c.kind !== ResolutionKind.LICENSED ? 'kind must be SETTLED or LICENSED'
      : c.via !== 'OFFER' && c.via !== 'BLIND_BID' ? 'via must be OFFER or BLIND_BID'
      : c.amountJpy != null && !(Number.isSafeInteger(c.amountJpy) && c.amountJpy > 0) ? 'amountJpy must be a positive whole number of yen'
      : null }),
  rule({ command: CommandType.REQUEST_MEDIATION, from: [S.NEGOTIATION], to: S.MEDIATION, by: PARTIES, event: CaseEventType.MEDIATION_REQUESTED,
    note: 'either party asks for a mediator' }),
  rule({ command: CommandType.NEGOTIATION_DEADLINE_EXPIRED, from: [S.NEGOTIATION], to: S.MEDIATION, by: [A.SYSTEM],
    event: CaseEventType.NEGOTIATION_EXPIRED, note: 'deadline job: negotiation window over' }),
  rule({ command: CommandType.ISSUE_RECOMMENDATION, from: [S.MEDIATION], to: S.RECOMMENDATION_ISSUED, by: CASE_WORKERS,
    event: CaseEventType.RECOMMENDATION_ISSUED, note: 'assigned mediator issues a recommendation' }),
  rule({ command: CommandType.EXTEND_MEDIATION, from: [S.MEDIATION], to: null, by: CASE_WORKERS, event: CaseEventType.MEDIATION_EXTENDED,
    note: 'assigned mediator extends the mediation window, once per case',
    guard: (s) => (s.mediationExtended ? { reason: 'EXTENSION_ALREADY_USED', message: 'the mediation extension was already used (one per case)' } : null) }),
  rule({ command: CommandType.MEDIATION_DEADLINE_EXPIRED, from: [S.MEDIATION], to: null, by: [A.SYSTEM], event: CaseEventType.RECOMMENDATION_DUE,
    note: 'deadline job: a recommendation is due; the mediator is reminded' }),
  rule({ command: CommandType.ACCEPT_RECOMMENDATION, from: [S.RECOMMENDATION_ISSUED], to: S.REMEDY_IN_PROGRESS, by: PARTIES,
    event: CaseEventType.RECOMMENDATION_ACCEPTED,
    note: 'each party once; the status moves when both have accepted (resolves as RECOMMENDATION_ACCEPTED)',
    guard: (s, actor) => {
      const done = !actor ? s.recommendationAcceptedByComplainant && s.recommendationAcceptedByRespondent
        : actor.kind === A.COMPLAINANT ? s.recommendationAcceptedByComplainant
        : actor.kind === A.RESPONDENT ? s.recommendationAcceptedByRespondent : false;
      return done ? { reason: 'ALREADY_ACCEPTED', message: 'this party has already accepted the recommendation' } : null;
    },
    build: (s, _c, actor) => {
      const byComplainant = actor.kind === A.COMPLAINANT;
      const events: Omit<EventDraft, 'occurredAt'>[] = [{
        type: byComplainant ? CaseEventType.RECOMMENDATION_ACCEPTED_BY_COMPLAINANT : CaseEventType.RECOMMENDATION_ACCEPTED_BY_RESPONDENT,
        fromStatus: s.status, toStatus: s.status, detail: { by: actor.kind },
      }];
      const other = byComplainant ? s.recommendationAcceptedByRespondent : s.recommendationAcceptedByComplainant;
      if (other) {
        events.push({ type: CaseEventType.RECOMMENDATION_ACCEPTED, fromStatus: s.status, toStatus: S.REMEDY_IN_PROGRESS,
          detail: { by: actor.kind, pendingResolution: ResolutionKind.RECOMMENDATION_ACCEPTED } });
      }
      return events;
    } }),
  rule({ command: CommandType.REJECT_RECOMMENDATION, from: [S.RECOMMENDATION_ISSUED], to: S.CLOSED, outcome: CaseOutcome.REFERRED, by: PARTIES,
    event: CaseEventType.RECOMMENDATION_REJECTED, note: 'a party rejects: referred' }),
  rule({ command: CommandType.RECOMMENDATION_DEADLINE_EXPIRED, from: [S.RECOMMENDATION_ISSUED], to: S.CLOSED, outcome: CaseOutcome.REFERRED,
    by: [A.SYSTEM], event: CaseEventType.RECOMMENDATION_EXPIRED, note: 'deadline job: not accepted by both in time: referred' }),
  rule({ command: CommandType.CERTIFY_REMEDY, from: [S.REMEDY_IN_PROGRESS], to: S.VERIFICATION, by: [A.RESPONDENT],
    event: CaseEventType.REMEDY_CERTIFIED, note: 'firm certifies the remedy is done' }),
  rule({ command: CommandType.REMEDY_DEADLINE_EXPIRED, from: [S.REMEDY_IN_PROGRESS], to: S.MEDIATION, by: [A.SYSTEM],
    event: CaseEventType.REMEDY_OVERDUE, note: 'deadline job: remedy not certified in time (non-compliance)' }),
  rule({ command: CommandType.CONFIRM_REMEDY, from: [S.VERIFICATION], to: S.CLOSED, outcome: CaseOutcome.RESOLVED, by: [A.COMPLAINANT],
    event: CaseEventType.REMEDY_CONFIRMED, note: 'creator confirms: resolved as the pending resolution' }),
  rule({ command: CommandType.VERIFICATION_DEADLINE_EXPIRED, from: [S.VERIFICATION], to: S.CLOSED, outcome: CaseOutcome.RESOLVED, by: [A.SYSTEM],
    event: CaseEventType.VERIFICATION_EXPIRED, note: 'deadline job: no dispute in time: resolved' }),
  rule({ command: CommandType.DISPUTE_REMEDY, from: [S.VERIFICATION], to: S.MEDIATION, by: [A.COMPLAINANT], event: CaseEventType.REMEDY_DISPUTED,
    note: 'creator disputes the certification; reason required', validate: needReason }),
  rule({ command: CommandType.WITHDRAW, from: OPEN_STATUSES, to: S.CLOSED, outcome: CaseOutcome.WITHDRAWN, by: [A.COMPLAINANT],
    event: CaseEventType.WITHDRAWN, note: 'complainant withdraws from any open status' }),
  rule({ command: CommandType.ASSIGN_MEDIATOR,
    from: [S.MEDIATOR_REVIEW, S.NEGOTIATION, S.MEDIATION, S.RECOMMENDATION_ISSUED, S.REMEDY_IN_PROGRESS, S.VERIFICATION],
    to: null, by: [A.SYSTEM, A.ADMIN], event: CaseEventType.MEDIATOR_ASSIGNED, note: 'assignment job or admin; event only',
    validate: (c) => (nonEmpty(c.mediatorAccountId) ? null : 'mediatorAccountId is required') }),
]);

const RULES = new Map<CommandType, TransitionRule<any>>(CASE_TRANSITIONS.map((r) => [r.command, r]));

/** Payload fields copied into event detail (all non-secret facts). */
const DETAIL_KEYS = ['outcome', 'reasons', 'duplicateOf', 'decision', 'reason', 'offerId', 'kind', 'via', 'amountJpy',
  'recommendationId', 'finding', 'mediatorAccountId'] as const;

function payloadDetail(command: Command): Record<string, unknown> {
  const src = command as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of DETAIL_KEYS) if (src[k] !== undefined && src[k] !== null) out[k] = src[k];
  return out;
}

function actorRefusal(r: TransitionRule<any>, actor: Actor): Refusal | null {
  if (!r.by.includes(actor.kind)) {
    return { reason: 'ACTOR_NOT_ALLOWED', message: `${actor.kind} may not ${r.command} (only ${r.by.join(', ')})` };
  }
  if (actor.kind === A.MEDIATOR && actor.assigned !== true) {
    return { reason: 'MEDIATOR_NOT_ASSIGNED', message: `only the mediator assigned to this case may ${r.command}` };
  }
  return null;
}

/** The commands legal now, optionally only those this actor may send. */
export function allowedCommands(state: CaseState, actor?: Actor): CommandType[] {
  return CASE_TRANSITIONS.filter((r) => r.from.includes(state.status)
    && (!actor || !actorRefusal(r, actor))
    && !(r.guard && r.guard(state, actor)))
    .map((r) => r.command);
}

export function transition(state: CaseState, command: Command, actor: Actor, now: Date): TransitionResult {
  const refuse = (code: 'INVALID_TRANSITION' | 'FORBIDDEN', r: Refusal): TransitionResult => ({
    ok: false, code, reason: r.reason, message: r.message, status: state.status, allowed: allowedCommands(state, actor),
  });
  const r = RULES.get(command?.type);
  if (!r) return refuse('INVALID_TRANSITION', { reason: 'UNKNOWN_COMMAND', message: `unknown command ${String(command?.type)}` });

  const forbidden = actorRefusal(r, actor);
  if (forbidden) return refuse('FORBIDDEN', forbidden);

  if (!r.from.includes(state.status)) {
    const allowed = allowedCommands(state, actor);
    return refuse('INVALID_TRANSITION', {
      reason: 'NOT_FROM_THIS_STATUS',
      message: `${r.command} is not possible while the case is ${state.status}; possible now: ${allowed.length ? allowed.join(', ') : 'nothing'}`,
    });
  }
  const blocked = r.guard?.(state, actor);
  if (blocked) return refuse('INVALID_TRANSITION', { reason: blocked.reason, message: `${r.command} refused: ${blocked.message}` });

  const invalid = r.validate?.(command);
  if (invalid) return refuse('INVALID_TRANSITION', { reason: 'INVALID_PAYLOAD', message: `${r.command}: ${invalid}` });

  const drafts = r.build ? r.build(state, command, actor) : [defaultEvent(r, state, command, actor)];
  const events = drafts.map((e) => ({ ...e, occurredAt: now }));
  return { ok: true, state: events.reduce(applyEvent, state), events };
}

function defaultEvent(r: TransitionRule<any>, state: CaseState, command: Command, actor: Actor): Omit<EventDraft, 'occurredAt'> {
  const to = r.to ?? state.status;
  const detail: Record<string, unknown> = { by: actor.kind, ...payloadDetail(command) };
  if (to === S.CLOSED) {
    detail.outcome = r.outcome ?? detail.outcome;
    if (detail.outcome === CaseOutcome.RESOLVED) detail.resolution = state.pendingResolution ?? ResolutionKind.REMEDIED;
  }
  return { type: r.event, fromStatus: state.status, toStatus: to, detail };
}
