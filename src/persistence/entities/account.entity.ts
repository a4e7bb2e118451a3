import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Role } from '../../domain/enums';
import { CreatedAt, DateColumn, JsonColumn, UpdatedAt } from './columns';

/** A person or organisation that logs in: creator, AI firm, mediator or admin. */
@Entity('account')
export class AccountEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 320 }) email: string;
  /** Read only by logIn (select: false): no other read, loader or answer carries it. */
  @Column({ type: 'varchar', length: 200, select: false }) passwordHash: string;
  @Column({ type: 'varchar', length: 200 }) displayName: string;
  @Column({ type: 'varchar', length: 16 }) role: Role;
  @Column({ type: 'varchar', length: 8, default: 'ja' }) locale: string;
  /**
   * Carried in every JWT issued for the account (claim `tv`) and compared on each request:
   * endAllSessions increments it, so every token issued before stops working. API keys do not carry it.
   */
  @Column({ type: 'integer', default: 0 }) tokenVersion: number;
  /** When the current email was confirmed through a verification link (verifyEmail); null: not (yet) confirmed. */
  @DateColumn({ nullable: true }) emailVerifiedAt: Date | null;
  /** What the account receives by email (src/domain/notification-mail.ts); null: the defaults. */
  @JsonColumn({ nullable: true }) notificationPreferences: { email: boolean; emailGroups: string[] } | null;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
