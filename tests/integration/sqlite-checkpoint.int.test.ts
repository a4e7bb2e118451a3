import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/config/database';
import { loadConfig } from '../../src/config/env';
import { insertRows } from '../../src/config/fast-write';
import { OutboxEntity } from '../../src/entities/outbox.entity';
import { freshDatabase, waitFor } from '../support/harness';

/**
 * SQLite only: the write-ahead log is copied back into the database file by a
 * background thread, not inside a request's COMMIT.
 */
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('SQLite checkpoints', () => {
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

  it('the write connection leaves checkpoints to the thread (its own threshold is only a backstop)', async () => {
    const [{ wal_autocheckpoint: pages }] = (await db.write.query('PRAGMA wal_autocheckpoint')) as Array<{ wal_autocheckpoint: number }>;
    expect(pages).toBeGreaterThanOrEqual(10_000);
  });

  it('copies committed pages from the WAL into the database file while the service keeps writing', async () => {
    const sizeBefore = statSync(path).size;
    for (let batch = 0; batch < 20; batch += 1) {
      await db.transaction(async (tx) => {
        await insertRows(tx.em, OutboxEntity, Array.from({ length: 50 }, (_, i) => ({
          queue: 'intake', name: 'intake', jobId: `checkpoint-${batch}-${i}`, payload: { filler: 'x'.repeat(2000) }, runAt: null, dispatchedAt: null,
        })));
      });
    }
    const last = await waitFor(async () => (db.checkpointer?.last?.checkpointed ?? 0) > 0 && db.checkpointer!.last, 'a checkpoint that copied pages', 10_000, 50);
    expect(last.checkpointed).toBeGreaterThan(0);
    expect(statSync(path).size).toBeGreaterThan(sizeBefore);
  });

  it('stops the thread when the database closes', async () => {
    const other = await freshDatabase();
    const second = await Database.open(loadConfig({ DATABASE_URL: other.url, DATA_DIR: other.dataDir, JWT_SECRET: 'x'.repeat(40) }));
    expect(second.checkpointer!.running).toBe(true);
    await second.close();
    expect(second.checkpointer!.running).toBe(false);
    await other.drop();
  });
});
