/** Who asks for a case move. The service maps the signed-in account (or a job) to one of these. */
export enum ActorKind {
  SYSTEM = 'SYSTEM',
  COMPLAINANT = 'COMPLAINANT',
  RESPONDENT = 'RESPONDENT',
  MEDIATOR = 'MEDIATOR',
  ADMIN = 'ADMIN',
}

export interface Actor {
  kind: ActorKind;
  accountId?: string | null;
  /** For MEDIATOR: true when assigned to this case. An unassigned mediator may not act on it. */
  assigned?: boolean;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ kind: ActorKind.SYSTEM });
