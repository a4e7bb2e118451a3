import { describe, expect, it } from 'vitest';
import { OutboxEntity } from '../../src/persistence/entities';
import { postgresStatement } from '../../src/persistence/postgres/statements';
import { readRows, writeRows } from '../../src/persistence/sql';
import { withFreshDatabase } from '../support/harness';

/**
 * src/persistence/postgres: the repositories' statements run as named prepared statements on PostgreSQL, each
 * parsed once per connection, on the transaction's connection inside one; the driver's errors keep their SQLSTATE.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL named statements', () => {
  const fresh = withFreshDatabase();
  const SELECT = 'SELECT o."id" AS "o.id", o."jobId" AS "o.jobId" FROM "outbox" o WHERE o."jobId" = $1';

  it('prepares a statement once per connection and runs it again by its name', async () => {
    const { db } = fresh;
    const prepared = await db.transaction(async (tx) => {
      await tx.enqueue({ queue: 'q', name: 'n', jobId: 'named-1', payload: {} });
      for (let i = 0; i < 3; i += 1) {
        const [row] = await readRows(tx, OutboxEntity, 'o', SELECT, ['named-1']);
        expect(row.jobId).toBe('named-1');
      }
      // The transaction's own connection: what it has prepared.
      return (await postgresStatement(tx.em, 'SELECT "statement" FROM pg_prepared_statements WHERE "statement" = $1', [SELECT])).rows;
    });
    expect(prepared).toHaveLength(1);
  });

  it('runs inside the transaction: a rolled-back write is not seen after, a committed one is', async () => {
    const { db } = fresh;
    const INSERT = 'INSERT INTO "outbox" ("queue", "name", "jobId", "payload", "createdAt") VALUES ($1, $2, $3, $4, now())';
    await db.transaction(async (tx) => { await writeRows(tx, INSERT, ['q', 'n', 'kept', '{}']); });
    await db.transaction(async (tx) => {
      await writeRows(tx, INSERT, ['q', 'n', 'dropped', '{}']);
      throw new Error('roll back');
    }).catch(() => undefined);
    expect((await readRows(db.reads, OutboxEntity, 'o', SELECT, ['kept']))).toHaveLength(1);
    expect((await readRows(db.reads, OutboxEntity, 'o', SELECT, ['dropped']))).toHaveLength(0);
  });

  it('reports the changed rows and RETURNING rows, and the server\'s SQLSTATE on an error', async () => {
    const { db } = fresh;
    const changed = await db.statement((q) => writeRows(q, 'UPDATE "outbox" SET "claimedBy" = $1 WHERE "jobId" = $2 RETURNING "jobId"', ['me', 'kept']));
    expect(changed).toEqual({ changes: 1, rows: [{ jobId: 'kept' }] });
    const error: unknown = await db.statement((q) => writeRows(q, 'INSERT INTO "outbox" ("id", "queue", "name", "jobId", "payload", "createdAt") SELECT "id", "queue", "name", "jobId", "payload", now() FROM "outbox" LIMIT 1', []))
      .catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('23505');
  });

  it('runs a one-statement unit of work outside a transaction, and refuses a second statement in it', async () => {
    const { db } = fresh;
    const INSERT = 'INSERT INTO "outbox" ("queue", "name", "jobId", "payload", "createdAt") VALUES ($1, $2, $3, $4, now())';
    let woken = 0;
    const wake = () => { woken += 1; };
    db.events.on('outbox', wake);
    try {
      // The relay is told of an enqueued row, and onCommit hooks run, as after a transaction.
      let committed = false;
      await db.statement(async (tx) => { await tx.enqueue({ queue: 'q', name: 'n', jobId: 'single-1', payload: {} }); tx.onCommit(() => { committed = true; }); });
      expect(committed).toBe(true);
      expect(woken).toBe(1);
      const error: unknown = await db.statement(async (tx) => {
        await writeRows(tx, INSERT, ['q', 'n', 'single-2', '{}']);
        await writeRows(tx, INSERT, ['q', 'n', 'single-3', '{}']);
      }).catch((e: unknown) => e);
      expect(String(error)).toMatch(/ran a second statement/);
      // No transaction around the unit: its first statement committed by itself, the second never ran.
      expect(await readRows(db.reads, OutboxEntity, 'o', SELECT, ['single-2'])).toHaveLength(1);
      expect(await readRows(db.reads, OutboxEntity, 'o', SELECT, ['single-3'])).toHaveLength(0);
    } finally {
      db.events.off('outbox', wake);
    }
  });
});
