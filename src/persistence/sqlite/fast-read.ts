import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { sqliteStatement } from './statements';

/**
 * Reads rows of one entity by a column's values with SQL built once per
 * (entity, column, count, order) and hydrated with the driver's own
 * conversions — the hot path of per-request loaders. Building the same SELECT
 * through TypeORM's query builder on every request cost more than running it.
 */
const sqlCache = new Map<string, string>();

const q = (name: string) => `"${name}"`;

const selectable = new WeakMap<EntityMetadata, ColumnMetadata[]>();

/**
 * The columns these readers select: all but those marked `select: false`
 * (the password hash), which only the code that needs them asks for.
 */
function columnsOf(meta: EntityMetadata): ColumnMetadata[] {
  let columns = selectable.get(meta);
  if (!columns) selectable.set(meta, (columns = meta.columns.filter((c) => c.isSelect)));
  return columns;
}

/** The database name of an entity's property (the SQL is built from metadata, never from input). */
function columnOf(meta: EntityMetadata, property: string): string {
  const c = meta.findColumnWithPropertyName(property);
  if (!c) throw new Error(`${meta.name} has no column ${property}`);
  return c.databaseName;
}

export interface FindInOptions<T> {
  orderBy?: Array<[keyof T & string, 'ASC' | 'DESC']>;
  where?: Partial<Record<keyof T & string, string | boolean | number>>;
  /** Keyset paging: only rows whose column is greater than the value (e.g. `['seq', 20]`). */
  after?: [keyof T & string, number];
  /** At most this many rows (after the ordering). */
  limit?: number;
  forUpdate?: boolean;
  /**
   * Reach the rows through a link table in the same statement: rows of T whose
   * `column` equals the link's `join` column, for links whose `key` column is
   * one of `values`; each row carries its link's `key` value under that name.
   */
  through?: { entity: EntityTarget<ObjectLiteral>; join: string; key: string };
}

export async function findIn<T extends ObjectLiteral>(
  em: EntityManager, entity: EntityTarget<T>, column: keyof T & string, values: readonly unknown[], options: FindInOptions<T> = {},
): Promise<T[]> {
  if (values.length === 0) return [];
  const meta = em.connection.getMetadata(entity);
  const driver = em.connection.driver;
  const postgres = driver.options.type === 'postgres';
  const extra = Object.entries(options.where ?? {});
  const lock = options.forUpdate && postgres ? ' FOR UPDATE' : '';
  const through = options.through;
  const link = through ? em.connection.getMetadata(through.entity) : null;
  const after = options.after ?? null;
  const limit = options.limit ?? null;
  const key = `${meta.name}|${column}|${values.length}|${JSON.stringify(options.orderBy ?? [])}|${extra.map(([k]) => k).join(',')}|${lock}|${after ? after[0] : ''}|${limit != null ? 'limit' : ''}`
    + (link && through ? `|${link.name}.${through.join}.${through.key}` : '');
  let sql = sqlCache.get(key);
  if (!sql) {
    const col = (prop: string) => `t.${q(columnOf(meta, prop))}`;
    let n = 0;
    const param = () => (postgres ? `$${++n}` : '?');
    const list = values.map(() => param()).join(', ');
    const filtered = link && through ? `l.${q(columnOf(link, through.key))}` : col(column);
    const conditions = [`${filtered} IN (${list})`, ...extra.map(([k]) => `${col(k)} = ${param()}`)];
    if (after) conditions.push(`${col(after[0])} > ${param()}`);
    const order = (options.orderBy ?? []).map(([k, dir]) => `${col(k)} ${dir}`).join(', ');
    const limited = limit != null ? ` LIMIT ${param()}` : '';
    const selected = columnsOf(meta).map((c) => `t.${q(c.databaseName)}`);
    let from = `${q(meta.tableName)} t`;
    if (link && through) {
      selected.push(`l.${q(columnOf(link, through.key))}`);
      from += ` JOIN ${q(link.tableName)} l ON l.${q(columnOf(link, through.join))} = ${col(column)}`;
    }
    sql = `SELECT ${selected.join(', ')} FROM ${from} WHERE ${conditions.join(' AND ')}${order ? ` ORDER BY ${order}` : ''}${limited}${lock}`;
    sqlCache.set(key, sql);
  }
  const params = [...values, ...extra.map(([, v]) => (typeof v === 'boolean' && !postgres ? Number(v) : v)), ...(after ? [after[1]] : []), ...(limit != null ? [limit] : [])];
  const statement = sqliteStatement(em, sql, params, true);
  const linkKey = through?.key;
  if (statement) {
    // Rows as arrays in column order, converted by a function built once per entity.
    const hydrate = sqliteHydrator(meta, driver);
    const width = columnsOf(meta).length;
    return (statement.all(...params) as unknown[][]).map((row) => {
      const entityRow = hydrate(row) as T;
      if (linkKey) (entityRow as Record<string, unknown>)[linkKey] = row[width];
      return entityRow;
    });
  }
  const rows = (await em.query(sql, params)) as Array<Record<string, unknown>>;
  const linkColumn = link && linkKey ? link.findColumnWithPropertyName(linkKey)!.databaseName : null;
  return rows.map((row) => {
    const entityRow = meta.create() as T;
    for (const c of columnsOf(meta)) (entityRow as Record<string, unknown>)[c.propertyName] = driver.prepareHydratedValue(row[c.databaseName], c);
    if (linkKey && linkColumn) (entityRow as Record<string, unknown>)[linkKey] = row[linkColumn];
    return entityRow;
  });
}

