import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Reads rows of one entity by a column's values with SQL built once per
 * (entity, column, count, order) and hydrated with the driver's own
 * conversions — the hot path of per-request loaders. Building the same SELECT
 * through TypeORM's query builder on every request cost more than running it.
 */
const sqlCache = new Map<string, string>();

export async function findIn<T extends ObjectLiteral>(
  em: EntityManager, entity: EntityTarget<T>, column: keyof T & string, values: readonly unknown[],
  options: { orderBy?: Array<[keyof T & string, 'ASC' | 'DESC']>; where?: Partial<Record<keyof T & string, string | boolean | number>>; forUpdate?: boolean } = {},
): Promise<T[]> {
  if (values.length === 0) return [];
  const meta = em.connection.getMetadata(entity);
  const driver = em.connection.driver;
  const postgres = driver.options.type === 'postgres';
  const extra = Object.entries(options.where ?? {});
  const lock = options.forUpdate && postgres ? ' FOR UPDATE' : '';
  const key = `${meta.name}|${column}|${values.length}|${JSON.stringify(options.orderBy ?? [])}|${extra.map(([k]) => k).join(',')}|${lock}`;
  let sql = sqlCache.get(key);
  const q = (name: string) => `"${name}"`;
  const col = (prop: string) => {
    const c = meta.findColumnWithPropertyName(prop);
    if (!c) throw new Error(`${meta.name} has no column ${prop}`);
    return c.databaseName;
  };
  if (!sql) {
    let n = 0;
    const param = () => (postgres ? `$${++n}` : '?');
    const list = values.map(() => param()).join(', ');
    const conditions = [`${q(col(column))} IN (${list})`, ...extra.map(([k]) => `${q(col(k))} = ${param()}`)];
    const order = (options.orderBy ?? []).map(([k, dir]) => `${q(col(k))} ${dir}`).join(', ');
    sql = `SELECT ${meta.columns.map((c) => q(c.databaseName)).join(', ')} FROM ${q(meta.tableName)} WHERE ${conditions.join(' AND ')}${order ? ` ORDER BY ${order}` : ''}${lock}`;
    sqlCache.set(key, sql);
  }
  const params = [...values, ...extra.map(([, v]) => (typeof v === 'boolean' && !postgres ? Number(v) : v))];
  const rows = sqliteStatement(em, sql)?.all(...params) ?? ((await em.query(sql, params)) as Array<Record<string, unknown>>);
  return rows.map((row) => {
    const entityRow = meta.create() as T;
    for (const c of meta.columns) (entityRow as Record<string, unknown>)[c.propertyName] = driver.prepareHydratedValue(row[c.databaseName], c);
    return entityRow;
  });
}

interface Statement { all(...params: unknown[]): Array<Record<string, unknown>> }
const statements = new WeakMap<object, Map<string, Statement>>();

/**
 * On SQLite outside a transaction (the read-only connection), a prepared
 * statement kept per connection: TypeORM prepares every statement anew.
 */
function sqliteStatement(em: EntityManager, sql: string): Statement | null {
  if (em.queryRunner || em.connection.driver.options.type !== 'better-sqlite3') return null;
  const connection = (em.connection.driver as unknown as { databaseConnection?: { prepare(sql: string): Statement } }).databaseConnection;
  if (!connection) return null;
  let cache = statements.get(connection);
  if (!cache) statements.set(connection, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = connection.prepare(sql)));
  return statement;
}
