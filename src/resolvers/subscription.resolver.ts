import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { CaseEventEntity } from '../persistence/entities';
import type { GraphQLContext } from '../graphql/context';
import { CaseEvent } from '../schema/types/case.types';

@Resolver()
export class SubscriptionResolver {
  @Subscription(() => CaseEvent, {
    description: 'Live events of one case (graphql-ws on /graphql), for whoever may see the case: its parties, its mediator, admins. '
      + 'Authorised exactly like case(id): another party\'s case is NOT_FOUND. Missed events are in case.events (by seq).',
    subscribe: ({ args, context }) => (context as GraphQLContext).services.caseEvents.subscribe((context as GraphQLContext).ctx, String(args.caseId)),
  })
  caseEvents(@Arg('caseId', () => ID, { description: 'The case.' }) _caseId: string, @Root() event: CaseEventEntity): CaseEventEntity {
    return event;
  }
}

/**
 * type-graphql insists on a pubSub once a schema has a subscription, even when
 * every subscription brings its own `subscribe` (as caseEvents does, fed by the
 * Redis-backed CaseEventBus). This one only says so if anything ever uses it.
 */
export const OWN_SUBSCRIBE_ONLY = {
  publish(): void {
    throw new Error('Subscriptions in Chōtei bring their own subscribe function (see CaseEventBus); there is no topic pub/sub');
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error('Subscriptions in Chōtei bring their own subscribe function (see CaseEventBus); there is no topic pub/sub');
  },
};
