import type { DataSource, QueryRunner } from 'typeorm';
import type { AbstractSqliteDriver } from 'typeorm/driver/sqlite-abstract/AbstractSqliteDriver';

/**
 * Every place the SQLite engine work leans on TypeORM beyond its documented
 * API, in one file. tests/integration/sqlite-typeorm-internals.int.test.ts
 * checks each of them against the installed TypeORM and fails loudly (with
 * the name of the function below) if an upgrade changes one.
 *
 * 1. `driver.databaseConnection`: the better-sqlite3 `Database` TypeORM opened
 *    (a public, untyped property of AbstractSqliteDriver). The kept
 *    statements, read turns and group commit run on it.
 * 2. The SQL TypeORM's SQLite runner sends to begin a transaction,
 *    "BEGIN TRANSACTION" (deferred): rewritten to BEGIN IMMEDIATE so the write
 *    lock is taken up front and two processes cannot deadlock on upgrade.
 *    TypeORM has no option for the transaction mode.
 * 3. The runner's transaction flags (`isTransactionActive`, public, and
 *    `transactionDepth`, protected): when SQLite abandons a transaction by
 *    itself (disk full, I/O error), ROLLBACK through TypeORM fails and leaves
 *    them set, so the next startTransaction would throw forever; they are reset.
 */

/** The better-sqlite3 connection behind a SQLite DataSource (null before initialisation or on PostgreSQL). */
export interface SqliteConnection {
  prepare(sql: string): { readonly reader: boolean; all(...p: unknown[]): unknown[]; run(...p: unknown[]): { changes: number }; raw(on: boolean): unknown; iterate?(...p: unknown[]): IterableIterator<unknown> };
  readonly inTransaction: boolean;
  readonly open: boolean;
  readonly readonly: boolean;
}

export function sqliteConnectionOf(dataSource: Pick<DataSource, 'driver'>): SqliteConnection | null {
  if (dataSource.driver.options.type !== 'better-sqlite3') return null;
  return ((dataSource.driver as AbstractSqliteDriver).databaseConnection as SqliteConnection | undefined) ?? null;
}

/** What TypeORM's SQLite runner sends for startTransaction() at depth 0 (AbstractSqliteQueryRunner). */
export const TYPEORM_BEGIN = 'BEGIN TRANSACTION';

/** Makes `runner` begin its transactions IMMEDIATE (internal 2). */
export function beginImmediate(runner: QueryRunner): void {
  const query = runner.query.bind(runner);
  (runner as { query: typeof runner.query }).query = ((sql: string, ...rest: unknown[]) =>
    (query as (...a: unknown[]) => Promise<unknown>)(sql === TYPEORM_BEGIN ? 'BEGIN IMMEDIATE TRANSACTION' : sql, ...rest)) as typeof runner.query;
}

/** Leaves a runner whose transaction SQLite already ended ready for the next one (internal 3). */
export function resetTransactionFlags(runner: QueryRunner): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = false;
  state.transactionDepth = 0;
}
