import { MediationChannel } from '../../domain/enums';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAt, DateColumn } from './columns';

/** A scheduled mediation session. */
@Entity('mediation_session')
export class MediationSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 36 }) caseId: string;
  @DateColumn() scheduledAt: Date;
  /** VIDEO, PHONE, IN_PERSON or WRITTEN. */
  @Column({ type: 'varchar', length: 16 }) channel: MediationChannel;
  @Column({ type: 'varchar', length: 36 }) createdById: string;
  @CreatedAt() createdAt: Date;
}
