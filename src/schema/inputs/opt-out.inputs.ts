import { Field, ID, InputType } from 'type-graphql';
import { Limit } from '../validation/rules';
import { OptOutScope, OptOutSignal } from '../../domain/enums';
import { DateTime } from '../scalars';

@InputType({ description: 'An opt-out to register: one of your works (workId) or all of them (allWorks: true).' })
export class OptOutInput {
  @Field(() => ID, { nullable: true, description: 'The work it covers; leave out with allWorks: true.' }) workId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Covers all your works, including works you register later.' }) allWorks?: boolean | null;
  @Field(() => OptOutScope, { description: 'What kind of AI training it covers.' }) scope: OptOutScope;
  @Field(() => [OptOutSignal], { nullable: true, description: 'Where else you express it; defaults to [REGISTRY].' }) @Limit({ maxItems: 20 }) signals?: OptOutSignal[] | null;
  @Field(() => DateTime, { nullable: true, description: 'From when it applies; defaults to now and cannot be in the past.' }) effectiveFrom?: Date | null;
}
