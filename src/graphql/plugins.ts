import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, GraphQLSchema } from 'graphql';
import { ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { Logger } from 'pino';
import { DEFAULT_PAGE, MAX_PAGE } from '../services/pagination';
import type { GraphQLContext } from './context';
import { UNEXPECTED } from './format-error';

/** A paginated field costs its children times the page size asked for. */
const pageEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  const isConnection = /Connection$/.test(String(field.type).replace(/[!\[\]]/g, ''));
  if (!isConnection) return undefined;
  const first = typeof args.first === 'number' ? Math.min(Math.max(args.first, 1), MAX_PAGE) : DEFAULT_PAGE;
  return 1 + childComplexity * first;
};

/** Refuses operations whose estimated cost is over the limit, before anything runs. */
export function costLimitPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema, query: document, variables: request.variables ?? {}, operationName: request.operationName ?? undefined,
              estimators: [pageEstimator, fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // Bad variables: leave it to execution, which answers BAD_USER_INPUT naming the variable.
            return;
          }
          if (cost > maxCost) {
            throw new GraphQLError(`The query would cost ${cost}, over the limit of ${maxCost}: ask for smaller pages (first) or fewer nested lists`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', cost, limit: maxCost },
            });
          }
        },
      };
    },
  };
}

/** Logs unexpected errors with the request id, and puts the request id on every error. */
export function requestIdPlugin(log: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, request }) {
          for (const error of errors) {
            const original = error.originalError;
            const expected = original && (original.name === 'AppError' || original.name === 'ArgumentValidationError');
            if (!expected && !(error.extensions?.code && error.extensions.code !== 'INTERNAL_SERVER_ERROR')) {
              log.error({ requestId: contextValue.ctx.requestId, operation: request.operationName, err: original ?? error }, 'unexpected error');
            }
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((e) => {
            const { [UNEXPECTED]: _drop, ...extensions } = (e.extensions ?? {}) as Record<string, unknown>;
            return { ...e, extensions: { ...extensions, requestId: contextValue.ctx.requestId } };
          });
        },
      };
    },
  };
}
