import type { EntityManager } from 'typeorm';
import { sqliteConnectionOf, type SqliteConnection as RawConnection } from './typeorm-internals';
import { postgresStatement } from '../postgres/statements';

/** The parts of a better-sqlite3 statement the fast paths use. */
export interface SqliteStatement {
  readonly reader: boolean;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number };
  raw(on: boolean): SqliteStatement;
}

type SqliteConnection = Omit<RawConnection, 'prepare'> & { prepare(sql: string): SqliteStatement };

/** Per connection: statements returning arrays (raw) and objects, keyed by the SQL text (built once, so its hash is cached). */
const statements = new WeakMap<SqliteConnection, { raw: Map<string, SqliteStatement>; rows: Map<string, SqliteStatement> }>();

/**
 * A statement prepared once per SQLite connection and kept, run directly on
 * better-sqlite3 — on the read-only connection for reads, and on the write
 * connection inside a transaction (the transaction is open on that same
 * connection, under the write lock). TypeORM prepares every statement anew
 * and wraps each in several awaited hooks, which cost more than running it.
 * `raw` statements return rows as arrays in column order. Null on PostgreSQL.
 * Statements are logged like TypeORM's own when logging is on.
 */
export function sqliteStatement(em: EntityManager, sql: string, params: readonly unknown[], raw: boolean): SqliteStatement | null {
  const connection = em.connection;
  const database = sqliteConnectionOf(connection) as SqliteConnection | null;
  if (!database) return null;
  let caches = statements.get(database);
  if (!caches) statements.set(database, (caches = { raw: new Map(), rows: new Map() }));
  const cache = raw ? caches.raw : caches.rows;
  let statement = cache.get(sql);
  if (!statement) {
    statement = database.prepare(sql);
    if (raw) statement.raw(true);
    cache.set(sql, statement);
  }
  if (connection.options.logging) connection.logger.logQuery(sql, [...params], em.queryRunner);
  if (database.readonly) beginReadTurn(database, caches.rows);
  return statement;
}

/**
 * On the read-only connection, the kept statements of one turn of the event
 * loop share one read transaction. In WAL mode every statement outside a
 * transaction takes and drops its read lock with fcntl and checks the file
 * with fstat (3 system calls, measured with strace); a nested case view is
 * five statements. The transaction ends at the end of the turn (setImmediate),
 * at once when this process commits a write (endReadTurns), and where work
 * arrives from outside — a GraphQL request, a job, a published event
 * (Database.freshReads) — so no work reads a state older than its own arrival
 * or than its own writes.
 */
function beginReadTurn(database: SqliteConnection, cache: Map<string, SqliteStatement>): void {
  if (database.inTransaction) return;
  statementOf(database, cache, 'BEGIN').run();
  openTurns.add(database);
  setImmediate(() => endTurn(database, cache));
}

const openTurns = new Set<SqliteConnection>();

function endTurn(database: SqliteConnection, cache: Map<string, SqliteStatement>): void {
  if (!openTurns.delete(database)) return;
  if (database.open && database.inTransaction) statementOf(database, cache, 'COMMIT').run();
}

/** Ends the read transaction of this turn on every read connection (called after each write commit). */
export function endReadTurns(): void {
  for (const database of [...openTurns]) endTurn(database, statements.get(database)!.rows);
}

function statementOf(database: SqliteConnection, cache: Map<string, SqliteStatement>, sql: string): SqliteStatement {
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = database.prepare(sql)));
  return statement;
}

/** Runs one SQL statement: prepared and kept on SQLite (rows as objects), as a named prepared statement on PostgreSQL (../postgres). */
export async function runSql<R = Record<string, unknown>>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<R[]> {
  const statement = sqliteStatement(em, sql, params, false);
  if (!statement) return (await postgresStatement(em, sql, params)).rows as R[];
  if (statement.reader) return statement.all(...params) as R[];
  statement.run(...params);
  return [];
}
