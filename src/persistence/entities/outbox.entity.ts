import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, DateColumn, JsonColumn } from './columns';

/**
 * Transactional outbox: a job to enqueue, written in the same transaction as
 * the change it follows from. The relay moves rows to BullMQ and stamps them.
 */
@Entity('outbox')
@Index(['dispatchedAt', 'id'])
export class OutboxEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 40 }) queue: string;
  @Column({ type: 'varchar', length: 60 }) name: string;
  /** Deterministic BullMQ job id (no ':'). */
  @Column({ type: 'varchar', length: 160 }) jobId: string;
  /** Ids only: BullMQ keeps job data in clear text. */
  @JsonColumn() payload: Record<string, any>;
  /** For delayed jobs (deadlines): when the job should run. */
  @DateColumn({ nullable: true }) runAt: Date | null;
  @DateColumn({ nullable: true }) dispatchedAt: Date | null;
  @CreatedAt() createdAt: Date;
}
