import { In } from 'typeorm';
import type { Queryable } from '../database';
import { RemedyCertificationEntity } from '../entities';

/** Remedies: the firm's certifications of what it did. */

/** Inserts a remedy certification built from `fields`; returns the row as written. */
export async function insertCertification(q: Queryable, fields: Pick<RemedyCertificationEntity, 'id' | 'caseId' | 'certifiedById' | 'createdAt' | 'actions'>): Promise<RemedyCertificationEntity> {
  const certification = q.em.create(RemedyCertificationEntity, fields);
  await q.em.insert(RemedyCertificationEntity, certification);
  return certification;
}

/** The certifications of many cases in one statement, oldest first (per-request loader). */
export function certificationsOfCases(q: Queryable, caseIds: readonly string[]): Promise<RemedyCertificationEntity[]> {
  return q.em.find(RemedyCertificationEntity, { where: { caseId: In([...caseIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
}
