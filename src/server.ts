import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import cors from 'cors';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { Config } from './config/env';
import type { Database } from './persistence/database';
import type { GraphQLContext } from './graphql/context';
import { errorLocalePlugin, formatError } from './graphql/format-error';
import { CONTENT_DEFAULT_LOCALE, pickLocale } from './infra/i18n/i18n';
import { jitExecution } from './graphql/jit-executor';
import { createLoaders } from './graphql/loaders';
import { requestIdPlugin } from './graphql/plugins';
import { tracingPlugin } from './graphql/tracing';
import { tracingEnabled } from './infra/tracing';
import { fieldSuggestionPlugins, QueryGuard, queryCostPlugin, queryLimits, queryLimitsMiddleware } from './graphql/limits';
import { corsOptions } from './http/cors';
import { graphiqlRoutes } from './http/graphiql.route';
import { httpErrorHandler, notFoundHandler } from './http/errors';
import { inputValidationPlugin } from './graphql/input-validation';
import { idempotencyPlugin } from './graphql/idempotency';
import { HttpDrain } from './http/graceful';
import { authenticateRequest, rateLimitMiddleware, rateLimitPlugin, trustFunction } from './graphql/rate-limit';
import type { Services } from './services';
import type { Viewer } from './policies/context';
import type { Redis } from 'ioredis';
import { AppError } from './domain/errors';
import { RedisHealth, withTimeout } from './infra/redis';
import { asStorageUnavailable } from './persistence/storage-errors';
import { serviceUnavailablePlugin } from './graphql/unavailable';
import type { AppMetrics } from './infra/metrics/metrics';
import { httpMetricsMiddleware } from './http/metrics.route';
import { metricsPlugin } from './graphql/metrics-plugin';

