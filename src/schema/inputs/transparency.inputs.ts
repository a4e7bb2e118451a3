import { TrainingDataCategory } from '../../domain/enums';
import { Field, InputType } from 'type-graphql';
import { Limit } from '../validation/rules';
import { DateTime } from '../scalars';
import '../types/transparency.types';

@InputType({ description: 'A training-data disclosure for one AI system.' })
export class TrainingDisclosureInput {
  @Field(() => [TrainingDataCategory], { description: 'The categories of data the system was trained on (at least one; OTHER when none fits).' }) @Limit({ maxItems: 50 }) categories: TrainingDataCategory[];
  @Field(() => DateTime, { nullable: true, description: 'The training-data cutoff date (not in the future).' }) cutoff?: Date | null;
  @Field(() => [String], { nullable: true, description: 'Measures that keep the system from reproducing training works (e.g. output filters, deduplication); at most 50, each up to 1,000 characters.' })
  @Limit({ maxItems: 50, maxLength: 1000 }) suppressionMeasures?: string[] | null;
}
