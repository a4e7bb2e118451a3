import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EvidenceKind } from '../../domain/enums';
import { CreatedAt } from './columns';

/** A piece of evidence attached to a case by a party. */
@Entity('evidence')
@Index(['caseId', 'createdAt'])
export class EvidenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) caseId: string;
  @Column({ type: 'varchar', length: 36 }) submittedById: string;
  @Column({ type: 'varchar', length: 32 }) kind: EvidenceKind;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'varchar', length: 2000, nullable: true }) url: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) sha256: string | null;
  @Column({ type: 'text', nullable: true }) textExcerpt: string | null;
  @Column({ type: 'float', nullable: true }) similarityScore: number | null;
  @CreatedAt() createdAt: Date;
}
