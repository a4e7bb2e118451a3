import { In, IsNull, LessThan } from 'typeorm';
import type { Queryable } from '../database';
import { OutboxEntity } from '../entities';

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
 * Takes the oldest claimable rows, at most `limit`, for relay `owner` until `until`, and returns them.
 * On PostgreSQL the rows are chosen `FOR UPDATE SKIP LOCKED`, so relays in other processes claiming at
 * the same moment take other rows; on SQLite the one-writer transaction does the same. Call in a short transaction.
 */
export async function claimUndispatched(q: Queryable, owner: string, now: Date, until: Date, limit: number): Promise<OutboxEntity[]> {
  const rows = await q.em.find(OutboxEntity, {
    where: claimable(now), order: { id: 'ASC' }, take: limit,
    ...(q.kind === 'postgres' ? { lock: { mode: 'pessimistic_write' as const, onLocked: 'skip_locked' as const } } : {}),
  });
  if (rows.length === 0) return [];
  await q.em.update(OutboxEntity, { id: In(rows.map((r) => r.id)) }, { claimedBy: owner, claimedUntil: until });
  return rows.map((r) => Object.assign(r, { claimedBy: owner, claimedUntil: until }));
}

/** Stamps rows as handed to BullMQ (only after BullMQ accepted their jobs). */
export async function markDispatched(q: Queryable, ids: readonly number[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await q.em.update(OutboxEntity, { id: In([...ids]), dispatchedAt: IsNull() }, { dispatchedAt: at, claimedUntil: null });
}

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
