import { Role } from '../domain/enums';
import type { Viewer } from './context';

/**
 * Field-level visibility: what of a row a viewer who may see the row is shown.
 * Resolvers call these and nothing else decides it. `viewer` is the one the
 * answer is presented to (presentedTo(ctx): the account just signed in to, else
 * the request's viewer); null is anonymous.
 */

const isAdmin = (viewer: Viewer | null) => viewer?.role === Role.ADMIN;

/** Account.email: in full to the account itself and admins; masked (first letter and domain) to everyone else. */
export function accountEmail(viewer: Viewer | null, account: { id: string; email: string }): string {
  if (viewer && (viewer.accountId === account.id || isAdmin(viewer))) return account.email;
  const at = account.email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${account.email.slice(0, 1)}***@${account.email.slice(at + 1)}`;
}

/** Account.notificationPreferences (what the account receives by email): the account itself and admins. */
export function mayReadNotificationPreferences(viewer: Viewer | null, account: { id: string }): boolean {
  return !!viewer && (viewer.accountId === account.id || isAdmin(viewer));
}

/** Account.mediator (languages, capacity, declared conflicts): the mediator itself and admins. */
export function mayReadMediatorProfile(viewer: Viewer | null, account: { id: string; role: Role }): boolean {
  return account.role === Role.MEDIATOR && !!viewer && (viewer.accountId === account.id || isAdmin(viewer));
}

/**
 * Account.creator (kind, nationality): shown wherever the account is. A
 * creator account is reached only by itself (me, signUp, logIn) and through a
 * case its viewer may see (Case.complainant, Offer.madeBy), where eligibility
 * rests on these facts; never through a shared surface.
 */
export function mayReadCreatorProfile(_viewer: Viewer | null, account: { role: Role }): boolean {
  return account.role === Role.CREATOR;
}

/** AiFirm.webhookUrl: the firm itself and admins. (Signing secrets are shown once, by rotateWebhookSecret, and never read back.) */
export function firmWebhookUrl(viewer: Viewer | null, firm: { id: string; webhookUrl: string | null }): string | null {
  if (!viewer || (!isAdmin(viewer) && viewer.firmId !== firm.id)) return null;
  return firm.webhookUrl ?? null;
}

/** The creator who owns an opt-out, and admins, see all of it; firms read it on shared surfaces (optOutFeed, checkOptOuts). */
function ownsOptOut(viewer: Viewer | null, optOut: { ownerId: string }): boolean {
  return !!viewer && (viewer.accountId === optOut.ownerId || isAdmin(viewer));
}

/** What every reader but the owner (and admins) is told of an unrecognised opt-out: nothing about the creator or the work. */
export const NOT_RECOGNISED_NEUTRAL = 'Recorded, but not recognised in Japan: eligibility does not grant this opt-out OPT_OUT_RECOGNITION.';

/**
 * OptOut.notRecognisedReason: the detailed explanation (which rule, the
 * creator's nationality, the work's country …) to the owner and admins; the
 * neutral sentence to everyone else; null when recognised.
 */
export function optOutNotRecognisedReason(viewer: Viewer | null, optOut: { ownerId: string; recognised: boolean; notRecognisedReason: string | null }): string | null {
  if (optOut.recognised) return null;
  return ownsOptOut(viewer, optOut) ? optOut.notRecognisedReason ?? NOT_RECOGNISED_NEUTRAL : NOT_RECOGNISED_NEUTRAL;
}

/** OptOut.work (title, URL, publication data): the owner and admins only; firms match on contentHash. */
export function mayReadOptOutWork(viewer: Viewer | null, optOut: { ownerId: string }): boolean {
  return ownsOptOut(viewer, optOut);
}

const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const IPV6 = /(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}/gi;

/**
 * WebhookAttempt.error: why an attempt failed, as stored (deliveries record a
 * neutral reason: src/infra/webhooks/url-policy.ts describeDeliveryError); an IP
 * address in an older record is blanked all the same.
 */
export function webhookAttemptError(error: string | null | undefined): string | null {
  if (error == null) return null;
  return error.replace(IPV4, '[address]').replace(IPV6, (m) => (/[0-9a-f]/i.test(m) ? '[address]' : m));
}

/**
 * AiFirm.contactEmail (the address a respondent record's notice is served on):
 * admins, and the mediators assigned to one of the firm's cases
 * (`mediatesItsCase`, asked only for mediators). Never the parties, other
 * firms or anonymous readers, so it never reaches a public surface.
 */
export function firmContactEmail(viewer: Viewer | null, firm: { contactEmail: string | null }, mediatesItsCase: () => Promise<boolean>): Promise<string | null> | string | null {
  if (!viewer || firm.contactEmail == null) return null;
  if (isAdmin(viewer)) return firm.contactEmail;
  if (viewer.role !== Role.MEDIATOR) return null;
  return mediatesItsCase().then((yes) => (yes ? firm.contactEmail : null));
}

/** Notice.serviceAttempts[].error: a neutral reason as stored (src/infra/mail), with any address blanked all the same. */
export function serviceAttemptError(error: string | null | undefined): string | null {
  return webhookAttemptError(error);
}
