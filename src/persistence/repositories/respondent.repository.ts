import type { EntityManager } from 'typeorm';
import { findIn } from '../sqlite/fast-read';
import { AiFirmEntity, CaseEntity, NoticeEntity } from '../entities';

/** Respondent records (AiFirm rows no account holds yet) and claiming them with a served notice's code. */

export async function findFirmById(em: EntityManager, id: string): Promise<AiFirmEntity | null> {
  return (await findIn(em, AiFirmEntity, 'id', [id]))[0] ?? null;
}

export async function findFirmByRespondentKey(em: EntityManager, key: string): Promise<AiFirmEntity | null> {
  return (await findIn(em, AiFirmEntity, 'respondentKey', [key]))[0] ?? null;
}

/**
 * The record for `fresh.respondentKey`: `fresh` inserted when there is none, else the one that exists. One
 * record per key even when two filings race: the unique index decides, the loser reads the winner's row.
 */
export async function upsertRespondentRecord(em: EntityManager, fresh: AiFirmEntity): Promise<AiFirmEntity> {
  await em.createQueryBuilder().insert().into(AiFirmEntity).values(fresh).orIgnore().execute();
  return (await findFirmByRespondentKey(em, fresh.respondentKey!))!;
}

export async function updateFirm(em: EntityManager, id: string, fields: Partial<AiFirmEntity>): Promise<void> {
  await em.update(AiFirmEntity, { id }, fields);
}

/** The notice a claim code was served with; `lock` takes its row for the transaction (PostgreSQL). */
export function findNoticeByClaimCodeHash(em: EntityManager, hash: string, lock: boolean): Promise<NoticeEntity | null> {
  const qb = em.createQueryBuilder(NoticeEntity, 'n').where('n.claimCodeHash = :hash', { hash });
  if (lock) qb.setLock('pessimistic_write');
  return qb.getOne();
}

export function casesAgainst(em: EntityManager, firmId: string): Promise<CaseEntity[]> {
  return em.find(CaseEntity, { where: { respondentFirmId: firmId }, order: { reference: 'ASC' } });
}

/**
 * A firm claims a record: the notice's code is used, the record's notices and cases become the firm's,
 * and the record stays, marked as claimed, so later filings against the same name reach the firm.
 */
export async function moveRecordToFirm(em: EntityManager, input: { noticeId: string; recordId: string; firmId: string; now: Date }): Promise<void> {
  await em.update(NoticeEntity, { id: input.noticeId }, { claimedAt: input.now });
  await em.update(NoticeEntity, { firmId: input.recordId }, { firmId: input.firmId });
  await em.update(CaseEntity, { respondentFirmId: input.recordId }, { respondentFirmId: input.firmId });
  await em.update(AiFirmEntity, { id: input.recordId }, { enrolled: true, claimedByFirmId: input.firmId });
}
