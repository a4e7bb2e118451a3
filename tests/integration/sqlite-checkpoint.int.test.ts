import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openFreshDatabase, waitFor, withFreshDatabase } from '../support/harness';

/**
 * SQLite only: the write-ahead log is copied back into the database file by a
 * background thread, not inside a request's COMMIT.
 */
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('SQLite checkpoints', () => {
  const fresh = withFreshDatabase();

  it('the write connection leaves checkpoints to the thread (its own threshold is only a backstop)', async () => {
    const [{ wal_autocheckpoint: pages }] = (await fresh.db.write.query('PRAGMA wal_autocheckpoint')) as Array<{ wal_autocheckpoint: number }>;
    expect(pages).toBeGreaterThanOrEqual(10_000);
  });

  it('copies committed pages from the WAL into the database file while the service keeps writing', async () => {
    const sizeBefore = statSync(fresh.path!).size;
    for (let batch = 0; batch < 20; batch += 1) {
      await fresh.db.transaction(async (tx) => {
        for (let i = 0; i < 50; i += 1) {
          await tx.enqueue({ queue: 'intake', name: 'intake', jobId: `checkpoint-${batch}-${i}`, payload: { filler: 'x'.repeat(2000) } });
        }
      });
    }
    const last = await waitFor(async () => (fresh.db.checkpointer?.last?.checkpointed ?? 0) > 0 && fresh.db.checkpointer!.last, 'a checkpoint that copied pages', 10_000, 50);
    expect(last.checkpointed).toBeGreaterThan(0);
    expect(statSync(fresh.path!).size).toBeGreaterThan(sizeBefore);
  });

  it('stops the thread when the database closes', async () => {
    const other = await openFreshDatabase();
    const checkpointer = other.db.checkpointer!;
    expect(checkpointer.running).toBe(true);
    await other.close();
    expect(checkpointer.running).toBe(false);
  });
});
