import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAt } from './columns';

/**
 * An AI firm (respondent). Enrolled firms are owned by one AI_FIRM account;
 * a respondent record that a complaint created (issue 14) has no account
 * (`enrolled` false) until a firm claims it with the code its notice carried.
 */
@Entity('ai_firm')
export class AiFirmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  /** The owning AI_FIRM account; null for a respondent record nobody has claimed. */
  @Index({ unique: true }) @Column({ type: 'varchar', length: 36, nullable: true }) accountId: string | null;
  @Column({ type: 'varchar', length: 300 }) legalName: string;
  @Column({ type: 'varchar', length: 2 }) country: string;
  @Column({ type: 'boolean' }) servesJapaneseUsers: boolean;
  @Column({ type: 'varchar', length: 2000, nullable: true }) webhookUrl: string | null;
  /** HMAC key for webhook signatures; shown to the firm once when (re)generated. */
  @Column({ type: 'varchar', length: 100, nullable: true }) webhookSecret: string | null;
  /** false: a respondent record a complaint created; nobody has claimed it yet. */
  @Column({ type: 'boolean' }) enrolled: boolean;
  /** Unenrolled records only: country and normalised legal name, so filings against the same firm reuse one record. */
  @Index('IDX_ai_firm_respondent_key', { unique: true }) @Column({ type: 'varchar', length: 320, nullable: true }) respondentKey: string | null;
  /** Where the notice is served by email (unenrolled records; the rights-holder contact point the filer gave). */
  @Column({ type: 'varchar', length: 320, nullable: true }) contactEmail: string | null;
  @Column({ type: 'varchar', length: 2000, nullable: true }) website: string | null;
  /** The AI system the filer named (unenrolled records). */
  @Column({ type: 'varchar', length: 200, nullable: true }) aiSystemName: string | null;
  /** As the filer stated it (unenrolled records); null when unknown. */
  @Column({ type: 'boolean', nullable: true }) trainingServerInJapan: boolean | null;
  /** Set when an enrolled firm claimed this record: its cases moved to that firm. */
  @Column({ type: 'varchar', length: 36, nullable: true }) claimedByFirmId: string | null;
  @CreatedAt() createdAt: Date;
}
