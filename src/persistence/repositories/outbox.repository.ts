import { In, IsNull } from 'typeorm';
import type { Queryable } from '../database';
import { OutboxEntity } from '../entities';

/**
 * The outbox's relay side: rows not yet handed to BullMQ, and stamping them sent.
 * Rows are written by `Tx.enqueue` (src/persistence/database.ts) in the transaction of their cause.
 */

/** The oldest rows not yet dispatched, at most `limit`, in the order they were written. */
export function undispatched(q: Queryable, limit: number): Promise<OutboxEntity[]> {
  return q.em.find(OutboxEntity, { where: { dispatchedAt: IsNull() }, order: { id: 'ASC' }, take: limit });
}

/** Stamps rows as handed to BullMQ. */
export async function markDispatched(q: Queryable, ids: readonly number[], at: Date): Promise<void> {
  await q.em.update(OutboxEntity, { id: In([...ids]) }, { dispatchedAt: at });
}
