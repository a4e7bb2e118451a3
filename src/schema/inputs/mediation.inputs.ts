import { Field, InputType } from 'type-graphql';
import { RecommendationFinding, Remedy } from '../../domain/enums';
import { SafeInt } from '../scalars';

@InputType({ description: 'A mediator\'s recommendation to the parties.' })
export class RecommendationInput {
  @Field(() => RecommendationFinding, { description: 'Infringement, no infringement, or infringement in part.' }) finding: RecommendationFinding;
  @Field(() => [Remedy], { description: 'Remedies recommended (at least one unless NO_INFRINGEMENT).' }) remedies: Remedy[];
  @Field(() => SafeInt, { nullable: true, description: 'Amount recommended, whole yen, not negative (none with NO_INFRINGEMENT).' }) amountJpy?: number | null;
  @Field({ description: 'Why: the reasoning both parties will read.' }) reasoning: string;
}
