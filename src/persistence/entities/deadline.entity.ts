import { DeadlineState } from '../../domain/enums';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DeadlineKind } from '../../domain/enums';
import { CreatedAt, DateColumn } from './columns';

/**
 * A running window of a case. The row is the truth; a delayed BullMQ job
 * (id deadline-<id>) fires it, and the periodic sweep fires any overdue row
 * whose job was lost. `state` moves PENDING → FIRED or CANCELLED exactly once
 * through a guarded update.
 */
@Entity('deadline')
@Index(['state', 'dueAt'])
@Index(['caseId', 'state', 'dueAt'])
export class DeadlineEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) caseId: string;
  @Column({ type: 'varchar', length: 24 }) kind: DeadlineKind;
  @DateColumn() startsAt: Date;
  @DateColumn() dueAt: Date;
  @Column({ type: 'varchar', length: 12 }) state: DeadlineState;
  /** How many reminders went out. */
  @Column({ type: 'integer', default: 0 }) remindersSent: number;
  @DateColumn({ nullable: true }) firedAt: Date | null;
  @CreatedAt() createdAt: Date;
}
