import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAt, DateColumn, JsonColumn } from './columns';

/** A bulk import of opt-outs from a CSV file, resumable by line. */
@Entity('opt_out_import')
export class OptOutImportEntity {
  /** SHA-256 of the file and the importing account: the same file resumes. */
  @PrimaryColumn({ type: 'varchar', length: 64 }) id: string;
  @Column({ type: 'varchar', length: 36 }) accountId: string;
  @Column({ type: 'varchar', length: 1000 }) fileName: string;
  @Column({ type: 'integer', default: 0 }) linesDone: number;
  @Column({ type: 'integer', default: 0 }) imported: number;
  @JsonColumn() badRows: Array<{ line: number; reason: string }>;
  @DateColumn({ nullable: true }) finishedAt: Date | null;
  @CreatedAt() createdAt: Date;
}
