import { Field, ID, InputType } from 'type-graphql';
import { Limit, RULES } from '../validation/rules';
import { NoticeResponseKind, Remedy } from '../../domain/enums';
import { SafeInt } from '../scalars';

@InputType({ description: 'One principal\'s share of an offered amount.' })
export class SplitInput {
  @Field(() => ID, { description: 'A principal of the case (Case.principals).' }) principalId: string;
  @Field(() => SafeInt, { description: 'Its share, whole yen, not negative.' }) @Limit(RULES.amountJpy) amountJpy: number;
}

@InputType({ description: 'An offer: an amount, a license template, remedies, or a mix.' })
export class OfferInput {
  @Field(() => SafeInt, { nullable: true, description: 'Amount in whole yen, not negative.' }) @Limit(RULES.amountJpy) amountJpy?: number | null;
  @Field(() => String, { nullable: true, description: 'Code of a license template (see licenseTemplates).' }) licenseTemplateCode?: string | null;
  @Field(() => [Remedy], { nullable: true, description: 'Remedies offered.' }) @Limit({ maxItems: 20 }) remedies?: Remedy[] | null;
  @Field(() => String, { nullable: true, description: 'A message to the other party.' }) @Limit(RULES.description) message?: string | null;
  @Field(() => [SplitInput], { nullable: true, description: 'How amountJpy divides among the case\'s principals (Case.principals), when it was filed for several: each principal once, shares summing to amountJpy. Kept with the offer and carried into the settlement it leads to.' })
  @Limit({ maxItems: 500 }) splits?: SplitInput[] | null;
}

@InputType({ description: 'The firm\'s answer to a notice.' })
export class NoticeResponseInput {
  @Field(() => NoticeResponseKind, { description: 'Accept, contest, offer a license, decline the process, or ask once for more time.' }) kind: NoticeResponseKind;
  @Field({ description: 'The firm\'s statement.' }) @Limit(RULES.statement) statement: string;
  @Field(() => OfferInput, { nullable: true, description: 'An offer (with OFFER_LICENSE or CONTEST).' }) offer?: OfferInput | null;
}
