import { spawn, ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import IORedis from 'ioredis';
import { Client } from 'pg';

export const MAIN = resolve(__dirname, '../src/main.js');

export interface Instance { env: Record<string, string>; url: string; dbPath: string; dataDir: string }

/** Environment for a fresh bench instance: its own SQLite file and Redis key prefix. */
export function benchEnv(extra: Record<string, string> = {}): Instance {
  const dataDir = mkdtempSync(join(tmpdir(), 'chotei-bench-'));
  const port = String(4400 + Math.floor(Math.random() * 500));
  const dbPath = join(dataDir, 'chotei.sqlite');
  const env = {
    NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex'), PORT: port, HOST: '127.0.0.1', DATABASE_URL: `file:${dbPath}`, DATA_DIR: dataDir,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_PREFIX: `bench${randomBytes(4).toString('hex')}`, RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'error', QUERY_MAX_COST: '1000000', EMAIL_VERIFICATION_REQUIRED: 'false', ...extra,
  };
  return { env, url: `http://127.0.0.1:${port}/graphql`, dbPath, dataDir };
}

/** The PostgreSQL server of the bench's PostgreSQL run: BENCH_DATABASE_URL, else the local one. */
export const BENCH_POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The server's address without credentials, for the bench's output. */
export function postgresLabel(url = BENCH_POSTGRES_URL): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}`;
}

/**
 * A fresh database (bench_<random>) on the bench's PostgreSQL server, or null
 * when the server does not answer within 3 s; `drop` removes it.
 */
export async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const admin = new Client({ connectionString: BENCH_POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    await admin.end().catch(() => undefined);
    return null;
  }
  const name = `bench_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(BENCH_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: BENCH_POSTGRES_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export function startProcess(instance: Instance, extra: Record<string, string>): ChildProcess {
  // The bench's own V8 flags (npm run bench passes npm start's) go to the processes it starts.
  return spawn(process.execPath, [...process.execArgv, MAIN], { env: { ...process.env, ...instance.env, ...extra }, stdio: ['ignore', 'ignore', 'inherit'] });
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

export async function waitUntil(probe: () => Promise<boolean> | boolean, timeoutMs = 120_000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('bench: timed out');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  const body = await res.json() as any;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

export interface LoadResult { rps: number; p50: number; p99: number; errors: number }

/** Runs autocannon against a GraphQL operation; `body` may vary per request. */
export async function load(url: string, opts: { token?: string; body?: string; setupBody?: () => string; seconds?: number; connections?: number }): Promise<LoadResult> {
  const result = await autocannon({
    url, method: 'POST', duration: opts.seconds ?? 5, connections: opts.connections ?? 20,
    headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
    ...(opts.setupBody
      ? { requests: [{ method: 'POST', setupRequest: (req: any) => ({ ...req, body: opts.setupBody!() }) }] }
      : { body: opts.body }),
  } as autocannon.Options);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** Deletes the instance's Redis keys (queues, schedulers, rate-limit counters): a bench leaves nothing behind. */
export async function clearRedisPrefix(instance: Instance): Promise<number> {
  const redis = new IORedis(instance.env.REDIS_URL, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${instance.env.REDIS_PREFIX}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
