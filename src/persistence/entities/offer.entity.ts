import { OfferSide, OfferStatus } from '../../domain/enums';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Remedy } from '../../domain/enums';
import { CreatedAt, DateColumn, JsonColumn, MoneyColumn } from './columns';

/** One principal's share of an offered or settled amount (issue 14 point 7). */
export interface AmountSplit { principalId: string; amountJpy: number }

/** An offer or counter-offer between the parties. One OPEN offer per party; a new one supersedes it. */
@Entity('offer')
@Index(['caseId', 'createdAt'])
export class OfferEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) caseId: string;
  @Column({ type: 'varchar', length: 36 }) byAccountId: string;
  /** COMPLAINANT or RESPONDENT. */
  @Column({ type: 'varchar', length: 16 }) side: OfferSide;
  @MoneyColumn({ nullable: true }) amountJpy: number | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) licenseTemplateCode: string | null;
  @JsonColumn() remedies: Remedy[];
  @Column({ type: 'text', nullable: true }) message: string | null;
  /** How the amount divides among the case's principals (OfferInput.splits); null: not divided. */
  @JsonColumn({ nullable: true }) splits: AmountSplit[] | null;
  /** OPEN, ACCEPTED, REJECTED, SUPERSEDED or LAPSED. */
  @Column({ type: 'varchar', length: 12 }) status: OfferStatus;
  @DateColumn({ nullable: true }) respondedAt: Date | null;
  @CreatedAt() createdAt: Date;
}
