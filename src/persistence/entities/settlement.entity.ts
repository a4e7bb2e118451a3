import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Remedy } from '../../domain/enums';
import { CreatedAt, JsonColumn, MoneyColumn } from './columns';
import type { AmountSplit } from './offer.entity';

/** What the parties agreed: by offer, blind bids, acceptance of the notice or of a recommendation. */
@Entity('settlement')
export class SettlementEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 36 }) caseId: string;
  /** OFFER, BLIND_BID, NOTICE_ACCEPTED or RECOMMENDATION. */
  @Column({ type: 'varchar', length: 20 }) via: string;
  @MoneyColumn({ nullable: true }) amountJpy: number | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) offerId: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) licenseTemplateCode: string | null;
  @JsonColumn() remedies: Remedy[];
  /** How the amount divides among the case's principals, as the accepted offer said; null: not divided. */
  @JsonColumn({ nullable: true }) splits: AmountSplit[] | null;
  @CreatedAt() createdAt: Date;
}
