import { In, IsNull } from 'typeorm';
import type { Queryable } from '../database';
import { AccountEntity, NotificationEntity } from '../entities';
import { readRows, sqlText, values, writeRows } from '../sql';
import { keysetAfter, Page, toPage } from '../paging/keyset';
import { narrow, scopedQuery, type SqlScope } from '../scope';

/** Notifications: one row per account that must know or act; written in the transaction of their cause. */

/** Inserts a notification (kept statement) and returns the row as written. */
export async function insertNotification(q: Queryable, fields: Pick<NotificationEntity, 'id' | 'accountId' | 'caseId' | 'type' | 'payload' | 'readAt' | 'createdAt'>): Promise<NotificationEntity> {
  const row = q.em.create(NotificationEntity, fields);
  await writeRows(q, INSERT_NOTIFICATION(q), values(q, NotificationEntity, row, NOTIFICATION_COLUMNS));
  return row;
}

const NOTIFICATION_COLUMNS = ['id', 'accountId', 'caseId', 'type', 'payload', 'readAt', 'mailedAt', 'createdAt'] as const;
const INSERT_NOTIFICATION = sqlText(({ list }) => `INSERT INTO "notification" ("id", "accountId", "caseId", "type", "payload", "readAt", "mailedAt", "createdAt") VALUES (${list(1, 8)})`);

/**
 * Inserts a notification as insertNotification does and reads its account's mail settings with it (null when
 * the account is gone), for the mail decision that follows every notification: on PostgreSQL one statement
 * (the INSERT as a data-modifying CTE, the account joined to the row it returns), on SQLite two kept ones.
 */
export async function insertNotificationReadingAccount(q: Queryable, fields: Pick<NotificationEntity, 'id' | 'accountId' | 'caseId' | 'type' | 'payload' | 'readAt' | 'createdAt'>): Promise<{
  notification: NotificationEntity; account: Pick<AccountEntity, 'id' | 'emailVerifiedAt' | 'notificationPreferences'> | null;
}> {
  if (q.kind !== 'postgres') {
    const notification = await insertNotification(q, fields);
    return { notification, account: (await readRows(q, AccountEntity, 'a', ACCOUNT_MAIL_SETTINGS(q), [fields.accountId]))[0] ?? null };
  }
  const notification = q.em.create(NotificationEntity, fields);
  const [account] = await readRows(q, AccountEntity, 'a', INSERT_NOTIFICATION_READING_ACCOUNT(q), values(q, NotificationEntity, notification, NOTIFICATION_COLUMNS));
  return { notification, account: account ?? null };
}

const ACCOUNT_MAIL_SETTINGS = sqlText(({ p, columns }) => `SELECT ${columns(AccountEntity, 'a')} FROM "account" a WHERE a."id" = ${p(1)}`);
const INSERT_NOTIFICATION_READING_ACCOUNT = sqlText(({ list, columns }) => 'WITH "n" AS (INSERT INTO "notification" ("id", "accountId", "caseId", "type", "payload", "readAt", "mailedAt", "createdAt") '
  + `VALUES (${list(1, 8)}) RETURNING "accountId") SELECT ${columns(AccountEntity, 'a')} FROM "n" JOIN "account" a ON a."id" = "n"."accountId"`);

/** One page of the notifications `scope` allows (the viewer's own), newest first; `unreadOnly` narrows it. */
export async function notificationsPage(q: Queryable, scope: SqlScope, filter: { unreadOnly?: boolean | null }, page: { first: number; after?: string | null }): Promise<Page<NotificationEntity>> {
  const qb = scopedQuery(q.em, NotificationEntity, 'n', scope);
  if (filter.unreadOnly) narrow(qb, 'n.readAt IS NULL');
  keysetAfter(qb, 'n', 'notification', page.after);
  const rows = await qb.orderBy('n.createdAt', 'DESC').addOrderBy('n.id', 'DESC').take(page.first + 1).getMany();
  return toPage(rows, page.first, 'notification', page.after);
}

/** How many of the account's notifications are unread. */
export function unreadCountOf(q: Queryable, accountId: string): Promise<number> {
  return q.em.count(NotificationEntity, { where: { accountId, readAt: IsNull() } });
}

/** Marks the account's unread notifications read: those with `ids`, or all when `ids` is null. Returns how many changed. */
export async function markNotificationsRead(q: Queryable, accountId: string, ids: readonly string[] | null, now: Date): Promise<number> {
  const where = { accountId, readAt: IsNull(), ...(ids === null ? {} : { id: In([...ids]) }) };
  const result = await q.em.update(NotificationEntity, where, { readAt: now });
  return result.affected ?? 0;
}

/** The notification with this id (the notification mail job's payload). */
export function notificationById(q: Queryable, id: string): Promise<NotificationEntity | null> {
  return q.em.findOne(NotificationEntity, { where: { id } });
}

/** Records that the notification was mailed, if it was not yet; false when it already was. */
export async function markNotificationMailed(q: Queryable, id: string, now: Date): Promise<boolean> {
  const result = await q.em.update(NotificationEntity, { id, mailedAt: IsNull() }, { mailedAt: now });
  return !!result.affected;
}
