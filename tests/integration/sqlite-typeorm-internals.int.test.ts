import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Database } from '../../src/persistence/database';
import { resetTransactionFlags, sqliteConnectionOf, TYPEORM_BEGIN } from '../../src/persistence/sqlite/typeorm-internals';
import { withFreshDatabase } from '../support/harness';

/**
 * SQLite only: the three places src/persistence/sqlite leans on TypeORM
 * beyond its documented API (src/persistence/sqlite/typeorm-internals.ts).
 * If a TypeORM upgrade changes one of them, this file says which, instead of
 * the engine failing in some other test (or in production) for no clear reason.
 */
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('TypeORM internals the SQLite engine relies on', () => {
  const fresh = withFreshDatabase();

  it('sqliteConnectionOf: driver.databaseConnection is the better-sqlite3 Database of the data source', () => {
    const db: Database = fresh.db;
    const connection = sqliteConnectionOf(db.write);
    expect(connection, 'TypeORM no longer exposes driver.databaseConnection: update sqliteConnectionOf').not.toBeNull();
    expect(connection).toBeInstanceOf(BetterSqlite3);
    expect(connection!.readonly).toBe(false);
    expect(sqliteConnectionOf(db.read)!.readonly).toBe(true);
  });

  it(`beginImmediate: TypeORM begins a transaction with "${TYPEORM_BEGIN}", and the write connection holds the write lock from its first statement`, async () => {
    const db: Database = fresh.db;
    const other = new BetterSqlite3(fresh.path!, { timeout: 0 });
    try {
      await db.transaction(async () => {
        // Another connection cannot take the write lock while this transaction is open, before it has written anything.
        expect(() => other.exec('BEGIN IMMEDIATE'), 'the write transaction did not take the write lock up front: TypeORM changed how it begins transactions (see beginImmediate)')
          .toThrow(/SQLITE_BUSY|locked/);
      });
      // And once it has committed, the lock is free again.
      other.exec('BEGIN IMMEDIATE');
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
  });

  it('resetTransactionFlags: after SQLite ends a transaction by itself, resetting the runner\'s flags lets the next one start', async () => {
    const db: Database = fresh.db;
    const runner = db.write.createQueryRunner();
    await runner.startTransaction();
    const state = runner as unknown as { isTransactionActive: unknown; transactionDepth: unknown };
    expect(state.isTransactionActive, 'QueryRunner.isTransactionActive is gone').toBe(true);
    expect(state.transactionDepth, 'the protected QueryRunner.transactionDepth is gone or renamed').toBe(1);
    // SQLite rolls back on its own (as after a full disk): TypeORM still believes the transaction is open,
    // so its next startTransaction would open a savepoint inside a transaction that no longer exists.
    sqliteConnectionOf(db.write)!.prepare('ROLLBACK').run();
    expect(sqliteConnectionOf(db.write)!.inTransaction).toBe(false);
    expect(state.isTransactionActive).toBe(true);
    resetTransactionFlags(runner);
    await runner.startTransaction();
    await runner.commitTransaction();
    expect(state.isTransactionActive).toBe(false);
    expect(state.transactionDepth).toBe(0);
  });
});
