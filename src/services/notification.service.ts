import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database, Tx } from '../persistence/database';
import type { AiFirmEntity, CaseEntity, CaseEventEntity, NotificationEntity, WebhookDeliveryEntity } from '../persistence/entities';
import type { RequestContext } from '../policies/context';
import { InputCheck } from '../domain/errors';
import { ownListScope } from '../policies';
import { detailParties, otherParty, recipientsFor } from './notification-rules';
import { Page, PageArgs, pageSize } from '../persistence/paging/keyset';
import type { WebhookService } from './webhook.service';
import * as firms from '../persistence/repositories/firm.repository';
import * as notifications from '../persistence/repositories/notification.repository';
import * as accounts from '../persistence/repositories/account.repository';
import * as cases from '../persistence/repositories/case.repository';
import type { Config } from '../config/env';
import { jobId, MAIL_JOB_ATTEMPTS, QueueName } from '../domain/queues';
import { mailGroupOf, NotificationPreferencesData, wantsNotificationMail } from '../domain/notification-mail';
import { MailError, mailerFor } from '../infra/mail/mailer';
import { MailLocale, notificationMail } from '../infra/mail/templates';

export interface NotifyData {
  caseId: string | null;
  /** What happened: a case event type (NOTICE_SENT …) or another stable name. */
  type: string;
  /** Ids, event types and enum values only: see safePayload. */
  payload?: Record<string, unknown>;
  /** When it happened (defaults to now). */
  occurredAt?: Date;
}

/** Event detail keys that may travel in a notification or webhook: ids, kinds, outcomes, due dates — never statements, amounts or names. */
export const SAFE_DETAIL_KEYS = [
  'offerId', 'evidenceId', 'recommendationId', 'deadlineId', 'mediatorAccountId', 'duplicateOf',
  'kind', 'dueAt', 'reminder', 'outcome', 'resolution', 'by', 'via',
] as const;

/** Keys that suggest content rather than ids; dropped from any payload whatever their value. */
const UNSAFE_KEY = /amount|statement|message|reason|text|excerpt|description|email|name|note|secret|token|password|url/i;
const MAX_VALUE = 120;

/**
 * Keeps a payload to ids, event types and enum values: primitive values (or
 * lists of them), short strings, no nested objects, no keys that name content.
 * Callers should pass ids only; this is the guard that makes it true.
 */
export function safePayload(payload: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload ?? {})) {
    if (UNSAFE_KEY.test(key)) continue;
    const ok = (v: unknown) => v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= MAX_VALUE);
    if (ok(value)) out[key] = value;
    else if (Array.isArray(value) && value.length <= 20 && value.every(ok)) out[key] = value;
    else if (value instanceof Date) out[key] = value.toISOString();
  }
  return out;
}

/**
 * Notifications: one row per account that must know or act, and for a firm
 * with a webhook URL a signed webhook delivery as well. Written in the
 * caller's transaction, so a notification exists exactly when its cause
 * committed.
 */
export class NotificationService {
  constructor(private readonly db: Database, private readonly webhooks: WebhookService, private readonly log?: Logger,
    private readonly config: Pick<Config, 'publicUrl' | 'mail'> | null = null) {}

  /**
   * Writes the account's notification; when the account's address is verified and its preferences ask for this
   * kind by email (src/domain/notification-mail.ts), also queues its mail through the outbox (job
   * notification-mail-<notificationId>: one message per notification).
   */
  async notifyAccount(tx: Tx, data: NotifyData & { accountId: string }, now = new Date()): Promise<NotificationEntity> {
    const fields = {
      id: randomUUID(), accountId: data.accountId, caseId: data.caseId, type: data.type, payload: safePayload(data.payload),
      readAt: null, createdAt: data.occurredAt ?? now,
    };
    // A kind that can go by mail: the account's settings are read with the INSERT (one statement on PostgreSQL).
    if (this.config && mailGroupOf(fields.type, fields.payload.status) !== null) {
      const { notification, account: settings } = await notifications.insertNotificationReadingAccount(tx, fields);
      if (settings?.emailVerifiedAt && wantsNotificationMail(settings.notificationPreferences as Partial<NotificationPreferencesData> | null, notification.type, notification.payload.status)) {
        await tx.enqueue({ queue: QueueName.MAIL, name: 'notification', jobId: jobId('notification-mail', notification.id), payload: { notificationId: notification.id } });
      }
      return notification;
    }
    return notifications.insertNotification(tx, fields);
  }

