/**
 * # Policies: who may see and do what
 *
 * One module decides, per role, which rows a viewer may see and act on, and
 * what of a row it is shown. Services and resolvers ask it; none decides on
 * its own.
 *
 * - case.policy.ts — THE case rule, written once as conditions per role:
 *   ADMIN every case; CREATOR its own complaints and, as a PRINCIPAL (a reader
 *   who makes no move), the complaints filed for it under a mandate; AI_FIRM the cases against its
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
 *
 * Respondents not on Chōtei (issue 14) need no rule of their own: a respondent
 * record has no account, so no viewer is its firm. `claimRespondent` merges the
 * record into the claiming firm (its cases' respondentFirmId moves to that
 * firm), so the one case rule above covers the claimed cases unchanged.
 *
 * ## Every list of the schema and what scopes it
 *
 * | list | who | scope |
 * |---|---|---|
 * | cases(filter) | signed in | caseScope; filters narrow() it |
 * | case(id), every case mutation, blindBidStatus | signed in | actorFor / canSeeCase (NOT_FOUND otherwise) |
 * | caseEvents (subscription) | signed in | canSeeCase on subscribe, again per committed batch (ends when it stops holding) |
 * | Case.works, evidence, assessment(s), deadlines, events, notice, referral, offers, settlement, licenseAgreements, mediationSessions, recommendation, remedyCertifications | the case's viewers | canSeeCase of the parent (empty/null otherwise) |
 * | Case.mediatorNotes | assigned mediator, admins | mayReadMediatorNotes (null otherwise) |
 * | Case.principals | the case's viewers | canSeeCase of the parent (empty otherwise) |
 * | GET /files/{id}, Evidence.file, Work.referenceFile | uploader, work owner, admins, viewers of a case holding it | mayReadFile (NOT_FOUND / null otherwise) |
 * | mandates (+ revokeMandate) | CREATOR | the mandates it granted (principalId) or holds (agentId); only the principal revokes |
 * | blind-bid figures | nobody | never leave NegotiationService; blindBidViewer: own side, own count |
 * | myWorks, myOptOuts (+ withdrawOptOut) | CREATOR | OWN_LISTS.works / .optOuts (ownerId) |
 * | myNotifications, unreadNotificationCount, markNotificationsRead | signed in | OWN_LISTS.notifications (accountId) |
 * | webhookDeliveries(status) | AI_FIRM | OWN_LISTS.webhookDeliveries (firmId); status narrows |
 * | redeliverWebhook(deliveryId), pingWebhook | AI_FIRM | OWN_LISTS.webhookDeliveries owns(firmId) (NOT_FOUND otherwise); ping goes to the firm's own URL |
 * | apiKeys (+ revokeApiKey) | AI_FIRM | OWN_LISTS.apiKeys (accountId) |
 * | optOutFeed, checkOptOuts | AI_FIRM | shared surface: every row, fields.optOut* redact |
 * | GET /opt-outs.jsonl | anyone | hash, scope, effectiveFrom, signals only (src/http) |
 * | aiSystems(firmId), AiFirm.aiSystems, transparencyReport, countries, country.agreements, reciprocityAgreements, ruleSets, licenseTemplates | anyone | public, no personal data |
 * | WebhookDelivery.attempts | the firm | fields.webhookAttemptError (no addresses) |
 * | AiFirm.contactEmail (respondents not on Chōtei) | admins, mediators of its cases | fields.firmContactEmail (null to everyone else) |
 */
export { actorFor, blindBidViewer, canSeeCase, caseScope, isParty, mayReadFile, mayReadMediatorNotes, needsPrincipals, requireParty } from './case.policy';
export type { CaseParties, FileAttachments, PartyActor } from './case.policy';
export { ownListScope, OWN_LISTS, sharedFirmSurface } from './lists.policy';
export type { OwnList, OwnScope } from './lists.policy';
export * as fields from './fields';
export { EVERYTHING, narrow, NOTHING, SCOPE_PARAM_PREFIX, scopedQuery } from '../persistence/scope';
export type { SqlScope } from '../persistence/scope';
