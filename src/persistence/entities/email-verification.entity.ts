import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAt, DateColumn } from './columns';

/**
 * A link that confirms an account's email address (mailed at sign-up, or again on request). Only the SHA-256
 * of the token in the link is kept; the token is bound to the address it was mailed to, works until
 * expiresAt, and a newer link for the same account replaces the older unused ones (their rows are deleted).
 * Using it again after it verified the address answers the same (idempotent) until it expires.
 */
@Entity('email_verification')
export class EmailVerificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'PK_email_verification' }) id: string;
  @Index('IDX_email_verification_account') @Column({ type: 'varchar', length: 36 }) accountId: string;
  /** The address the link was mailed to: it verifies that address only. */
  @Column({ type: 'varchar', length: 320 }) email: string;
  @Index('IDX_email_verification_token', { unique: true }) @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  @DateColumn() expiresAt: Date;
  /** When the link verified the address. */
  @DateColumn({ nullable: true }) usedAt: Date | null;
  @CreatedAt() createdAt: Date;
}
