import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AssessmentDecision, Remedy, Strength, Tier } from '../../domain/enums';
import type { EligibilityOutcome, RuleFindingData } from '../../domain/types';
import type { TriageCitationData } from '../../domain/triage';
import { CreatedAt, JsonColumn } from './columns';

/** One run of the rule set over a case; the newest is the case's assessment, earlier ones stay. */
@Entity('assessment')
@Index(['caseId', 'createdAt'])
export class AssessmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) caseId: string;
  @Column({ type: 'integer' }) number: number;
  @Column({ type: 'varchar', length: 20 }) ruleSetVersion: string;
  @Column({ type: 'varchar', length: 24 }) decision: AssessmentDecision;
  @Column({ type: 'varchar', length: 16, nullable: true }) strength: Strength | null;
  @Column({ type: 'varchar', length: 24, nullable: true }) tier: Tier | null;
  @JsonColumn() findings: RuleFindingData[];
  @JsonColumn() missingFacts: string[];
  @JsonColumn() recommendedRemedies: Remedy[];
  @JsonColumn() eligibility: EligibilityOutcome;
  @Column({ type: 'boolean', default: false }) ordersDisclosure: boolean;
  /** What caused the run: SCREENING or EVIDENCE_ADDED. */
  @Column({ type: 'varchar', length: 24 }) trigger: string;
  /** Similarity triage the run cited (issue 17): scores of evidence files, never findings. Null on runs before it. */
  @JsonColumn({ nullable: true }) triage: TriageCitationData[] | null;
  @CreatedAt() createdAt: Date;
}
