import { Field, ID, InputType } from 'type-graphql';
import { Limit } from '../validation/rules';
import { ClaimType } from '../../domain/enums';
import { DateTime } from '../scalars';

/** Works one mandate may list (MandateService.MAX_MANDATE_WORKS; a larger catalogue uses allWorks). */
const MAX_MANDATE_WORKS = 1000;

@InputType({ description: 'A mandate you grant: who may file complaints for you, over which of your works and claim types, until when.' })
export class MandateInput {
  @Field(() => ID, { description: 'The agent: another creator account (a collective, publisher, corporation or individual agent) that will file for you.' }) agentId: string;
  @Field(() => [ID], { nullable: true, description: 'Your registered works it covers (1 to 1,000); give exactly one of workIds and allWorks: true.' })
  @Limit({ maxItems: MAX_MANDATE_WORKS }) workIds?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'True: every work of yours, including works you register later.' }) allWorks?: boolean | null;
  @Field(() => [ClaimType], { nullable: true, description: 'The claim types the agent may file; omitted or empty: every claim type.' })
  @Limit({ maxItems: 20 }) claimTypes?: ClaimType[] | null;
  @Field(() => DateTime, { nullable: true, description: 'When it ends (in the future); omitted: until you revoke it.' }) validUntil?: Date | null;
}
