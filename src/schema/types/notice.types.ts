import { Field, ID, ObjectType } from 'type-graphql';
import { JSONObjectResolver } from 'graphql-scalars';
import { NoticeResponseKind } from '../../domain/enums';
import { DateTime } from '../scalars';

@ObjectType({ simpleResolvers: true, description: 'The notice a firm received: complaint summary, assessment and its answer.' })
export class Notice {
  @Field(() => ID, { description: 'Identifier.' }) id: string;
  @Field(() => DateTime, { description: 'When the firm got it.' }) sentAt: Date;
  @Field(() => DateTime, { nullable: true, description: 'When the firm acknowledged it.' }) acknowledgedAt: Date | null;
  @Field(() => DateTime, { nullable: true, description: 'When the firm answered.' }) respondedAt: Date | null;
  @Field(() => NoticeResponseKind, { nullable: true, description: 'How the firm answered.' }) responseKind: NoticeResponseKind | null;
  @Field(() => String, { nullable: true, description: 'The firm\'s statement.' }) responseStatement: string | null;
  @Field(() => JSONObjectResolver, { description: 'Complaint summary: reference, claim, works, requested remedies, assessment.' }) summary: Record<string, unknown>;
}
