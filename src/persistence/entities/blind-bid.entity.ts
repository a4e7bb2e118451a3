import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAt, MoneyColumn } from './columns';

/** A sealed figure in double-blind bidding; never shown to the other side. */
@Entity('blind_bid')
@Index(['caseId', 'side', 'round'], { unique: true })
export class BlindBidEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) caseId: string;
  @Column({ type: 'varchar', length: 16 }) side: string;
  @Column({ type: 'integer' }) round: number;
  @MoneyColumn() amountJpy: number;
  @CreatedAt() createdAt: Date;
}