/**
 * Rows of one entity by a column's values together with the rows they point
 * to (each reference a LEFT JOIN on the other entity's primary key), in one
 * statement: `[row, ...referenced]`, a referenced row null when the reference is.
 */
export async function findInWithReferences<T extends ObjectLiteral>(
  em: EntityManager, entity: EntityTarget<T>, column: keyof T & string, values: readonly unknown[],
  references: Array<{ entity: EntityTarget<ObjectLiteral>; via: keyof T & string }>,
): Promise<Array<[T, ...Array<ObjectLiteral | null>]>> {
  if (values.length === 0) return [];
  const metas = [em.connection.getMetadata(entity), ...references.map((r) => em.connection.getMetadata(r.entity))];
  const driver = em.connection.driver;
  const postgres = driver.options.type === 'postgres';
  const key = `refs|${metas.map((m) => m.name).join(',')}|${column}|${references.map((r) => r.via).join(',')}|${values.length}`;
  const alias = (i: number, c: ColumnMetadata) => `t${i}_${c.databaseName}`;
  let sql = sqlCache.get(key);
  if (!sql) {
    const selected = metas.flatMap((m, i) => columnsOf(m).map((c) => `t${i}.${q(c.databaseName)} AS ${q(alias(i, c))}`));
    const joins = references.map((r, i) => {
      const target = metas[i + 1];
      return `LEFT JOIN ${q(target.tableName)} t${i + 1} ON t${i + 1}.${q(target.primaryColumns[0].databaseName)} = t0.${q(columnOf(metas[0], r.via))}`;
    });
    const list = values.map((_, i) => (postgres ? `$${i + 1}` : '?')).join(', ');
    sql = `SELECT ${selected.join(', ')} FROM ${q(metas[0].tableName)} t0 ${joins.join(' ')} WHERE t0.${q(columnOf(metas[0], column))} IN (${list})`;
    sqlCache.set(key, sql);
  }
  const statement = sqliteStatement(em, sql, values, true);
  if (statement) {
    const parts = metas.map((m) => ({ hydrate: sqliteHydrator(m, driver), width: columnsOf(m).length, primary: columnsOf(m).indexOf(m.primaryColumns[0]) }));
    return (statement.all(...values) as unknown[][]).map((row) => {
      let offset = 0;
      return parts.map((part, i) => {
        const start = offset;
        offset += part.width;
        return i > 0 && row[start + part.primary] === null ? null : part.hydrate(row, start);
      }) as [T, ...Array<ObjectLiteral | null>];
    });
  }
  const rows = (await em.query(sql, [...values])) as Array<Record<string, unknown>>;
  return rows.map((row) => metas.map((m, i) => {
    if (i > 0 && row[alias(i, m.primaryColumns[0])] === null) return null;
    const e = m.create() as Record<string, unknown>;
    for (const c of columnsOf(m)) e[c.propertyName] = driver.prepareHydratedValue(row[alias(i, c)], c);
    return e;
  }) as [T, ...Array<ObjectLiteral | null>]);
}

type Driver = EntityManager['connection']['driver'];
type Convert = (value: unknown) => unknown;

/**
 * TypeORM's own text form of a SQLite datetime (UTC), "YYYY-MM-DD HH:MM:SS" with
 * an optional fraction of 1 to 3 digits, read digit by digit (a regular
 * expression and Date's string parser took twice as long; a case view reads
 * about twenty). Null for any other text, which goes to the driver instead.
 */
export function parseSqliteDatetime(v: string): Date | null {
  const n = v.length;
  if (n !== 19 && (n < 21 || n > 23)) return null;
  if (v[4] !== '-' || v[7] !== '-' || v[10] !== ' ' || v[13] !== ':' || v[16] !== ':' || (n > 19 && v[19] !== '.')) return null;
  const digits = (from: number, to: number): number => {
    let value = 0;
    for (let i = from; i < to; i += 1) {
      const d = v.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return NaN;
      value = value * 10 + d;
    }
    return value;
  };
  const year = digits(0, 4);
  if (!(year >= 100)) return null; // Date.UTC reads years 0–99 as 1900–1999
  const fraction = n > 19 ? digits(20, n) * 10 ** (23 - n) : 0;
  const time = Date.UTC(year, digits(5, 7) - 1, digits(8, 10), digits(11, 13), digits(14, 16), digits(17, 19), fraction);
  return Number.isNaN(time) ? null : new Date(time);
}

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
      return (v) => (v === null || v === undefined ? v : (typeof v === 'string' && parseSqliteDatetime(v)) || generic(v));
    case 'simple-json':
      return (v) => (typeof v === 'string' ? JSON.parse(v) : v);
    default:
      return generic;
  }
}

type Hydrate = (row: unknown[], offset?: number) => ObjectLiteral;
const hydrators = new WeakMap<EntityMetadata, Hydrate>();

/** Builds an entity from a raw row's columns, starting at `offset` (joined rows sit side by side). */
function sqliteHydrator(meta: EntityMetadata, driver: Driver): Hydrate {
  let hydrate = hydrators.get(meta);
  if (!hydrate) {
    const columns = columnsOf(meta).map((c) => ({ property: c.propertyName, convert: sqliteConverter(c, driver) }));
    hydrate = (row, offset = 0) => {
      const entity = meta.create() as Record<string, unknown>;
      for (let i = 0; i < columns.length; i += 1) {
        const { property, convert } = columns[i];
        const value = row[offset + i];
        entity[property] = convert ? convert(value) : value;
      }
      return entity;
    };
    hydrators.set(meta, hydrate);
  }
  return hydrate;
}
