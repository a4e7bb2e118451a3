import { Entity, Index, PrimaryColumn } from 'typeorm';
import { DateColumn } from './columns';

/** A firm's acknowledgement of an opt-out: evidence that it knew. */
@Entity('opt_out_acknowledgement')
export class OptOutAcknowledgementEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) optOutId: string;
  @Index() @PrimaryColumn({ type: 'varchar', length: 36 }) firmId: string;
  @DateColumn() acknowledgedAt: Date;
}
