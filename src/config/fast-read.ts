import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';

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
  const statement = sqliteStatement(em, sql);
  if (statement) {
    // Rows as arrays in column order, converted by a function built once per entity.
    const hydrate = sqliteHydrator(meta, driver);
    return statement.all(...params).map((row) => hydrate(row as unknown as unknown[]) as T);
  }
  const rows = (await em.query(sql, params)) as Array<Record<string, unknown>>;
  return rows.map((row) => {
    const entityRow = meta.create() as T;
    for (const c of meta.columns) (entityRow as Record<string, unknown>)[c.propertyName] = driver.prepareHydratedValue(row[c.databaseName], c);
    return entityRow;
  });
}

type Driver = EntityManager['connection']['driver'];
type Convert = (value: unknown) => unknown;

/** TypeORM's own text form of a SQLite datetime (UTC): "YYYY-MM-DD HH:MM:SS.SSS". */
const SQLITE_DATETIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,3})?$/;

/**
 * The conversion TypeORM's SQLite driver applies to a column (prepareHydratedValue),
 * chosen once for the column instead of on every value: text and numbers as they
 * come, booleans, UTC datetimes and JSON. Anything else (transformers, other
 * types, unusual date text) goes through the driver itself.
 */
function sqliteConverter(c: ColumnMetadata, driver: Driver): Convert | null {
  const generic: Convert = (v) => driver.prepareHydratedValue(v, c);
  if (c.transformer) return generic;
  switch (c.type) {
    case 'varchar': case 'text': case 'integer': case 'int': case 'real': case 'float': case 'double': case 'character varying':
      return null;
    case 'boolean': case Boolean:
      return (v) => (v === null || v === undefined ? v : Boolean(v));
    case 'datetime': case Date:
      return (v) => (typeof v === 'string' && SQLITE_DATETIME.test(v) ? new Date(`${v.slice(0, 10)}T${v.slice(11)}Z`) : v === null || v === undefined ? v : generic(v));
    case 'simple-json':
      return (v) => (typeof v === 'string' ? JSON.parse(v) : v);
    default:
      return generic;
  }
}

const hydrators = new WeakMap<EntityMetadata, (row: unknown[]) => ObjectLiteral>();

function sqliteHydrator(meta: EntityMetadata, driver: Driver): (row: unknown[]) => ObjectLiteral {
  let hydrate = hydrators.get(meta);
  if (!hydrate) {
    const columns = meta.columns.map((c) => ({ property: c.propertyName, convert: sqliteConverter(c, driver) }));
    hydrate = (row) => {
      const entity = meta.create() as Record<string, unknown>;
      for (let i = 0; i < columns.length; i += 1) {
        const { property, convert } = columns[i];
        entity[property] = convert ? convert(row[i]) : row[i];
      }
      return entity;
    };
    hydrators.set(meta, hydrate);
  }
  return hydrate;
}

interface Statement { all(...params: unknown[]): unknown[][]; raw(on: boolean): Statement }
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
  if (!statement) cache.set(sql, (statement = connection.prepare(sql).raw(true)));
  return statement;
}
