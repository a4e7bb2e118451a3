import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import { AiFirm } from '../schema/types/account.types';
import { ArgLimits } from '../schema/validation/rules';

/** Respondent records of firms not on Chōtei (issue 14). */
@Resolver()
export class RespondentResolver {
  @Mutation(() => AiFirm, { description: 'AI_FIRM: takes over the respondent record of a served notice with the claim code its email carried; the record\'s cases become your firm\'s, with their windows and history intact. Each code works once.' })
  @ArgLimits({ claimCode: { maxLength: 100 } })
  claimRespondent(@Arg('claimCode', { description: 'The claim code from the notice email (the last part of its {PUBLIC_URL}/notices/… link).' }) claimCode: string,
    @Ctx() { ctx, services }: GraphQLContext) {
    return services.cases.claimRespondent(ctx, claimCode);
  }
}
