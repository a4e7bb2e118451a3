import type { Queryable } from '../database';
import { AssessmentEntity } from '../entities';
import { readRows, sqlText, values, writeRows } from '../sql';
import { runSql } from '../sqlite/statements';

/** Assessments of a case, numbered 1, 2, …: each screening or re-assessment adds one, earlier ones stay. */

/** The case's latest assessment (highest number), or null before its first. */
export function latestAssessmentOf(q: Queryable, caseId: string): Promise<AssessmentEntity | null> {
  return q.em.findOne(AssessmentEntity, { where: { caseId }, order: { number: 'DESC' } });
}

/** How many assessments the case has. */
export async function assessmentCountOf(q: Queryable, caseId: string): Promise<number> {
  const [{ n }] = await runSql<{ n: number | string }>(q.em, ASSESSMENT_COUNT(q), [caseId]);
  return Number(n);
}

const ASSESSMENT_COUNT = sqlText(({ p }) => `SELECT COUNT(*) AS "n" FROM "assessment" WHERE "caseId" = ${p(1)}`);

/** Inserts an assessment built from `fields`; returns it. */
export async function insertAssessment(q: Queryable, fields: Partial<AssessmentEntity>): Promise<AssessmentEntity> {
  const row = q.em.create(AssessmentEntity, fields);
  await writeRows(q, INSERT_ASSESSMENT(q), values(q, AssessmentEntity, row, ASSESSMENT_COLUMNS));
  return row;
}

const ASSESSMENT_COLUMNS = ['id', 'caseId', 'number', 'ruleSetVersion', 'decision', 'strength', 'tier', 'findings', 'missingFacts', 'recommendedRemedies',
  'eligibility', 'ordersDisclosure', 'trigger', 'triage', 'createdAt'] as const;
const INSERT_ASSESSMENT = sqlText(({ list }) => 'INSERT INTO "assessment" ("id", "caseId", "number", "ruleSetVersion", "decision", "strength", "tier", "findings", '
  + `"missingFacts", "recommendedRemedies", "eligibility", "ordersDisclosure", "trigger", "triage", "createdAt") VALUES (${list(1, 15)})`);

/** The assessments of many cases in one statement (per-request loader), by case then number. */
export function assessmentsOfCases(q: Queryable, caseIds: readonly string[]): Promise<AssessmentEntity[]> {
  if (caseIds.length === 0) return Promise.resolve([]);
  return readRows(q, AssessmentEntity, 'a', ASSESSMENTS_OF_CASES(q, caseIds.length), caseIds);
}

const ASSESSMENTS_OF_CASES = sqlText(({ list, columns, n }) => `SELECT ${columns(AssessmentEntity, 'a')} FROM "assessment" a WHERE a."caseId" IN (${list(1, n)}) ORDER BY a."caseId" ASC, a."number" ASC`);