  /**
   * The notification mail job (src/jobs/send-notification-mail.job.ts): mails one notification to its account in the
   * account's language — what happened, the case reference, deadline facts the payload carries, and a link to
   * {PUBLIC_URL}; nothing about the other party beyond what the notification shows the recipient. Idempotent on the
   * notification: one already mailed (mailedAt) is skipped, as is one the account no longer wants by email (its
   * preferences changed, or its address is no longer verified). A failure worth another try throws; the last one is 'refused'.
   */
  async mailNotification(notificationId: string, attempt: number, log: Logger): Promise<'sent' | 'refused' | 'skipped'> {
    if (!this.config) throw new Error('NotificationService needs the configuration to send mail');
    const notification = await notifications.notificationById(this.db.reads, notificationId);
    if (!notification || notification.mailedAt) return 'skipped';
    const account = await accounts.findAccountById(this.db.reads, notification.accountId);
    const payload = notification.payload ?? {};
    if (!account || !account.emailVerifiedAt
      || !wantsNotificationMail(account.notificationPreferences as Partial<NotificationPreferencesData> | null, notification.type, payload.status)) return 'skipped';
    const locale: MailLocale = account.locale === 'en' ? 'en' : 'ja';
    const reference = typeof payload.caseReference === 'string' ? payload.caseReference
      : notification.caseId ? (await cases.caseById(this.db.reads, notification.caseId))?.reference ?? null : null;
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    const mail = notificationMail(locale, {
      displayName: account.displayName, type: notification.type, caseReference: reference, status: str(payload.status),
      deadlineKind: notification.type === 'DEADLINE_REMINDER' || notification.type.endsWith('_OVERDUE') ? str(payload.kind) : null,
      dueAt: str(payload.dueAt), reminder: typeof payload.reminder === 'number' ? payload.reminder : null,
      publicUrl: this.config.publicUrl, group: mailGroupOf(notification.type, payload.status) ?? 'OTHER',
    });
    try {
      await mailerFor(this.config).send({ to: account.email, ...mail, messageId: `<notification-${notification.id}@chotei.localhost>`, kind: 'notification' });
    } catch (error) {
      const failure = error instanceof MailError ? error : new MailError('The message could not be sent; it will be tried again.', false, null);
      if (failure.permanent || attempt >= MAIL_JOB_ATTEMPTS) {
        log.warn({ notificationId: notification.id, err: failure.message }, 'notification mail refused');
        return 'refused';
      }
      throw failure;
    }
    await this.db.transaction((tx) => notifications.markNotificationMailed(tx, notification.id, new Date()));
    return 'sent';
  }

  /** The firm's account gets the notification; a firm with a webhook URL also gets a webhook delivery (job webhook-<deliveryId>). */
  async notifyFirm(tx: Tx, data: NotifyData & { firmId: string }, now = new Date()): Promise<{ notification: NotificationEntity; delivery: WebhookDeliveryEntity | null } | null> {
    const firm = await firms.firmById(tx, data.firmId);
    if (!firm) {
      this.log?.warn({ firmId: data.firmId, type: data.type }, 'notification for a firm that does not exist; skipped');
      return null;
    }
    return this.notifyFirmRow(tx, firm, data, now);
  }

  private async notifyFirmRow(tx: Tx, firm: AiFirmEntity, data: NotifyData, now: Date) {
    // A respondent record nobody has claimed has no account to notify (its notice is served by email).
    if (!firm.accountId) return null;
    const notification = await this.notifyAccount(tx, { ...data, accountId: firm.accountId }, now);
    const delivery = await this.webhooks.enqueueDelivery(tx, firm, {
      type: data.type, caseId: data.caseId, notificationId: notification.id, occurredAt: data.occurredAt ?? now, data: notification.payload,
    }, now);
    return { notification, delivery };
  }

