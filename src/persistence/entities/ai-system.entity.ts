import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Modality, Purpose } from '../../domain/enums';
import { CreatedAt, DateColumn, JsonColumn } from './columns';

/** An AI system of a firm, with its purpose tier and its training-data disclosure. */
@Entity('ai_system')
export class AiSystemEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 36 }) firmId: string;
  @Column({ type: 'varchar', length: 300 }) name: string;
  @Column({ type: 'varchar', length: 16 }) modality: Modality;
  @Column({ type: 'varchar', length: 16 }) purpose: Purpose;
  @Column({ type: 'boolean' }) trainingServerInJapan: boolean;
  @Column({ type: 'boolean' }) servesJapaneseUsers: boolean;
  @Column({ type: 'boolean', default: false }) usesRag: boolean;
  /** Null until the firm discloses training data for this system. */
  @DateColumn({ nullable: true }) disclosedAt: Date | null;
  @JsonColumn({ nullable: true }) trainingDataCategories: string[] | null;
  @DateColumn({ nullable: true }) trainingCutoff: Date | null;
  @JsonColumn({ nullable: true }) suppressionMeasures: string[] | null;
  @CreatedAt() createdAt: Date;
}
