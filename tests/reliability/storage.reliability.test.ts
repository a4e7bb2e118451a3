import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startApp, RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config/env';
import { Database } from '../../src/persistence/database';
import { clearPrefix, freshDatabase, REDIS_URL, waitFor } from '../support/harness';
import { complaintInput, parties } from '../support/factories';

/**
 * A database that cannot be written, as an operator meets it:
 *  - start-up refuses it, naming it (SQLite: a read-only file or file system; PostgreSQL: read-only transactions);
 *  - a running app whose storage stops taking writes (SQLite: its disk fills up; PostgreSQL: it turns read-only,
 *    as a demoted primary does) answers mutations SERVICE_UNAVAILABLE (HTTP 503, Retry-After, "the storage is
 *    unavailable"), never INTERNAL_SERVER_ERROR; /readyz answers 503 within a second, naming the database check;
 *    the fault is logged once, not per request nor per checkpoint; and all of it recovers by itself.
 * File modes do not stop root, so as root the SQLite faults use a small tmpfs of their own (a real full disk,
 * a real read-only file system); where it cannot be mounted those tests are skipped.
 */
const POSTGRES = !!process.env.TEST_DATABASE_URL;
const ROOT = process.getuid?.() === 0;

const mounts: string[] = [];
/** A fresh tmpfs of `megabytes` (root only), or null when it cannot be mounted here. */
function tmpfs(megabytes: number): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'chotei-tmpfs-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  mounts.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of mounts) {
    spawnSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The app of these tests, with its log lines kept (to count how often a fault is logged). */
interface LoggedApp { app: RunningApp; url: string; readyz: string; lines: Array<{ level: number; msg: string }>; stop(): Promise<void> }

function envFor(databaseUrl: string, dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, REDIS_URL, REDIS_PREFIX: `t${randomBytes(5).toString('hex')}`, DATA_DIR: dataDir,
    RATE_LIMIT_PER_MINUTE: '0', JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789', EMAIL_VERIFICATION_REQUIRED: 'false', ...extra,
  };
}

async function startLogged(env: Record<string, string>): Promise<LoggedApp> {
  const lines: LoggedApp['lines'] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line)); } });
  const app = await startApp(loadConfig(env), { log });
  return {
    app, url: app.url!, readyz: app.url!.replace('/graphql', '/readyz'), lines,
    stop: async () => {
      await app.close();
      await clearPrefix(env.REDIS_PREFIX);
    },
  };
}

/** One HTTP request, timed. */
async function timed(url: string, init: RequestInit = {}): Promise<{ ms: number; status: number; headers: Headers; body: any }> {
  const started = performance.now();
  const res = await fetch(url, init);
  const body = await res.json();
  return { ms: performance.now() - started, status: res.status, headers: res.headers, body };
}
const post = (url: string, query: string, variables: Record<string, unknown>, token: string) => timed(url, {
  method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }),
});
const FILE = 'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id status } }';
const REGISTER_WORK = 'mutation($input: RegisterWorkInput!) { registerWork(input: $input) { id } }';
const workInput = () => ({ title: `Harbour ${randomBytes(4).toString('hex')}`, kind: 'ILLUSTRATION', firstPublishedAt: '2020-04-01T00:00:00Z', firstPublicationCountry: 'JP' });

/** The answer of a refused mutation, as the contract says a storage fault answers. */
function expectStorageUnavailable(answer: Awaited<ReturnType<typeof timed>>, why: RegExp): void {
  expect(answer.status).toBe(503);
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  const [error] = answer.body.errors;
  expect(error.extensions.code).toBe('SERVICE_UNAVAILABLE');
  expect(error.extensions.retryAfterSeconds).toBeGreaterThan(0);
  expect(error.message).toMatch(/^The storage is unavailable/);
  expect(error.message).toMatch(why);
}

