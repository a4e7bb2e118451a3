import { CaseOutcome, CaseStatus, ResolutionKind } from '../enums';

export interface CaseState {
  status: CaseStatus;
  outcome: CaseOutcome | null;
  resolution: ResolutionKind | null;
  /** The response window expired without an answer. */
  defaulted: boolean;
  /** REQUEST_EXTENSION was used (once per case). */
  respondExtended: boolean;
  /** The mediation window extension was used (once per case). */
  mediationExtended: boolean;
  recommendationAcceptedByComplainant: boolean;
  recommendationAcceptedByRespondent: boolean;
  /** What REMEDY_IN_PROGRESS resolves as once verified. */
  pendingResolution: ResolutionKind | null;
  /** The case came back to MEDIATION from a missed remedy deadline (sticky). */
  nonCompliance: boolean;
}

export const OPEN_STATUSES: readonly CaseStatus[] = Object.freeze(
  Object.values(CaseStatus).filter((s) => s !== CaseStatus.CLOSED),
);

/** Stable event type names; a CaseEvent row's `type`. */
export enum CaseEventType {
  FILED = 'FILED',
  INTAKE_ACCEPTED = 'INTAKE_ACCEPTED',
  INTAKE_REJECTED = 'INTAKE_REJECTED',
  NOTICE_SENT = 'NOTICE_SENT',
  SENT_TO_MEDIATOR_REVIEW = 'SENT_TO_MEDIATOR_REVIEW',
  SCREENED_INELIGIBLE = 'SCREENED_INELIGIBLE',
  REVIEW_PROCEEDED = 'REVIEW_PROCEEDED',
  DISMISSED = 'DISMISSED',
  NOTICE_ACCEPTED = 'NOTICE_ACCEPTED',
  NOTICE_CONTESTED = 'NOTICE_CONTESTED',
  LICENSE_OFFERED = 'LICENSE_OFFERED',
  PROCESS_DECLINED = 'PROCESS_DECLINED',
  RESPONSE_EXTENDED = 'RESPONSE_EXTENDED',
  RESPONSE_DEFAULTED = 'RESPONSE_DEFAULTED',
  SETTLED = 'SETTLED',
  MEDIATION_REQUESTED = 'MEDIATION_REQUESTED',
  NEGOTIATION_EXPIRED = 'NEGOTIATION_EXPIRED',
  RECOMMENDATION_ISSUED = 'RECOMMENDATION_ISSUED',
  MEDIATION_EXTENDED = 'MEDIATION_EXTENDED',
  RECOMMENDATION_DUE = 'RECOMMENDATION_DUE',
  RECOMMENDATION_ACCEPTED_BY_COMPLAINANT = 'RECOMMENDATION_ACCEPTED_BY_COMPLAINANT',
  RECOMMENDATION_ACCEPTED_BY_RESPONDENT = 'RECOMMENDATION_ACCEPTED_BY_RESPONDENT',
  RECOMMENDATION_ACCEPTED = 'RECOMMENDATION_ACCEPTED',
  RECOMMENDATION_REJECTED = 'RECOMMENDATION_REJECTED',
  RECOMMENDATION_EXPIRED = 'RECOMMENDATION_EXPIRED',
  REMEDY_CERTIFIED = 'REMEDY_CERTIFIED',
  REMEDY_OVERDUE = 'REMEDY_OVERDUE',
  REMEDY_CONFIRMED = 'REMEDY_CONFIRMED',
  VERIFICATION_EXPIRED = 'VERIFICATION_EXPIRED',
  REMEDY_DISPUTED = 'REMEDY_DISPUTED',
  WITHDRAWN = 'WITHDRAWN',
  MEDIATOR_ASSIGNED = 'MEDIATOR_ASSIGNED',
  /** The reconciler re-created a job the case's status expects and BullMQ had lost or failed for good (no move). */
  JOB_REPAIRED = 'JOB_REPAIRED',
  /** The reconciler reached its ceiling for a job and stopped: the job is left for an admin (failedJobs) (no move). */
  JOB_REPAIRS_EXHAUSTED = 'JOB_REPAIRS_EXHAUSTED',
  /**
   * A case dossier (GET /cases/{id}/dossier.pdf) was produced (no move): detail.sha256 is the SHA-256 of the exact
   * bytes served, with the language, who asked for it and when it was made, so whoever receives a copy can check it.
   */
  DOSSIER_ISSUED = 'DOSSIER_ISSUED',
}

