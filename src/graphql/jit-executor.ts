import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { DocumentNode, execute, ExecutionResult, GraphQLError, GraphQLSchema, printSchema } from 'graphql';
import { compileQuery, CompiledQuery, isCompiledQuery } from 'graphql-jit';
import { AppError } from '../domain/errors';
import { inOperationSpan } from './tracing';

/**
 * Executes operations with graphql-jit: each (document, operation) is compiled
 * once into a JavaScript function, then run for every request that sends it.
 * Parsing, validation and every plugin stay with Apollo (the query limits run
 * before it: src/graphql/limits.ts); only execution changes. With `jit: false`
 * graphql-js interprets instead, through the same executor, so that the time
 * budget applies either way. Subscriptions (graphql-ws) still use graphql-js.
 *
 * Apollo Server 5 has no executor option; its documented way to supply one is
 * the gateway interface, used here with a fixed schema.
 */
export function jitExecution(schema: GraphQLSchema, options: ExecutionOptions = {}): GatewayInterface {
  const { jit = true, timeoutMs = 0 } = options;
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
  const run = async (document: DocumentNode, operationName: string | undefined, variableValues: Record<string, unknown>, context: unknown) => {
    if (!jit) return execute({ schema, document, operationName, variableValues, contextValue: context });
    const entry = compile(document, operationName);
    const result = isCompiledQuery(entry) ? await entry.query(undefined, context, variableValues) : entry;
    if (result.data === undefined && result.errors?.length) {
      // Nothing ran (bad variables, …): graphql-js words these errors the way
      // clients and Apollo know them (BAD_USER_INPUT naming the variable).
      return execute({ schema, document, operationName, variableValues, contextValue: context });
    }
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
  };
  const executor: GatewayExecutor = async ({ document, request, context, operation }) => {
    // Tracing on: inside the operation's span (src/graphql/tracing.ts).
    const execution = inOperationSpan(context, () => run(document, request.operationName ?? undefined, request.variables ?? {}, context));
    // Mutations run to their end: stopping one half-way would leave the client unsure whether it was done.
    if (timeoutMs <= 0 || operation.operation !== 'query') return execution;
    return withinBudget(execution, context as Record<string, unknown>, timeoutMs);
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

export interface ExecutionOptions {
  /** Compile with graphql-jit (default) or interpret with graphql-js. */
  jit?: boolean;
  /** Execution budget of a query operation in ms (0: none): QUERY_TIMEOUT. */
  timeoutMs?: number;
}

/** What a resolver that starts after the budget ran out finds in place of the services and loaders. */
const spent = new Proxy({}, {
  get() { throw new AppError('QUERY_TOO_COMPLEX', 'The query ran out of time'); },
});

/**
 * Answers QUERY_TOO_COMPLEX (HTTP 400) when a query runs past its budget, and
 * stops it as far as JavaScript allows: every resolver that starts afterwards
 * finds no services or loaders to read with, so no new database work begins.
 * (A resolver already awaiting the database finishes that one read; a
 * synchronous stretch cannot be interrupted, which the cost limit bounds.)
 */
async function withinBudget(execution: Promise<ExecutionResult>, context: Record<string, unknown>, timeoutMs: number): Promise<ExecutionResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ExecutionResult>((resolve) => {
    timer = setTimeout(() => {
      context.services = spent;
      context.loaders = spent;
      resolve({
        data: null,
        errors: [new GraphQLError(`The query ran for more than ${timeoutMs} ms, its time budget, and was stopped: ask for less`, {
          extensions: { code: 'QUERY_TOO_COMPLEX', rule: 'timeout', limit: timeoutMs, http: { status: 400 } },
        })],
      });
    }, timeoutMs);
  });
  try {
    return await Promise.race([execution, timeout]);
  } finally {
    clearTimeout(timer);
  }
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
