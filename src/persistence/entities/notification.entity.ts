import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAt, DateColumn, JsonColumn } from './columns';

/** Something a party must know or act on. */
@Entity('notification')
@Index(['accountId', 'createdAt'])
export class NotificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) accountId: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) caseId: string | null;
  @Column({ type: 'varchar', length: 64 }) type: string;
  /** Ids and event types only. */
  @JsonColumn() payload: Record<string, any>;
  @DateColumn({ nullable: true }) readAt: Date | null;
  /** When it was mailed to the account (the notification mail job; at most one message per notification). */
  @DateColumn({ nullable: true }) mailedAt: Date | null;
  @CreatedAt() createdAt: Date;
}
