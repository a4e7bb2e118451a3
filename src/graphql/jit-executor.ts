import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { DocumentNode, execute, ExecutionResult, GraphQLError, GraphQLSchema, printSchema } from 'graphql';
import { compileQuery, CompiledQuery, isCompiledQuery } from 'graphql-jit';

/**
 * Executes operations with graphql-jit: each (document, operation) is compiled
 * once into a JavaScript function, then run for every request that sends it.
 * Parsing, validation, the depth and cost limits and every plugin stay with
 * Apollo; only execution changes. Subscriptions (graphql-ws) still use graphql-js.
 *
 * Apollo Server 5 has no executor option; its documented way to supply one is
 * the gateway interface, used here with a fixed schema.
 */
export function jitExecution(schema: GraphQLSchema): GatewayInterface {
  // Apollo keeps one parsed document per query text (its document store), so
  // compiled operations are kept per document object and go when it goes.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();
  const compile = (document: DocumentNode, operationName: string | undefined): CompiledQuery | ExecutionResult => {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    let entry = byOperation.get(key);
    if (!entry) {
      entry = compileQuery(schema, document, operationName);
      // A failed compilation (no such operation, …) is not kept: it is cheap and rare.
      if (isCompiledQuery(entry)) byOperation.set(key, entry);
    }
    return entry;
  };
  const executor: GatewayExecutor = async ({ document, request, context }) => {
    const operationName = request.operationName ?? undefined;
    const variableValues = request.variables ?? {};
    const entry = compile(document, operationName);
    const result = isCompiledQuery(entry) ? await entry.query(undefined, context, variableValues) : entry;
    if (result.data === undefined && result.errors?.length) {
      // Nothing ran (bad variables, …): graphql-js words these errors the way
      // clients and Apollo know them (BAD_USER_INPUT naming the variable).
      return execute({ schema, document, operationName, variableValues, contextValue: context });
    }
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
  };
  return {
    async load() { return { executor }; },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async stop() { /* nothing to release */ },
  };
}

/**
 * graphql-jit's errors are not graphql-js 16 GraphQLErrors (no extensions
 * object), which Apollo's error formatting expects: rebuild them as such,
 * keeping the message, path, locations and the error a resolver threw.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const original = error.originalError ?? undefined;
  const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: original, ...(error.extensions ? { extensions: error.extensions } : {}) });
  if (error.locations) Object.defineProperty(rebuilt, 'locations', { value: error.locations, enumerable: true });
  return rebuilt;
}
