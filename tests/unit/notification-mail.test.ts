import { describe, expect, it } from 'vitest';
import { mailGroupOf, NotificationMailGroup, notificationPreferences, wantsNotificationMail } from '../../src/domain/notification-mail';
import { NOTIFICATION_RULES } from '../../src/services/notification-rules';

describe('notification mail groups and preferences', () => {
  it('mails notices and deadline reminders by default, and nothing else', () => {
    expect(wantsNotificationMail(null, 'DEADLINE_REMINDER', 'NOTICE_SENT')).toBe(true);
    expect(wantsNotificationMail(null, 'NOTICE_SERVED', 'NOTICE_SENT')).toBe(true);
    expect(wantsNotificationMail(null, 'ACKNOWLEDGEMENT_OVERDUE', 'NOTICE_SENT')).toBe(true);
    for (const type of ['NOTICE_CONTESTED', 'OFFER_MADE', 'SETTLED', 'MEDIATOR_ASSIGNED', 'RECOMMENDATION_ISSUED', 'REMEDY_CERTIFIED', 'EVIDENCE_ADDED']) {
      expect(wantsNotificationMail(null, type, 'NEGOTIATION'), type).toBe(false);
    }
  });

  it('never mails the notice itself as a notification (the notice is served by its own mail)', () => {
    expect(mailGroupOf('NOTICE_SENT', 'NOTICE_SENT')).toBeNull();
    expect(mailGroupOf('REVIEW_PROCEEDED', 'NOTICE_SENT')).toBeNull();
    expect(wantsNotificationMail({ email: true, emailGroups: Object.values(NotificationMailGroup) }, 'NOTICE_SENT', 'NOTICE_SENT')).toBe(false);
  });

  it('puts any move into CLOSED in CASE_CLOSED, and gives every notified event type a group', () => {
    expect(mailGroupOf('SETTLED', 'CLOSED')).toBe(NotificationMailGroup.CASE_CLOSED);
    expect(mailGroupOf('SETTLED', 'REMEDY_IN_PROGRESS')).toBe(NotificationMailGroup.NEGOTIATION);
    // A type added to the rules table without a group would fall into OTHER (off by default): only evidence belongs there.
    const unmailed = ['NOTICE_SENT', 'REVIEW_PROCEEDED'];
    for (const type of Object.keys(NOTIFICATION_RULES).filter((t) => !unmailed.includes(t))) {
      const group = mailGroupOf(type, 'NEGOTIATION');
      if (type === 'EVIDENCE_ADDED') expect(group, type).toBe(NotificationMailGroup.OTHER);
      else expect(group, type).not.toBe(NotificationMailGroup.OTHER);
    }
  });

  it('follows what the account chose: off as a whole, or only the groups listed', () => {
    expect(wantsNotificationMail({ email: false, emailGroups: ['DEADLINES'] as never }, 'DEADLINE_REMINDER')).toBe(false);
    expect(wantsNotificationMail({ email: true, emailGroups: ['RESPONSES'] as never }, 'DEADLINE_REMINDER')).toBe(false);
    expect(wantsNotificationMail({ email: true, emailGroups: ['RESPONSES'] as never }, 'RESPONSE_DEFAULTED', 'NEGOTIATION')).toBe(true);
    // Unknown groups in a stored value are dropped; missing fields take the defaults.
    expect(notificationPreferences({ emailGroups: ['NOPE', 'REMEDY'] as never })).toEqual({ email: true, emailGroups: ['REMEDY'] });
    expect(notificationPreferences({ email: false })).toEqual({ email: false, emailGroups: ['NOTICES', 'DEADLINES'] });
  });
});
