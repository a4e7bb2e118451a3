import { placeholders, type Queryable } from '../database';
import { AssessmentEntity } from '../entities';
import { findIn } from '../sqlite/fast-read';
import { insertRows } from '../sqlite/fast-write';
import { runSql } from '../sqlite/statements';

/** Assessments of a case, numbered 1, 2, …: each screening or re-assessment adds one, earlier ones stay. */

/** The case's latest assessment (highest number), or null before its first. */
export function latestAssessmentOf(q: Queryable, caseId: string): Promise<AssessmentEntity | null> {
  return q.em.findOne(AssessmentEntity, { where: { caseId }, order: { number: 'DESC' } });
}

/** How many assessments the case has. */
export async function assessmentCountOf(q: Queryable, caseId: string): Promise<number> {
  const [{ n }] = await runSql<{ n: number | string }>(q.em, `SELECT COUNT(*) AS "n" FROM "assessment" WHERE "caseId" = ${placeholders(q, 1)[0]}`, [caseId]);
  return Number(n);
}

/** Inserts an assessment built from `fields`; returns it. */
export async function insertAssessment(q: Queryable, fields: Partial<AssessmentEntity>): Promise<AssessmentEntity> {
  const row = q.em.create(AssessmentEntity, fields);
  await insertRows(q.em, AssessmentEntity, [row]);
  return row;
}

/** The assessments of many cases in one statement (per-request loader), by case then number. */
export function assessmentsOfCases(q: Queryable, caseIds: readonly string[]): Promise<AssessmentEntity[]> {
  return findIn(q.em, AssessmentEntity, 'caseId', caseIds, { orderBy: [['caseId', 'ASC'], ['number', 'ASC']] });
}
