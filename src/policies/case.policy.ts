import { Actor, ActorKind } from '../domain/case/actor';
import { Role } from '../domain/enums';
import type { Viewer } from './context';
import { forbidden } from '../domain/errors';
import { EVERYTHING, NOTHING, principalOfCase, scopeParam, SqlScope } from '../persistence/scope';

/** What decides who sees a case: its parties, its principals and whether the firm has been noticed. */
export interface CaseParties {
  complainantId: string;
  respondentFirmId: string;
  mediatorId: string | null;
  /** From then on the firm sees the case. */
  noticeSentAt: Date | null | undefined;
  /**
   * The rights holders the case was filed for (`case_principal`), when read.
   * Undefined: not read, and then no principal is recognised (the case
   * service reads them for a creator who is not the complainant; see
   * CaseService.withPrincipals). The list scope reads them in SQL itself.
   */
  principalIds?: readonly string[] | null;
}

type PartyColumn = 'complainantId' | 'respondentFirmId' | 'mediatorId';
/** One condition of a rule: a party column equal to the viewer's id, the notice sent, or the viewer among the case's principals. */
type Condition =
  | { column: PartyColumn; equals: string }
  | { column: 'noticeSentAt'; present: true }
  | { column: 'principalIds'; contains: string };

/** Whom the viewer acts as on a case, and the conditions (all must hold) under which it sees it so. */
interface CaseRule { actor: Actor; when: Condition[] }

/**
 * THE case rule. Both the row check (actorFor) and the list scope
 * (caseScope) are derived from these conditions, so they cannot disagree.
 * Per role, the alternatives in order (the first that holds gives the actor):
 * - ADMIN sees every case;
 * - CREATOR sees the complaints it filed (as COMPLAINANT), and the complaints
 *   filed for it under a mandate (as PRINCIPAL: a reader on the complainant's
 *   side who makes no move — offers, answers and withdrawal stay with the
 *   filer). A principal keeps reading a case after revoking the mandate: the
 *   case was filed for it;
 * - AI_FIRM sees the cases against its firm once the notice was sent (an
 *   AI_FIRM account without a firm profile sees none);
 * - MEDIATOR sees the cases assigned to it.
 */
function caseRules(viewer: Viewer): CaseRule[] {
  switch (viewer.role) {
    case Role.ADMIN:
      return [{ actor: { kind: ActorKind.ADMIN, accountId: viewer.accountId }, when: [] }];
    case Role.CREATOR:
      return [
        { actor: { kind: ActorKind.COMPLAINANT, accountId: viewer.accountId }, when: [{ column: 'complainantId', equals: viewer.accountId }] },
        { actor: { kind: ActorKind.PRINCIPAL, accountId: viewer.accountId }, when: [{ column: 'principalIds', contains: viewer.accountId }] },
      ];
    case Role.AI_FIRM:
      if (!viewer.firmId) return [];
      return [{
        actor: { kind: ActorKind.RESPONDENT, accountId: viewer.accountId },
        when: [{ column: 'respondentFirmId', equals: viewer.firmId }, { column: 'noticeSentAt', present: true }],
      }];
    case Role.MEDIATOR:
      return [{ actor: { kind: ActorKind.MEDIATOR, accountId: viewer.accountId, assigned: true }, when: [{ column: 'mediatorId', equals: viewer.accountId }] }];
    default:
      return [];
  }
}

function holds(condition: Condition, row: CaseParties): boolean {
  if ('equals' in condition) return row[condition.column] != null && row[condition.column] === condition.equals;
  if ('contains' in condition) return !!row.principalIds?.includes(condition.contains);
  return !!row.noticeSentAt;
}

/** Which party or role the viewer is for this case, or null when the case is none of theirs (the API then answers NOT_FOUND). */
export function actorFor(viewer: Viewer | null, row: CaseParties): Actor | null {
  const rule = viewer ? caseRules(viewer).find((r) => r.when.every((c) => holds(c, row))) : undefined;
  return rule ? { ...rule.actor } : null;
}

/** May this viewer see this case (and, with it, its nested lists)? */
export function canSeeCase(viewer: Viewer | null, row: CaseParties): boolean {
  return actorFor(viewer, row) !== null;
}

