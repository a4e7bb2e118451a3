import { ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { clearPrefix, freshDatabase, REDIS_URL } from '../support/harness';
import { CASE_FIELDS, complaintInput, parties } from '../support/factories';

/**
 * SIGTERM as an orchestrator sends it (a deploy, a scale-down), to the real process (`node dist/src/main.js`,
 * built by `npm test`'s pretest; CHOTEI_MAIN names another build), on this run's database (SQLite, or
 * PostgreSQL with TEST_DATABASE_URL) and a Redis key prefix of its own.
 */
const MAIN = process.env.CHOTEI_MAIN ?? resolve(__dirname, '../../dist/src/main.js');

const FILE = `mutation File($input: FileComplaintInput!) { fileComplaint(input: $input) { ${CASE_FIELDS} } }`;
const LIST = '{ cases(first: 100) { edges { node { id status } } } }';
/** Bounds: a process's start-up, and a test (each starts one or two processes). */
const START_MS = 90_000;
const TEST_MS = 300_000;

interface Proc { child: ChildProcess; url: string; port: number; exited: Promise<number | null>; logs: string[] }

/** Every process started, killed after each test if still there (one that never got up included). */
const running: ChildProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const c of cleanups.splice(0)) await c();
});

/** A database and Redis prefix for one test, shared by the processes it starts one after the other. */
async function environment(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const db = await freshDatabase();
  const prefix = `shut${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  cleanups.push(async () => { await clearPrefix(prefix); await db.drop(); });
  return {
    NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: db.url, DATA_DIR: db.dataDir, REDIS_URL, REDIS_PREFIX: prefix,
    JWT_SECRET: 'shutdown-test-secret-shutdown-test-secret-0123', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info', EMAIL_VERIFICATION_REQUIRED: 'false', ...extra,
  };
}

/** Starts the process and waits for its "API listening" log line (its URL: PORT=0 picks a free port). */
async function start(env: Record<string, string>): Promise<Proc> {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  const logs: string[] = [];
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.stderr!.on('data', (d) => logs.push(String(d)));
  const url = await new Promise<string>((resolveUrl, reject) => {
    // Start-up takes a few seconds on an idle machine, much longer on a loaded CI runner.
    const timer = setTimeout(() => reject(new Error(`no "API listening" within ${START_MS / 1000} s:\n${logs.join('\n')}`)), START_MS);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      logs.push(line);
      try {
        const record = JSON.parse(line) as { msg?: string; url?: string };
        if (record.msg === 'API listening' && record.url) { clearTimeout(timer); resolveUrl(record.url); }
      } catch {
        // not a log record
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`exited (${code}) before listening:\n${logs.join('\n')}`)); });
  });
  return { child, url, port: Number(new URL(url).port), exited, logs };
}

async function post(url: string, body: unknown, token: string, key?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), ...(await res.json() as { data?: any; errors?: any[] }) };
}

async function caseIds(url: string, token: string): Promise<string[]> {
  const r = await post(url, { query: LIST }, token);
  expect(r.errors).toBeUndefined();
  return r.data.cases.edges.map((e: { node: { id: string } }) => e.node.id).sort();
}

interface Outcome {
  i: number; filing: boolean;
  /** When the request's last byte was handed to the OS (ClientRequest 'finish'), and when its answer ended. */
  sentAt: number; answeredAt: number;
  status?: number; body?: { data?: any; errors?: any[] }; connection?: string; error?: string;
}

/**
 * POST /graphql with `payload` on `agent` (false: a connection of its own), noting when the request's last byte was
 * handed to the OS and when (and how) it was answered; never rejects.
 */
function timedPost(agent: http.Agent | false, port: number, payload: string, token: string, what: Pick<Outcome, 'i' | 'filing'>): Promise<Outcome> {
  return new Promise<Outcome>((settle) => {
    const outcome: Outcome = { ...what, sentAt: Infinity, answeredAt: Infinity };
    const finish = (extra: Partial<Outcome>) => settle({ ...outcome, answeredAt: performance.now(), ...extra });
    const req = http.request({
      agent, host: '127.0.0.1', port, path: '/graphql', method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${token}` },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err: NodeJS.ErrnoException) => finish({ error: err.code ?? err.message }));
      res.on('end', () => {
        try {
          finish({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), connection: res.headers.connection });
        } catch {
          finish({ status: res.statusCode, error: 'truncated body' });
        }
      });
    });
    req.on('finish', () => { outcome.sentAt = performance.now(); });
    req.on('error', (err: NodeJS.ErrnoException) => finish({ error: err.code ?? err.message }));
    req.end(payload);
  });
}

