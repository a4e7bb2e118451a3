import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Remedy } from '../../domain/enums';
import { CreatedAt, JsonColumn } from './columns';

/** The firm's certification of what it did, per remedy. */
@Entity('remedy_certification')
export class RemedyCertificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 36 }) caseId: string;
  @Column({ type: 'varchar', length: 36 }) certifiedById: string;
  @JsonColumn() actions: Array<{ remedy: Remedy; description: string; datasetIds?: string[] | null; completedAt?: string | null; paymentReference?: string | null }>;
  @CreatedAt() createdAt: Date;
}
