import type { EntityManager } from 'typeorm';

/** The parts of a node-postgres result the repositories' statements read. */
export interface PostgresResult {
  rows: Array<Record<string, unknown>>;
  rowCount: number | null;
}

/** The parts of the node-postgres client (what QueryRunner.connect() returns on PostgreSQL) used here. */
interface PostgresClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<PostgresResult>;
  query(text: string, values: unknown[]): Promise<PostgresResult>;
}

/** Prepared-statement names by SQL text: one name per text in this process. */
const names = new Map<string, string>();

/**
 * How many texts get a name; the rest run unnamed. Each connection keeps the statements it prepared for as long
 * as it lives, and texts with an IN list or several VALUES rows are one text per length: the bound keeps a
 * process's server-side statements (and their plans) few, whatever the lists it meets.
 */
export const MAX_NAMED_STATEMENTS = 500;

/**
 * Runs one statement of a repository on PostgreSQL as a named prepared
 * statement, on the transaction's connection (`em.queryRunner`) or, outside
 * one, on a connection of the pool taken for this statement. node-postgres
 * sends the text (Parse) the first time a connection meets the name and
 * only Bind/Execute after it, so PostgreSQL parses and plans each kept
 * statement once per connection, and the text does not cross the socket
 * again. The client comes from `QueryRunner.connect()` (TypeORM's public API
 * for the driver's connection); statements are logged like TypeORM's own
 * when logging is on. Errors are node-postgres's own (`code` is the SQLSTATE).
 */
export async function postgresStatement(em: EntityManager, sql: string, params: readonly unknown[]): Promise<PostgresResult> {
  let name = names.get(sql);
  if (name === undefined && names.size < MAX_NAMED_STATEMENTS) names.set(sql, (name = `chotei_${names.size + 1}`));
  const runner = em.queryRunner ?? em.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as PostgresClient;
    if (em.connection.options.logging) em.connection.logger.logQuery(sql, [...params], runner);
    return await (name === undefined ? client.query(sql, [...params]) : client.query({ name, text: sql, values: [...params] }));
  } finally {
    if (runner !== em.queryRunner) await runner.release();
  }
}

/** How many statement texts this process has named so far (tests). */
export function namedStatementCount(): number {
  return names.size;
}
