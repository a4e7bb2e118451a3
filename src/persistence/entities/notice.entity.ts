import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { NoticeResponseKind, ServiceChannel } from '../../domain/enums';
import { CreatedAt, DateColumn, JsonColumn } from './columns';


/** One attempt to serve a notice on one channel; `error` is a neutral reason (no host names or addresses). */
export interface ServiceAttemptData { channel: ServiceChannel; at: string; ok: boolean; error: string | null }

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
  /** The first successful service on any channel; the response windows of a respondent not on Chōtei run from here. */
  @DateColumn({ nullable: true }) servedAt: Date | null;
  /** Every attempt to serve it, oldest first (null: none yet). */
  @JsonColumn({ nullable: true }) serviceAttempts: ServiceAttemptData[] | null;
  /** SHA-256 (hex) of the claim code the emailed notice carried (respondents not on Chōtei); the code itself is never stored. */
  @Index('IDX_notice_claim_code', { unique: true }) @Column({ type: 'varchar', length: 64, nullable: true }) claimCodeHash: string | null;
  /** When the claim code was used (claimRespondent); a used code is refused. */
  @DateColumn({ nullable: true }) claimedAt: Date | null;
  @CreatedAt() createdAt: Date;
}
