import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { AppMetrics } from '../infra/metrics/metrics';
import type { GraphQLContext } from './context';

const CODE = /^[A-Z][A-Z0-9_]{0,47}$/;

/**
 * The name an operation is counted under: the client's operation name; for an anonymous operation with a single
 * root field, that field (`fileComplaint`: schema names, a bounded set); otherwise none (`anonymous`).
 * AppMetrics bounds the names clients choose.
 */
function operationName(name: string | null | undefined, operation: OperationDefinitionNode | undefined): string | null {
  if (name) return name;
  const fields = operation?.selectionSet.selections ?? [];
  return fields.length === 1 && fields[0].kind === Kind.FIELD ? fields[0].name.value : null;
}

/**
 * Per-operation latency and the error codes of every answer (chotei_graphql_operation_duration_seconds,
 * chotei_graphql_errors_total). Listed last, so that it sees the errors as the client gets them (formatted, with
 * their final extensions.code). A request refused before execution (parse or validation) counts as `unknown`.
 */
export function metricsPlugin(metrics: AppMetrics): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operation, operationName: resolved }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors ?? [] : [];
          const codes = errors.map((e) => {
            const code = e.extensions?.code;
            return typeof code === 'string' && CODE.test(code) ? code : 'OTHER';
          });
          const type = operation?.operation ?? 'unknown';
          const name = operation ? operationName(resolved, operation) : 'unknown';
          metrics.graphqlOperation(name, type, Number(process.hrtime.bigint() - started) / 1e9, codes);
        },
      };
    },
  };
}
