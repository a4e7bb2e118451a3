import { In } from 'typeorm';
import type { Queryable } from '../database';
import { JobRepairEntity } from '../entities';

/** The reconciler's record of the jobs it re-created (`job_repair`): repairs so far, backoff, ceiling. */

/** The records of these job ids, by job id (absent: never repaired). */
export async function repairsOf(q: Queryable, jobIds: readonly string[]): Promise<Map<string, JobRepairEntity>> {
  if (jobIds.length === 0) return new Map();
  const rows = await q.em.find(JobRepairEntity, { where: { jobId: In([...jobIds]) } });
  return new Map(rows.map((r) => [r.jobId, r]));
}

/** One job's record (null: never repaired). Read it after locking what the job belongs to (the case or the delivery). */
export function repairOf(q: Queryable, jobId: string): Promise<JobRepairEntity | null> {
  return q.em.findOne(JobRepairEntity, { where: { jobId } });
}

/** Writes a job's record (insert or replace). */
export async function saveRepair(q: Queryable, row: JobRepairEntity): Promise<void> {
  await q.em.upsert(JobRepairEntity, row, ['jobId']);
}

/** Every record of a case's jobs (tests, diagnostics). */
export function repairsOfCase(q: Queryable, caseId: string): Promise<JobRepairEntity[]> {
  return q.em.find(JobRepairEntity, { where: { caseId } });
}