  /**
   * Effect NOTIFY (src/domain/case/effects.ts): maps each event of a batch to the accounts that must hear of it
   * (never the account that made it; the rules table in notification-rules.ts) and notifies them.
   */
  async notifyCaseEvents(tx: Tx, row: CaseEntity, events: CaseEventEntity[]): Promise<void> {
    for (const event of events) {
      const targets = new Map<string, { kind: 'account' | 'firm'; id: string }>();
      const add = (party: 'COMPLAINANT' | 'RESPONDENT' | 'MEDIATOR') => {
        if (party === 'COMPLAINANT') targets.set(`a:${row.complainantId}`, { kind: 'account', id: row.complainantId });
        else if (party === 'RESPONDENT' && row.noticeSentAt) targets.set(`f:${row.respondentFirmId}`, { kind: 'firm', id: row.respondentFirmId });
        else if (party === 'MEDIATOR' && row.mediatorId) targets.set(`a:${row.mediatorId}`, { kind: 'account', id: row.mediatorId });
      };
      for (const recipient of recipientsFor(event)) {
        switch (recipient) {
          case 'COMPLAINANT': case 'RESPONDENT': case 'MEDIATOR': add(recipient); break;
          case 'OTHER_PARTY': { const other = otherParty(event); if (other) add(other); break; }
          case 'DETAIL_PARTIES': detailParties(event).forEach(add); break;
          case 'ASSIGNED_MEDIATOR': {
            const id = event.detail?.mediatorAccountId;
            if (typeof id === 'string' && id) targets.set(`a:${id}`, { kind: 'account', id });
            break;
          }
        }
      }
      if (targets.size === 0) continue;
      const payload: Record<string, unknown> = {
        caseId: row.id, caseReference: row.reference, eventId: event.id, eventSeq: event.seq, eventType: event.type, status: event.toStatus,
      };
      for (const key of SAFE_DETAIL_KEYS) if (event.detail?.[key] !== undefined) payload[key] = event.detail[key];
      const data: NotifyData = { caseId: row.id, type: event.type, payload, occurredAt: event.at };
      for (const target of targets.values()) {
        if (target.kind === 'firm') {
          const firm = await firms.firmById(tx, target.id);
          if (firm && firm.accountId !== event.actorId) await this.notifyFirmRow(tx, firm, data, event.at);
        } else if (target.id !== event.actorId) {
          await this.notifyAccount(tx, { ...data, accountId: target.id }, event.at);
        }
      }
    }
  }

  /** The viewer's notifications, newest first. */
  async myNotifications(ctx: RequestContext, args: PageArgs & { unreadOnly?: boolean | null }): Promise<Page<NotificationEntity>> {
    const own = ownListScope(ctx, 'notifications');
    const first = pageSize(args);
    return notifications.notificationsPage(this.db.reads, own.sql('n'), { unreadOnly: args.unreadOnly }, { first, after: args.after });
  }

  async unreadCount(ctx: RequestContext): Promise<number> {
    const own = ownListScope(ctx, 'notifications');
    return notifications.unreadCountOf(this.db.reads, own.ownerId);
  }

  /** Marks the viewer's notifications read: the ones named, or all. Returns how many changed from unread to read. */
  async markRead(ctx: RequestContext, args: { ids?: string[] | null; all?: boolean | null }, now = new Date()): Promise<number> {
    const own = ownListScope(ctx, 'notifications');
    const ids = args.ids ?? [];
    new InputCheck('ids')
      .check(args.all === true || ids.length > 0, 'ids', 'name the notifications to mark read, or pass all: true')
      .check(!(args.all === true && ids.length > 0), 'ids', 'pass either ids or all: true, not both')
      .throwIfAny();
    return this.db.transaction((tx) => notifications.markNotificationsRead(tx, own.ownerId, args.all ? null : ids, now));
  }
}
