import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { NoticeResponseKind } from '../domain/enums';
import { CreatedAt, DateColumn, JsonColumn } from './columns';

/** The notice a firm receives when a case reaches NOTICE_SENT: summary, assessment, deadlines, and the firm's answer. */
@Entity('notice')
export class NoticeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 36 }) caseId: string;
  @Column({ type: 'varchar', length: 36 }) firmId: string;
  @JsonColumn() summary: Record<string, any>;
  @DateColumn() sentAt: Date;
  @DateColumn({ nullable: true }) acknowledgedAt: Date | null;
  @DateColumn({ nullable: true }) respondedAt: Date | null;
  @Column({ type: 'varchar', length: 24, nullable: true }) responseKind: NoticeResponseKind | null;
  @Column({ type: 'text', nullable: true }) responseStatement: string | null;
  @CreatedAt() createdAt: Date;
}
