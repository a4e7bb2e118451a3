import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { WorkKind } from '../domain/enums';
import { CreatedAt, DateColumn } from './columns';

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
  @CreatedAt() createdAt: Date;
}
