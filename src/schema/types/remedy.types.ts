import { Field, ID, ObjectType } from 'type-graphql';
import { Remedy } from '../../domain/enums';
import { DateTime } from '../scalars';

@ObjectType({ simpleResolvers: true, description: 'What the firm certifies it did for one remedy.' })
export class RemedyAction {
  @Field(() => Remedy, { description: 'The remedy carried out.' }) remedy: Remedy;
  @Field({ description: 'What was done.' }) description: string;
  @Field(() => [String], { nullable: true, description: 'Datasets the work was removed from (DATASET_REMOVAL).' }) datasetIds: string[] | null;
  @Field(() => DateTime, { nullable: true, description: 'When it was completed.' }) completedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Reference of the payment (COMPENSATION).' }) paymentReference: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'The firm\'s certification that the remedies are done; the creator confirms or disputes it.' })
export class RemedyCertification {
  @Field(() => ID, { description: 'Identifier.' }) id: string;
  @Field(() => ID, { description: 'The firm account that certified.' }) certifiedById: string;
  @Field(() => [RemedyAction], { description: 'What was done, per remedy.' }) actions: RemedyAction[];
  @Field(() => DateTime, { description: 'When it was certified.' }) createdAt: Date;
}
