import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OptOutScope, OptOutSignal } from '../../domain/enums';
import { CreatedAt, DateColumn, JsonColumn } from './columns';

/** A creator's opt-out for one work or all their works. */
@Entity('opt_out')
@Index(['ownerId', 'createdAt'])
/** An owner's allWorks opt-outs (the rows without a work): the hash check's second probe, small whatever the catalogue. */
@Index('IDX_opt_out_all_works_owner', ['ownerId'], { where: '"workId" IS NULL' })
export class OptOutEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) ownerId: string;
  @Index() @Column({ type: 'varchar', length: 36, nullable: true }) workId: string | null;
  @Column({ type: 'boolean' }) allWorks: boolean;
  @Column({ type: 'varchar', length: 24 }) scope: OptOutScope;
  @JsonColumn() signals: OptOutSignal[];
  @DateColumn() effectiveFrom: Date;
  @DateColumn({ nullable: true }) withdrawnAt: Date | null;
  @Column({ type: 'boolean' }) recognised: boolean;
  @Column({ type: 'text', nullable: true }) notRecognisedReason: string | null;
  /** The work's content hash, copied for hash checks (null for allWorks). */
  @Index() @Column({ type: 'varchar', length: 64, nullable: true }) contentHash: string | null;
  /** Set by bulk import: "<import id>:<line>", so a resumed import adds nothing twice. */
  @Index({ unique: true }) @Column({ type: 'varchar', length: 120, nullable: true }) importKey: string | null;
  /**
   * Set by a bulk import run with --from-registry: the existing registry the opt-out was carried over from, whose
   * (possibly past) effectiveFrom it keeps. Null for opt-outs registered here.
   */
  @Column({ type: 'varchar', length: 200, nullable: true }) importedFrom: string | null;
  @CreatedAt() createdAt: Date;
}
