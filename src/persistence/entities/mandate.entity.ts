import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ClaimType } from '../../domain/enums';
import { CreatedAt, DateColumn, JsonColumn } from './columns';

/**
 * A mandate (issue 14 point 7): a creator (the principal) authorises another
 * creator account (the agent: a collective, publisher or agent) to file
 * complaints for it — over all its works or the listed ones (`mandate_work`),
 * for the listed claim types (empty: every type), from validFrom until
 * validUntil (null: open-ended) or until it is revoked. Revocation stops new
 * filings; the cases already filed keep their principals.
 */
@Entity('mandate')
export class MandateEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'PK_mandate' }) id: string;
  /** The creator who grants the mandate (whose works it covers). */
  @Index('IDX_mandate_principal') @Column({ type: 'varchar', length: 36 }) principalId: string;
  /** The account that may act under it. */
  @Index('IDX_mandate_agent') @Column({ type: 'varchar', length: 36 }) agentId: string;
  /** Every work of the principal, now and later; otherwise the works linked in mandate_work. */
  @Column({ type: 'boolean' }) allWorks: boolean;
  /** The claim types it covers; empty: every claim type. */
  @JsonColumn() claimTypes: ClaimType[];
  @DateColumn() validFrom: Date;
  /** Null: until revoked. */
  @DateColumn({ nullable: true }) validUntil: Date | null;
  @DateColumn({ nullable: true }) revokedAt: Date | null;
  @CreatedAt() createdAt: Date;
}

/** The works a mandate that is not for all works covers. */
@Entity('mandate_work')
export class MandateWorkEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'PK_mandate_work' }) mandateId: string;
  @Index('IDX_mandate_work_work') @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'PK_mandate_work' }) workId: string;
}

/**
 * The rights holders a case was filed for (FileComplaintInput.principalIds),
 * and the mandate under which the filer acted for each (null: the filer
 * itself). Each principal reads the case (src/policies/case.policy.ts).
 */
@Entity('case_principal')
export class CasePrincipalEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'PK_case_principal' }) caseId: string;
  @Index('IDX_case_principal_principal') @PrimaryColumn({ type: 'varchar', length: 36, primaryKeyConstraintName: 'PK_case_principal' }) principalId: string;
  @Index('IDX_case_principal_mandate') @Column({ type: 'varchar', length: 36, nullable: true }) mandateId: string | null;
  /** Order of principalIds in the filing. */
  @Column({ type: 'integer' }) position: number;
}
