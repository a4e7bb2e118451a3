import { In, IsNull, LessThan } from 'typeorm';
import type { Queryable } from '../database';
import { OutboxEntity } from '../entities';
import { readRows, sqlText, writeRows } from '../sql';

/**
 * The outbox's relay side: rows not yet handed to BullMQ, claiming them for one
 * relay, and stamping them sent. Rows are written by `Tx.enqueue`
 * (src/persistence/database.ts) in the transaction of their cause.
 */

/** Rows not dispatched and not held by a live claim (the claim expired or there is none). */
const claimable = (now: Date) => [
  { dispatchedAt: IsNull(), claimedUntil: IsNull() },
  { dispatchedAt: IsNull(), claimedUntil: LessThan(now) },
];

/** Whether any row waits to be claimed (a cheap look before opening a write transaction). */
export async function hasClaimable(q: Queryable, now: Date): Promise<boolean> {
  return (await q.em.find(OutboxEntity, { select: { id: true }, where: claimable(now), order: { id: 'ASC' }, take: 1 })).length > 0;
}

/**
 * Takes the oldest claimable rows, at most `limit`, for relay `owner` until `until`, and returns them, oldest first.
 * On PostgreSQL one statement (run it with Database.statement: it needs no transaction around it) that chooses
 * the rows `FOR UPDATE SKIP LOCKED`, so relays in other processes claiming at the same moment take other rows;
 * on SQLite a look and an update in the one-writer transaction, which does the same. Call in a short transaction.
 */
export async function claimUndispatched(q: Queryable, owner: string, now: Date, until: Date, limit: number): Promise<OutboxEntity[]> {
  if (q.kind === 'postgres') {
    return readRows(q, OutboxEntity, 'u', CLAIM_OUTBOX(q), [owner, until, now, limit]);
  }
  const rows = await q.em.find(OutboxEntity, { where: claimable(now), order: { id: 'ASC' }, take: limit });
  if (rows.length === 0) return [];
  await q.em.update(OutboxEntity, { id: In(rows.map((r) => r.id)) }, { claimedBy: owner, claimedUntil: until });
  return rows.map((r) => Object.assign(r, { claimedBy: owner, claimedUntil: until }));
}

/**
 * PostgreSQL: $1 the relay, $2 its claim's end, $3 now, $4 the batch size. The rows are chosen (and locked) once, in
 * a materialised CTE, then updated; the claimed rows are selected from the UPDATE's RETURNING (its columns named: a
 * prepared statement's result keeps its shape), by id.
 */
const CLAIM_OUTBOX = sqlText(({ p, columns }) => 'WITH "chosen" AS MATERIALIZED (SELECT k."id" FROM "outbox" k WHERE k."dispatchedAt" IS NULL '
  + `AND (k."claimedUntil" IS NULL OR k."claimedUntil" < ${p(3)}) ORDER BY k."id" ASC LIMIT ${p(4)} FOR UPDATE SKIP LOCKED), `
  + `"claimed" AS (UPDATE "outbox" u SET "claimedBy" = ${p(1)}, "claimedUntil" = ${p(2)} FROM "chosen" WHERE u."id" = "chosen"."id" RETURNING ${columns(OutboxEntity, 'u')}) `
  + 'SELECT * FROM "claimed" ORDER BY "u.id" ASC');

/** Stamps rows as handed to BullMQ (only after BullMQ accepted their jobs): one statement (Database.statement). */
export async function markDispatched(q: Queryable, ids: readonly number[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  if (q.kind === 'postgres') {
    await writeRows(q, MARK_DISPATCHED(q), [at, [...ids]]);
    return;
  }
  await q.em.update(OutboxEntity, { id: In([...ids]), dispatchedAt: IsNull() }, { dispatchedAt: at, claimedUntil: null });
}

/** PostgreSQL: $1 when, $2 the ids as an array (one statement text whatever the batch's size). */
const MARK_DISPATCHED = sqlText(({ p }) => `UPDATE "outbox" SET "dispatchedAt" = ${p(1)}, "claimedUntil" = NULL WHERE "id" = ANY(${p(2)}::int[]) AND "dispatchedAt" IS NULL`);

/** Gives back rows `owner` claimed but could not send, so any relay may take them at once. */
export async function releaseClaims(q: Queryable, ids: readonly number[], owner: string): Promise<void> {
  if (ids.length === 0) return;
  await q.em.update(OutboxEntity, { id: In([...ids]), claimedBy: owner, dispatchedAt: IsNull() }, { claimedBy: null, claimedUntil: null });
}

/** Which of these job ids still have an outbox row waiting to be sent (their job is on its way to BullMQ). */
export async function jobIdsAwaitingDispatch(q: Queryable, jobIds: readonly string[]): Promise<Set<string>> {
  if (jobIds.length === 0) return new Set();
  const rows = await q.em.find(OutboxEntity, { select: { id: true, jobId: true }, where: { dispatchedAt: IsNull(), jobId: In([...jobIds]) } });
  return new Set(rows.map((r) => r.jobId));
}

/** The oldest rows not yet dispatched, at most `limit`, in the order they were written (tests and diagnostics). */
export function undispatched(q: Queryable, limit: number): Promise<OutboxEntity[]> {
  return q.em.find(OutboxEntity, { where: { dispatchedAt: IsNull() }, order: { id: 'ASC' }, take: limit });
}

/** How many rows wait to be handed to BullMQ and when the oldest of them was written (null when none): the outbox lag. */
export async function undispatchedLag(q: Queryable): Promise<{ pending: number; oldestCreatedAt: Date | null }> {
  const [pending, oldest] = await Promise.all([
    q.em.count(OutboxEntity, { where: { dispatchedAt: IsNull() } }),
    q.em.find(OutboxEntity, { select: { id: true, createdAt: true }, where: { dispatchedAt: IsNull() }, order: { id: 'ASC' }, take: 1 }),
  ]);
  return { pending, oldestCreatedAt: oldest[0]?.createdAt ?? null };
}
