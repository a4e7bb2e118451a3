import { CaseStatus } from '../enums';
import { CommandType } from './commands';
import { deadlinePlan } from './deadline-policy';

/**
 * What a case's change sets off, as data: the table beside the deadline
 * policy (deadline-policy.ts) that `CaseWorkflow` runs, in the listed order,
 * inside the transaction of the change. Nothing else reacts to a transition:
 * no service subscribes to the workflow. To add a follow-up, add a member to
 * `CaseEffect`, a row below, and its handler in `src/services/index.ts`
 * (the compiler asks for one handler per effect).
 */
export enum CaseEffect {
  /** Every batch of appended events: the parties' notifications (and firms' webhooks), by notification-rules.ts. */
  NOTIFY = 'NOTIFY',
  /** Every batch of appended events: published to live `caseEvents` subscribers after commit. */
  PUBLISH = 'PUBLISH',
  /** The windows the move cancels, starts or extends (deadlinePlan), with their reminders. */
  WINDOWS = 'WINDOWS',
  /** Entering NOTICE_SENT: the notice is written and served (API at once for enrolled firms, email otherwise). */
  NOTICE = 'NOTICE',
  /** Sent on to the firm (screening or review): a cross-border referral when the firm's country has an agreement or eligibility asks for one. */
  CROSS_BORDER_REFERRAL = 'CROSS_BORDER_REFERRAL',
  /** Leaving the bargaining statuses: open offers lapse. */
  LAPSE_OFFERS = 'LAPSE_OFFERS',
  /** Entering MEDIATION with no mediator: the assignment job is queued (outbox row in this transaction). */
  QUEUE_MEDIATOR_ASSIGNMENT = 'QUEUE_MEDIATOR_ASSIGNMENT',
  /** Screening sent the case to mediator review: a mediator is assigned at once (or MEDIATOR_UNAVAILABLE is recorded). */
  ASSIGN_REVIEWER = 'ASSIGN_REVIEWER',
}

/** The statuses in which offers can be made and accepted. */
export const BARGAINING_STATUSES: ReadonlySet<CaseStatus> = new Set([CaseStatus.NEGOTIATION, CaseStatus.MEDIATION]);

/** One applied command, as the effects see it. */
export interface CaseMove {
  from: CaseStatus;
  to: CaseStatus;
  command: CommandType;
  /** Whether the case has a mediator once the move is written. */
  mediatorAssigned: boolean;
}

export interface EffectRule {
  effect: CaseEffect;
  /** When the effect runs for a move (event effects run for every batch of events instead). */
  when: (move: CaseMove) => boolean;
  /** Why, in a sentence (ARCHITECTURE.md lists these). */
  why: string;
}

/** Effects of every batch of events appended to a case (a move's events, or events recorded without a move), in order. */
export const EVENT_EFFECTS: readonly CaseEffect[] = Object.freeze([CaseEffect.NOTIFY, CaseEffect.PUBLISH]);

const entering = (status: CaseStatus) => (m: CaseMove) => m.to === status && m.from !== status;
const SENT_ON = new Set<CommandType>([CommandType.SCREEN_SEND_NOTICE, CommandType.REVIEW_PROCEED]);

/** Effects of an applied command, in the order they run (after the case row and its events are written). */
export const TRANSITION_EFFECTS: readonly EffectRule[] = Object.freeze([
  {
    effect: CaseEffect.WINDOWS,
    when: (m: CaseMove) => { const p = deadlinePlan(m.from, m.to, m.command, m.mediatorAssigned); return p.cancel.length + p.start.length + p.extend.length > 0; },
    why: 'leaving a status cancels its windows, entering one starts them, an extension moves one (deadline-policy.ts)',
  },
  // After WINDOWS: the notice lists the windows this move started (and, for a respondent not on Chōtei, moves them to service).
  { effect: CaseEffect.NOTICE, when: entering(CaseStatus.NOTICE_SENT), why: 'the firm is told of the complaint, with the assessment and the windows' },
  { effect: CaseEffect.CROSS_BORDER_REFERRAL, when: (m: CaseMove) => entering(CaseStatus.NOTICE_SENT)(m) && SENT_ON.has(m.command),
    why: 'a complaint against a firm abroad is referred to the partner body of an agreement with dispute access' },
  { effect: CaseEffect.LAPSE_OFFERS, when: (m: CaseMove) => BARGAINING_STATUSES.has(m.from) && !BARGAINING_STATUSES.has(m.to),
    why: 'offers can only be accepted while the parties bargain' },
  { effect: CaseEffect.QUEUE_MEDIATOR_ASSIGNMENT, when: (m: CaseMove) => entering(CaseStatus.MEDIATION)(m) && !m.mediatorAssigned,
    why: 'a case in mediation needs a mediator; the job picks one after commit' },
  { effect: CaseEffect.ASSIGN_REVIEWER, when: (m: CaseMove) => m.command === CommandType.SCREEN_TO_REVIEW,
    why: 'a case screening could not decide is reviewed by a mediator, assigned at once' },
] satisfies EffectRule[]);

/** The effects of a move, in order. */
export function effectsOf(move: CaseMove): CaseEffect[] {
  return TRANSITION_EFFECTS.filter((rule) => rule.when(move)).map((rule) => rule.effect);
}
