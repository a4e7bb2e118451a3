import { hostname } from 'node:os';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { setSpansEnabled } from './spans';

/**
 * OpenTelemetry tracing, on only when OTEL_EXPORTER_OTLP_ENDPOINT is set (README "Tracing"): spans go over
 * OTLP/HTTP (JSON) to <endpoint>/v1/traces (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, as the exporter reads them).
 *
 * Spans: one per HTTP request (@opentelemetry/instrumentation-http, W3C traceparent of the caller honoured),
 * one per GraphQL operation (src/graphql/tracing.plugin.ts), one per SQL statement
 * (@opentelemetry/instrumentation-pg on PostgreSQL, src/persistence/sql-tracing.ts on SQLite), and one per job
 * (`traceJob` in ./spans.ts, src/jobs/worker.ts) whose parent is the span that wrote the job's outbox row: one trace follows
 * a complaint from fileComplaint through intake and screening to NOTICE_SENT.
 *
 * Off, nothing here is loaded (src/infra/tracing/preload.ts) and @opentelemetry/api stays its no-op self.
 */
let provider: NodeTracerProvider | null = null;

/**
 * Registers the tracer provider, the W3C propagator and the HTTP and pg instrumentations. Call before the
 * modules they patch (node:http, pg) are loaded: src/main.ts imports ./infra/tracing/preload first.
 */
export function startTracing(options: { serviceName?: string; role?: string } = {}): void {
  if (provider) return;
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': options.serviceName ?? 'chotei',
      'service.instance.id': `${hostname()}-${process.pid}`,
      ...(options.role ? { 'chotei.role': options.role } : {}),
    }),
    // Batches leave every OTEL_BSP_SCHEDULE_DELAY ms (default 5000); stopTracing sends what is left.
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  setSpansEnabled(true);
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes are not requests anyone follows; outgoing calls only inside a trace.
        ignoreIncomingRequestHook: (req) => /^\/(healthz|readyz|metrics)(\?|$)/.test(req.url ?? ''),
        requireParentforOutgoingSpans: true,
      }),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
}

/** Sends the spans still buffered and stops (on shutdown); a no-op when tracing is off. */
export async function stopTracing(): Promise<void> {
  const running = provider;
  provider = null;
  setSpansEnabled(false);
  await running?.shutdown().catch(() => undefined);
}
