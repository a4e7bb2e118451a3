/**
 * Which notifications are also sent by email, by group, and what an account
 * chose (updateNotificationPreferences). Pure: no I/O.
 *
 * Default (an account that never chose): NOTICES and DEADLINES by email, the
 * rest not. The service of a notice on the respondent (the serve-notice mail,
 * src/services/notice.service.ts) is not a notification mail and cannot be
 * turned off: NOTICE_SENT and REVIEW_PROCEEDED notifications are never mailed
 * again on top of it.
 */
export enum NotificationMailGroup {
  /** A notice was served (or could not be), a respondent record was claimed. */
  NOTICES = 'NOTICES',
  /** Deadline reminders (7 days, 2 days, same day) and windows that passed. */
  DEADLINES = 'DEADLINES',
  /** The respondent's answer: accepted, contested, licence offered, defaulted. */
  RESPONSES = 'RESPONSES',
  /** Offers, blind bids, settlements, mediation requested, negotiation expired. */
  NEGOTIATION = 'NEGOTIATION',
  /** Mediator assigned, case sent to a mediator's review, recommendation issued or accepted. */
  MEDIATION = 'MEDIATION',
  /** Remedy certified or disputed. */
  REMEDY = 'REMEDY',
  /** The case closed (whatever closed it). */
  CASE_CLOSED = 'CASE_CLOSED',
  /** Everything else (evidence added by the other party …). */
  OTHER = 'OTHER',
}

/** What an account receives by email when it never chose. */
export const DEFAULT_EMAIL_GROUPS: readonly NotificationMailGroup[] = [NotificationMailGroup.NOTICES, NotificationMailGroup.DEADLINES];

/** As stored on the account (null there: the defaults). */
export interface NotificationPreferencesData {
  /** Notification mail at all (false: none, whatever emailGroups says). */
  email: boolean;
  /** The groups mailed when `email` is on. */
  emailGroups: NotificationMailGroup[];
}

export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferencesData = { email: true, emailGroups: [...DEFAULT_EMAIL_GROUPS] };

/** Notification types that are never mailed as notifications: the notice itself is served by its own mail. */
const NEVER_MAILED = new Set(['NOTICE_SENT', 'REVIEW_PROCEEDED']);

const G = NotificationMailGroup;
const GROUP_OF_TYPE: Record<string, NotificationMailGroup> = {
  NOTICE_SERVED: G.NOTICES, NOTICE_SERVICE_FAILED: G.NOTICES, NOTICE_SERVICE_RETRIED: G.NOTICES, RESPONDENT_CLAIMED: G.NOTICES,
  DEADLINE_REMINDER: G.DEADLINES, ACKNOWLEDGEMENT_OVERDUE: G.DEADLINES, RECOMMENDATION_DUE: G.DEADLINES, REMEDY_OVERDUE: G.DEADLINES,
  NOTICE_ACCEPTED: G.RESPONSES, NOTICE_CONTESTED: G.RESPONSES, LICENSE_OFFERED: G.RESPONSES, RESPONSE_DEFAULTED: G.RESPONSES,
  OFFER_MADE: G.NEGOTIATION, BLIND_BID_SUBMITTED: G.NEGOTIATION, SETTLED: G.NEGOTIATION, MEDIATION_REQUESTED: G.NEGOTIATION, NEGOTIATION_EXPIRED: G.NEGOTIATION,
  MEDIATOR_ASSIGNED: G.MEDIATION, SENT_TO_MEDIATOR_REVIEW: G.MEDIATION, RECOMMENDATION_ISSUED: G.MEDIATION,
  RECOMMENDATION_ACCEPTED_BY_COMPLAINANT: G.MEDIATION, RECOMMENDATION_ACCEPTED_BY_RESPONDENT: G.MEDIATION, RECOMMENDATION_ACCEPTED: G.MEDIATION,
  REMEDY_CERTIFIED: G.REMEDY, REMEDY_DISPUTED: G.REMEDY,
};

/**
 * The group of a notification (its type, and the case status it carries): any
 * notification of a move into CLOSED is CASE_CLOSED; null for the types never
 * mailed as notifications.
 */
export function mailGroupOf(type: string, status?: unknown): NotificationMailGroup | null {
  if (NEVER_MAILED.has(type)) return null;
  if (status === 'CLOSED') return G.CASE_CLOSED;
  return GROUP_OF_TYPE[type] ?? G.OTHER;
}

/** The preferences as stored (null or partial: the defaults fill in), with unknown groups dropped. */
export function notificationPreferences(stored: Partial<NotificationPreferencesData> | null | undefined): NotificationPreferencesData {
  const groups = Array.isArray(stored?.emailGroups)
    ? stored!.emailGroups.filter((g): g is NotificationMailGroup => Object.values(G).includes(g as NotificationMailGroup))
    : [...DEFAULT_EMAIL_GROUPS];
  return { email: typeof stored?.email === 'boolean' ? stored.email : true, emailGroups: [...new Set(groups)] };
}

/** Does this account want this notification by email? */
export function wantsNotificationMail(stored: Partial<NotificationPreferencesData> | null | undefined, type: string, status?: unknown): boolean {
  const group = mailGroupOf(type, status);
  if (!group) return false;
  const prefs = notificationPreferences(stored);
  return prefs.email && prefs.emailGroups.includes(group);
}
