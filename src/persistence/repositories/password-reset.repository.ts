import { IsNull, type EntityManager } from 'typeorm';
import { PasswordResetEntity } from '../entities';

/** Password-reset tokens: only their SHA-256 is stored; a token is used once, before it expires. */

export function findResetById(em: EntityManager, id: string): Promise<PasswordResetEntity | null> {
  return em.findOne(PasswordResetEntity, { where: { id } });
}

export function findResetByTokenHash(em: EntityManager, tokenHash: string): Promise<PasswordResetEntity | null> {
  return em.findOne(PasswordResetEntity, { where: { tokenHash } });
}

/** Ends every unused token of an account (a newer request, or a reset that succeeded, supersedes them). */
export async function supersedeUnusedResets(em: EntityManager, accountId: string, now: Date): Promise<void> {
  await em.update(PasswordResetEntity, { accountId, usedAt: IsNull() }, { usedAt: now });
}

export async function insertReset(em: EntityManager, row: Pick<PasswordResetEntity, 'id' | 'accountId' | 'tokenHash' | 'expiresAt'>): Promise<void> {
  await em.insert(PasswordResetEntity, { ...row, usedAt: null });
}

/** Marks the token used if it still is unused; false when a parallel reset with the same token won. */
export async function markResetUsed(em: EntityManager, id: string, now: Date): Promise<boolean> {
  const result = await em.createQueryBuilder().update(PasswordResetEntity).set({ usedAt: now })
    .where('id = :id AND "usedAt" IS NULL', { id }).execute();
  return !!result.affected;
}
