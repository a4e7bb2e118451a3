import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateColumn } from './columns';

/**
 * The reconciler's record of one job it re-created (src/services/reconciler.service.ts):
 * how many times, when last, when it may next, and whether it gave up (the ceiling).
 * One row per deterministic job id; the case it belongs to, when there is one.
 */
@Entity('job_repair')
export class JobRepairEntity {
  @PrimaryColumn({ type: 'varchar', length: 160, primaryKeyConstraintName: 'PK_job_repair' }) jobId: string;
  @Column({ type: 'varchar', length: 40 }) queue: string;
  @Index('IDX_job_repair_case') @Column({ type: 'varchar', length: 36, nullable: true }) caseId: string | null;
  /** Repairs made so far. */
  @Column({ type: 'integer', default: 0 }) repairs: number;
  @DateColumn({ nullable: true }) lastRepairedAt: Date | null;
  /** The earliest moment of the next repair (backoff). */
  @DateColumn({ nullable: true }) nextRepairAt: Date | null;
  /** Set when the ceiling was reached: no more repairs, the job is left for an admin to see. */
  @DateColumn({ nullable: true }) gaveUpAt: Date | null;
}
