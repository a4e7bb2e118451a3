import type { ApolloServerPlugin } from '@apollo/server';
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';

/** The operation span of each request's context value (tracing on only), for the executor to run in. */
let operationSpans: WeakMap<object, Span> | null = null;

/**
 * Runs an operation's execution with its span active, so the statements and the outbox rows of its
 * resolvers are the operation's children (src/graphql/jit-executor.ts). A plain call when tracing is off.
 */
export function inOperationSpan<T>(contextValue: unknown, execute: () => T): T {
  const span = operationSpans && contextValue && typeof contextValue === 'object' ? operationSpans.get(contextValue) : undefined;
  return span ? context.with(trace.setSpan(context.active(), span), execute) : execute();
}

/**
 * A span per GraphQL operation (tracing on: src/infra/tracing), the child of the HTTP request's span:
 * named "mutation fileComplaint" (an anonymous operation by its one root field), with the operation's type and name, and the error codes the client got.
 * Registered by src/server.ts only when tracing is on.
 */
export function tracingPlugin(): ApolloServerPlugin<any> {
  const tracer = trace.getTracer('chotei-graphql');
  operationSpans ??= new WeakMap();
  const spans = operationSpans;
  return {
    async requestDidStart({ request, contextValue }) {
      const span = tracer.startSpan(`graphql ${request.operationName ?? 'operation'}`, { kind: SpanKind.INTERNAL }, context.active());
      if (contextValue && typeof contextValue === 'object') spans.set(contextValue, span);
      return {
        async didResolveOperation({ operation, operationName }) {
          const type = operation?.operation ?? 'operation';
          // An anonymous operation with one root field is named by that field (as the metrics do).
          const fields = operation?.selectionSet.selections.filter((s) => s.kind === 'Field') ?? [];
          const name = operationName ?? (fields.length === 1 && fields[0].kind === 'Field' ? fields[0].name.value : 'anonymous');
          span.updateName(`${type} ${name}`);
          span.setAttributes({ 'graphql.operation.type': type, 'graphql.operation.name': name });
        },
        async didEncounterErrors({ errors }) {
          const codes = [...new Set(errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
          span.setAttribute('graphql.error.codes', codes);
          span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(', ') });
        },
        async willSendResponse() {
          span.end();
        },
      };
    },
  };
}
