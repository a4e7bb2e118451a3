import type http from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { DocumentNode, FragmentDefinitionNode, GraphQLError, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import proxyaddr from 'proxy-addr';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config/env';
import type { Services } from '../services';
import type { Viewer } from '../policies/context';
import type { GraphQLContext } from './context';
import { pickLocale, translate } from '../infra/i18n/i18n';

/** The window of RATE_LIMIT_PER_MINUTE, in seconds. */
export const WINDOW_S = 60;

/**
 * Whom a request is counted against: the verified account (a JWT, or any of the account's API keys: making
 * more keys buys no more allowance), else the client address. A credential that does not verify is not a
 * principal: it counts against the address, so junk tokens buy nothing.
 */
export function principalKey(viewer: Viewer | null, address: string | null | undefined): string {
  return viewer ? `a-${viewer.accountId}` : `ip-${address ?? 'unknown'}`;
}

/**
 * TRUST_PROXY as one function, given to express (`trust proxy`, for req.ip) and used for WebSocket upgrade
 * requests alike (the same rules as express's own compileTrust). Off: the socket's peer, whatever X-Forwarded-For says.
 */
export function trustFunction(setting: Config['trustProxy']): (address: string, hop: number) => boolean {
  if (setting === true) return () => true;
  if (setting === false) return () => false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return proxyaddr.compile(setting.split(',').map((s) => s.trim()));
}

/** The client address of a raw HTTP request (the WebSocket upgrade), as req.ip would give it. */
export function clientAddress(req: http.IncomingMessage, trust: (address: string, hop: number) => boolean): string {
  return proxyaddr(req, trust);
}

const authentications = new WeakMap<object, Promise<Viewer | null>>();

/**
 * Authenticates a request once: the rate limiter (before Apollo) and the GraphQL context share the answer.
 * services.auth.authenticate caches good credentials for 5 s; this also spares a bad one a second check.
 */
export function authenticateRequest(services: Services, req: Request): Promise<Viewer | null> {
  let pending = authentications.get(req);
  if (!pending) {
    pending = services.auth.authenticate(req.headers.authorization);
    pending.catch(() => undefined); // handled by whoever awaits it
    authentications.set(req, pending);
  }
  return pending;
}

const limiters = new WeakMap<Redis, { prefix: string; points: number; limiter: RateLimiterRedis }>();

/**
 * The per-minute allowance of every principal, shared by all API processes (and by HTTP and WebSocket) through Redis.
 * While Redis is away (not connected, or a command fails or times out) the same allowance is counted in this process
 * (rate-limiter-flexible's insurance limiter, a RateLimiterMemory): requests are neither held up nor let through
 * uncounted, and the Redis counts are used again as soon as it is back. Pass the fail-fast connection
 * (src/infra/redis.ts), so that nothing waits in ioredis's offline queue. One limiter per connection and settings:
 * the HTTP middleware, the Apollo plugin and the WebSocket limits share it (and its in-process counts).
 */
export function requestLimiter(config: Config, redis: Redis): RateLimiterRedis | null {
  if (config.rateLimitPerMinute <= 0) return null;
  const kept = limiters.get(redis);
  if (kept && kept.prefix === config.redisPrefix && kept.points === config.rateLimitPerMinute) return kept.limiter;
  const keyPrefix = `${config.redisPrefix}-rl`;
  const limiter = new RateLimiterRedis({
    storeClient: redis, keyPrefix, points: config.rateLimitPerMinute, duration: WINDOW_S,
    // A principal over its allowance is refused by this process without asking Redis until the window ends.
    inMemoryBlockOnConsumed: config.rateLimitPerMinute,
    // Not connected: straight to the insurance limiter, without trying the command.
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix, points: config.rateLimitPerMinute, duration: WINDOW_S }),
  });
  limiters.set(redis, { prefix: config.redisPrefix, points: config.rateLimitPerMinute, limiter });
  return limiter;
}

const retryAfter = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Rate-limit header fields, under the names of the IETF draft "RateLimit header fields for HTTP"
 * (draft-ietf-httpapi-ratelimit-headers, the separate fields of drafts 03 to 06 — what express-rate-limit
 * calls "draft-6"; later drafts merge them into one `RateLimit` field): RateLimit-Limit (requests a window),
 * RateLimit-Remaining, RateLimit-Reset (seconds until the window ends), RateLimit-Policy ("limit;w=seconds").
 */
function rateLimitHeaders(limit: number, res: RateLimiterRes): Array<[string, string]> {
  return [
    ['RateLimit-Limit', String(limit)],
    ['RateLimit-Remaining', String(Math.max(0, res.remainingPoints))],
    ['RateLimit-Reset', String(Math.max(0, Math.ceil(res.msBeforeNext / 1000)))],
    ['RateLimit-Policy', `${limit};w=${WINDOW_S}`],
  ];
}

