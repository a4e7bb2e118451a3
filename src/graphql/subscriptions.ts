import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import {
  ExecutionArgs, getOperationAST, GraphQLError, GraphQLFormattedError, GraphQLSchema, parse, specifiedRules, subscribe, validate,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { Config } from '../config/env';
import type { Database } from '../persistence/database';
import type { Services } from '../services';
import type { Viewer } from '../policies/context';
import { AppError } from '../domain/errors';
import type { GraphQLContext } from './context';
import { formatError, UNEXPECTED } from './format-error';
import { CONTENT_DEFAULT_LOCALE, pickLocale } from '../infra/i18n/i18n';
import { QueryGuard, queryLimits } from './limits';
import { refusedInputs } from './input-validation';
import { createLoaders } from './loaders';
import { WsLimits } from './ws-limits';
import type { Redis } from 'ioredis';

export interface SubscriptionDeps { schema: GraphQLSchema; services: Services; db: Database; config: Config; log: Logger; redis?: Redis }

/** Largest WebSocket message accepted from a client. */
const MAX_MESSAGE_BYTES = 64 * 1024;
/** Subscriptions one connection may hold at once. */
const MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;

/**
 * GraphQL subscriptions over graphql-ws (protocol graphql-transport-ws) on the
 * HTTP server's /graphql path. Credentials: connectionParams
 * `{ authorization: 'Bearer …' }` (or `Authorization`), else the upgrade
 * request's Authorization header; checked again for every subscription.
 * Only subscription operations are served here: queries and mutations go to
 * POST /graphql, where rate and cost limits apply. Returns the stop function.
 */
export function attachSubscriptions(server: http.Server, deps: SubscriptionDeps): () => Promise<void> {
  const { schema, services, db, config, log } = deps;
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: MAX_MESSAGE_BYTES });
  const format = formatter(config.env === 'production', log);
  // Each connection's language of errors (Accept-Language of the upgrade, then the account's locale), set by `context`.
  const locales = new WeakMap<object, string>();
  const localeOf = (ctx: { extra: { request: http.IncomingMessage } }) => locales.get(ctx) ?? pickLocale(ctx.extra.request.headers['accept-language']);
  const rules = specifiedRules;
  // The same query limits as on POST /graphql (src/graphql/limits.ts), checked before parsing.
  const queryGuard = new QueryGuard(schema, queryLimits(config));
  // Connections and subscriptions per principal, and the per-minute rate (src/graphql/ws-limits.ts).
  const limits = new WsLimits(config, deps.redis, services, log);

  const disposable = useServer<Record<string, unknown> | undefined>({
    schema,
    isProd: config.env === 'production',
    onSubscribe: async (ctx, _id, payload) => {
      if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_CONNECTION) {
        return [withCode(new GraphQLError(`At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection; complete some first`), 'RATE_LIMITED')];
      }
      const verdict = queryGuard.check(payload.query, payload.operationName, payload.variables);
      if (verdict.refusal) return [verdict.refusal];
      let document;
      try {
        document = parse(payload.query);
      } catch (error) {
        return [withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
      }
      const errors = validate(schema, document, rules);
      if (errors.length) return errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
      const operation = getOperationAST(document, payload.operationName);
      if (!operation) return [withCode(new GraphQLError('Name the operation to run (operationName)'), 'BAD_REQUEST')];
      if (operation.operation !== 'subscription') {
        return [withCode(new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations to POST /graphql'), 'BAD_REQUEST')];
      }
      const badInput = refusedInputs(schema, document, payload.operationName, payload.variables, localeOf(ctx));
      if (badInput) return [badInput];
      const limited = await limits.subscribe(ctx, _id);
      if (limited) return [limited];
      return { schema, document, operationName: payload.operationName, variableValues: payload.variables } as ExecutionArgs;
    },
    context: async (ctx): Promise<GraphQLContext> => {
      db.freshReads();
      const params = ctx.connectionParams ?? {};
      const fromParams = params.authorization ?? params.Authorization;
      const credential = typeof fromParams === 'string' ? fromParams : ctx.extra.request.headers.authorization;
      let viewer: Viewer | null = null;
      let authError: AppError | null = null;
      try {
        viewer = await services.auth.authenticate(credential);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        authError = error;
      }
      const locale = pickLocale(ctx.extra.request.headers['accept-language'], viewer?.locale, CONTENT_DEFAULT_LOCALE);
      const errorLocale = pickLocale(ctx.extra.request.headers['accept-language'], viewer?.locale);
      locales.set(ctx, errorLocale);
      return { ctx: { viewer, requestId: randomUUID(), locale, authError }, services, loaders: createLoaders(db), errorLocale };
    },
    // A refused subscription (UNAUTHENTICATED, NOT_FOUND …) answers with an Error message, not a Next carrying errors.
    subscribe: async (args) => {
      const result = await subscribe(args);
      if (Symbol.asyncIterator in result || !result.errors?.length) return result;
      return refused(result.errors[0]);
    },
    onNext: (ctx, _id, _payload, _args, result) => (result.errors?.length ? { ...result, errors: result.errors.map((e) => format(e, localeOf(ctx))) } : undefined),
    onError: (ctx, _id, _payload, errors) => errors.map((e) => format(e, localeOf(ctx))),
    onConnect: (ctx) => limits.connect(ctx),
    onComplete: (ctx, id) => limits.completed(ctx, id),
    onClose: (ctx) => limits.closed(ctx),
  }, wss);

  return async () => {
    limits.stop();
    await disposable.dispose();
  };
}

/** An event stream that fails at once: graphql-ws then sends an Error message for the subscription. */
function refused(error: GraphQLError): AsyncGenerator<never> {
  return (async function* fail() {
    throw error;
  })();
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}

/** The same error shape as over HTTP (src/graphql/format-error.ts); unexpected errors are logged and masked. */
function formatter(production: boolean, log: Logger) {
  const formatOne = formatError(production);
  return (error: GraphQLError, locale: string): GraphQLFormattedError => {
    let original: unknown = error;
    while (original instanceof GraphQLError && original.originalError) original = original.originalError;
    const formatted = formatOne(error.toJSON(), original instanceof AppError ? original : error, locale);
    const { [UNEXPECTED]: unexpected, stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    if (unexpected) log.error({ err: original, transport: 'graphql-ws' }, 'unexpected error in a subscription');
    return { ...formatted, extensions };
  };
}
