import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { GraphQLContext } from './context';
import { UNEXPECTED } from './format-error';
import { classifyStorageError } from '../persistence/storage-errors';

/** Logs unexpected errors with the request id, and puts the request id on every error. */
export function requestIdPlugin(log: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, request }) {
          for (const error of errors) {
            const original = error.originalError;
            const expected = original && (original.name === 'AppError' || original.name === 'ArgumentValidationError');
            // Storage faults (full disk, read-only, database down) are logged once per incident (src/graphql/unavailable.ts).
            if (!expected && !(error.extensions?.code && error.extensions.code !== 'INTERNAL_SERVER_ERROR') && !classifyStorageError(original)) {
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
