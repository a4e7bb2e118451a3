import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import cors from 'cors';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { Config } from './config/env';
import type { Database } from './persistence/database';
import type { GraphQLContext } from './graphql/context';
import { formatError } from './graphql/format-error';
import { jitExecution } from './graphql/jit-executor';
import { createLoaders } from './graphql/loaders';
import { requestIdPlugin } from './graphql/plugins';
import { fieldSuggestionPlugins, QueryGuard, queryCostPlugin, queryLimits, queryLimitsMiddleware } from './graphql/limits';
import { corsOptions } from './http/cors';
import { httpErrorHandler, notFoundHandler } from './http/errors';
import { inputValidationPlugin } from './graphql/input-validation';
import { authenticateRequest, rateLimitMiddleware, rateLimitPlugin, trustFunction } from './graphql/rate-limit';
import type { Services } from './services';
import type { Viewer } from './policies/context';
import type { Redis } from 'ioredis';
import { AppError } from './domain/errors';

export interface HttpDeps {
  config: Config; db: Database; services: Services; schema: GraphQLSchema; log: Logger; redis: Redis;
  extraRoutes?: (app: express.Express) => void;
  onServer?: (server: http.Server) => Promise<(() => Promise<void>) | void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** The HTTP side: /graphql (Apollo), /healthz, /readyz and any extra routes. */
export async function startHttp(deps: HttpDeps): Promise<{ server: http.Server; url: string; stop(): Promise<void> }> {
  const { config, db, services, schema, log } = deps;
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are POST responses, never revalidated: hashing each body for an ETag is wasted work.
  // (GET /opt-outs.jsonl sets its own ETag.)
  app.set('etag', false);
  // TRUST_PROXY (default off): which X-Forwarded-For hops req.ip believes; off, req.ip is the socket's peer.
  app.set('trust proxy', trustFunction(config.trustProxy));
  const server = http.createServer(app);
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
      ApolloServerPluginDrainHttpServer({ httpServer: server }), requestIdPlugin(log), queryCostPlugin(guard), ...fieldSuggestionPlugins(production),
      // Every argument of every operation is checked before any resolver runs (src/schema/validation/).
      inputValidationPlugin(schema),
      // Each root field (aliases included) costs a rate-limit point; RATE_LIMITED answers go out as HTTP 429.
      rateLimitPlugin(config, deps.redis),
      // No cache hints are set (answers are per viewer); left on, it would wrap every field's resolver.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => { res.json({ status: 'ok' }); });
  app.get('/readyz', async (_req, res) => {
    try {
      await db.ping();
      if ((await deps.redis.ping()) !== 'PONG') throw new Error('redis did not answer PONG');
      res.json({ status: 'ready' });
    } catch (error) {
      res.status(503).json({ status: 'not ready', reason: (error as Error).message });
    }
  });
  deps.extraRoutes?.(app);
  // The rate limit counts (and sets its headers) before the body is read: malformed and oversized bodies count too.
  app.use('/graphql', cors(corsOptions(config)), rateLimitMiddleware(config, deps.redis, services, log), express.json({ limit: config.maxBodyBytes }), queryLimitsMiddleware(guard), expressMiddleware(apollo, {
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
        if (error instanceof AppError) authError = error;
        else {
          // Unexpected (the database is down, …): logged with the request id, masked for the client.
          log.error({ requestId, err: error }, 'unexpected error while authenticating');
          authError = new AppError('INTERNAL_SERVER_ERROR', 'Internal server error');
        }
      }
      const locale = viewer?.locale ?? (String(req.headers['accept-language'] ?? '').startsWith('en') ? 'en' : 'ja');
      return { ctx: { viewer, requestId, locale, authError, address: req.ip }, services, loaders: createLoaders(db) };
    },
  }));
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
      if (stopExtra) await stopExtra();
      await apollo.stop();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
