import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql';
import type { Locale } from '../schema/validation/messages';
import { Refusal, validateOperation } from '../schema/validation/validate-operation';
import type { GraphQLContext } from './context';

/**
 * The input validation layer at the edge of both transports: POST /graphql
 * (this Apollo plugin, at didResolveOperation: after parsing and GraphQL
 * validation, before execution) and graphql-ws (refusedInputs, called from
 * onSubscribe). The rules themselves are in src/schema/validation/.
 */
export function inputValidationPlugin(schema: GraphQLSchema): ApolloServerPlugin<GraphQLContext> {
  const listener: GraphQLRequestListener<GraphQLContext> = {
    async didResolveOperation({ request, document, contextValue }) {
      const refusal = validateOperation(schema, document, request.operationName, request.variables, contextValue.errorLocale ?? 'en');
      // HTTP 400, like a variable graphql-js cannot coerce: the request as a whole is refused and nothing ran.
      if (refusal) throw refusalError(refusal, { status: 400 });
    },
  };
  return { async requestDidStart() { return listener; } };
}

/** For graphql-ws: the error refusing a subscription's inputs, or null when they are fine. */
export function refusedInputs(
  schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined, locale: Locale,
): GraphQLError | null {
  const refusal = validateOperation(schema, document, operationName, variables, locale);
  return refusal ? refusalError(refusal) : null;
}

function refusalError(refusal: Refusal, http?: { status: number }): GraphQLError {
  return new GraphQLError(refusal.message, {
    extensions: { code: 'BAD_USER_INPUT', fields: refusal.fields, ...(refusal.more ? { more: refusal.more } : {}), ...(http ? { http } : {}) },
  });
}
