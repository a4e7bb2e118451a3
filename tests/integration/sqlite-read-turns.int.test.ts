import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/config/database';
import { loadConfig } from '../../src/config/env';
import { findIn } from '../../src/config/fast-read';
import { insertRows } from '../../src/config/fast-write';
import { OutboxEntity } from '../../src/entities/outbox.entity';
import { freshDatabase } from '../support/harness';

/**
 * SQLite only: the reads of one event-loop turn share a read transaction on
 * the read connection — never hiding this process's own commits, and never
 * outliving the turn.
 */
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('SQLite read turns', () => {
  let db: Database;
  let drop: () => Promise<void>;
  let path: string;
  beforeAll(async () => {
    const fresh = await freshDatabase();
    drop = fresh.drop;
    path = fresh.url.slice('file:'.length);
    db = await Database.open(loadConfig({ DATABASE_URL: fresh.url, DATA_DIR: fresh.dataDir, JWT_SECRET: 'x'.repeat(40) }));
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  const job = (jobId: string) => ({ queue: 'intake', name: 'intake', jobId, payload: {}, runAt: null, dispatchedAt: null });
  const byJobId = (jobId: string) => findIn(db.reader, OutboxEntity, 'jobId', [jobId]);
  const readConnection = () => (db.read.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
  const nextTurn = () => new Promise((r) => setImmediate(r));

  it('a read right after this process commits sees the commit, though an earlier read of the same turn began the snapshot', async () => {
    expect(await byJobId('own-write')).toEqual([]);
    expect(readConnection().inTransaction).toBe(true);
    await db.transaction((tx) => insertRows(tx.em, OutboxEntity, [job('own-write')]));
    const rows = await byJobId('own-write');
    expect(rows.map((r) => r.jobId)).toEqual(['own-write']);
  });

  it('sees another process\'s commit from the next turn on', async () => {
    expect(await byJobId('other-process')).toEqual([]);
    const other = new BetterSqlite3(path);
    try {
      other.prepare(`INSERT INTO "outbox" ("queue", "name", "jobId", "payload", "createdAt") VALUES ('intake', 'intake', 'other-process', '{}', datetime('now'))`).run();
    } finally {
      other.close();
    }
    await nextTurn();
    expect((await byJobId('other-process')).map((r) => r.jobId)).toEqual(['other-process']);
  });

  it('sees another process\'s commit at once after freshReads (work arriving from outside: a request, a job, an event)', async () => {
    expect(await byJobId('fresh-reads')).toEqual([]);
    const other = new BetterSqlite3(path);
    try {
      other.prepare(`INSERT INTO "outbox" ("queue", "name", "jobId", "payload", "createdAt") VALUES ('intake', 'intake', 'fresh-reads', '{}', datetime('now'))`).run();
    } finally {
      other.close();
    }
    db.freshReads();
    expect((await byJobId('fresh-reads')).map((r) => r.jobId)).toEqual(['fresh-reads']);
  });

  it('ends the read transaction when the turn ends, so checkpoints are never held back', async () => {
    await byJobId('anything');
    expect(readConnection().inTransaction).toBe(true);
    await nextTurn();
    expect(readConnection().inTransaction).toBe(false);
    // A full checkpoint (which waits for no reader) completes: nothing pins the WAL.
    const other = new BetterSqlite3(path);
    try {
      const [result] = other.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      expect(result.busy).toBe(0);
    } finally {
      other.close();
    }
  });
});
