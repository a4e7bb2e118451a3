import type { Queryable } from '../database';
import { readRows, sqlText } from '../sql';
import { AiFirmEntity } from '../entities';

/** AI firm rows: the firm of an account, its webhook URL and signing secret. */

/** Inserts the firm profile of an AI_FIRM account. */
export async function insertFirm(q: Queryable, row: Pick<AiFirmEntity, 'id' | 'accountId' | 'legalName' | 'country' | 'servesJapaneseUsers' | 'webhookUrl' | 'webhookSecret' | 'enrolled'>): Promise<void> {
  await q.em.insert(AiFirmEntity, row);
}

/** The id of the firm an account holds (null when it holds none). */
export async function firmIdOfAccount(q: Queryable, accountId: string): Promise<string | null> {
  const firm = await q.em.findOne(AiFirmEntity, { where: { accountId }, select: { id: true } });
  return firm?.id ?? null;
}

/** The firm with this id: a kept statement (every notification of a firm and every complaint against a respondent reads it). */
export async function firmById(q: Queryable, id: string): Promise<AiFirmEntity | null> {
  const [firm] = await readRows(q, AiFirmEntity, 'f', FIRMS_WITH_IDS(q, 1), [id]);
  return firm ?? null;
}

/** The firm with this id, read through the ORM (webhook settings, delivery). */
export function findFirm(q: Queryable, id: string): Promise<AiFirmEntity | null> {
  return q.em.findOne(AiFirmEntity, { where: { id } });
}

/** Sets the firm's signing secret; false when there is no such firm. */
export async function setWebhookSecret(q: Queryable, firmId: string, secret: string): Promise<boolean> {
  const result = await q.em.update(AiFirmEntity, { id: firmId }, { webhookSecret: secret });
  return result.affected !== 0;
}

/** Changes the firm's webhook URL (and secret). */
export async function updateWebhookSettings(q: Queryable, firmId: string, changes: Pick<Partial<AiFirmEntity>, 'webhookUrl' | 'webhookSecret'>): Promise<void> {
  await q.em.update(AiFirmEntity, { id: firmId }, changes);
}

/** Gives the firm `secret` only if it has no secret yet (a parallel writer's secret is kept). */
export async function setWebhookSecretIfNone(q: Queryable, firmId: string, secret: string): Promise<void> {
  await q.em.createQueryBuilder().update(AiFirmEntity).set({ webhookSecret: secret })
    .where('id = :id AND webhookSecret IS NULL', { id: firmId }).execute();
}

/** The firm's signing secret as stored (the firm must exist). */
export async function webhookSecretOf(q: Queryable, firmId: string): Promise<string | null> {
  const firm = await q.em.findOneOrFail(AiFirmEntity, { where: { id: firmId } });
  return firm.webhookSecret;
}

/** Firms by id, in one statement (per-request loader). */
export async function firmsWithIds(q: Queryable, ids: readonly string[]): Promise<AiFirmEntity[]> {
  return ids.length ? readRows(q, AiFirmEntity, 'f', FIRMS_WITH_IDS(q, ids.length), ids) : [];
}

const FIRMS_WITH_IDS = sqlText(({ list, columns, n }) => `SELECT ${columns(AiFirmEntity, 'f')} FROM "ai_firm" f WHERE f."id" IN (${list(1, n)})`);

/** The firms of many accounts, in one statement (per-request loader). */
export async function firmsOfAccounts(q: Queryable, accountIds: readonly string[]): Promise<AiFirmEntity[]> {
  return accountIds.length ? readRows(q, AiFirmEntity, 'f', FIRMS_OF_ACCOUNTS(q, accountIds.length), accountIds) : [];
}

const FIRMS_OF_ACCOUNTS = sqlText(({ list, columns, n }) => `SELECT ${columns(AiFirmEntity, 'f')} FROM "ai_firm" f WHERE f."accountId" IN (${list(1, n)})`);
