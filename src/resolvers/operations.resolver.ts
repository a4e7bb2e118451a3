import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { ArgLimits } from '../schema/validation/rules';
import type { GraphQLContext } from '../graphql/context';
import { FailedJob } from '../schema/types/operations.types';

/** What operators look at: the state of the background work. */
@Resolver()
export class OperationsResolver {
  @Query(() => [FailedJob], { description: 'ADMIN: the jobs whose retries ran out, newest first, from every queue\'s failed set. The reconciler re-creates those the database still expects (with backoff, up to a ceiling); what is left here needs a look.' })
  @ArgLimits({ first: { min: 1, max: 200 } })
  failedJobs(
    @Arg('first', () => Int, { nullable: true, description: 'How many, 1 to 200 (default 50).' }) first: number | null,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.reconciler.failedJobs(ctx, first);
  }
}
