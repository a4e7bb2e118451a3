import { context, propagation, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';

/**
 * Tracing on the persistence side, in one place (the tracer provider itself is src/infra/tracing's):
 *
 * - a span per SQLite statement: better-sqlite3 has no OpenTelemetry instrumentation, so the run/all/get
 *   of its Statement class are wrapped once, which covers TypeORM's statements and the kept ones of
 *   src/persistence/sqlite alike (PostgreSQL's statements get theirs from @opentelemetry/instrumentation-pg);
 * - the W3C traceparent of the span a transaction was opened in, which `Tx.enqueue` writes into the outbox
 *   row, so the job the relay makes of it continues that trace;
 * - the caller's context for a unit of work that SQLite's group commit runs from another caller's turn.
 *
 * Off (nothing wrapped, no context looked up) unless Database.open was given a tracing endpoint. Statements
 * outside any span (the relay's polls, the checkpointer) make no span: they would each be a trace of one span.
 */
let enabled = false;

export function sqlTracingEnabled(): boolean {
  return enabled;
}

interface StatementLike { readonly source: string }
type StatementMethod = (this: StatementLike, ...args: unknown[]) => unknown;

/** Turns tracing on for this process; `sqlite` is a better-sqlite3 connection whose Statement class gets wrapped (once). */
export function enableSqlTracing(sqlite: { prepare(sql: string): unknown } | null): void {
  enabled = true;
  if (!sqlite) return;
  const proto = Object.getPrototypeOf(sqlite.prepare('SELECT 1')) as Record<string, StatementMethod> & { __chotei_traced?: boolean };
  if (proto.__chotei_traced) return;
  const tracer = trace.getTracer('chotei-sqlite');
  for (const method of ['run', 'all', 'get'] as const) {
    const original = proto[method];
    proto[method] = function traced(this: StatementLike, ...args: unknown[]) {
      const parent = context.active();
      if (!trace.getSpan(parent)) return original.apply(this, args);
      const span = tracer.startSpan(spanName(this.source), {
        kind: SpanKind.CLIENT,
        attributes: { 'db.system.name': 'sqlite', 'db.query.text': this.source.slice(0, 2000), 'db.operation.name': verb(this.source) },
      }, parent);
      try {
        return original.apply(this, args);
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
        throw error;
      } finally {
        span.end();
      }
    };
  }
  Object.defineProperty(proto, '__chotei_traced', { value: true });
}

/** The traceparent of the active span (to store in an outbox row), null when tracing is off or no span is active. */
export function activeTraceparent(): string | null {
  if (!enabled || !trace.getSpan(context.active())) return null;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** The caller's context, to run its unit of work in (null when tracing is off). */
export function callerContext(): Context | null {
  return enabled ? context.active() : null;
}

/** Runs `fn` in `ctx` (as is when null). */
export function inContext<T>(ctx: Context | null, fn: () => T): T {
  return ctx ? context.with(ctx, fn) : fn();
}

function verb(sql: string): string {
  return /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
}

/** "SELECT outbox", "INSERT case_event", "BEGIN": the operation and the first table it names. */
function spanName(sql: string): string {
  const table = /\b(?:FROM|INTO|UPDATE|TABLE)\s+"?([\w]+)"?/i.exec(sql)?.[1];
  return table ? `${verb(sql)} ${table}` : verb(sql);
}
