import type { Queryable } from '../database';
import { readRows, sqlText } from '../sql';
import { firmById } from './firm.repository';
import { AiFirmEntity, CaseEntity, NoticeEntity } from '../entities';

/** Respondent records (AiFirm rows no account holds yet) and claiming them with a served notice's code. */

/** The firm (or respondent record) with this id: a kept statement (firm.repository's). */
export function findFirmById(q: Queryable, id: string): Promise<AiFirmEntity | null> {
  return firmById(q, id);
}

/** The respondent record for a normalised legal name and country (see respondentKey in case.service). */
export async function findFirmByRespondentKey(q: Queryable, key: string): Promise<AiFirmEntity | null> {
  return (await readRows(q, AiFirmEntity, 'f', FIRM_BY_RESPONDENT_KEY(q), [key]))[0] ?? null;
}

const FIRM_BY_RESPONDENT_KEY = sqlText(({ p, columns }) => `SELECT ${columns(AiFirmEntity, 'f')} FROM "ai_firm" f WHERE f."respondentKey" = ${p(1)}`);

/**
 * The record for `fresh.respondentKey`: `fresh` inserted when there is none, else the one that exists. One
 * record per key even when two filings race: the unique index decides, the loser reads the winner's row.
 */
export async function upsertRespondentRecord(q: Queryable, fresh: AiFirmEntity): Promise<AiFirmEntity> {
  await q.em.createQueryBuilder().insert().into(AiFirmEntity).values(fresh).orIgnore().execute();
  return (await findFirmByRespondentKey(q, fresh.respondentKey!))!;
}

/** Fills facts a respondent record did not know yet. */
export async function updateFirm(q: Queryable, id: string, fields: Partial<AiFirmEntity>): Promise<void> {
  await q.em.update(AiFirmEntity, { id }, fields);
}

/** The notice a claim code was served with; on PostgreSQL its row is taken for the transaction. */
export function findNoticeByClaimCodeHash(q: Queryable, hash: string): Promise<NoticeEntity | null> {
  const qb = q.em.createQueryBuilder(NoticeEntity, 'n').where('n.claimCodeHash = :hash', { hash });
  if (q.kind === 'postgres') qb.setLock('pessimistic_write');
  return qb.getOne();
}

/** The cases against a firm, by reference. */
export function casesAgainst(q: Queryable, firmId: string): Promise<CaseEntity[]> {
  return q.em.find(CaseEntity, { where: { respondentFirmId: firmId }, order: { reference: 'ASC' } });
}

/**
 * A firm claims a record: the notice's code is used, the record's notices and cases become the firm's,
 * and the record stays, marked as claimed, so later filings against the same name reach the firm.
 */
export async function moveRecordToFirm(q: Queryable, input: { noticeId: string; recordId: string; firmId: string; now: Date }): Promise<void> {
  await q.em.update(NoticeEntity, { id: input.noticeId }, { claimedAt: input.now });
  await q.em.update(NoticeEntity, { firmId: input.recordId }, { firmId: input.firmId });
  await q.em.update(CaseEntity, { respondentFirmId: input.recordId }, { respondentFirmId: input.firmId });
  await q.em.update(AiFirmEntity, { id: input.recordId }, { enrolled: true, claimedByFirmId: input.firmId });
}
