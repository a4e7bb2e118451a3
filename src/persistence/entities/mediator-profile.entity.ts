import { Column, Entity, PrimaryColumn } from 'typeorm';
import { JsonColumn } from './columns';

/** What assignment needs to know about a mediator: languages, specialties, capacity and conflicts of interest. */
@Entity('mediator_profile')
export class MediatorProfileEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) accountId: string;
  @JsonColumn() languages: string[];
  @JsonColumn() specialties: string[];
  /** Open cases the mediator can hold at once. */
  @Column({ type: 'integer' }) capacity: number;
  /** Ids of firms or accounts the mediator must not handle cases for. */
  @JsonColumn() conflicts: string[];
}
