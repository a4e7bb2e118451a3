import type { Queryable } from '../database';
import { In } from 'typeorm';
import { CaseEntity, CasePrincipalEntity, CaseWorkEntity, EvidenceEntity, StoredFileEntity, WorkEntity } from '../entities';
import { readRows, sqlText } from '../sql';

/** Uploaded files (stored_file): one row per uploader and content; the bytes are in the file store. */

/** Inserts a file row built by the caller; returns it. */
export async function insertStoredFile(q: Queryable, fields: StoredFileEntity): Promise<StoredFileEntity> {
  const row = q.em.create(StoredFileEntity, fields);
  await q.em.insert(StoredFileEntity, row);
  return row;
}

/** The uploader's row for these bytes, if it uploaded them before. */
export function storedFileOfUploader(q: Queryable, uploadedById: string, sha256: string): Promise<StoredFileEntity | null> {
  return q.em.findOne(StoredFileEntity, { where: { uploadedById, sha256 } });
}

/** The file with this id. */
export function storedFileById(q: Queryable, id: string): Promise<StoredFileEntity | null> {
  return q.em.findOne(StoredFileEntity, { where: { id } });
}

/** Files by id, in one statement (per-request loader, triage). */
export async function storedFilesWithIds(q: Queryable, ids: readonly string[]): Promise<StoredFileEntity[]> {
  return ids.length ? readRows(q, StoredFileEntity, 'f', STORED_FILES_WITH_IDS(q, ids.length), ids) : [];
}

const STORED_FILES_WITH_IDS = sqlText(({ list, columns, n }) => `SELECT ${columns(StoredFileEntity, 'f')} FROM "stored_file" f WHERE f."id" IN (${list(1, n)})`);

/**
 * Where a file is attached, for the file rule of the case policy: the cases whose evidence names it or that
 * concern a work naming it as its reference file (with their principals), and the owners of those works.
 */
export async function attachmentsOfFile(q: Queryable, fileId: string): Promise<{ cases: Array<CaseEntity & { principalIds: string[] }>; workOwnerIds: string[] }> {
  const [evidence, works] = await Promise.all([
    q.em.find(EvidenceEntity, { where: { fileId }, select: { id: true, caseId: true } }),
    q.em.find(WorkEntity, { where: { referenceFileId: fileId }, select: { id: true, ownerId: true } }),
  ]);
  const links = works.length ? await q.em.find(CaseWorkEntity, { where: { workId: In(works.map((w) => w.id)) } }) : [];
  const caseIds = [...new Set([...evidence.map((e) => e.caseId), ...links.map((l) => l.caseId)])];
  const [cases, principals] = caseIds.length
    ? await Promise.all([q.em.find(CaseEntity, { where: { id: In(caseIds) } }), q.em.find(CasePrincipalEntity, { where: { caseId: In(caseIds) } })])
    : [[], []];
  return {
    cases: cases.map((c) => Object.assign(c, { principalIds: principals.filter((p) => p.caseId === c.id).map((p) => p.principalId) })),
    workOwnerIds: [...new Set(works.map((w) => w.ownerId))],
  };
}
