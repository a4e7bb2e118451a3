import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAt } from './columns';

/** A notice copied to the partner body of the respondent firm's country ("vice versa" rule). */
@Entity('cross_border_referral')
export class CrossBorderReferralEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 36 }) caseId: string;
  @Column({ type: 'varchar', length: 2 }) partnerCountry: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) agreementId: string | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) partnerBody: string | null;
  @CreatedAt() createdAt: Date;
}
