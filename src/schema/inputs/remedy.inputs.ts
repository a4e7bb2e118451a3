import { Field, InputType } from 'type-graphql';
import { Limit, RULES } from '../validation/rules';
import { Remedy } from '../../domain/enums';
import { DateTime } from '../scalars';

@InputType({ description: 'What was done for one remedy.' })
export class RemedyActionInput {
  @Field(() => Remedy, { description: 'The remedy carried out.' }) remedy: Remedy;
  @Field({ description: 'What was done (1 to 5000 characters).' }) @Limit(RULES.description) description: string;
  @Field(() => [String], { nullable: true, description: 'Datasets the work was removed from: required for DATASET_REMOVAL.' }) @Limit({ maxItems: 1000, maxLength: 200 }) datasetIds?: string[] | null;
  @Field(() => DateTime, { nullable: true, description: 'When it was completed; not in the future. Required for DATASET_REMOVAL.' }) completedAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'Reference of the payment: required for COMPENSATION.' }) paymentReference?: string | null;
}

@InputType({ description: 'The firm\'s certification that the agreed remedies are done.' })
export class RemedyCertificationInput {
  @Field(() => [RemedyActionInput], { description: 'What was done, one entry per remedy (at least one).' }) @Limit({ maxItems: 50 }) actions: RemedyActionInput[];
}
