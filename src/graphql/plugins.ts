import type { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, GraphQLError, GraphQLSchema, visit } from 'graphql';
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

/** Arguments whose value changes a query's cost: page sizes, and @skip/@include conditions. */
const COST_ARGUMENTS = new Set(['first']);

/**
 * The variables a document's cost depends on. Every other variable (ids,
 * inputs) leaves the cost unchanged, so the cost of a document is computed
 * once per combination of these values rather than on every request.
 */
const costVariablesOf = new WeakMap<DocumentNode, string[]>();
function costVariables(document: DocumentNode): string[] {
  let names = costVariablesOf.get(document);
  if (!names) {
    const found = new Set<string>();
    let inDirective = 0;
    visit(document, {
      Directive: { enter: () => { inDirective += 1; }, leave: () => { inDirective -= 1; } },
      Argument(node) {
        if (!inDirective && !COST_ARGUMENTS.has(node.name.value)) return false;
        visit(node.value, { Variable(v) { found.add(v.name.value); } });
        return false;
      },
    });
    names = [...found].sort();
    costVariablesOf.set(document, names);
  }
  return names;
}

/** Refuses operations whose estimated cost is over the limit, before anything runs. */
export function costLimitPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin<GraphQLContext> {
  // Per parsed document (Apollo keeps one parsed document per query text): cost by operation and cost-relevant variables.
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const variables = request.variables ?? {};
          let byKey = costs.get(document);
          if (!byKey) costs.set(document, (byKey = new Map()));
          const key = JSON.stringify([request.operationName ?? null, ...costVariables(document).map((name) => variables[name] ?? null)]);
          let cost = byKey.get(key);
          if (cost === undefined) {
            try {
              cost = getComplexity({
                schema, query: document, variables, operationName: request.operationName ?? undefined,
                estimators: [pageEstimator, fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
              });
            } catch {
              // Bad variables: leave it to execution, which answers BAD_USER_INPUT naming the variable.
              return;
            }
            // Bounded: a client varying page sizes cannot grow this without limit.
            if (byKey.size < 100) byKey.set(key, cost);
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
