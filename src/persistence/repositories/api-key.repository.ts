import { IsNull } from 'typeorm';
import type { Queryable } from '../database';
import { ApiKeyEntity } from '../entities';

/** API keys of AI_FIRM accounts: only the secret's SHA-256 is stored. */

/** Inserts a key and returns the row as written. */
export async function insertApiKey(q: Queryable, fields: Pick<ApiKeyEntity, 'id' | 'accountId' | 'name' | 'prefix' | 'secretHash'>): Promise<ApiKeyEntity> {
  const row = q.em.create(ApiKeyEntity, { ...fields, revokedAt: null });
  await q.em.insert(ApiKeyEntity, row);
  return row;
}

/** The key with this id if the account holds it (revoked or not). */
export function ownApiKey(q: Queryable, id: string, accountId: string): Promise<ApiKeyEntity | null> {
  return q.em.findOne(ApiKeyEntity, { where: { id, accountId } });
}

/** Marks a key revoked. */
export async function revokeApiKey(q: Queryable, id: string, at: Date): Promise<void> {
  await q.em.update(ApiKeyEntity, { id }, { revokedAt: at });
}

/** The account's keys, oldest first. */
export function apiKeysOf(q: Queryable, accountId: string): Promise<ApiKeyEntity[]> {
  return q.em.find(ApiKeyEntity, { where: { accountId }, order: { createdAt: 'ASC' } });
}

/** The unrevoked key whose secret has this SHA-256 (authentication). */
export function activeApiKeyByHash(q: Queryable, secretHash: string): Promise<ApiKeyEntity | null> {
  return q.em.findOne(ApiKeyEntity, { where: { secretHash, revokedAt: IsNull() } });
}
