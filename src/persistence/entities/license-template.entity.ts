import { Entity, PrimaryColumn } from 'typeorm';
import type { LocalizedText } from '../../domain/enums';
import { JsonColumn, UpdatedAt } from './columns';

/** An industry-standard license that offers and settlements refer to. */
@Entity('license_template')
export class LicenseTemplateEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) code: string;
  @JsonColumn() title: LocalizedText;
  @JsonColumn() summary: LocalizedText;
  @JsonColumn() terms: Record<string, any>;
  @UpdatedAt() updatedAt: Date;
}
