import { Field, ID, ObjectType } from 'type-graphql';
import { ClaimType } from '../../domain/enums';
import { DateTime, SafeInt } from '../scalars';
import { Connection } from './connection';

@ObjectType({
  description: 'A mandate: a creator (the principal) authorises a collective, publisher or agent to file complaints for it, over all its works or the listed ones, '
    + 'for some claim types or all, until validUntil or until revoked. Revoking stops new filings; cases already filed keep their principals.',
})
export class Mandate {
  @Field(() => ID, { description: 'Identifier.' }) id: string;
  @Field(() => Boolean, { description: 'Every work of the principal, including works registered later; otherwise the works listed in works.' }) allWorks: boolean;
  @Field(() => [ClaimType], { description: 'The claim types the agent may file; empty: every claim type.' }) claimTypes: ClaimType[];
  @Field(() => DateTime, { description: 'When it was granted and took effect.' }) validFrom: Date;
  @Field(() => DateTime, { nullable: true, description: 'When it ends; null: until revoked.' }) validUntil: Date | null;
  @Field(() => DateTime, { nullable: true, description: 'When the principal revoked it; null while not revoked.' }) revokedAt: Date | null;
}

export const MandateConnection = Connection(Mandate, 'Mandate', 'mandate');

@ObjectType({ simpleResolvers: true, description: 'One principal\'s share of an offered or settled amount.' })
export class AmountSplit {
  @Field(() => ID, { description: 'The principal (an account among Case.principals).' }) principalId: string;
  @Field(() => SafeInt, { description: 'Its share, whole yen.' }) amountJpy: number;
}
