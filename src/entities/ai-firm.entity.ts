import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAt } from './columns';

/** An AI firm (respondent), owned by one AI_FIRM account. */
@Entity('ai_firm')
export class AiFirmEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 36 }) accountId: string;
  @Column({ type: 'varchar', length: 300 }) legalName: string;
  @Column({ type: 'varchar', length: 2 }) country: string;
  @Column({ type: 'boolean' }) servesJapaneseUsers: boolean;
  @Column({ type: 'varchar', length: 2000, nullable: true }) webhookUrl: string | null;
  /** HMAC key for webhook signatures; shown to the firm once when (re)generated. */
  @Column({ type: 'varchar', length: 100, nullable: true }) webhookSecret: string | null;
  @CreatedAt() createdAt: Date;
}
