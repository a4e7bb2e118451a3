import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CORPORATE_KINDS } from '../domain/reciprocity';
import type { WorkEntity } from '../persistence/entities';
import type { GraphQLContext } from '../graphql/context';
import { AiSystemInput, RegisterWorkInput } from '../schema/inputs/work.inputs';
import { AiSystem } from '../schema/types/account.types';
import { toConnection } from '../schema/types/connection';
import { Author, Work, WorkConnection } from '../schema/types/work.types';

@Resolver(() => Work)
export class WorkResolver {
  @FieldResolver(() => [Author], { description: 'The authors, recorded apart from the holder. A work registered without authors has one: the holder, as its creator profile describes it (with authorDeathYear and isCorporateWork).' })
  async authors(@Root() work: WorkEntity, @Ctx() { loaders }: GraphQLContext): Promise<Author[]> {
    if (work.authors?.length) {
      return work.authors.map((a) => ({
        name: a.name, nationality: a.nationality ?? null, habitualResidence: a.habitualResidence ?? null, deathYear: a.deathYear ?? null,
        anonymous: a.anonymous === true, corporate: a.corporate === true,
      }));
    }
    const [owner, profile] = await Promise.all([loaders.account.load(work.ownerId), loaders.creatorProfile.load(work.ownerId)]);
    const corporate = work.isCorporateWork ?? (profile ? CORPORATE_KINDS.has(profile.kind) : false);
    return [{
      name: owner?.displayName ?? '', nationality: profile?.nationality ?? null, habitualResidence: corporate ? profile?.principalOfficeCountry ?? null : null,
      deathYear: work.authorDeathYear ?? null, anonymous: false, corporate,
    }];
  }

  @Mutation(() => Work, { description: 'CREATOR: registers a work.' })
  registerWork(@Arg('input', () => RegisterWorkInput, { description: 'The work.' }) input: RegisterWorkInput, @Ctx() { ctx, services }: GraphQLContext) {
    return services.works.registerWork(ctx, input);
  }

  @Query(() => WorkConnection, { description: 'CREATOR: your registered works, oldest first.' })
  async myWorks(
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from the previous page.' }) after: string | null,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return toConnection(await services.works.myWorks(ctx, { first, after }));
  }

  @Mutation(() => AiSystem, { description: 'AI_FIRM: registers an AI system.' })
  registerAiSystem(@Arg('input', () => AiSystemInput, { description: 'The system.' }) input: AiSystemInput, @Ctx() { ctx, services }: GraphQLContext) {
    return services.works.registerAiSystem(ctx, input);
  }

  @Query(() => [AiSystem], { description: 'Public: registered AI systems, of one firm or all.' })
  aiSystems(@Arg('firmId', () => ID, { nullable: true, description: 'Only this firm\'s systems.' }) firmId: string | null, @Ctx() { ctx, services }: GraphQLContext) {
    return services.works.aiSystems(ctx, firmId);
  }
}
