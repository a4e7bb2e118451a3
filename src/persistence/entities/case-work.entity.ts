import { Entity, Index, PrimaryColumn } from 'typeorm';

/** Which works a case is about. */
@Entity('case_work')
export class CaseWorkEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) caseId: string;
  @Index() @PrimaryColumn({ type: 'varchar', length: 36 }) workId: string;
}
