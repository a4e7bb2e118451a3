import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from './columns';

/**
 * A 64-bit image perceptual hash (src/infra/similarity/README.md) registered with an opt-out: given by
 * the creator, or taken from the covered work's reference image. `checkOptOutsPerceptual` finds these
 * within a Hamming distance through multi-index hashing (src/persistence/perceptual/README.md): the hash
 * is also kept as four 16-bit chunks, each leading one index that also holds the other three, so a probe
 * reads candidates from the index alone.
 */
@Entity('opt_out_perceptual_hash')
@Index('IDX_opt_out_phash_c0', ['c0', 'c1', 'c2', 'c3'])
@Index('IDX_opt_out_phash_c1', ['c1', 'c0', 'c2', 'c3'])
@Index('IDX_opt_out_phash_c2', ['c2', 'c0', 'c1', 'c3'])
@Index('IDX_opt_out_phash_c3', ['c3', 'c0', 'c1', 'c2'])
@Index('IDX_opt_out_phash_opt_out_hash', ['optOutId', 'hash'], { unique: true })
export class OptOutPerceptualHashEntity {
  /** Integer key (SQLite rowid): what the chunk indexes point at. */
  @PrimaryGeneratedColumn({ type: 'integer', primaryKeyConstraintName: 'PK_opt_out_perceptual_hash' }) seq: number;
  @Column({ type: 'varchar', length: 36 }) optOutId: string;
  /** 16 lowercase hex characters. */
  @Column({ type: 'varchar', length: 16 }) hash: string;
  @Column({ type: 'integer' }) c0: number;
  @Column({ type: 'integer' }) c1: number;
  @Column({ type: 'integer' }) c2: number;
  @Column({ type: 'integer' }) c3: number;
  /** GIVEN (the creator typed it) or REFERENCE_FILE (the work's reference image). */
  @Column({ type: 'varchar', length: 16 }) source: string;
  @CreatedAt() createdAt: Date;
}
