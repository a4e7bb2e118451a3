import { WebhookDeliveryStatus } from '../../domain/enums';
import type { Queryable } from '../database';
import { WebhookDeliveryEntity } from '../entities';
import { sqlText, values, writeRows } from '../sql';
import { keysetAfter, Page, toPage } from '../paging/keyset';
import { narrow, scopedQuery, type SqlScope } from '../scope';

/** Webhook deliveries: one message to a firm's endpoint, with every attempt recorded on it. */

/** One attempt as recorded on a delivery. */
export type WebhookAttempt = WebhookDeliveryEntity['attempts'][number];

/** Inserts a delivery (kept statement) and returns the row as written. */
export async function insertDelivery(q: Queryable, fields: Pick<WebhookDeliveryEntity, 'id' | 'firmId' | 'notificationId' | 'eventType' | 'url' | 'body' | 'status' | 'attempts' | 'deliveredAt' | 'createdAt'> & Partial<Pick<WebhookDeliveryEntity, 'redeliveries' | 'redeliveredAt'>>): Promise<WebhookDeliveryEntity> {
  const delivery = q.em.create(WebhookDeliveryEntity, fields);
  await writeRows(q, INSERT_DELIVERY(q), values(q, WebhookDeliveryEntity, delivery, DELIVERY_COLUMNS));
  return delivery;
}

const DELIVERY_COLUMNS = ['id', 'firmId', 'notificationId', 'eventType', 'url', 'body', 'status', 'attempts', 'deliveredAt', 'redeliveries', 'redeliveredAt', 'createdAt'] as const;
const INSERT_DELIVERY = sqlText(({ list }) => 'INSERT INTO "webhook_delivery" ("id", "firmId", "notificationId", "eventType", "url", "body", "status", "attempts", "deliveredAt", '
  + `"redeliveries", "redeliveredAt", "createdAt") VALUES (${list(1, 12)})`);

/** One page of the deliveries `scope` allows (the firm's own), newest first; `status` narrows it. */
export async function deliveriesPage(q: Queryable, scope: SqlScope, filter: { status?: WebhookDeliveryStatus | null }, page: { first: number; after?: string | null }): Promise<Page<WebhookDeliveryEntity>> {
  const qb = scopedQuery(q.em, WebhookDeliveryEntity, 'd', scope);
  if (filter.status) narrow(qb, 'd.status = :filterStatus', { filterStatus: filter.status });
  keysetAfter(qb, 'd', 'webhook_delivery', page.after);
  const rows = await qb.orderBy('d.createdAt', 'DESC').addOrderBy('d.id', 'DESC').take(page.first + 1).getMany();
  return toPage(rows, page.first, 'webhook_delivery', page.after);
}

/** The delivery with this id. */
export function findDelivery(q: Queryable, id: string): Promise<WebhookDeliveryEntity | null> {
  return q.em.findOne(WebhookDeliveryEntity, { where: { id } });
}

/** The delivery with this id, its row locked for the transaction on PostgreSQL (SQLite serialises writers). */
export function lockedDelivery(q: Queryable, id: string): Promise<WebhookDeliveryEntity | null> {
  const qb = q.em.createQueryBuilder(WebhookDeliveryEntity, 'd').where('d.id = :id', { id });
  if (q.kind === 'postgres') qb.setLock('pessimistic_write');
  return qb.getOne();
}

/** Writes a delivery's attempts and outcome (status, the URL it went to, when it was delivered). */
export async function recordDeliveryAttempts(q: Queryable, id: string, changes: Pick<WebhookDeliveryEntity, 'attempts' | 'status' | 'url' | 'deliveredAt'>): Promise<void> {
  await q.em.update(WebhookDeliveryEntity, { id }, changes);
}

/** Starts another round of a delivery (redeliverWebhook): PENDING again at `url`, its attempts kept, the round counted. */
export async function startRedelivery(q: Queryable, id: string, changes: Pick<WebhookDeliveryEntity, 'status' | 'url' | 'deliveredAt' | 'redeliveries' | 'redeliveredAt'>): Promise<void> {
  await q.em.update(WebhookDeliveryEntity, { id }, changes);
}

/** The oldest PENDING deliveries, at most `limit` (the sweep looks for lost jobs among them). */
export function pendingDeliveries(q: Queryable, limit: number): Promise<WebhookDeliveryEntity[]> {
  return q.em.find(WebhookDeliveryEntity, { where: { status: WebhookDeliveryStatus.PENDING }, order: { createdAt: 'ASC' }, take: limit });
}
