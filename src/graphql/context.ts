import type { RequestContext } from '../policies/context';
import type { Services } from '../services';
import type { Loaders } from './loaders';

/** The type-graphql context of one request. */
export interface GraphQLContext {
  ctx: RequestContext;
  services: Services;
  loaders: Loaders;
  /**
   * The language of error messages (src/infra/i18n): Accept-Language, then the account's locale, else English,
   * the contract's language that clients written before translations parse. (`ctx.locale`, the language of
   * content such as license template titles, falls back to Japanese instead.) Absent: English.
   */
  errorLocale?: string;
}
