import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/harness';
import BetterSqlite3 from 'better-sqlite3';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { redisAnswers } from '../../src/jobs/redis';

/**
 * A PRIVATE redis-server for the fault tests: its own free port, AOF on, no RDB
 * snapshots, data in a temporary directory. Tests stop it (an outage), wipe it
 * (FLUSHALL: Redis that comes back empty) and start it again on the same port,
 * so the app's connections find it where they left it.
 */

/** The redis-server binary, or null when it is not installed (the reliability tests then skip). */
export const REDIS_SERVER: string | null = (() => {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : null;
})();

export { freePort };

/** Waits for `probe` to hold, checking every 50 ms, for at most `timeoutMs`. */
async function until(probe: () => Promise<boolean> | boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export class PrivateRedis {
  private child: ChildProcess | null = null;
  private constructor(readonly port: number, readonly dir: string) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts a redis-server on a free port with AOF on, data in a new temporary directory. */
  static async start(): Promise<PrivateRedis> {
    if (!REDIS_SERVER) throw new Error('redis-server is not installed');
    const redis = new PrivateRedis(await freePort(), mkdtempSync(join(tmpdir(), 'chotei-redis-')));
    await redis.restart();
    return redis;
  }

  /** Whether the server process is running. */
  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** (Re)starts the server on the same port and directory (the AOF is replayed: what was written survives). */
  async restart(): Promise<void> {
    if (this.running) return;
    const child = spawn(REDIS_SERVER!, [
      '--port', String(this.port), '--bind', '127.0.0.1', '--appendonly', 'yes', '--appendfsync', 'everysec', '--dir', this.dir, '--save', '',
      '--maxmemory-policy', 'noeviction', '--daemonize', 'no',
    ], { stdio: 'ignore' });
    this.child = child;
    await until(async () => {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode} on port ${this.port}`);
      return redisAnswers(this.url);
    }, `redis-server on port ${this.port}`, 10_000);
  }

  /** Stops the server (an outage): SIGKILL when `hard`, else SIGTERM (it writes its AOF and exits). */
  async stop(hard = false): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(hard ? 'SIGKILL' : 'SIGTERM');
    await exited;
    this.child = null;
  }

  /** Empties it (FLUSHALL): every job, scheduler and key is gone, as when Redis comes back without its data. */
  async wipe(): Promise<void> {
    const client = new IORedis(this.url, { maxRetriesPerRequest: 1 });
    try {
      await client.flushall();
    } finally {
      client.disconnect();
    }
  }

  /** Stops it and removes its data directory. */
  async destroy(): Promise<void> {
    await this.stop(true);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The error message of injectFault's refusals. */
export const FAULT = 'storage fault injected by the reliability test';

/**
 * A real storage fault on the assessment table: the database refuses every insert (a trigger raising an error),
 * until `heal` drops the trigger. The app is not told; it sees its writes fail, as with a failing disk.
 */
export async function injectFault(app: { dbUrl: string }): Promise<{ heal(): Promise<void> }> {
  if (app.dbUrl.startsWith('file:')) {
    const db = new BetterSqlite3(app.dbUrl.slice('file:'.length));
    db.pragma('busy_timeout = 10000');
    db.exec(`CREATE TRIGGER reliability_fault BEFORE INSERT ON assessment BEGIN SELECT RAISE(ABORT, '${FAULT}'); END`);
    return { heal: async () => { db.exec('DROP TRIGGER IF EXISTS reliability_fault'); db.close(); } };
  }
  const pg = new Client({ connectionString: app.dbUrl });
  await pg.connect();
  await pg.query(`CREATE OR REPLACE FUNCTION reliability_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${FAULT}'; END $$`);
  await pg.query('CREATE TRIGGER reliability_fault BEFORE INSERT ON assessment FOR EACH ROW EXECUTE FUNCTION reliability_fault()');
  return {
    heal: async () => {
      await pg.query('DROP TRIGGER IF EXISTS reliability_fault ON assessment');
      await pg.end();
    },
  };
}
