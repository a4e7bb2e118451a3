import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { RightsHolderRole, WorkKind } from '../../domain/enums';
import type { AuthorFacts } from '../../domain/types';
import { CreatedAt, DateColumn, JsonColumn } from './columns';

/** A creator's registered work. */
@Entity('work')
@Index(['ownerId', 'createdAt'])
export class WorkEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) ownerId: string;
  @Column({ type: 'varchar', length: 500 }) title: string;
  @Column({ type: 'varchar', length: 16 }) kind: WorkKind;
  @DateColumn({ nullable: true }) firstPublishedAt: Date | null;
  @Column({ type: 'varchar', length: 2, nullable: true }) firstPublicationCountry: string | null;
  @Column({ type: 'boolean', nullable: true }) publishedInJapanWithin30Days: boolean | null;
  @Column({ type: 'integer', nullable: true }) authorDeathYear: number | null;
  @Column({ type: 'boolean', nullable: true }) isCorporateWork: boolean | null;
  @Index() @Column({ type: 'varchar', length: 64, nullable: true }) contentHash: string | null;
  @Column({ type: 'varchar', length: 2000, nullable: true }) canonicalUrl: string | null;
  /**
   * The authors, recorded apart from the holder (issue 15 point 4). Null on works registered with the
   * single-author shorthand: the holder is then the author, described by its creator profile.
   */
  @JsonColumn({ nullable: true }) authors: AuthorFacts[] | null;
  /** In what role the owner holds rights in the work. */
  @Column({ type: 'varchar', length: 24, default: RightsHolderRole.AUTHOR }) holderRole: RightsHolderRole;
  /** The original as an uploaded file (stored_file, issue 17), for similarity triage. */
  @Index('IDX_work_reference_file') @Column({ type: 'varchar', length: 36, nullable: true }) referenceFileId: string | null;
  @CreatedAt() createdAt: Date;
}
