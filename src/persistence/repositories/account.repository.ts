import { IsNull } from 'typeorm';
import { Role } from '../../domain/enums';
import type { Queryable } from '../database';
import { readRows, sqlText } from '../sql';
import { AccountEntity, CreatorProfileEntity, MediatorProfileEntity } from '../entities';

/** Accounts: look-ups by email and the writes that end sessions. */

/** The account with this email (trimmed, lower-cased), without its password hash. */
export function findAccountByEmail(q: Queryable, email: string): Promise<AccountEntity | null> {
  return q.em.findOne(AccountEntity, { where: { email: email.trim().toLowerCase() } });
}

/** The account with this id, without its password hash. */
export function findAccountById(q: Queryable, id: string): Promise<AccountEntity | null> {
  return q.em.findOne(AccountEntity, { where: { id } });
}

/** Every JWT issued before carries an older version and is refused from now on (src/services/auth.service.ts). */
export async function bumpTokenVersion(q: Queryable, accountId: string): Promise<void> {
  await q.em.increment(AccountEntity, { id: accountId }, 'tokenVersion', 1);
}

/** Replaces the account's password hash. */
export async function setPasswordHash(q: Queryable, accountId: string, passwordHash: string): Promise<void> {
  await q.em.update(AccountEntity, { id: accountId }, { passwordHash });
}

/** The account with this email (already normalised) with its password hash, which only log-in reads. */
export function accountWithPasswordHash(q: Queryable, email: string): Promise<AccountEntity | null> {
  return q.em.createQueryBuilder(AccountEntity, 'a').addSelect('a.passwordHash')
    .where('a.email = :email', { email }).getOne();
}

/** The signed-in account (`me`): a kept statement, since every session asks it. */
export async function accountOfViewer(q: Queryable, accountId: string): Promise<AccountEntity | null> {
  const [account] = await readRows(q, AccountEntity, 'a', ACCOUNTS_WITH_IDS(q, 1), [accountId]);
  return account ?? null;
}

/** Does an account hold this email (already normalised)? */
export function emailTaken(q: Queryable, email: string): Promise<boolean> {
  return q.em.exists(AccountEntity, { where: { email } });
}

/** Inserts an account and returns the row as written. */
export async function insertAccount(q: Queryable, fields: Pick<AccountEntity, 'id' | 'email' | 'passwordHash' | 'displayName' | 'role' | 'locale'>): Promise<AccountEntity> {
  const account = q.em.create(AccountEntity, fields);
  await q.em.insert(AccountEntity, account);
  return account;
}

/** Inserts a CREATOR account's profile. */
export async function insertCreatorProfile(q: Queryable, row: Pick<CreatorProfileEntity, 'accountId' | 'kind' | 'nationality' | 'principalOfficeCountry'>): Promise<void> {
  await q.em.insert(CreatorProfileEntity, row);
}

/** Inserts a MEDIATOR account's profile. */
export async function insertMediatorProfile(q: Queryable, row: Pick<MediatorProfileEntity, 'accountId' | 'languages' | 'specialties' | 'capacity' | 'conflicts'>): Promise<void> {
  await q.em.insert(MediatorProfileEntity, row);
}

/** Accounts by id, without password hashes, in one statement (per-request loader). */
export async function accountsWithIds(q: Queryable, ids: readonly string[]): Promise<AccountEntity[]> {
  return ids.length ? readRows(q, AccountEntity, 'a', ACCOUNTS_WITH_IDS(q, ids.length), ids) : [];
}

/** `columns` leaves out the password hash (select: false): only accountWithPasswordHash reads it. */
const ACCOUNTS_WITH_IDS = sqlText(({ list, columns, n }) => `SELECT ${columns(AccountEntity, 'a')} FROM "account" a WHERE a."id" IN (${list(1, n)})`);

/** The creator profiles of many accounts, in one statement (per-request loader, screening). */
export async function creatorProfilesOf(q: Queryable, accountIds: readonly string[]): Promise<CreatorProfileEntity[]> {
  return accountIds.length ? readRows(q, CreatorProfileEntity, 'p', CREATOR_PROFILES_OF(q, accountIds.length), accountIds) : [];
}

const CREATOR_PROFILES_OF = sqlText(({ list, columns, n }) => `SELECT ${columns(CreatorProfileEntity, 'p')} FROM "creator_profile" p WHERE p."accountId" IN (${list(1, n)})`);

/** The mediator profiles of many accounts, in one statement (per-request loader). */
export async function mediatorProfilesOf(q: Queryable, accountIds: readonly string[]): Promise<MediatorProfileEntity[]> {
  return accountIds.length ? readRows(q, MediatorProfileEntity, 'p', MEDIATOR_PROFILES_OF(q, accountIds.length), accountIds) : [];
}

const MEDIATOR_PROFILES_OF = sqlText(({ list, columns, n }) => `SELECT ${columns(MediatorProfileEntity, 'p')} FROM "mediator_profile" p WHERE p."accountId" IN (${list(1, n)})`);

/** The creator profile of an account (null for an account that has none). */
export function findCreatorProfile(q: Queryable, accountId: string): Promise<CreatorProfileEntity | null> {
  return q.em.findOne(CreatorProfileEntity, { where: { accountId } });
}

/** The ids of every ADMIN account (told when something needs a person, e.g. a notice no channel could serve). */
export async function adminAccountIds(q: Queryable): Promise<string[]> {
  const admins = await q.em.find(AccountEntity, { where: { role: Role.ADMIN }, select: { id: true } });
  return admins.map((a) => a.id);
}

/** Marks the account's email verified, if it still is `email` and is not verified yet; false when nothing changed. */
export async function markEmailVerified(q: Queryable, accountId: string, email: string, now: Date): Promise<boolean> {
  const result = await q.em.update(AccountEntity, { id: accountId, email, emailVerifiedAt: IsNull() }, { emailVerifiedAt: now });
  return !!result.affected;
}

/** Replaces the account's notification preferences (null: back to the defaults). */
export async function setNotificationPreferences(q: Queryable, accountId: string, preferences: { email: boolean; emailGroups: string[] } | null): Promise<void> {
  await q.em.update(AccountEntity, { id: accountId }, { notificationPreferences: preferences });
}
