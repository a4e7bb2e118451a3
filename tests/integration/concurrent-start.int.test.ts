import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Client } from 'pg';
import { describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../src/persistence/migrations/postgres';
import { SQLITE_MIGRATIONS } from '../../src/persistence/migrations/sqlite';
import { clearPrefix, freePorts, freshDatabase, REDIS_URL, waitFor } from '../support/harness';

/**
 * Several processes started at the same instant on a fresh database (issue 16 item 5): migrations run under a
 * lock (PostgreSQL advisory lock, SQLite write lock), so all of them come up and each migration is applied once.
 * Runs on a fresh SQLite file, or on a fresh PostgreSQL database with TEST_DATABASE_URL. Spawns dist (npm run build).
 */
const MAIN = resolve(__dirname, '../../dist/src/main.js');
const CLI = resolve(__dirname, '../../dist/src/cli.js');
const SECRET = 'concurrent-start-secret-0123456789abcdef';

interface Exited { code: number | null; stdout: string; stderr: string }

function run(script: string, args: string[], env: Record<string, string>): { child: ReturnType<typeof spawn>; exited: Promise<Exited>; output: () => string } {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => { stdout += String(d); });
  child.stderr!.on('data', (d) => { stderr += String(d); });
  const exited = new Promise<Exited>((r) => child.once('exit', (code) => r({ code, stdout, stderr })));
  return { child, exited, output: () => `${stdout}\n${stderr}` };
}

/** The names in the migrations table, as many times as they are there. */
async function appliedNames(url: string): Promise<string[]> {
  if (url.startsWith('file:')) {
    const db = new Sqlite(url.slice('file:'.length), { readonly: true });
    try {
      return (db.prepare('SELECT name FROM migrations').all() as Array<{ name: string }>).map((r) => r.name);
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ name: string }>('SELECT name FROM migrations')).rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

function expectedNames(url: string): string[] {
  return (url.startsWith('file:') ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS).map((m) => (m as unknown as { name: string }).name).sort();
}

describe('starting several processes at once on a fresh database', () => {
  it('four servers started at the same instant all come up, and each migration is applied once', async () => {
    const fresh = await freshDatabase();
    const ports = await freePorts(4);
    const prefix = `cstart${Date.now()}`;
    const servers = [0, 1, 2, 3].map((i) => ({
      port: ports[i],
      ...run(MAIN, [], {
        PORT: String(ports[i]), HOST: '127.0.0.1', DATABASE_URL: fresh.url, DATA_DIR: fresh.dataDir, REDIS_URL, REDIS_PREFIX: prefix,
        JWT_SECRET: SECRET, LOG_LEVEL: 'warn', NODE_ENV: 'development', ROLE: i % 2 === 0 ? 'api' : 'all',
      }),
    }));
    try {
      const started = await Promise.all(servers.map((s) => waitFor(async () => {
        if (s.child.exitCode !== null) return `exited with ${s.child.exitCode}: ${s.output()}`;
        return (await fetch(`http://127.0.0.1:${s.port}/readyz`)).ok && 'ready';
      }, `/readyz on port ${s.port}`, 180_000, 100).catch((error) => `${(error as Error).message}\n${s.output()}`)));
      expect(started).toEqual(['ready', 'ready', 'ready', 'ready']);
      const names = await appliedNames(fresh.url);
      expect([...names].sort()).toEqual(expectedNames(fresh.url));
      // And they answer GraphQL on the schema the migrations made.
      for (const s of servers) {
        const res = await fetch(`http://127.0.0.1:${s.port}/graphql`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }),
        });
        expect(res.status).toBe(200);
      }
      // And stop cleanly.
      for (const s of servers) s.child.kill('SIGTERM');
      const exits = await Promise.all(servers.map((s) => s.exited));
      expect(exits.map((e) => e.code), exits.map((e) => e.stderr).join('\n')).toEqual([0, 0, 0, 0]);
    } finally {
      for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
      await Promise.all(servers.map((s) => s.exited));
      await clearPrefix(prefix);
      await fresh.drop();
    }
  }, 240_000);

  it('`chotei migrate` run four times at once: one applies and names every migration, the others say up to date', async () => {
    const fresh = await freshDatabase();
    try {
      const runs = [0, 1, 2, 3].map(() => run(CLI, ['migrate'], { DATABASE_URL: fresh.url, DATA_DIR: fresh.dataDir, JWT_SECRET: SECRET, NODE_ENV: 'development' }));
      const results = await Promise.all(runs.map((r) => r.exited));
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      const expected = expectedNames(fresh.url);
      const appliers = results.filter((r) => r.stdout.startsWith('applied '));
      expect(appliers).toHaveLength(1);
      expect(appliers[0].stdout).toContain(`applied ${expected.length} migrations:`);
      for (const name of expected) expect(appliers[0].stdout).toContain(name);
      for (const r of results.filter((x) => x !== appliers[0])) expect(r.stdout.trim()).toBe('the database is up to date');
      expect([...(await appliedNames(fresh.url))].sort()).toEqual(expected);

      // Once more, with nothing left to apply.
      const again = await run(CLI, ['migrate'], { DATABASE_URL: fresh.url, DATA_DIR: fresh.dataDir, JWT_SECRET: SECRET, NODE_ENV: 'development' }).exited;
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout.trim()).toBe('the database is up to date');
    } finally {
      await fresh.drop();
    }
  }, 200_000);
});
