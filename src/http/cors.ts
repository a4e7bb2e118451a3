import type { CorsOptions } from 'cors';
import type { Config } from '../config/env';

/**
 * CORS on /graphql from CORS_ORIGINS: `*` outside production by default (a
 * GraphQL IDE on any port works), none in production unless listed (browsers
 * on other origins then get no Access-Control-Allow-Origin and stop);
 * `*` is refused at start-up in production (src/config/env.ts).
 */
export function corsOptions(config: Config): CorsOptions {
  if (config.corsOrigins === '*') return { origin: '*', maxAge: 600 };
  const allowed = new Set(config.corsOrigins);
  return { origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)), maxAge: 600 };
}
