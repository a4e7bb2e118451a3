import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TreatyMembership } from '../../domain/types';
import { JsonColumn, UpdatedAt } from './columns';

/** A state: treaty memberships, term of protection, wartime extension. Seeded from reference/countries.json; editable by admins. */
@Entity('country')
export class CountryEntity {
  @PrimaryColumn({ type: 'varchar', length: 2 }) code: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @JsonColumn() memberships: TreatyMembership[];
  @Column({ type: 'integer' }) termYearsAfterDeath: number;
  @Column({ type: 'integer', nullable: true }) wartimeExtensionDays: number | null;
  @UpdatedAt() updatedAt: Date;
}
