import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { complaintInput, fileComplaint, getCase, parties } from '../support/factories';
import { clearPrefix, freePort, freshDatabase, REDIS_URL, waitFor } from '../support/harness';
import { ConfigError, loadConfig } from '../../src/config/env';

/**
 * Tracing (issue 16 item 3), as an operator running Jaeger would see it: a real Chōtei process (dist) with
 * OTEL_EXPORTER_OTLP_ENDPOINT pointing at a tiny OTLP/HTTP receiver started here, which keeps every span the
 * process sends (OTLP JSON, as @opentelemetry/exporter-trace-otlp-http posts it to /v1/traces).
 * Runs on SQLite, or on PostgreSQL with TEST_DATABASE_URL (the SQL spans then come from instrumentation-pg).
 */
const MAIN = resolve(__dirname, '../../dist/src/main.js');

interface ReceivedSpan {
  traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number;
  attributes: Record<string, unknown>;
}

/** An OTLP/HTTP trace receiver: POST /v1/traces with an ExportTraceServiceRequest in JSON. */
async function otlpReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; posts: number; close(): Promise<void> }> {
  const state = { spans: [] as ReceivedSpan[], posts: 0 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += String(d); });
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces' || !/json/.test(req.headers['content-type'] ?? '')) {
        res.writeHead(404).end();
        return;
      }
      state.posts += 1;
      const request = JSON.parse(body) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<ReceivedSpan & { attributes?: Array<{ key: string; value: Record<string, unknown> }> }> }> }> };
      for (const rs of request.resourceSpans) {
        for (const ss of rs.scopeSpans) {
          for (const s of ss.spans) {
            const attributes = Object.fromEntries((s.attributes ?? []).map((a) => [a.key, Object.values(a.value)[0]]));
            state.spans.push({ traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId || undefined, name: s.name, kind: s.kind, attributes });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get spans() { return state.spans; },
    get posts() { return state.posts; },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('tracing with OpenTelemetry (OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('one trace follows a complaint from fileComplaint through the intake and screening jobs to NOTICE_SENT', async () => {
    const receiver = await otlpReceiver();
    const fresh = await freshDatabase();
    const port = await freePort();
    const prefix = `trace${Date.now()}`;
    const child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: fresh.url, DATA_DIR: fresh.dataDir, REDIS_URL, REDIS_PREFIX: prefix,
        NODE_ENV: 'test', LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '0', EMAIL_VERIFICATION_REQUIRED: 'false',
        JWT_SECRET: 'tracing-test-secret-0123456789abcdefghij',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => { stderr += String(d); });
    const url = `http://127.0.0.1:${port}/graphql`;
    try {
      await waitFor(async () => {
        if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${stderr}`);
        return (await fetch(`http://127.0.0.1:${port}/readyz`)).ok;
      }, '/readyz', 120_000, 100);

      const { creator, firm, work, system } = await parties(url);
      const filed = await fileComplaint(url, creator.token, complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }));
      await waitFor(async () => (await getCase(url, creator.token, filed.id, 'status')).status === 'NOTICE_SENT', 'NOTICE_SENT', 60_000);

      // The operation's span, the child of the HTTP request's span.
      const operation = await waitFor(async () => receiver.spans.find((s) => s.name === 'mutation fileComplaint'), 'the fileComplaint operation span', 30_000);
      expect(operation.attributes).toMatchObject({ 'graphql.operation.type': 'mutation', 'graphql.operation.name': 'fileComplaint' });
      const inTrace = () => receiver.spans.filter((s) => s.traceId === operation.traceId);
      const request = inTrace().find((s) => s.spanId === operation.parentSpanId);
      expect(request, 'the HTTP request span').toBeDefined();
      expect(request!.kind).toBe(2); // SERVER
      expect(request!.parentSpanId).toBeUndefined(); // the root of the trace
      expect(request!.attributes['http.method'] ?? request!.attributes['http.request.method']).toBe('POST');

      // SQL statements of the filing, in the same trace.
      const dbSystem = fresh.url.startsWith('file:') ? 'sqlite' : 'postgresql';
      const sql = inTrace().filter((s) => s.attributes['db.system.name'] === dbSystem);
      expect(sql.length, 'SQL spans in the trace').toBeGreaterThan(0);
      expect(sql.some((s) => s.parentSpanId === operation.spanId), 'SQL spans of the operation').toBe(true);
      // The filing's INSERT of the case row, as SQL with placeholders (on PostgreSQL inside the one statement that files: WITH "r" AS (…), "c" AS (INSERT …)).
      expect(sql.some((s) => /^INSERT INTO "case" \(|^WITH "r" AS \(.*, "c" AS \(INSERT INTO "case" \(/.test(String(s.attributes['db.query.text'])))).toBe(true);

      // The jobs the outbox carried it into: intake (written by fileComplaint), then screening (written by intake).
      const intake = await waitFor(async () => inTrace().find((s) => s.name === 'job intake intake'), 'the intake job span in the trace', 30_000);
      const screen = await waitFor(async () => inTrace().find((s) => s.name === 'job screen screen'), 'the screening job span in the trace', 30_000);
      /** The span and its ancestors, by id. */
      const ancestry = (span: ReceivedSpan): string[] => {
        const chain: string[] = [];
        for (let s: ReceivedSpan | undefined = span; s; s = inTrace().find((p) => p.spanId === s!.parentSpanId)) chain.push(s.spanId);
        return chain;
      };
      // intake descends from the operation that filed; screening from the intake job that wrote its outbox row.
      expect(ancestry(intake)).toContain(operation.spanId);
      expect(ancestry(intake)).toContain(request!.spanId);
      expect(ancestry(screen)).toContain(intake.spanId);
      expect(intake.kind).toBe(5); // CONSUMER
      expect(intake.attributes).toMatchObject({ 'messaging.system': 'bullmq', 'messaging.destination.name': 'intake' });
      // The jobs' own SQL statements belong to the trace too.
      expect(inTrace().some((s) => s.attributes['db.system.name'] === dbSystem && ancestry(s).includes(screen.spanId) && s.spanId !== screen.spanId)).toBe(true);

      // Probes are not traced.
      expect(receiver.spans.some((s) => /readyz|healthz/.test(String(s.attributes['http.target'] ?? s.attributes['url.path'] ?? '')))).toBe(false);

      // On SIGTERM the process sends what it still holds and exits 0.
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await receiver.close();
      await clearPrefix(prefix);
      await fresh.drop();
    }
  }, 240_000);

  it('refuses an endpoint that is not an http(s) URL at start-up, naming the variable; unset means off', () => {
    const base = { JWT_SECRET: 'tracing-test-secret-0123456789abcdefghij' };
    expect(loadConfig(base).tracingEndpoint).toBeNull();
    expect(loadConfig({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }).tracingEndpoint).toBe('http://127.0.0.1:4318');
    expect(() => loadConfig({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: '127.0.0.1:4318' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: '127.0.0.1:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT: expected the http\(s\) base URL/);
  });
});
