import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';

/**
 * The plain HTTP routes when the database is away (PostgreSQL: the app's database stops accepting connections and
 * its sessions end, as when the server restarts or fails over): the notice page and the opt-out export answer
 * 503 with Retry-After — the link works again later — never a bug's 500; and both answer again once it is back.
 * The same database-only outage cannot be made on SQLite (an open file stays readable), so this runs on PostgreSQL.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('HTTP routes while the database is away', () => {
  let app: TestApp;
  let name: string;
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await c.connect();
    try { await c.query(sql); } finally { await c.end(); }
  };
  beforeAll(async () => {
    app = await startTestApp();
    name = new URL(app.dbUrl).pathname.slice(1);
  });
  afterAll(async () => {
    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`).catch(() => undefined);
    await app?.stop();
  });

  it('answers 503 with Retry-After for the notice page and the export, and serves them again when it returns', async () => {
    const origin = new URL(app.url).origin;
    const token = randomBytes(24).toString('base64url');
    expect((await fetch(`${origin}/notices/${token}`)).status).toBe(404);
    expect((await fetch(`${origin}/opt-outs.jsonl`)).status).toBe(200);

    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
    const page = await fetch(`${origin}/notices/${token}?lang=en`);
    expect(page.status).toBe(503);
    expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const exported = await fetch(`${origin}/opt-outs.jsonl`);
    expect(exported.status).toBe(503);
    expect(Number(exported.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await exported.json()).toMatchObject({ error: expect.stringMatching(/unavailable/), retryAfterSeconds: expect.any(Number) });

    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    await waitFor(async () => (await fetch(`${origin}/notices/${token}`)).status === 404, 'the notice page to answer again', 30_000, 200);
    expect((await fetch(`${origin}/opt-outs.jsonl`)).status).toBe(200);
  });
});
