import type { EntityManager } from 'typeorm';

/** The parts of a better-sqlite3 statement the fast paths use. */
export interface SqliteStatement {
  readonly reader: boolean;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number };
  raw(on: boolean): SqliteStatement;
}

interface SqliteConnection { prepare(sql: string): SqliteStatement }

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
  if (connection.driver.options.type !== 'better-sqlite3') return null;
  const database = (connection.driver as unknown as { databaseConnection?: SqliteConnection }).databaseConnection;
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
  return statement;
}

/** Runs one SQL statement: prepared and kept on SQLite (rows as objects), through TypeORM on PostgreSQL. */
export async function runSql<R = Record<string, unknown>>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<R[]> {
  const statement = sqliteStatement(em, sql, params, false);
  if (!statement) return (await em.query(sql, [...params])) as R[];
  if (statement.reader) return statement.all(...params) as R[];
  statement.run(...params);
  return [];
}
