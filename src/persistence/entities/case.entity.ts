import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';
import { CaseOutcome, CaseStatus, ClaimType, Remedy, ResolutionKind, UseStage } from '../../domain/enums';
import type { ComplaintFacts } from '../../domain/types';
import { CreatedAt, DateColumn, JsonColumn, MoneyColumn, UpdatedAt } from './columns';

/**
 * A complaint and everything that happens to it. `status` only moves through
 * the guarded update in CaseRepository (WHERE id, version and status match).
 */
@Entity('case')
@Index(['complainantId', 'createdAt'])
@Index(['respondentFirmId', 'status'])
@Index(['mediatorId', 'status'])
@Index(['status', 'createdAt'])
export class CaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 20 }) reference: string;
  @Column({ type: 'varchar', length: 24 }) status: CaseStatus;
  @Column({ type: 'varchar', length: 16, nullable: true }) outcome: CaseOutcome | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) resolution: ResolutionKind | null;
  @Column({ type: 'varchar', length: 40 }) claimType: ClaimType;
  @Column({ type: 'varchar', length: 16 }) stage: UseStage;
  @Column({ type: 'varchar', length: 36 }) complainantId: string;
  @Column({ type: 'varchar', length: 36 }) respondentFirmId: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) aiSystemId: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) mediatorId: string | null;
  @JsonColumn() facts: ComplaintFacts;
  @JsonColumn() requestedRemedies: Remedy[];
  @MoneyColumn({ nullable: true }) claimedAmountJpy: number | null;
  @Column({ type: 'text' }) statement: string;
  /** complainant | firm | sorted work ids | claim type: finds an open duplicate. */
  @Index() @Column({ type: 'varchar', length: 64 }) dedupKey: string;
  /** The state machine's flags beyond status (extension used, acceptances, defaulted …). */
  @JsonColumn() machine: Record<string, any>;
  @Column({ type: 'varchar', length: 20, nullable: true }) ruleSetVersion: string | null;
  /** When the firm got the notice; the firm sees the case from then on. */
  @DateColumn({ nullable: true }) noticeSentAt: Date | null;
  @DateColumn({ nullable: true }) closedAt: Date | null;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
  @VersionColumn() version: number;
  /**
   * Not a column: the principals (`case_principal`) when a service has read
   * them for the case rule's row check (withPrincipals in
   * src/services/case-workflow.ts); undefined otherwise.
   */
  principalIds?: string[];
}
