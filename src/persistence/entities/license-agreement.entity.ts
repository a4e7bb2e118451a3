import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAt, MoneyColumn } from './columns';

/** A license concluded through a settlement. */
@Entity('license_agreement')
export class LicenseAgreementEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 36 }) caseId: string;
  @Column({ type: 'varchar', length: 36 }) settlementId: string;
  @Column({ type: 'varchar', length: 40 }) templateCode: string;
  @Column({ type: 'varchar', length: 36 }) licensorAccountId: string;
  @Column({ type: 'varchar', length: 36 }) licenseeFirmId: string;
  @MoneyColumn({ nullable: true }) amountJpy: number | null;
  @CreatedAt() createdAt: Date;
}
