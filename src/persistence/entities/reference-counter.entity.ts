import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Yearly counter behind case references (CH-2026-000123). */
@Entity('reference_counter')
export class ReferenceCounterEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 }) name: string;
  @Column({ type: 'integer' }) value: number;
}
