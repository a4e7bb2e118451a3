import type { EntityManager } from 'typeorm';
import { AccountEntity } from '../entities';

/** Accounts: look-ups by email and the writes that end sessions. */

export function findAccountByEmail(em: EntityManager, email: string): Promise<AccountEntity | null> {
  return em.findOne(AccountEntity, { where: { email: email.trim().toLowerCase() } });
}

export function findAccountById(em: EntityManager, id: string): Promise<AccountEntity | null> {
  return em.findOne(AccountEntity, { where: { id } });
}

/** Every JWT issued before carries an older version and is refused from now on (src/services/auth.service.ts). */
export async function bumpTokenVersion(em: EntityManager, accountId: string): Promise<void> {
  await em.increment(AccountEntity, { id: accountId }, 'tokenVersion', 1);
}

export async function setPasswordHash(em: EntityManager, accountId: string, passwordHash: string): Promise<void> {
  await em.update(AccountEntity, { id: accountId }, { passwordHash });
}
