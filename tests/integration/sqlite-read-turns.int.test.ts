import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runSql } from '../../src/persistence/sqlite/statements';
import { withFreshDatabase } from '../support/harness';

/**
 * SQLite only: the reads of one event-loop turn share a read transaction on
 * the read connection — never hiding this process's own commits, and never
 * outliving the turn.
 */
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('SQLite read turns', () => {
  const fresh = withFreshDatabase();

  const job = (jobId: string) => ({ queue: 'intake', name: 'intake', jobId, payload: {} });
  const byJobId = (jobId: string) => runSql<{ jobId: string }>(fresh.db.reader, 'SELECT "jobId" FROM "outbox" WHERE "jobId" = ?', [jobId]);
  const readConnection = () => (fresh.db.read.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
  const nextTurn = () => new Promise((r) => setImmediate(r));
  /** Another process's commit: an outbox row written through a connection of its own. */
  const commitElsewhere = (jobId: string) => {
    const other = new BetterSqlite3(fresh.path!);
    try {
      other.prepare(`INSERT INTO "outbox" ("queue", "name", "jobId", "payload", "createdAt") VALUES ('intake', 'intake', ?, '{}', datetime('now'))`).run(jobId);
    } finally {
      other.close();
    }
  };

  it('a read right after this process commits sees the commit, though an earlier read of the same turn began the snapshot', async () => {
    expect(await byJobId('own-write')).toEqual([]);
    expect(readConnection().inTransaction).toBe(true);
    await fresh.db.transaction((tx) => tx.enqueue(job('own-write')));
    const rows = await byJobId('own-write');
    expect(rows.map((r) => r.jobId)).toEqual(['own-write']);
  });

  it('sees another process\'s commit from the next turn on', async () => {
    expect(await byJobId('other-process')).toEqual([]);
    commitElsewhere('other-process');
    await nextTurn();
    expect((await byJobId('other-process')).map((r) => r.jobId)).toEqual(['other-process']);
  });

  it('sees another process\'s commit at once after freshReads (work arriving from outside: a request, a job, an event)', async () => {
    expect(await byJobId('fresh-reads')).toEqual([]);
    commitElsewhere('fresh-reads');
    fresh.db.freshReads();
    expect((await byJobId('fresh-reads')).map((r) => r.jobId)).toEqual(['fresh-reads']);
  });

  it('ends the read transaction when the turn ends, so checkpoints are never held back', async () => {
    await byJobId('anything');
    expect(readConnection().inTransaction).toBe(true);
    await nextTurn();
    expect(readConnection().inTransaction).toBe(false);
    // A full checkpoint (which waits for no reader) completes: nothing pins the WAL.
    const other = new BetterSqlite3(fresh.path!);
    try {
      const [result] = other.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      expect(result.busy).toBe(0);
    } finally {
      other.close();
    }
  });
});
