import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

/**
 * The spans the application makes itself, through @opentelemetry/api only (no SDK is loaded unless tracing
 * is on: see ./tracing.ts). Each helper is a plain call when tracing is off.
 */
let enabled = false;

/** @internal set by startTracing/stopTracing. */
export function setSpansEnabled(on: boolean): void {
  enabled = on;
}

/** Whether this process traces (OTEL_EXPORTER_OTLP_ENDPOINT was set at start). */
export function tracingEnabled(): boolean {
  return enabled;
}

/**
 * Runs a job's processor in a span of its own, the child of the span whose traceparent the job carries
 * (written into the outbox row by the transaction that enqueued it); a root span when it carries none.
 * The processor's SQL statements and the outbox rows it writes belong to the same trace.
 */
export async function traceJob<T>(queue: string, job: { name: string; id?: string; attemptsMade: number }, traceparent: string | undefined, run: () => Promise<T>): Promise<T> {
  if (!enabled) return run();
  const parent = traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
  const span = trace.getTracer('chotei-jobs').startSpan(`job ${queue} ${job.name}`, {
    kind: SpanKind.CONSUMER,
    attributes: {
      'messaging.system': 'bullmq', 'messaging.destination.name': queue, 'messaging.operation.name': 'process',
      'messaging.message.id': job.id ?? '', 'chotei.job.name': job.name, 'chotei.job.attempts_made': job.attemptsMade,
    },
  }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), run);
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
    throw error;
  } finally {
    span.end();
  }
}