function refusal(limit: number, waitMs: number, what: string, locale: string) {
  const seconds = retryAfter(waitMs);
  return { seconds, message: translate(locale, 'limits.rateLimited', { limit, what, seconds }) };
}

/**
 * Before Apollo: authenticates (once), counts one point against the principal and sets the rate-limit
 * headers; over the allowance, answers HTTP 429, RATE_LIMITED with retryAfterSeconds, and Retry-After.
 * Documents with more than one root field pay for the others in rateLimitPlugin. If Redis cannot answer,
 * the allowance is counted in this process (requestLimiter); should even that fail, requests pass (the log
 * says so): availability over strictness here; logIn's throttle fails closed (SERVICE_UNAVAILABLE).
 */
export function rateLimitMiddleware(config: Config, redis: Redis, services: Services, log?: Logger) {
  const limiter = requestLimiter(config, redis);
  if (!limiter) return (_req: Request, _res: Response, next: NextFunction) => next();
  const limit = config.rateLimitPerMinute;
  return async (req: Request, res: Response, next: NextFunction) => {
    let viewer: Viewer | null = null;
    try {
      viewer = await authenticateRequest(services, req);
    } catch {
      // Not verified (answered UNAUTHENTICATED by the GraphQL context): counted against the address.
    }
    const key = principalKey(viewer, req.ip);
    try {
      const result = await limiter.consume(key, 1);
      for (const [name, value] of rateLimitHeaders(limit, result)) res.setHeader(name, value);
      next();
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        log?.warn({ err: rejection }, 'rate limiter unavailable; request let through');
        return next();
      }
      const { seconds, message } = refusal(limit, rejection.msBeforeNext, '', pickLocale(req.headers['accept-language'], viewer?.locale));
      for (const [name, value] of rateLimitHeaders(limit, rejection)) res.setHeader(name, value);
      res.setHeader('Retry-After', String(seconds));
      res.status(429).json({ errors: [{ message, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds } }] });
    }
  };
}

/** Root fields of an operation, aliases each counted, fragments at the root followed (each once). */
export function rootFieldCount(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const seen = new Set<string>();
  const count = (set: SelectionSetNode): number => {
    let n = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) n += 1;
      else if (s.kind === Kind.INLINE_FRAGMENT) n += count(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = fragments.get(s.name.value);
        if (fragment) n += count(fragment.selectionSet);
      }
    }
    return n;
  };
  return count(operation.selectionSet);
}

/**
 * In Apollo: every root field of a query or mutation (aliases included) costs a point — the request paid
 * one in rateLimitMiddleware, the others are taken here before anything runs. Over the allowance the whole
 * request is refused: HTTP 429, RATE_LIMITED with retryAfterSeconds, Retry-After. The rate-limit headers
 * then tell what is left. Also: an answer with no data whose every error is RATE_LIMITED (a throttled
 * logIn, signUp) goes out as HTTP 429 with Retry-After.
 */
export function rateLimitPlugin(config: Config, redis: Redis): ApolloServerPlugin<GraphQLContext> {
  const limiter = requestLimiter(config, redis);
  const limit = config.rateLimitPerMinute;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue, response }) {
          if (!limiter || !operation || operation.operation === 'subscription') return;
          const extra = rootFieldCount(document, operation) - 1;
          if (extra <= 0) return;
          const key = principalKey(contextValue.ctx.viewer, contextValue.ctx.address);
          let result: RateLimiterRes;
          try {
            result = await limiter.consume(key, extra);
          } catch (rejection) {
            if (!(rejection instanceof RateLimiterRes)) return;
            const locale = contextValue.errorLocale ?? 'en';
            const { seconds, message } = refusal(limit, rejection.msBeforeNext, translate(locale, 'limits.rootFields', { count: extra + 1 }), locale);
            const headers = new HeaderMap([...rateLimitHeaders(limit, rejection), ['Retry-After', String(seconds)]].map(([k, v]) => [k.toLowerCase(), v]));
            throw new GraphQLError(message, { extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds, http: { status: 429, headers } } });
          }
          for (const [name, value] of rateLimitHeaders(limit, result)) response.http.headers.set(name.toLowerCase(), value);
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data != null || !errors?.length || !errors.every((e) => e.extensions?.code === 'RATE_LIMITED')) return;
          const seconds = Math.max(...errors.map((e) => Number(e.extensions?.retryAfterSeconds) || 1));
          response.http.status = 429;
          response.http.headers.set('retry-after', String(seconds));
        },
      };
    },
  };
}
