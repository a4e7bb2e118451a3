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
  @Field(() => String, { nullable: true, description: 'A 64-bit image perceptual hash (16 lowercase hex characters, computed as src/infra/similarity/README.md documents) that checkOptOutsPerceptual matches within a Hamming distance. The reference image of the work it covers (of each of your works, for allWorks) is registered too.' })
  @Limit({ maxLength: 16 }) perceptualHash?: string | null;
}