export interface HttpDeps {
  config: Config; db: Database; services: Services; schema: GraphQLSchema; log: Logger;
  /** The request path's Redis: the fail-fast connection of src/infra/redis.ts (rate limits, /readyz). */
  redis: Redis;
  /** Its health (one log line per outage); made here from `redis` when not given. */
  redisHealth?: RedisHealth;
  extraRoutes?: (app: express.Express) => void;
  /** The app's Prometheus figures: every HTTP request and GraphQL operation is recorded (src/infra/metrics). */
  metrics?: AppMetrics;
  onServer?: (server: http.Server) => Promise<(() => Promise<void>) | void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** The HTTP side: /graphql (Apollo), /healthz, /readyz and any extra routes. */
export async function startHttp(deps: HttpDeps): Promise<{
  server: http.Server; url: string;
  /** Graceful: subscribers told to go, every request already received answered, then Apollo stopped (src/http/graceful.ts). */
  stop(): Promise<void>;
  /** What the stop still waits for (the shutdown deadline's log line). */
  pending(): { requests: string[]; connections: number; handlers: number };
  /** Ends every connection at once (past the shutdown deadline). */
  forceClose(): void;
}> {
  const { config, db, services, schema, log } = deps;
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are POST responses, never revalidated: hashing each body for an ETag is wasted work.
  // (GET /opt-outs.jsonl sets its own ETag.)
  app.set('etag', false);
  // TRUST_PROXY (default off): which X-Forwarded-For hops req.ip believes; off, req.ip is the socket's peer.
  app.set('trust proxy', trustFunction(config.trustProxy));
  // First: every request's latency by route pattern and status, whoever answers it.
  if (deps.metrics) app.use(httpMetricsMiddleware(deps.metrics));
  const server = http.createServer(app);
  // Graceful stop (main.ts owns the signals): Apollo's drain plugin would close idle keep-alive connections with
  // requests still unread in them, and answer without "Connection: close".
  const drain = new HttpDrain(server);
  const production = config.env === 'production';
  // Size, tokens, aliases, directives, depth and cost, checked before Apollo parses (src/graphql/limits.ts).
  const guard = new QueryGuard(schema, queryLimits(config));
  const apollo = new ApolloServer<GraphQLContext>({
    // Always through this executor (graphql-jit or graphql-js), which holds queries to their time budget.
    gateway: jitExecution(schema, { jit: config.graphqlJit, timeoutMs: config.queryTimeoutMs }),
    introspection: !production,
    // Also Apollo's own parse stops at the token limit (the guard already refused longer documents).
    parseOptions: { maxTokens: config.queryMaxTokens },
    // main.ts owns SIGTERM/SIGINT and stops everything in order.
    stopOnTerminationSignals: false,
    // Never in answers, in any environment: a stack trace tells an attacker the code's layout. Logs carry it with the request id.
    includeStacktraceInErrorResponses: false,
    formatError: formatError(production),
    plugins: [
      // A span per operation when tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT; src/infra/tracing).
      ...(tracingEnabled() ? [tracingPlugin()] : []),
      requestIdPlugin(log), queryCostPlugin(guard), ...fieldSuggestionPlugins(production),
      // Errors in the viewer's language (src/infra/i18n): formatError reads the locale this notes.
      errorLocalePlugin(),
      // Every argument of every operation is checked before any resolver runs (src/schema/validation/).
      inputValidationPlugin(schema),
      // Each root field (aliases included) costs a rate-limit point; RATE_LIMITED answers go out as HTTP 429.
      rateLimitPlugin(config, deps.redis),
      // SERVICE_UNAVAILABLE (Redis or storage away) as HTTP 503 with Retry-After; storage faults logged once per incident.
      serviceUnavailablePlugin(db),
      // Idempotency-Key on mutations that create rows: a retry gets the first answer (src/graphql/idempotency.ts).
      idempotencyPlugin(log),
      // No cache hints are set (answers are per viewer); left on, it would wrap every field's resolver.
      ApolloServerPluginCacheControlDisabled(),
      // No Apollo landing page (it loads its IDE from a CDN): a browser on GET /graphql gets our GraphiQL (src/http/graphiql.route.ts).
      ApolloServerPluginLandingPageDisabled(),
      // Last: per-operation latency and the error codes as the client gets them.
      ...(deps.metrics ? [metricsPlugin(deps.metrics)] : []),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => { res.json({ status: 'ok' }); });
  const redisHealth = deps.redisHealth ?? new RedisHealth(deps.redis, log);
  app.get('/readyz', async (_req, res) => {
    // Stopping (SIGTERM): not ready, so a load balancer stops sending here while the listener still answers.
    if (drain.stopping) {
      res.setHeader('cache-control', 'no-store');
      res.status(503).json({ status: 'stopping', reason: 'this process is shutting down: it answers what it received and takes nothing new' });
      return;
    }
    const { ready, checks } = await readiness(db, redisHealth, config);
    const failed = Object.entries(checks).filter(([, c]) => !c.ok).map(([name, c]) => `${name}: ${c.error}`);
    res.setHeader('cache-control', 'no-store');
    if (ready) res.json({ status: 'ready', checks });
    else res.status(503).setHeader('retry-after', '5').json({ status: 'not ready', reason: failed.join('; '), checks });
  });
  // GET /graphql from a browser: GraphiQL served from the npm packages, no CDN; other GETs and POSTs go on to Apollo.
  graphiqlRoutes(app, { schema, introspection: !production });
  deps.extraRoutes?.(app);
  // The rate limit counts (and sets its headers) before the body is read: malformed and oversized bodies count too.
  app.use('/graphql', cors(corsOptions(config)), rateLimitMiddleware(config, deps.redis, services, log), express.json({ limit: config.maxBodyBytes }), queryLimitsMiddleware(guard),
  // Tracked: a graceful stop waits for every operation to end, even one whose client has gone (src/http/graceful.ts).
  drain.tracked(expressMiddleware(apollo, {
    context: async ({ req, res }) => {
      db.freshReads();
      const header = req.headers['x-request-id'];
      const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
      res.setHeader('x-request-id', requestId);
      let viewer: Viewer | null = null;
      let authError: AppError | null = null;
      try {
        viewer = await authenticateRequest(services, req);
      } catch (error) {
        const unavailable = asStorageUnavailable(error);
        if (error instanceof AppError) authError = error;
        else if (unavailable instanceof AppError) authError = unavailable; // the database is away: SERVICE_UNAVAILABLE, logged once (serviceUnavailablePlugin)
        else {
          // Unexpected (the database is down, …): logged with the request id, masked for the client.
          log.error({ requestId, err: error }, 'unexpected error while authenticating');
          authError = new AppError('INTERNAL_SERVER_ERROR', 'Internal server error');
        }
      }
      // Accept-Language first, then the account's locale; else Japanese content and English errors (src/infra/i18n/i18n.ts).
      const locale = pickLocale(req.headers['accept-language'], viewer?.locale, CONTENT_DEFAULT_LOCALE);
      const errorLocale = pickLocale(req.headers['accept-language'], viewer?.locale);
      return { ctx: { viewer, requestId, locale, authError, address: req.ip }, services, loaders: createLoaders(db), errorLocale };
    },
  })));
  // Whatever else the HTTP layer answers (unknown paths, malformed or oversized bodies, failures) is GraphQL-shaped JSON.
  app.use(notFoundHandler);
  app.use(httpErrorHandler(log));
  const stopExtra = await deps.onServer?.(server);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    server, url,
    stop: async () => {
      // Subscribers are told to go (graphql-ws closes them with 1001 "Going away") while every request already received is answered.
      await Promise.all([stopExtra?.(), drain.drain()]);
      await apollo.stop();
    },
    pending: () => drain.pending(),
    forceClose: () => drain.forceClose(),
  };
}

/** How long each readiness check may take: /readyz answers within a second whatever hangs. */
const READY_CHECK_TIMEOUT_MS = 800;

interface Check { ok: boolean; ms: number; error?: string; [detail: string]: unknown }

/**
 * /readyz: each check in parallel, each bounded by READY_CHECK_TIMEOUT_MS. `database`: a write transaction
 * that is rolled back (Database.probeWritable), and on SQLite the free space of the file's disk
 * (STORAGE_MIN_FREE_MB); `redis`: a PING on the fail-fast connection (refused at once while it is not connected).
 */
async function readiness(db: Database, redis: RedisHealth, config: Config): Promise<{ ready: boolean; checks: Record<string, Check> }> {
  const timed = async (what: string, run: () => Promise<Record<string, unknown> | void>): Promise<Check> => {
    const started = Date.now();
    try {
      const details = await withTimeout(run(), READY_CHECK_TIMEOUT_MS, what);
      return { ok: true, ms: Date.now() - started, ...(details ?? {}) };
    } catch (error) {
      return { ok: false, ms: Date.now() - started, error: (error as Error).message };
    }
  };
  const [database, redisCheck] = await Promise.all([
    timed('the database', async () => {
      const { freeBytes } = await db.probeWritable(config.storageMinFreeBytes);
      return freeBytes === null ? {} : { freeMegabytes: Math.floor(freeBytes / 1048576) };
    }),
    timed('Redis', () => redis.probe(READY_CHECK_TIMEOUT_MS)),
  ]);
  return { ready: database.ok && redisCheck.ok, checks: { database, redis: redisCheck } };
}
