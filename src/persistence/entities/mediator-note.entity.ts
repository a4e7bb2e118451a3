import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAt } from './columns';

/** A mediator's private note (mediators and admins only). */
@Entity('mediator_note')
export class MediatorNoteEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 36 }) caseId: string;
  @Column({ type: 'varchar', length: 36 }) authorId: string;
  @Column({ type: 'text' }) text: string;
  @CreatedAt() createdAt: Date;
}
