import type { Queryable } from '../database';
import { CaseEntity, EvidenceEntity } from '../entities';
import { CaseStatus, EvidenceKind } from '../../domain/enums';
import { readRows, sqlText } from '../sql';

/** Evidence the parties add to a case (never changed or removed once added). */

/** Inserts a piece of evidence built from `fields`; returns it. */
export async function insertEvidence(q: Queryable, fields: Partial<EvidenceEntity>): Promise<EvidenceEntity> {
  const evidence = q.em.create(EvidenceEntity, fields);
  await q.em.insert(EvidenceEntity, evidence);
  return evidence;
}

/** The evidence of many cases in one statement, oldest first (per-request loader). */
export async function evidenceOfCases(q: Queryable, caseIds: readonly string[]): Promise<EvidenceEntity[]> {
  return caseIds.length ? readRows(q, EvidenceEntity, 'e', EVIDENCE_OF_CASES(q, caseIds.length), caseIds) : [];
}

const EVIDENCE_OF_CASES = sqlText(({ list, columns, n }) => `SELECT ${columns(EvidenceEntity, 'e')} FROM "evidence" e WHERE e."caseId" IN (${list(1, n)}) ORDER BY e."createdAt" ASC, e."id" ASC`);

/** One case's evidence, oldest first (the same statement as the loader's, for one case). */
export function evidenceOf(q: Queryable, caseId: string): Promise<EvidenceEntity[]> {
  return evidenceOfCases(q, [caseId]);
}

/**
 * Stores the similarity triage of one evidence file, once: false when it already had one (a job run twice).
 * Score, method and work null: triaged, but no reference file of the case compares with it (a PDF against an image).
 */
export async function setEvidenceTriage(q: Queryable, evidenceId: string,
  triage: { score: number | null; method: string | null; workId: string | null; computedAt: Date }): Promise<boolean> {
  const result = await q.em.createQueryBuilder().update(EvidenceEntity)
    .set({ triageScore: triage.score, triageMethod: triage.method, triageWorkId: triage.workId, triageComputedAt: triage.computedAt })
    .where('id = :id AND "triageComputedAt" IS NULL', { id: evidenceId })
    .execute();
  return (result.affected ?? 0) > 0;
}

/** One piece of evidence by id. */
export function evidenceById(q: Queryable, id: string): Promise<EvidenceEntity | null> {
  return q.em.findOne(EvidenceEntity, { where: { id } });
}

/**
 * Output-sample files not triaged yet, added before `before`, in cases past screening (before it, screening
 * triages them itself) whose works include one with a reference file: their triage job is expected (the reconciler).
 */
export function evidenceAwaitingTriage(q: Queryable, before: Date, limit: number): Promise<EvidenceEntity[]> {
  return q.em.createQueryBuilder(EvidenceEntity, 'e')
    .innerJoin(CaseEntity, 'c', 'c.id = e.caseId')
    .where('e.kind = :kind AND e.fileId IS NOT NULL AND e.triageComputedAt IS NULL', { kind: EvidenceKind.OUTPUT_SAMPLE })
    .andWhere('e.createdAt <= :before', { before })
    .andWhere('c.status NOT IN (:...early)', { early: [CaseStatus.FILED, CaseStatus.SCREENING, CaseStatus.CLOSED] })
    .andWhere('EXISTS (SELECT 1 FROM "case_work" cw INNER JOIN "work" w ON w."id" = cw."workId" WHERE cw."caseId" = "c"."id" AND w."referenceFileId" IS NOT NULL)')
    .orderBy('e.createdAt', 'ASC').limit(limit).getMany();
}
