import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, DateColumn, JsonColumn } from './columns';

/**
 * Transactional outbox: a job to enqueue, written in the same transaction as
 * the change it follows from. A relay claims rows (claimedBy, claimedUntil: a
 * claim expires, so a crashed relay's rows are taken again), hands them to
 * BullMQ and stamps them dispatched once BullMQ has them.
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
  /** The relay (process) that took the row to send it; null when no relay holds it. */
  @Column({ type: 'varchar', length: 80, nullable: true }) claimedBy: string | null;
  /** Until when that claim holds; after it another relay may take the row. */
  @DateColumn({ nullable: true }) claimedUntil: Date | null;
  /** The W3C traceparent of the span that wrote the row (tracing on): the job's span continues that trace. */
  @Column({ type: 'varchar', length: 55, nullable: true }) traceparent: string | null;
  @CreatedAt() createdAt: Date;
}
