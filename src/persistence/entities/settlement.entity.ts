import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Remedy } from '../../domain/enums';
import { CreatedAt, JsonColumn, MoneyColumn } from './columns';

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
  @CreatedAt() createdAt: Date;
}
