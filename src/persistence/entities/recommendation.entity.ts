import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { RecommendationFinding, Remedy } from '../../domain/enums';
import { CreatedAt, DateColumn, JsonColumn, MoneyColumn } from './columns';

/** A mediator's recommendation, and each party's answer. */
@Entity('recommendation')
export class RecommendationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 36 }) caseId: string;
  @Column({ type: 'varchar', length: 36 }) mediatorId: string;
  @Column({ type: 'varchar', length: 20 }) finding: RecommendationFinding;
  @JsonColumn() remedies: Remedy[];
  @MoneyColumn({ nullable: true }) amountJpy: number | null;
  @Column({ type: 'text' }) reasoning: string;
  @DateColumn({ nullable: true }) acceptedByComplainantAt: Date | null;
  @DateColumn({ nullable: true }) acceptedByRespondentAt: Date | null;
  @DateColumn({ nullable: true }) rejectedAt: Date | null;
  @CreatedAt() createdAt: Date;
}
