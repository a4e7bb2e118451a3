import { IsNull, Not } from 'typeorm';
import type { Queryable } from '../database';
import { EmailVerificationEntity } from '../entities';

/** Email-verification links: only their token's SHA-256 is stored; a newer link replaces the account's older unused ones. */

/** The link with this id (the mail job's payload). */
export function findVerificationById(q: Queryable, id: string): Promise<EmailVerificationEntity | null> {
  return q.em.findOne(EmailVerificationEntity, { where: { id } });
}

/** The link whose token has this SHA-256. */
export function findVerificationByTokenHash(q: Queryable, tokenHash: string): Promise<EmailVerificationEntity | null> {
  return q.em.findOne(EmailVerificationEntity, { where: { tokenHash } });
}

/** Deletes the account's unused links, but `keepId` (a newer link, or the one that verified, replaces them). */
export async function deleteUnusedVerifications(q: Queryable, accountId: string, keepId: string | null = null): Promise<void> {
  await q.em.delete(EmailVerificationEntity, { accountId, usedAt: IsNull(), ...(keepId ? { id: Not(keepId) } : {}) });
}

/** Inserts an unused link. */
export async function insertVerification(q: Queryable, row: Pick<EmailVerificationEntity, 'id' | 'accountId' | 'email' | 'tokenHash' | 'expiresAt' | 'createdAt'>): Promise<void> {
  await q.em.insert(EmailVerificationEntity, { ...row, usedAt: null });
}

/** Marks the link used (the first use only: a later one keeps the first time). */
export async function markVerificationUsed(q: Queryable, id: string, now: Date): Promise<void> {
  await q.em.update(EmailVerificationEntity, { id, usedAt: IsNull() }, { usedAt: now });
}

/** The account's newest link (resendEmailVerification waits a minute between two). */
export function latestVerificationOf(q: Queryable, accountId: string): Promise<EmailVerificationEntity | null> {
  return q.em.findOne(EmailVerificationEntity, { where: { accountId }, order: { createdAt: 'DESC' } });
}
