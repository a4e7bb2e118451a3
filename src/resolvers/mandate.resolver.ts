import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AccountEntity, CaseEntity, MandateEntity, WorkEntity } from '../persistence/entities';
import type { GraphQLContext } from '../graphql/context';
import { canSeeCase } from '../policies';
import { MandateInput } from '../schema/inputs/mandate.inputs';
import { Account } from '../schema/types/account.types';
import { Case } from '../schema/types/case.types';
import { toConnection } from '../schema/types/connection';
import { Mandate, MandateConnection } from '../schema/types/mandate.types';
import { Work } from '../schema/types/work.types';

@Resolver(() => Mandate)
export class MandateResolver {
  @Mutation(() => Mandate, { description: 'CREATOR: authorises another creator account (a collective, publisher, corporation or individual agent) to file complaints for you (FileComplaintInput.principalIds), over all your works or the listed ones, for the listed claim types or all, until validUntil or until you revoke it.' })
  grantMandate(@Arg('input', () => MandateInput, { description: 'The mandate.' }) input: MandateInput, @Ctx() { ctx, services }: GraphQLContext) {
    return services.mandates.grantMandate(ctx, input);
  }

  @Mutation(() => Mandate, { description: 'CREATOR, the principal: revokes a mandate you granted. No new complaint may be filed under it; cases already filed keep you as a principal (you still read them) and record the revocation in their history.' })
  revokeMandate(@Arg('id', () => ID, { description: 'The mandate.' }) id: string, @Ctx() { ctx, services }: GraphQLContext) {
    return services.mandates.revokeMandate(ctx, id);
  }

  @Query(() => MandateConnection, { description: 'CREATOR: the mandates you granted and those you hold, oldest first.' })
  async mandates(
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from the previous page.' }) after: string | null,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return toConnection(await services.mandates.mandates(ctx, { first, after }));
  }

  @FieldResolver(() => Account, { description: 'The creator who granted it (whose works it covers).' })
  async principal(@Root() m: MandateEntity, @Ctx() { loaders }: GraphQLContext): Promise<AccountEntity | null> {
    return loaders.account.load(m.principalId);
  }

  @FieldResolver(() => Account, { description: 'The account that may file under it.' })
  async agent(@Root() m: MandateEntity, @Ctx() { loaders }: GraphQLContext): Promise<AccountEntity | null> {
    return loaders.account.load(m.agentId);
  }

  @FieldResolver(() => [Work], { description: 'The works it lists; empty with allWorks (then every work of the principal).' })
  async works(@Root() m: MandateEntity, @Ctx() { loaders }: GraphQLContext): Promise<WorkEntity[]> {
    return m.allWorks ? [] : loaders.worksByMandate.load(m.id);
  }

  @FieldResolver(() => Boolean, { description: 'Whether it is in force now: not revoked and not expired.' })
  inForce(@Root() m: MandateEntity): boolean {
    const now = new Date();
    return !m.revokedAt && m.validFrom <= now && (!m.validUntil || m.validUntil > now);
  }
}

@Resolver(() => Case)
export class CasePrincipalsResolver {
  @FieldResolver(() => [Account], { description: 'The rights holders the complaint was filed for (FileComplaintInput.principalIds); the complainant alone when it filed for itself. Each principal may read the case; the complainant acts for them.' })
  async principals(@Root() row: CaseEntity, @Ctx() { ctx, loaders }: GraphQLContext): Promise<AccountEntity[]> {
    if (!canSeeCase(ctx.viewer, row)) return [];
    const stored = await loaders.principalsByCase.load(row.id);
    if (stored.length) return stored;
    const complainant = await loaders.account.load(row.complainantId);
    return complainant ? [complainant] : [];
  }
}
