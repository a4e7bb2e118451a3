import { Field, InputType } from 'type-graphql';
import { Limit, RULES } from '../validation/rules';
import { RecommendationFinding, Remedy } from '../../domain/enums';
import { SafeInt } from '../scalars';

@InputType({ description: 'A mediator\'s recommendation to the parties.' })
export class RecommendationInput {
  @Field(() => RecommendationFinding, { description: 'Infringement, no infringement, or infringement in part.' }) finding: RecommendationFinding;
  @Field(() => [Remedy], { description: 'Remedies recommended (at least one unless NO_INFRINGEMENT).' }) @Limit({ maxItems: 20 }) remedies: Remedy[];
  @Field(() => SafeInt, { nullable: true, description: 'Amount recommended, whole yen, not negative (none with NO_INFRINGEMENT).' }) @Limit(RULES.amountJpy) amountJpy?: number | null;
  @Field({ description: 'Why: the reasoning both parties will read.' }) @Limit(RULES.statement) reasoning: string;
}