describe('SIGTERM', () => {
  it('answers every request sent before it, keep-alive connections included, commits nothing unanswered, and exits 0', async () => {
    const env = await environment();
    const proc = await start(env);
    const { creator, firm, work } = await parties(proc.url);
    // A graphql-ws client, connected and acknowledged: it is told to go (1001 Going away), not cut.
    const ws = new WebSocket(proc.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    await new Promise<void>((r, reject) => { ws.once('open', () => r()); ws.once('error', reject); });
    const acked = new Promise<void>((r) => ws.on('message', (m) => { if (JSON.parse(String(m)).type === 'connection_ack') r(); }));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${creator.token}` } }));
    await acked;
    const wsClosed = new Promise<{ code: number; reason: string }>((r) => ws.once('close', (code, reason) => r({ code, reason: String(reason) })));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
    let done = 0;
    const one = async (i: number) => {
      const filing = i % 2 === 0;
      const payload = JSON.stringify(filing ? { query: FILE, variables: { input: complaintInput(firm.firmId, [work.id], { claimedAmountJpy: 1000 + i }) } } : { query: LIST });
      const outcome = await timedPost(agent, proc.port, payload, creator.token, { i, filing });
      done += 1;
      return outcome;
    };

    // The keep-alive connections are open (and accepted) before the burst: the burst runs over them.
    await Promise.all(Array.from({ length: 50 }, () => new Promise<void>((ok, fail) => {
      http.request({ agent, host: '127.0.0.1', port: proc.port, path: '/healthz' }, (res) => { res.resume(); res.on('end', () => ok()); }).on('error', fail).end();
    })));
    done = 0;
    const burst = Array.from({ length: 200 }, (_, i) => one(i));
    // In the middle of the burst: a quarter answered, the connections busy with the next ones.
    await new Promise<void>((r) => { const t = setInterval(() => { if (done >= 50) { clearInterval(t); r(); } }, 1); });
    const signalAt = performance.now();
    proc.child.kill('SIGTERM');
    const outcomes = await Promise.all(burst);
    expect(await proc.exited).toBe(0);
    agent.destroy();
    expect(await wsClosed).toEqual({ code: 1001, reason: 'Going away' });

    const sentBefore = outcomes.filter((o) => o.sentAt < signalAt);
    const failed = sentBefore.filter((o) => o.error || o.status !== 200 || o.body?.errors || !o.body?.data);
    expect(failed.map((o) => ({ i: o.i, error: o.error, status: o.status, errors: o.body?.errors, sentMsBeforeSignal: Math.round(signalAt - o.sentAt), failedMsAfterSignal: Math.round(o.answeredAt - signalAt) }))).toEqual([]);
    // The signal did come in the middle: requests were in flight, answered after it.
    expect(sentBefore.filter((o) => o.answeredAt > signalAt).length).toBeGreaterThan(0);
    // Requests sent after it were answered in full or refused a connection: none hangs, none is cut mid-answer.
    for (const o of outcomes.filter((x) => x.sentAt >= signalAt)) {
      if (o.error) expect(o.error).toMatch(/ECONNREFUSED|ECONNRESET|EPIPE|socket hang up/);
      else expect(o.status).toBe(200);
    }
    // What the database holds is exactly what clients were told: every filing answered, and no other.
    const answered = outcomes.filter((o) => o.filing && o.body?.data?.fileComplaint).map((o) => o.body!.data.fileComplaint.id as string).sort();
    const again = await start(env);
    const held = await caseIds(again.url, creator.token);
    expect(held).toEqual(answered);
    // Answers that went out after the drain began said the connection was closing.
    const lastAnswered = outcomes.filter((o) => o.status === 200).sort((a, b) => b.answeredAt - a.answeredAt)[0];
    expect(lastAnswered.connection).toBe('close');

    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, TEST_MS);

  it('answers requests sent on brand-new connections just before it (the listen backlog is accepted, not reset)', async () => {
    const env = await environment();
    const proc = await start(env);
    const { creator } = await parties(proc.url);
    const payload = JSON.stringify({ query: LIST });
    // Every request on a connection of its own (no agent): each is a connect, a write and a read. Requests keep
    // coming in waves until well after the signal, so some connections are in the listen backlog when it arrives.
    const one = (i: number) => timedPost(false, proc.port, payload, creator.token, { i, filing: false });
    const outcomes: Array<Promise<Outcome>> = [];
    let signalAt = Infinity;
    for (let wave = 0; wave < 12; wave++) {
      for (let k = 0; k < 25; k++) outcomes.push(one(wave * 25 + k));
      if (wave === 6) { signalAt = performance.now(); proc.child.kill('SIGTERM'); }
      await new Promise((r) => setTimeout(r, 5));
    }
    // While it lingers, readiness says it is stopping (each probe is a new connection, so the listener stays open).
    const probes: Array<{ status: number; body: string }> = [];
    // (The first may still say ready: the signal is handled when the process gets to it.)
    for (let k = 0; k < 50 && !probes.some((p) => p.status === 503); k++) {
      const probe = await fetch(proc.url.replace('/graphql', '/readyz'), { headers: { connection: 'close' } })
        .then(async (r) => ({ status: r.status, body: await r.text() }), () => null);
      if (!probe) break; // the listener has closed
      probes.push(probe);
      await new Promise((r) => setTimeout(r, 10));
    }
    const settled = await Promise.all(outcomes);
    expect(await proc.exited).toBe(0);
    const stopping = probes.at(-1);
    expect(stopping?.status).toBe(503);
    expect(JSON.parse(stopping!.body).status).toBe('stopping');
    const sentBefore = settled.filter((o) => o.sentAt < signalAt);
    expect(sentBefore.length).toBeGreaterThan(50);
    const failed = sentBefore.filter((o) => o.error || o.status !== 200 || o.body?.errors);
    expect(failed.map((o) => ({ i: o.i, error: o.error, status: o.status, sentMsBeforeSignal: Math.round(signalAt - o.sentAt), failedMsAfterSignal: Math.round(o.answeredAt - signalAt) }))).toEqual([]);
    for (const o of settled.filter((x) => x.sentAt >= signalAt)) {
      if (o.error) expect(o.error).toMatch(/ECONNREFUSED|ECONNRESET|EPIPE|socket hang up/);
      else expect(o.status).toBe(200);
    }
  }, TEST_MS);

  it('finishes a filing whose client cut the connection; the retry with its Idempotency-Key on the restarted process gets that case, not a second one', async () => {
    const env = await environment();
    const first = await start(env);
    const { creator, firm, work } = await parties(first.url);
    const input = complaintInput(firm.firmId, [work.id]);
    const key = `cut-${Date.now()}`;
    const body = JSON.stringify({ query: FILE, variables: { input } });
    // The whole request is written, then the connection is cut: the client never reads an answer.
    await new Promise<void>((sent, reject) => {
      const socket = net.connect(first.port, '127.0.0.1', () => {
        socket.write(`POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer ${creator.token}\r\n`
          + `Idempotency-Key: ${key}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, () => { socket.destroy(); sent(); });
      });
      socket.on('error', reject);
    });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await start(env);
    const filed = await caseIds(second.url, creator.token);
    expect(filed).toHaveLength(1); // the request was received before the signal: it ran to its end
    const retry = await post(second.url, { query: FILE, variables: { input } }, creator.token, key);
    expect(retry.errors).toBeUndefined();
    expect(retry.replayed).toBe('true');
    expect(retry.data.fileComplaint.id).toBe(filed[0]);
    expect(await caseIds(second.url, creator.token)).toEqual(filed);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, TEST_MS);

  it('exits non-zero after SHUTDOWN_TIMEOUT with a log line saying what was still running', async () => {
    const env = await environment({ SHUTDOWN_TIMEOUT: 'PT1S' });
    const proc = await start(env);
    // A request that never finishes arriving: its connection stays busy, so the drain cannot end.
    const socket = net.connect(proc.port, '127.0.0.1');
    await new Promise<void>((r) => socket.once('connect', () => r()));
    await new Promise<void>((r) => socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n', () => r()));
    socket.on('error', () => undefined);
    const signalAt = Date.now();
    proc.child.kill('SIGTERM');
    const code = await proc.exited;
    socket.destroy();
    expect(code).not.toBe(0);
    expect(Date.now() - signalAt).toBeLessThan(10_000);
    const line = proc.logs.map((l) => { try { return JSON.parse(l) as { msg?: string; pending?: string }; } catch { return {}; } })
      .find((r) => /shutdown did not finish within 1000 ms/.test(r.msg ?? ''));
    expect(line?.msg).toMatch(/step: http; 0 HTTP request\(s\) unanswered, 0 GraphQL operation\(s\) running, 1 connection\(s\) open; 0 job\(s\) running/);
  }, TEST_MS);
});