/**
 * Whether the case's principals must be read before the row check can answer
 * for this viewer: a creator who is not the complainant may be a principal.
 */
export function needsPrincipals(viewer: Viewer | null, row: CaseParties): boolean {
  return viewer?.role === Role.CREATOR && row.complainantId !== viewer.accountId && row.principalIds === undefined;
}

/**
 * The SQL scope of a case list for the viewer, on the alias `alias`: exactly
 * the rows canSeeCase accepts (the rules ORed, each rule's conditions ANDed;
 * a principal through a subquery on case_principal). Its parameters carry the
 * reserved prefix, so a filter narrowing the list can never replace them.
 */
export function caseScope(viewer: Viewer, alias: string): SqlScope {
  const rules = caseRules(viewer);
  if (!rules.length) return NOTHING;
  if (rules.some((r) => r.when.length === 0)) return EVERYTHING;
  const params: Record<string, unknown> = {};
  const alternatives = rules.map((rule, i) => rule.when.map((c) => {
    if ('present' in c) return `${alias}.${c.column} IS NOT NULL`;
    const name = scopeParam(`case_${i}_${c.column}`);
    if ('contains' in c) {
      params[name] = c.contains;
      return principalOfCase(alias, name);
    }
    params[name] = c.equals;
    return `${alias}.${c.column} = :${name}`;
  }).join(' AND '));
  return { where: alternatives.length === 1 ? alternatives[0] : alternatives.map((a) => `(${a})`).join(' OR '), params };
}

// ---------------------------------------------------------------- nested: stricter than the case itself

/** Mediator notes: the assigned mediator and admins only (parties never learn whether notes exist). */
export function mayReadMediatorNotes(viewer: Viewer | null, row: CaseParties): boolean {
  const actor = actorFor(viewer, row);
  return actor?.kind === ActorKind.MEDIATOR || actor?.kind === ActorKind.ADMIN;
}

/** The parties of a case: the complainant and the noticed respondent. */
export type PartyActor = Actor & { kind: ActorKind.COMPLAINANT | ActorKind.RESPONDENT };

export function isParty(actor: Actor | null): actor is PartyActor {
  return actor?.kind === ActorKind.COMPLAINANT || actor?.kind === ActorKind.RESPONDENT;
}

/** The actor must be a party for `what` (FORBIDDEN otherwise: the case itself is visible to it). */
export function requireParty(actor: Actor, what: string): PartyActor {
  if (!isParty(actor)) throw forbidden(`Only the parties ${what}`);
  return actor;
}

/**
 * Blind bids: a party learns where the bidding stands for its own side and
 * its own bid count. No one — not the other party, the mediator or an admin —
 * is ever shown a sealed figure; only the settled midpoint leaves the
 * negotiation service (NegotiationService reads the figures, nothing else does).
 */
export function blindBidViewer(actor: Actor): PartyActor {
  return requireParty(actor, 'see the blind bidding');
}

// ---------------------------------------------------------------- files (issue 17)

/** Where an uploaded file is attached: what the file rule reads (stored-file.repository attachmentsOfFile). */
export interface FileAttachments {
  uploadedById: string;
  /** The cases whose evidence names the file, or that concern a work whose reference file it is. */
  cases: readonly CaseParties[];
  /** The owners of the works that name it as their reference file. */
  workOwnerIds: readonly string[];
}

/**
 * THE file rule: who may download an uploaded file (GET /files/{id}). The uploader; the owner of a work whose
 * reference file it is; admins; and whoever the case rule above lets see a case that holds it — as evidence,
 * or as the reference file of one of the case's works (the parties once noticed, the principals, the assigned
 * mediator: they weigh the output and the original side by side). Everyone else is answered NOT_FOUND, as for
 * a file that does not exist.
 */
export function mayReadFile(viewer: Viewer | null, file: FileAttachments): boolean {
  if (!viewer) return false;
  if (viewer.role === Role.ADMIN || file.uploadedById === viewer.accountId) return true;
  if (file.workOwnerIds.includes(viewer.accountId)) return true;
  return file.cases.some((c) => canSeeCase(viewer, c));
}
