import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Protection } from '../../domain/enums';
import { CreatedAt, DateColumn, JsonColumn, UpdatedAt } from './columns';

/** A reciprocity agreement between Japan and a partner country, and the protections it extends. */
@Entity('reciprocity_agreement')
export class ReciprocityAgreementEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 2 }) partnerCountry: string;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @DateColumn() inForceFrom: Date;
  @DateColumn({ nullable: true }) inForceTo: Date | null;
  @JsonColumn() protections: Protection[];
  /** Partner body that receives copies of notices (cross-border referral). */
  @Column({ type: 'varchar', length: 300, nullable: true }) partnerBody: string | null;
  /** Demo data, never a real agreement. */
  @Column({ type: 'boolean', default: false }) demo: boolean;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
