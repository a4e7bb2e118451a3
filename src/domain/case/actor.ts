/** Who asks for a case move. The service maps the signed-in account (or a job) to one of these. */
export enum ActorKind {
  SYSTEM = 'SYSTEM',
  COMPLAINANT = 'COMPLAINANT',
  RESPONDENT = 'RESPONDENT',
  MEDIATOR = 'MEDIATOR',
  ADMIN = 'ADMIN',
  /**
   * A rights holder the complaint was filed for under a mandate (issue 14):
   * reads the case on the complainant's side but makes no move; the filer
   * (COMPLAINANT) acts for it. No transition lists this kind.
   */
  PRINCIPAL = 'PRINCIPAL',
}

export interface Actor {
  kind: ActorKind;
  accountId?: string | null;
  /** For MEDIATOR: true when assigned to this case. An unassigned mediator may not act on it. */
  assigned?: boolean;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ kind: ActorKind.SYSTEM });
