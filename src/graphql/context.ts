import type { RequestContext } from '../policies/context';
import type { Services } from '../services';
import type { Loaders } from './loaders';

/** The type-graphql context of one request. */
export interface GraphQLContext {
  ctx: RequestContext;
  services: Services;
  loaders: Loaders;
}
