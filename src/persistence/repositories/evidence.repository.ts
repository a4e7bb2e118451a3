import type { Queryable } from '../database';
import { EvidenceEntity } from '../entities';
import { findIn } from '../sqlite/fast-read';

/** Evidence the parties add to a case (never changed or removed once added). */

/** Inserts a piece of evidence built from `fields`; returns it. */
export async function insertEvidence(q: Queryable, fields: Partial<EvidenceEntity>): Promise<EvidenceEntity> {
  const evidence = q.em.create(EvidenceEntity, fields);
  await q.em.insert(EvidenceEntity, evidence);
  return evidence;
}

/** The evidence of many cases in one statement, oldest first (per-request loader). */
export function evidenceOfCases(q: Queryable, caseIds: readonly string[]): Promise<EvidenceEntity[]> {
  return findIn(q.em, EvidenceEntity, 'caseId', caseIds, { orderBy: [['createdAt', 'ASC'], ['id', 'ASC']] });
}

/** One case's evidence, oldest first (the same statement as the loader's, for one case). */
export function evidenceOf(q: Queryable, caseId: string): Promise<EvidenceEntity[]> {
  return evidenceOfCases(q, [caseId]);
}
