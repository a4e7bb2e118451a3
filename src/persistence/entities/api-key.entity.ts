import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAt, DateColumn } from './columns';

/** A machine credential of an AI firm. Only a SHA-256 of the secret is kept. */
@Entity('api_key')
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 36 }) accountId: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  /** First characters of the key, shown in listings so a firm can tell keys apart. */
  @Column({ type: 'varchar', length: 20 }) prefix: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 64 }) secretHash: string;
  @DateColumn({ nullable: true }) revokedAt: Date | null;
  @CreatedAt() createdAt: Date;
}
