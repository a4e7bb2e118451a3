import { ActorKind } from '../../domain/case/actor';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CaseStatus } from '../../domain/enums';
import { DateColumn, JsonColumn } from './columns';

/** One entry of a case's history. (caseId, seq) is unique, so two writers cannot both append seq n. */
@Entity('case_event')
@Index(['caseId', 'seq'], { unique: true })
export class CaseEventEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 36 }) caseId: string;
  @Column({ type: 'integer' }) seq: number;
  @Column({ type: 'varchar', length: 64 }) type: string;
  @Column({ type: 'varchar', length: 24, nullable: true }) fromStatus: CaseStatus | null;
  @Column({ type: 'varchar', length: 24, nullable: true }) toStatus: CaseStatus | null;
  /** Null for SYSTEM (jobs and deadlines). */
  @Column({ type: 'varchar', length: 36, nullable: true }) actorId: string | null;
  @Column({ type: 'varchar', length: 16 }) actorRole: ActorKind;
  @JsonColumn() detail: Record<string, any>;
  /** Set by jobs: a second delivery of the same job finds it and does nothing. */
  @Index({ unique: true }) @Column({ type: 'varchar', length: 120, nullable: true }) idempotencyKey: string | null;
  @DateColumn() at: Date;
}
