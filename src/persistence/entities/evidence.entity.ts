import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EvidenceKind } from '../../domain/enums';
import { CreatedAt, DateColumn } from './columns';

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
  /** An uploaded file (stored_file) of the submitter's, issue 17. */
  @Index('IDX_evidence_file') @Column({ type: 'varchar', length: 36, nullable: true }) fileId: string | null;
  /** Similarity triage against a work's reference file (the triage-similarity job): 0..1, never a finding. */
  @Column({ type: 'float', nullable: true }) triageScore: number | null;
  /** How triageScore was computed, e.g. image-phash-dct64 or text-minhash-… (src/domain/triage.ts). */
  @Column({ type: 'varchar', length: 64, nullable: true }) triageMethod: string | null;
  /** The work whose reference file the file was compared with (the best score when several). */
  @Column({ type: 'varchar', length: 36, nullable: true }) triageWorkId: string | null;
  @DateColumn({ nullable: true }) triageComputedAt: Date | null;
  @CreatedAt() createdAt: Date;
}
