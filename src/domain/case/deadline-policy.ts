import { CaseStatus, DeadlineKind } from '../enums';
import { ActorKind } from './actor';
import { CommandType } from './commands';

/** Which windows run in each status (DESIGN.md "Case lifecycle"). */
export const WINDOWS_BY_STATUS: Partial<Record<CaseStatus, DeadlineKind[]>> = {
  [CaseStatus.NOTICE_SENT]: [DeadlineKind.ACKNOWLEDGE, DeadlineKind.RESPOND],
  [CaseStatus.NEGOTIATION]: [DeadlineKind.NEGOTIATION],
  [CaseStatus.MEDIATION]: [DeadlineKind.MEDIATION, DeadlineKind.MEDIATOR_ASSIGNMENT],
  [CaseStatus.RECOMMENDATION_ISSUED]: [DeadlineKind.RECOMMENDATION],
  [CaseStatus.REMEDY_IN_PROGRESS]: [DeadlineKind.REMEDY],
  [CaseStatus.VERIFICATION]: [DeadlineKind.VERIFICATION],
};

/** The command a deadline's expiry gives, or null for windows whose expiry only records and reminds. */
export const EXPIRY_COMMAND: Record<DeadlineKind, CommandType | null> = {
  [DeadlineKind.ACKNOWLEDGE]: null,
  [DeadlineKind.RESPOND]: CommandType.RESPONSE_DEADLINE_EXPIRED,
  [DeadlineKind.NEGOTIATION]: CommandType.NEGOTIATION_DEADLINE_EXPIRED,
  [DeadlineKind.MEDIATOR_ASSIGNMENT]: null,
  [DeadlineKind.MEDIATION]: CommandType.MEDIATION_DEADLINE_EXPIRED,
  [DeadlineKind.RECOMMENDATION]: CommandType.RECOMMENDATION_DEADLINE_EXPIRED,
  [DeadlineKind.REMEDY]: CommandType.REMEDY_DEADLINE_EXPIRED,
  [DeadlineKind.VERIFICATION]: CommandType.VERIFICATION_DEADLINE_EXPIRED,
};

/** Who must act before each window ends (reminders go to them). */
export const WINDOW_PARTY: Record<DeadlineKind, Array<ActorKind>> = {
  [DeadlineKind.ACKNOWLEDGE]: [ActorKind.RESPONDENT],
  [DeadlineKind.RESPOND]: [ActorKind.RESPONDENT],
  [DeadlineKind.NEGOTIATION]: [ActorKind.COMPLAINANT, ActorKind.RESPONDENT],
  [DeadlineKind.MEDIATOR_ASSIGNMENT]: [ActorKind.ADMIN],
  [DeadlineKind.MEDIATION]: [ActorKind.MEDIATOR],
  [DeadlineKind.RECOMMENDATION]: [ActorKind.COMPLAINANT, ActorKind.RESPONDENT],
  [DeadlineKind.REMEDY]: [ActorKind.RESPONDENT],
  [DeadlineKind.VERIFICATION]: [ActorKind.COMPLAINANT],
};

export interface DeadlinePlan {
  /** Pending windows to cancel. */
  cancel: DeadlineKind[];
  /** Windows to start now. */
  start: DeadlineKind[];
  /** Windows whose due date moves later by the named extension. */
  extend: Array<{ kind: DeadlineKind; by: 'RESPOND_EXTENSION' | 'MEDIATION_EXTENSION' }>;
}

/**
 * What a move does to the case's windows: leaving a status cancels its windows,
 * entering one starts them, and the two extension commands push a window back.
 */
export function deadlinePlan(from: CaseStatus, to: CaseStatus, command: CommandType, mediatorAssigned: boolean): DeadlinePlan {
  if (command === CommandType.REQUEST_EXTENSION) return { cancel: [], start: [], extend: [{ kind: DeadlineKind.RESPOND, by: 'RESPOND_EXTENSION' }] };
  if (command === CommandType.EXTEND_MEDIATION) return { cancel: [], start: [], extend: [{ kind: DeadlineKind.MEDIATION, by: 'MEDIATION_EXTENSION' }] };
  if (command === CommandType.ASSIGN_MEDIATOR) return { cancel: [DeadlineKind.MEDIATOR_ASSIGNMENT], start: [], extend: [] };
  if (from === to) return { cancel: [], start: [], extend: [] };
  const leaving = WINDOWS_BY_STATUS[from] ?? [];
  const entering = (WINDOWS_BY_STATUS[to] ?? []).filter((k) => k !== DeadlineKind.MEDIATOR_ASSIGNMENT || !mediatorAssigned);
  // Leaving a status cancels its windows (MEDIATOR_ASSIGNMENT belongs to MEDIATION); closing cancels everything.
  const cancel = to === CaseStatus.CLOSED ? Object.values(DeadlineKind) : leaving;
  return { cancel: [...new Set(cancel)], start: entering, extend: [] };
}
