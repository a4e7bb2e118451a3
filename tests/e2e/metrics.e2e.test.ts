import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { fails, ok } from '../support/client';
import { CASE_FIELDS, complaintInput, fileComplaint, getCase, parties } from '../support/factories';
import { DeadlineKind, DeadlineState } from '../../src/domain/enums';
import { DeadlineEntity } from '../../src/persistence/entities';
import { startReceiver } from '../support/webhook-receiver';
import { QueueName } from '../../src/domain/queues';

/**
 * GET /metrics as an operator's Prometheus reads it: the text format, and the figures moving while a complaint
 * goes from fileComplaint to NOTICE_SENT (operations, jobs, queue depth, outbox, cases per status, deliveries).
 */
const TOKEN = `metrics-${randomBytes(12).toString('hex')}`;

interface Sample { name: string; labels: Record<string, string>; value: number }

/** The samples of a Prometheus text exposition (the lines that are not comments). */
function parse(text: string): Sample[] {
  return text.split('\n').filter((l) => l && !l.startsWith('#')).map((line) => {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    return { name: m[1], labels, value: Number(m[3]) };
  });
}

/** The value of one series (the sum over series whose labels include `labels`), or null when none is exposed. */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number | null {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found.length ? found.reduce((sum, s) => sum + s.value, 0) : null;
}

let app: TestApp;
let worker: TestApp | null = null;
let metricsUrl: string;

async function scrape(url = metricsUrl, token: string | null = TOKEN): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}
const samples = async () => parse((await scrape()).text);

beforeAll(async () => {
  app = await startTestApp({ METRICS_TOKEN: TOKEN });
  metricsUrl = app.url.replace(/\/graphql$/, '/metrics');
});
afterAll(async () => {
  await worker?.stop();
  await app?.stop();
});

