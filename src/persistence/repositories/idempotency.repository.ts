import { LessThan } from 'typeorm';
import type { Queryable } from '../database';
import { ph, sqlDate } from '../sql';
import { IdempotencyKeyEntity, type StoredResponse } from '../entities/idempotency-key.entity';

/** Client idempotency keys (table idempotency_key): one row per (account, key). */

/** Inserts the key as RUNNING unless the account already holds it; true when this call inserted it. */
export async function insertKeyIfAbsent(q: Queryable, row: { accountId: string; key: string; requestHash: string; createdAt: Date }): Promise<boolean> {
  const p = [1, 2, 3, 4, 5].map((n) => ph(q.kind, n));
  const rows = await q.em.query(
    `INSERT INTO "idempotency_key" ("accountId", "key", "requestHash", "status", "response", "createdAt") VALUES (${p[0]}, ${p[1]}, ${p[2]}, ${p[3]}, NULL, ${p[4]})`
    + ' ON CONFLICT ("accountId", "key") DO NOTHING RETURNING "key"',
    [row.accountId, row.key, row.requestHash, 'RUNNING', sqlDate(q.kind, row.createdAt)],
  ) as unknown[];
  return Array.isArray(rows) && rows.length > 0;
}

/** The account's row for this key, if any. */
export function keyOfAccount(q: Queryable, accountId: string, key: string): Promise<IdempotencyKeyEntity | null> {
  return q.em.findOne(IdempotencyKeyEntity, { where: { accountId, key } });
}

/** Deletes the account's key if it was made before `before` (expired: it counts as never used). */
export async function deleteKeyIfOlder(q: Queryable, accountId: string, key: string, before: Date): Promise<void> {
  await q.em.delete(IdempotencyKeyEntity, { accountId, key, createdAt: LessThan(before) });
}

/** Marks a RUNNING key DONE with the answer to replay. */
export async function completeKey(q: Queryable, accountId: string, key: string, response: StoredResponse): Promise<void> {
  await q.em.update(IdempotencyKeyEntity, { accountId, key, status: 'RUNNING' }, { status: 'DONE', response: response as never }); // simple-json: stored as it is
}

/** Deletes a RUNNING key (its request did nothing: the client may retry with it). */
export async function deleteRunningKey(q: Queryable, accountId: string, key: string): Promise<void> {
  await q.em.delete(IdempotencyKeyEntity, { accountId, key, status: 'RUNNING' });
}

/** Deletes every key made before `before`; returns how many. */
export async function deleteKeysOlderThan(q: Queryable, before: Date): Promise<number> {
  const result = await q.em.delete(IdempotencyKeyEntity, { createdAt: LessThan(before) });
  return result.affected ?? 0;
}
