import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { Client } from 'pg';
import { Database } from '../../src/persistence/database';
import { loadConfig } from '../../src/config/env';
import { createLogger } from '../../src/config/logger';
import { startApp, RunningApp } from '../../src/app';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A database of its own for one test app: a fresh SQLite file, or a fresh PostgreSQL database when TEST_DATABASE_URL is set. */
export async function freshDatabase(): Promise<{ url: string; dataDir: string; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chotei-test-'));
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    return { url: `file:${join(dataDir, 'chotei.sqlite')}`, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `chotei_t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(), dataDir,
    drop: async () => {
      const c = new Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const SHORT_WINDOWS: Record<string, string> = {
  WINDOW_ACKNOWLEDGE: 'PT30S', WINDOW_RESPOND: 'PT30S', WINDOW_RESPOND_EXTENSION: 'PT30S', WINDOW_NEGOTIATION: 'PT30S',
  WINDOW_MEDIATOR_ASSIGNMENT: 'PT30S', WINDOW_MEDIATION: 'PT30S', WINDOW_MEDIATION_EXTENSION: 'PT30S', WINDOW_RECOMMENDATION: 'PT30S',
  WINDOW_REMEDY: 'PT30S', WINDOW_VERIFICATION: 'PT30S',
};

/**
 * This process's own Database on a fresh database, for tests below the API:
 * `path` is the SQLite file (null on PostgreSQL); `close` closes and drops it.
 */
export async function openFreshDatabase(): Promise<{ db: Database; path: string | null; close(): Promise<void> }> {
  const fresh = await freshDatabase();
  const db = await Database.open(loadConfig({ DATABASE_URL: fresh.url, DATA_DIR: fresh.dataDir, JWT_SECRET: 'x'.repeat(40) }));
  return {
    db, path: fresh.url.startsWith('file:') ? fresh.url.slice('file:'.length) : null,
    close: async () => {
      await db.close();
      await fresh.drop();
    },
  };
}

/**
 * Registers beforeAll/afterAll that open a fresh Database (openFreshDatabase)
 * for the enclosing describe and close it; read `db` and `path` inside tests.
 */
export function withFreshDatabase(): { readonly db: Database; readonly path: string | null } {
  const state = {} as { db: Database; path: string | null; close?: () => Promise<void> };
  beforeAll(async () => { Object.assign(state, await openFreshDatabase()); });
  afterAll(async () => { await state.close?.(); });
  return state;
}

export interface TestApp extends RunningApp {
  url: string;
  prefix: string;
  dbUrl: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts API + workers + relay in this process on a fresh database and its own Redis key prefix; or, with
 * `shareWith`, as another process of that app's deployment: the same database and the same Redis prefix (a
 * process on another prefix would relay the deployment's outbox rows to queues no worker of it reads). The
 * first app owns both: stopping a sharing one leaves them.
 */
export async function startTestApp(env: Record<string, string> = {}, options: { logging?: boolean; countQueries?: boolean; shareWith?: TestApp } = {}): Promise<TestApp> {
  const shared = options.shareWith;
  const db = shared ? { url: shared.dbUrl, dataDir: shared.env.DATA_DIR, drop: async () => undefined } : await freshDatabase();
  if (shared && env.REDIS_PREFIX !== undefined && env.REDIS_PREFIX !== shared.prefix) throw new Error('a process sharing an app\'s database shares its Redis prefix');
  const prefix = shared?.prefix ?? env.REDIS_PREFIX ?? `t${randomBytes(5).toString('hex')}`;
  const fullEnv: Record<string, string> = {
    NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, REDIS_URL: REDIS_URL, REDIS_PREFIX: prefix, DATA_DIR: db.dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', RATE_LIMIT_PER_MINUTE: '0', JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    // Most tests file and act right after signUp; tests/e2e/email-verification.e2e.test.ts turns the requirement on.
    EMAIL_VERIFICATION_REQUIRED: 'false',
    ...(env as Record<string, string>),
  };
  const config = loadConfig(fullEnv);
  const app = await startApp(config, { log: createLogger(fullEnv.LOG_LEVEL), logging: options.logging, countQueries: options.countQueries });
  return {
    ...app, url: app.url!, prefix, dbUrl: db.url, env: fullEnv,
    stop: async () => {
      await app.close();
      if (shared) return;
      await clearPrefix(prefix);
      await db.drop();
    },
  };
}

export async function clearPrefix(prefix: string): Promise<void> {
  const redis = new IORedis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  const rl = await redis.keys(`${prefix}-rl*`);
  if (rl.length) await redis.del(...rl);
  redis.disconnect();
}

/** Waits for a condition with a bound (no fixed sleeps in tests). */
export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * `n` distinct TCP ports nothing listens on right now, chosen by the operating system (a port picked at random
 * from a fixed range met RabbitMQ on 5672 on this machine). Held open together, so the n differ, then released.
 */
export async function freePorts(n: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < n; i += 1) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(0, '127.0.0.1', () => resolve()); });
    }
    return servers.map((s) => (s.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/** A TCP port nothing listens on right now (freePorts). */
export async function freePort(): Promise<number> {
  return (await freePorts(1))[0];
}
