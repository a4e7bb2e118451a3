import { OptOutChangeKind } from '../../domain/enums';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateColumn } from './columns';

/** The opt-out feed: every registration and withdrawal in commit order (seq). */
@Entity('opt_out_change')
export class OptOutChangeEntity {
  @PrimaryGeneratedColumn() seq: number;
  @Index() @Column({ type: 'varchar', length: 36 }) optOutId: string;
  /** REGISTERED or WITHDRAWN. */
  @Column({ type: 'varchar', length: 12 }) kind: OptOutChangeKind;
  @DateColumn() at: Date;
}
