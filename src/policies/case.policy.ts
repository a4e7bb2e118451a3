import { Actor, ActorKind } from '../domain/case/actor';
import { Role } from '../domain/enums';
import type { Viewer } from './context';
import { forbidden } from '../domain/errors';
import { EVERYTHING, NOTHING, scopeParam, SqlScope } from '../persistence/scope';

/** What decides who sees a case: its parties and whether the firm has been noticed. */
export interface CaseParties {
  complainantId: string;
  respondentFirmId: string;
  mediatorId: string | null;
  /** From then on the firm sees the case. */
  noticeSentAt: Date | null | undefined;
}

type PartyColumn = 'complainantId' | 'respondentFirmId' | 'mediatorId';
/** One condition of a rule: a party column equal to the viewer's id, or the notice sent. */
type Condition = { column: PartyColumn; equals: string } | { column: 'noticeSentAt'; present: true };

/** Per role: whom the viewer acts as on a case, and the conditions (all must hold) under which it sees it. */
interface CaseRule { actor: Actor; when: Condition[] }

/**
 * THE case rule. Both the row check (actorFor) and the list scope
 * (caseScope) are derived from these conditions, so they cannot disagree:
 * - ADMIN sees every case;
 * - CREATOR sees the complaints it filed;
 * - AI_FIRM sees the cases against its firm once the notice was sent (an
 *   AI_FIRM account without a firm profile sees none);
 * - MEDIATOR sees the cases assigned to it.
 */
function caseRule(viewer: Viewer): CaseRule | null {
  switch (viewer.role) {
    case Role.ADMIN:
      return { actor: { kind: ActorKind.ADMIN, accountId: viewer.accountId }, when: [] };
    case Role.CREATOR:
      return { actor: { kind: ActorKind.COMPLAINANT, accountId: viewer.accountId }, when: [{ column: 'complainantId', equals: viewer.accountId }] };
    case Role.AI_FIRM:
      if (!viewer.firmId) return null;
      return {
        actor: { kind: ActorKind.RESPONDENT, accountId: viewer.accountId },
        when: [{ column: 'respondentFirmId', equals: viewer.firmId }, { column: 'noticeSentAt', present: true }],
      };
    case Role.MEDIATOR:
      return { actor: { kind: ActorKind.MEDIATOR, accountId: viewer.accountId, assigned: true }, when: [{ column: 'mediatorId', equals: viewer.accountId }] };
    default:
      return null;
  }
}

function holds(condition: Condition, row: CaseParties): boolean {
  if ('equals' in condition) return row[condition.column] != null && row[condition.column] === condition.equals;
  return !!row.noticeSentAt;
}

/** Which party or role the viewer is for this case, or null when the case is none of theirs (the API then answers NOT_FOUND). */
export function actorFor(viewer: Viewer | null, row: CaseParties): Actor | null {
  const rule = viewer ? caseRule(viewer) : null;
  if (!rule || !rule.when.every((c) => holds(c, row))) return null;
  return { ...rule.actor };
}

/** May this viewer see this case (and, with it, its nested lists)? */
export function canSeeCase(viewer: Viewer | null, row: CaseParties): boolean {
  return actorFor(viewer, row) !== null;
}

/**
 * The SQL scope of a case list for the viewer, on the alias `alias`: exactly
 * the rows canSeeCase accepts. Its parameters carry the reserved prefix, so
 * a filter narrowing the list can never replace them.
 */
export function caseScope(viewer: Viewer, alias: string): SqlScope {
  const rule = caseRule(viewer);
  if (!rule) return NOTHING;
  if (rule.when.length === 0) return EVERYTHING;
  const params: Record<string, unknown> = {};
  const parts = rule.when.map((c) => {
    if (!('equals' in c)) return `${alias}.${c.column} IS NOT NULL`;
    const name = scopeParam(`case_${c.column}`);
    params[name] = c.equals;
    return `${alias}.${c.column} = :${name}`;
  });
  return { where: parts.join(' AND '), params };
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
