import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAt } from './columns';

/**
 * An uploaded file (POST /files), issue 17. The bytes live once in the file store under their SHA-256
 * (src/infra/files); each account that uploads them gets a row of its own, so who may read a file follows
 * who uploaded it and where it was attached (evidence, a work's reference file). The same account
 * uploading the same bytes again gets its row back.
 */
@Entity('stored_file')
@Index('IDX_stored_file_uploader_sha256', ['uploadedById', 'sha256'], { unique: true })
@Index('IDX_stored_file_sha256', ['sha256'])
export class StoredFileEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'PK_stored_file' }) id: string;
  /** SHA-256 of the bytes, lowercase hex: the blob's name in the store. */
  @Column({ type: 'varchar', length: 64 }) sha256: string;
  @Column({ type: 'integer' }) size: number;
  /** Sniffed from the content (never the name): image/png, image/jpeg, image/webp, image/gif, application/pdf, text/plain, DOCX, ODT. */
  @Column({ type: 'varchar', length: 100 }) mediaType: string;
  /** The name the client gave, for display only. */
  @Column({ type: 'varchar', length: 255, nullable: true }) fileName: string | null;
  @Column({ type: 'varchar', length: 36 }) uploadedById: string;
  /** Images: the 64-bit DCT pHash (src/infra/similarity/phash.ts), 16 hex characters. */
  @Column({ type: 'varchar', length: 16, nullable: true }) perceptualHash: string | null;
  /** Text: the MinHash signature of its shingles (src/infra/similarity/text-fingerprint.ts). */
  @Column({ type: 'text', nullable: true }) textFingerprint: string | null;
  @CreatedAt() createdAt: Date;
}
