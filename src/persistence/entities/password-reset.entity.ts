import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAt, DateColumn } from './columns';

/**
 * A password reset asked for by email (requestPasswordReset). Only the SHA-256 of
 * the token in the mailed link is kept; a token works once, until expiresAt, and a
 * newer request for the same account ends the older unused ones (usedAt is set).
 */
@Entity('password_reset')
export class PasswordResetEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'PK_password_reset' }) id: string;
  @Index('IDX_password_reset_account') @Column({ type: 'varchar', length: 36 }) accountId: string;
  @Index('IDX_password_reset_token', { unique: true }) @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  @DateColumn() expiresAt: Date;
  /** When the token was used, or superseded by a newer request. */
  @DateColumn({ nullable: true }) usedAt: Date | null;
  @CreatedAt() createdAt: Date;
}