/** An event to append to the case history. fromStatus === toStatus for events that do not move the case. */
export interface EventDraft {
  type: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  detail: Record<string, unknown>;
  occurredAt?: Date;
}

/** The shape replay() reads: a stored CaseEvent row is enough. */
export interface HistoryEvent {
  type: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  detail?: Record<string, unknown> | null;
}

export function initialState(): CaseState {
  return {
    status: CaseStatus.FILED,
    outcome: null,
    resolution: null,
    defaulted: false,
    respondExtended: false,
    mediationExtended: false,
    recommendationAcceptedByComplainant: false,
    recommendationAcceptedByRespondent: false,
    pendingResolution: null,
    nonCompliance: false,
  };
}

/** The first event of every case (written by the service that stores the complaint). */
export function filedEvent(now: Date): EventDraft {
  return { type: CaseEventType.FILED, fromStatus: null, toStatus: CaseStatus.FILED, detail: {}, occurredAt: now };
}

const RESOLUTIONS = new Set<string>(Object.values(ResolutionKind));
const OUTCOMES = new Set<string>(Object.values(CaseOutcome));

/**
 * The one reducer: transition() folds its own events through it, and replay() folds a stored
 * history, so the two cannot disagree. Events of other types (offers, evidence...) only move
 * the status when they carry a toStatus.
 */
export function applyEvent(state: CaseState, event: HistoryEvent): CaseState {
  const s: CaseState = { ...state };
  const d = event.detail ?? {};
  if (event.toStatus) s.status = event.toStatus;
  switch (event.type) {
    case CaseEventType.RESPONSE_DEFAULTED: s.defaulted = true; break;
    case CaseEventType.RESPONSE_EXTENDED: s.respondExtended = true; break;
    case CaseEventType.MEDIATION_EXTENDED: s.mediationExtended = true; break;
    case CaseEventType.RECOMMENDATION_ISSUED:
      s.recommendationAcceptedByComplainant = false;
      s.recommendationAcceptedByRespondent = false;
      break;
    case CaseEventType.RECOMMENDATION_ACCEPTED_BY_COMPLAINANT: s.recommendationAcceptedByComplainant = true; break;
    case CaseEventType.RECOMMENDATION_ACCEPTED_BY_RESPONDENT: s.recommendationAcceptedByRespondent = true; break;
    case CaseEventType.NOTICE_ACCEPTED: s.pendingResolution = ResolutionKind.REMEDIED; break;
    case CaseEventType.SETTLED:
      if (typeof d.kind === 'string' && RESOLUTIONS.has(d.kind)) s.pendingResolution = d.kind as ResolutionKind;
      break;
    case CaseEventType.RECOMMENDATION_ACCEPTED: s.pendingResolution = ResolutionKind.RECOMMENDATION_ACCEPTED; break;
    case CaseEventType.REMEDY_OVERDUE: s.nonCompliance = true; break;
  }
  if (s.status === CaseStatus.CLOSED && event.fromStatus !== CaseStatus.CLOSED) {
    if (typeof d.outcome === 'string' && OUTCOMES.has(d.outcome)) s.outcome = d.outcome as CaseOutcome;
    if (typeof d.resolution === 'string' && RESOLUTIONS.has(d.resolution)) s.resolution = d.resolution as ResolutionKind;
  }
  return s;
}

/** Rebuild a case's state from its history (oldest first). */
export function replay(events: readonly HistoryEvent[]): CaseState {
  return events.reduce(applyEvent, initialState());
}
