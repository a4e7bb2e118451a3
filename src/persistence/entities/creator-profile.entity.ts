import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatorKind } from '../../domain/enums';

/** The creator side of an account: what eligibility needs to know about the author or rights holder. */
@Entity('creator_profile')
export class CreatorProfileEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) accountId: string;
  @Column({ type: 'varchar', length: 16 }) kind: CreatorKind;
  @Column({ type: 'varchar', length: 2 }) nationality: string;
  @Column({ type: 'varchar', length: 2, nullable: true }) principalOfficeCountry: string | null;
}
