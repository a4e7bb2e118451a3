import { Field, ID, InputType } from 'type-graphql';
import { Limit } from '../validation/rules';
import { OptOutScope, OptOutSignal } from '../../domain/enums';
import { DateTime } from '../scalars';

@InputType({ description: 'An opt-out signal\'s value as you saw it, for Chōtei to read (see readOptOutSignal for what each signal accepts).' })
export class OptOutSignalValueInput {
  @Field(() => OptOutSignal, { description: 'The signal the value belongs to.' }) signal: OptOutSignal;
  @Field(() => String, { description: 'The value as seen, e.g. "train-ai=n, search=y" (AI_PREFERENCES), "DMI-PROHIBITED-GENAIMLTRAINING" or its URI (IPTC_DMI), the cawg.training-mining assertion\'s JSON (CAWG), "search=yes, ai-train=no" (CONTENT_SIGNAL), "noai" (X_ROBOTS_TAG_NOAI), "1" (TDMREP). At most 2,000 characters.' })
  @Limit({ text: true, maxLength: 2000 }) value: string;
}

@InputType({ description: 'An opt-out to register: one of your works (workId) or all of them (allWorks: true).' })
export class OptOutInput {
  @Field(() => ID, { nullable: true, description: 'The work it covers; leave out with allWorks: true.' }) workId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Covers all your works, including works you register later.' }) allWorks?: boolean | null;
  @Field(() => OptOutScope, { description: 'What kind of AI training it covers.' }) scope: OptOutScope;
  @Field(() => [OptOutSignal], { nullable: true, description: 'Where else you express it; defaults to [REGISTRY].' }) @Limit({ maxItems: 20 }) signals?: OptOutSignal[] | null;
  @Field(() => DateTime, { nullable: true, description: 'From when it applies; defaults to now and cannot be in the past.' }) effectiveFrom?: Date | null;
  @Field(() => String, { nullable: true, description: 'A 64-bit image perceptual hash (16 lowercase hex characters, computed as src/infra/similarity/README.md documents) that checkOptOutsPerceptual matches within a Hamming distance. The reference image of the work it covers (of each of your works, for allWorks) is registered too.' })
  @Limit({ maxLength: 16 }) perceptualHash?: string | null;
  @Field(() => [OptOutSignalValueInput], { nullable: true, description: 'Up to 10 signal values as you saw them (a Content-Usage header, an XMP Data Mining value, a CAWG assertion …). Each is read (readOptOutSignal) and refused when Chōtei cannot read it or it reserves no AI use; together they must not reserve a use that scope leaves open (the error on scope names the scope they call for). Their signals are added to signals; the values themselves are not stored.' })
  @Limit({ maxItems: 10 }) signalValues?: OptOutSignalValueInput[] | null;
}