describe.skipIf(POSTGRES)('SQLite storage that cannot be written', () => {
  let running: LoggedApp | null = null;
  afterEach(async () => {
    await running?.stop();
    running = null;
  });

  it('start-up refuses a read-only database, naming its path', async (ctx) => {
    let dir: string;
    if (ROOT) {
      // Root ignores file modes: a read-only file system is what stops it.
      const mounted = tmpfs(16);
      if (!mounted) return ctx.skip();
      dir = mounted;
    } else {
      dir = mkdtempSync(join(tmpdir(), 'chotei-ro-'));
    }
    const path = join(dir, 'chotei.sqlite');
    const env = envFor(`file:${path}`, join(dir, 'data'));
    mkdirSync(join(dir, 'data'));
    const made = await Database.open(loadConfig(env));
    await made.close();
    if (ROOT) {
      expect(spawnSync('mount', ['-o', 'remount,ro', dir]).status).toBe(0);
    } else {
      chmodSync(path, 0o444);
      chmodSync(dir, 0o555);
    }
    try {
      // DATA_DIR elsewhere: only the database is unwritable.
      const data = mkdtempSync(join(tmpdir(), 'chotei-data-'));
      await expect(startApp(loadConfig({ ...env, DATA_DIR: data }), { log: pino({ level: 'silent' }) }))
        .rejects.toThrow(new RegExp(`^Refusing to start: the SQLite database ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} cannot be written.*(read-only|permission denied)`));
      rmSync(data, { recursive: true, force: true });
    } finally {
      if (!ROOT) {
        chmodSync(dir, 0o755);
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('a running app whose disk fills: mutations answer SERVICE_UNAVAILABLE, /readyz 503, logged once; all recover when space returns', async (ctx) => {
    if (!ROOT) return ctx.skip(); // a full disk needs a file system of its own: a tmpfs, mounted as root
    const dir = tmpfs(24);
    if (!dir) return ctx.skip();
    running = await startLogged(envFor(`file:${join(dir, 'chotei.sqlite')}`, dir, { STORAGE_MIN_FREE_MB: '1', MAIL_DIR: mkdtempSync(join(tmpdir(), 'chotei-mail-')) }));
    const { url, readyz, lines } = running;
    const { creator, firm, work } = await parties(url);
    expect((await timed(readyz)).status).toBe(200);

    // Fill the disk: whatever space is left goes to one file.
    const filler = join(dir, 'filler');
    const fd = openSync(filler, 'w');
    const chunk = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (error) {
      expect((error as { code: string }).code).toBe('ENOSPC');
    }
    try {
      for (;;) writeSync(fd, chunk, 0, 512);
    } catch {
      // full to the last block
    } finally {
      closeSync(fd);
    }

    const notReady = await timed(readyz);
    expect(notReady.ms).toBeLessThan(1_000);
    expect(notReady.status).toBe(503);
    expect(notReady.body.checks.database.ok).toBe(false);
    expect(notReady.body.checks.database.error).toMatch(/MB free on the disk of .*chotei\.sqlite/);
    expect(notReady.body.reason).toMatch(/^database: /);

    // Writes go on into the WAL's space already allocated until the WAL must grow or the file take pages
    // back from it; from then on every write is refused, as SERVICE_UNAVAILABLE and never a bug.
    const statement = 'The model reproduces my illustration. '.repeat(500);
    let refused: Awaited<ReturnType<typeof timed>> | null = null;
    let refusals = 0;
    for (let i = 0; i < 400 && refusals < 5; i += 1) {
      const answer = await post(url, FILE, { input: complaintInput(firm.firmId, [work.id], { statement }) }, creator.token);
      if (answer.body.errors) {
        expect(answer.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
        expect(answer.ms).toBeLessThan(1_000);
        refused ??= answer;
        refusals += 1;
      }
    }
    expect(refused).not.toBeNull();
    expectStorageUnavailable(refused!, /the disk is full/);

    // Logged once for the incident (not per request), and no request logged as an unexpected error.
    const storageLines = lines.filter((l) => /storage unavailable/.test(l.msg));
    expect(storageLines).toHaveLength(1);
    expect(storageLines[0].level).toBe(50);
    expect(lines.filter((l) => /SQLite checkpoint/.test(l.msg) && l.level >= 50).length).toBeLessThanOrEqual(1);
    expect(lines.filter((l) => l.msg === 'unexpected error')).toEqual([]);

    // Space returns: readiness and writes come back by themselves, and the recovery is logged once.
    unlinkSync(filler);
    await waitFor(async () => (await timed(readyz)).status === 200, '/readyz to say ready again', 5_000, 100);
    const accepted = await waitFor(async () => {
      const answer = await post(url, REGISTER_WORK, { input: workInput() }, creator.token);
      return answer.status === 200 && answer.body.data?.registerWork?.id ? answer : null;
    }, 'a mutation to be accepted again', 10_000, 100);
    expect(accepted.body.errors).toBeUndefined();
    await waitFor(async () => lines.some((l) => /storage recovered/.test(l.msg)), 'the recovery to be logged', 5_000);
    expect(lines.filter((l) => /storage recovered/.test(l.msg))).toHaveLength(1);
  });
});

describe.skipIf(!POSTGRES)('PostgreSQL that cannot be written', () => {
  const admin = () => new Client({ connectionString: process.env.TEST_DATABASE_URL });
  let running: LoggedApp | null = null;
  const drops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await running?.stop();
    running = null;
    for (const drop of drops.splice(0)) await drop();
  });

  /** Sets (or resets) read-only transactions as the database's default, and ends its sessions so every new one has it. */
  async function readOnly(name: string, on: boolean): Promise<void> {
    const pg = admin();
    await pg.connect();
    try {
      await pg.query(on ? `ALTER DATABASE ${name} SET default_transaction_read_only = on` : `ALTER DATABASE ${name} RESET default_transaction_read_only`);
      await pg.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    } finally {
      await pg.end();
    }
  }

  it('start-up refuses a database whose transactions are read-only, naming it', async () => {
    const fresh = await freshDatabase();
    drops.push(async () => { await readOnly(new URL(fresh.url).pathname.slice(1), false); await fresh.drop(); });
    const name = new URL(fresh.url).pathname.slice(1);
    const env = envFor(fresh.url, fresh.dataDir);
    const made = await Database.open(loadConfig(env));
    await made.close();
    await readOnly(name, true);
    await expect(startApp(loadConfig(env), { log: pino({ level: 'silent' }) }))
      .rejects.toThrow(new RegExp(`^Refusing to start: the PostgreSQL database \\S*/${name} cannot be written: the database is read-only \\(25006\\)`));
  });

  it('a running app whose database turns read-only: mutations answer SERVICE_UNAVAILABLE, /readyz 503, logged once; all recover', async () => {
    const fresh = await freshDatabase();
    const name = new URL(fresh.url).pathname.slice(1);
    drops.push(async () => { await readOnly(name, false); await fresh.drop(); });
    running = await startLogged(envFor(fresh.url, fresh.dataDir));
    const { url, readyz, lines } = running;
    const { creator } = await parties(url);
    expect((await timed(readyz)).status).toBe(200);

    await readOnly(name, true);
    await waitFor(async () => (await timed(readyz)).status === 503, '/readyz to say not ready', 5_000, 100);
    const notReady = await timed(readyz);
    expect(notReady.ms).toBeLessThan(1_000);
    expect(notReady.status).toBe(503);
    expect(notReady.body.checks.database.ok).toBe(false);
    expect(notReady.body.checks.database.error).toMatch(/read-only/);

    for (let i = 0; i < 5; i += 1) {
      const answer = await post(url, REGISTER_WORK, { input: workInput() }, creator.token);
      expect(answer.ms).toBeLessThan(1_000);
      expectStorageUnavailable(answer, /read-only/);
    }
    // One incident, one line (it may open on the sessions the switch ended: "cannot be reached").
    expect(lines.filter((l) => /storage unavailable/.test(l.msg))).toHaveLength(1);
    expect(lines.filter((l) => l.msg === 'unexpected error')).toEqual([]);

    await readOnly(name, false);
    await waitFor(async () => (await timed(readyz)).status === 200, '/readyz to say ready again', 5_000, 100);
    await waitFor(async () => {
      const answer = await post(url, REGISTER_WORK, { input: workInput() }, creator.token);
      return answer.status === 200 && answer.body.data?.registerWork?.id;
    }, 'a mutation to be accepted again', 10_000, 100);
    await waitFor(async () => lines.some((l) => /storage recovered/.test(l.msg)), 'the recovery to be logged', 5_000);
  });
});