describe('GET /metrics', () => {
  it('serves Prometheus text to a scraper with METRICS_TOKEN, and refuses anyone else', async () => {
    const got = await scrape();
    expect(got.status).toBe(200);
    expect(got.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(got.text).toContain('# TYPE chotei_http_request_duration_seconds histogram');
    expect(got.text).toContain('# TYPE chotei_graphql_operation_duration_seconds histogram');
    const parsed = parse(got.text);
    // Process figures from prom-client's default collectors, and the scrape-time sources answered.
    expect(value(parsed, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    for (const source of ['queueDepth', 'outboxLag', 'casesByStatus']) expect(value(parsed, 'chotei_scrape_source_up', { source })).toBe(1);
    for (const queue of Object.values(QueueName)) expect(value(parsed, 'chotei_queue_jobs', { queue, state: 'waiting' })).not.toBeNull();
    expect(value(parsed, 'chotei_outbox_pending_rows')).toBeGreaterThanOrEqual(0);

    for (const token of [null, 'wrong-token-wrong-token', `${TOKEN}x`]) {
      const refused = await scrape(metricsUrl, token);
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(refused.text).not.toContain('chotei_');
    }
  });

  it('moves while a complaint goes from fileComplaint to NOTICE_SENT, with no personal data in any label', async () => {
    const hook = await startReceiver();
    try {
      const before = await samples();
      // Signing up mails each account a verification link (mail queue, job verify-email).
      const { creator, firm, work, system } = await parties(app.url, { firm: { webhookUrl: hook.url } });
      const operation = { operation: 'FileComplaint', type: 'mutation' };
      const filed = (await ok(app.url, `mutation FileComplaint($input: FileComplaintInput!) { fileComplaint(input: $input) { ${CASE_FIELDS} } }`,
        { input: complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }) }, creator.token)).fileComplaint;
      await waitFor(async () => (await getCase(app.url, creator.token, filed.id)).status === 'NOTICE_SENT', 'the case to reach NOTICE_SENT');
      await waitFor(async () => hook.received.some((r) => r.body?.type === 'NOTICE_SENT'), 'the NOTICE_SENT webhook');
      // An error answer, counted by its code.
      const refused = await fails(app.url, 'query MissingCase { case(id: "00000000-0000-4000-8000-000000000000") { id } }', {}, creator.token);

      const after = await waitFor(async () => {
        const now = await samples();
        const moved = (value(now, 'chotei_webhook_deliveries_total', { outcome: 'delivered' }) ?? 0) > (value(before, 'chotei_webhook_deliveries_total', { outcome: 'delivered' }) ?? 0)
          && (value(now, 'chotei_cases', { status: 'NOTICE_SENT' }) ?? 0) >= 1
          && (value(now, 'chotei_mail_deliveries_total', { kind: 'verify-email', outcome: 'sent' }) ?? 0) - (value(before, 'chotei_mail_deliveries_total', { kind: 'verify-email', outcome: 'sent' }) ?? 0) >= 2
          && (value(now, 'chotei_jobs_completed_total', { queue: 'screen', name: 'screen' }) ?? 0) > (value(before, 'chotei_jobs_completed_total', { queue: 'screen', name: 'screen' }) ?? 0);
        return moved && now;
      }, 'the figures to move', 20_000, 250);

      const grew = (name: string, labels: Record<string, string>) => (value(after, name, labels) ?? 0) - (value(before, name, labels) ?? 0);
      // The operation: one more fileComplaint, with its latency observed.
      expect(grew('chotei_graphql_operation_duration_seconds_count', operation)).toBe(1);
      expect(value(after, 'chotei_graphql_operation_duration_seconds_sum', operation)).toBeGreaterThan(0);
      expect(value(after, 'chotei_graphql_operation_duration_seconds_bucket', { ...operation, le: '+Inf' })).toBe(value(after, 'chotei_graphql_operation_duration_seconds_count', operation));
      // An anonymous operation with one root field is counted under that field (getCase's polling); an error under its code.
      expect(grew('chotei_graphql_operation_duration_seconds_count', { operation: 'case', type: 'query' })).toBeGreaterThanOrEqual(1);
      expect(grew('chotei_graphql_operation_duration_seconds_count', { operation: 'MissingCase', type: 'query' })).toBe(1);
      expect(grew('chotei_graphql_errors_total', { code: refused.code })).toBe(1);
      // HTTP: the POSTs to /graphql, by route pattern and status.
      expect(grew('chotei_http_request_duration_seconds_count', { route: '/graphql', method: 'POST', status: '200' })).toBeGreaterThanOrEqual(2);
      // Jobs: intake and screening completed, with their durations.
      expect(grew('chotei_jobs_completed_total', { queue: 'intake', name: 'intake' })).toBeGreaterThanOrEqual(1);
      expect(grew('chotei_jobs_completed_total', { queue: 'screen', name: 'screen' })).toBeGreaterThanOrEqual(1);
      expect(grew('chotei_job_duration_seconds_count', { queue: 'intake', name: 'intake', result: 'completed' })).toBeGreaterThanOrEqual(1);
      expect(grew('chotei_jobs_completed_total', { queue: 'webhook', name: 'deliver' })).toBeGreaterThanOrEqual(1);
      // Cases per status, and the delivery outcome.
      expect(value(after, 'chotei_cases', { status: 'NOTICE_SENT' })).toBeGreaterThanOrEqual(1);
      expect(value(after, 'chotei_cases', { status: 'CLOSED' })).not.toBeNull(); // every status is exposed, 0 included
      expect(grew('chotei_webhook_deliveries_total', { outcome: 'delivered' })).toBeGreaterThanOrEqual(1);
      expect(grew('chotei_mail_deliveries_total', { kind: 'verify-email', outcome: 'sent' })).toBeGreaterThanOrEqual(2);
      expect(grew('chotei_jobs_completed_total', { queue: 'mail', name: 'verify-email' })).toBeGreaterThanOrEqual(2);
      // The ACKNOWLEDGE and RESPOND deadlines wait as delayed jobs; the outbox has relayed everything.
      expect(value(after, 'chotei_queue_jobs', { queue: 'deadline', state: 'delayed' })).toBeGreaterThanOrEqual(2);
      await waitFor(async () => value(await samples(), 'chotei_outbox_pending_rows') === 0 && true, 'the outbox to be relayed');
      expect(value(after, 'chotei_outbox_oldest_age_seconds')).not.toBeNull();

      // Never a person or a row in a label: no email, no name, no case id or reference, no firm id.
      const text = (await scrape()).text;
      for (const secret of [creator.account.email, firm.account.email, 'Aoi Tanaka', filed.id, filed.reference, firm.firmId, work.id]) expect(text).not.toContain(secret);
    } finally {
      await hook.close();
    }
  });

  it('collapses operation names past the label limit and keeps routes to their patterns', async () => {
    // Clients choose operation names: past 100 distinct ones, new names are counted as `other`.
    const names = Array.from({ length: 120 }, (_, i) => `Probe${randomBytes(3).toString('hex')}N${i}`);
    for (const name of names) await ok(app.url, `query ${name} { __typename }`);
    const operations = new Set(parse((await scrape()).text).filter((x) => x.name === 'chotei_graphql_operation_duration_seconds_count').map((x) => x.labels.operation));
    expect(operations.has('other')).toBe(true);
    expect(operations.size).toBeLessThanOrEqual(100 + 3); // the names, plus anonymous, other and unknown
    expect(operations.has(names[names.length - 1])).toBe(false);

    const unknownPath = `/no-such-${randomBytes(4).toString('hex')}`;
    expect((await fetch(app.url.replace(/\/graphql$/, unknownPath))).status).toBe(404);
    const text = (await scrape()).text;
    expect(text).not.toContain(unknownPath);
    expect(value(parse(text), 'chotei_http_request_duration_seconds_count', { route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
  });
});

describe('the Grafana dashboard (ops/grafana/chotei-dashboard.json)', () => {
  it('reads only metrics that /metrics exposes', async () => {
    const dashboard = JSON.parse(readFileSync(join(__dirname, '..', '..', 'ops', 'grafana', 'chotei-dashboard.json'), 'utf8'));
    const exprs: string[] = dashboard.panels.flatMap((p: any) => p.targets.map((t: any) => t.expr));
    const read = new Set(exprs.flatMap((e) => [...e.matchAll(/\b((?:chotei|process|nodejs)_[a-z0-9_]+)/g)].map((m) => m[1])));
    expect(read.size).toBeGreaterThan(10);
    const text = (await scrape()).text;
    const exposed = new Set([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap(([, name, type]) => (type === 'histogram' ? [`${name}_bucket`, `${name}_count`, `${name}_sum`] : [name])));
    expect([...read].filter((name) => !exposed.has(name))).toEqual([]);
  });
});

describe('a worker\'s own /metrics (ROLE=worker, METRICS_PORT)', () => {
  it('serves its job figures on its own port under the same token', async () => {
    worker = await startTestApp({ ROLE: 'worker', METRICS_PORT: '0', METRICS_TOKEN: TOKEN }, { shareWith: app });
    expect(worker.url).toBeNull();
    expect(worker.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const got = await scrape(worker.metricsUrl!);
    expect(got.status).toBe(200);
    expect(got.text).toContain('# TYPE chotei_jobs_completed_total counter');
    expect(value(parse(got.text), 'chotei_scrape_source_up', { source: 'queueDepth' })).toBe(1);
    expect((await scrape(worker.metricsUrl!, null)).status).toBe(401);
    expect((await fetch(worker.metricsUrl!.replace(/\/metrics$/, '/graphql'))).status).toBe(404);
  });
});

describe('deadlines fired by their job and by the sweep', () => {
  let short: TestApp;
  beforeAll(async () => { short = await startTestApp({ WINDOW_RESPOND: 'PT3S', SWEEP_INTERVAL: 'PT1S', METRICS_TOKEN: TOKEN }); });
  afterAll(async () => { await short?.stop(); });

  it('counts a RESPOND deadline fired by its delayed job, and one the sweep fired after Redis lost its job', async () => {
    const url = short.url.replace(/\/graphql$/, '/metrics');
    const fired = async (via: string) => value(parse((await scrape(url)).text), 'chotei_deadlines_fired_total', { via }) ?? 0;
    const noticed = async () => {
      const p = await parties(short.url);
      const filed = await fileComplaint(short.url, p.creator.token, complaintInput(p.firm.firmId, [p.work.id], { aiSystemId: p.system.id }));
      await waitFor(async () => (await getCase(short.url, p.creator.token, filed.id, 'status')).status === 'NOTICE_SENT', 'the notice');
      return filed.id;
    };
    // Its job lost: the delayed job of the RESPOND deadline removed from Redis, the sweep fires it.
    const lost = await noticed();
    const deadline = await short.db.reader.findOneOrFail(DeadlineEntity, { where: { caseId: lost, kind: DeadlineKind.RESPOND, state: DeadlineState.PENDING } });
    const job = await waitFor(async () => short.queues.get(QueueName.DEADLINE).getJob(`deadline-${deadline.id}`), 'the delayed job in Redis');
    await job.remove();
    await waitFor(async () => (await fired('sweep')) >= 1, 'the sweep to fire the deadline (and the figure to move)', 20_000, 250);
    // Left alone: the job fires it.
    await noticed();
    await waitFor(async () => (await fired('job')) >= 1, 'the delayed job to fire the deadline (and the figure to move)', 20_000, 250);
    expect(await fired('sweep')).toBe(1);
  });
});
