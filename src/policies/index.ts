/**
 * # Policies: who may see and do what
 *
 * One module decides, per role, which rows a viewer may see and act on, and
 * what of a row it is shown. Services and resolvers ask it; none decides on
 * its own.
 *
 * - case.policy.ts — THE case rule, written once as conditions per role:
 *   ADMIN every case; CREATOR its own complaints; AI_FIRM the cases against its
 *   firm once noticed (noticeSentAt set); MEDIATOR the cases assigned to it.
 *   `actorFor` / `canSeeCase` answer "may this viewer see this row" (object
 *   lookups, mutations, the caseEvents subscription, per event); `caseScope`
 *   is the SQL of the same conditions for the `cases` list. Nested lists of a
 *   case (events, evidence, offers, deadlines, assessments, sessions …)
 *   inherit the case's visibility; stricter ones are decided here too
 *   (mediator notes: the assigned mediator and admins; blind-bid figures:
 *   never shown to anyone).
 * - lists.policy.ts — the lists that belong to their viewer (works, opt-outs,
 *   notifications, webhook deliveries, API keys) and the shared surfaces every
 *   firm reads (opt-out feed and check, /opt-outs.jsonl, public lists).
 * - fields.ts — field-level visibility: emails, mediator profiles, webhook
 *   URLs, the opt-out's reason and work, webhook attempt errors.
 * - scope.ts — how a scope meets a filter: `scopedQuery` puts the scope first
 *   with parameters under a reserved prefix, `narrow` ANDs filters onto it and
 *   refuses a parameter name that would overwrite a bound value. Client
 *   filters can only narrow a scope, never widen or replace it.
 *
 * Another party's object answers NOT_FOUND exactly like a missing one; lists
 * simply leave it out.
 */
export { actorFor, blindBidViewer, canSeeCase, caseScope, isParty, mayReadMediatorNotes, requireParty } from './case.policy';
export type { CaseParties, PartyActor } from './case.policy';
export { ownListScope, OWN_LISTS, sharedFirmSurface } from './lists.policy';
export type { OwnList, OwnScope } from './lists.policy';
export * as fields from './fields';
export { EVERYTHING, narrow, NOTHING, SCOPE_PARAM_PREFIX, scopedQuery } from './scope';
export type { SqlScope } from './scope';
