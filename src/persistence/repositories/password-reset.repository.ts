import { IsNull } from 'typeorm';
import type { Queryable } from '../database';
import { PasswordResetEntity } from '../entities';

/** Password-reset tokens: only their SHA-256 is stored; a token is used once, before it expires. */

/** The reset with this id (the mail job's payload). */
export function findResetById(q: Queryable, id: string): Promise<PasswordResetEntity | null> {
  return q.em.findOne(PasswordResetEntity, { where: { id } });
}

/** The reset whose token has this SHA-256. */
export function findResetByTokenHash(q: Queryable, tokenHash: string): Promise<PasswordResetEntity | null> {
  return q.em.findOne(PasswordResetEntity, { where: { tokenHash } });
}

/** Ends every unused token of an account (a newer request, or a reset that succeeded, supersedes them). */
export async function supersedeUnusedResets(q: Queryable, accountId: string, now: Date): Promise<void> {
  await q.em.update(PasswordResetEntity, { accountId, usedAt: IsNull() }, { usedAt: now });
}

/** Inserts an unused reset. */
export async function insertReset(q: Queryable, row: Pick<PasswordResetEntity, 'id' | 'accountId' | 'tokenHash' | 'expiresAt'>): Promise<void> {
  await q.em.insert(PasswordResetEntity, { ...row, usedAt: null });
}

/** Marks the token used if it still is unused; false when a parallel reset with the same token won. */
export async function markResetUsed(q: Queryable, id: string, now: Date): Promise<boolean> {
  const result = await q.em.createQueryBuilder().update(PasswordResetEntity).set({ usedAt: now })
    .where('id = :id AND "usedAt" IS NULL', { id }).execute();
  return !!result.affected;
}
