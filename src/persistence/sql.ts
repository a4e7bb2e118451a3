import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { selectedColumns, sqliteHydrator } from './sqlite/hydrate';
import { sqliteStatement } from './sqlite/statements';
import { postgresStatement } from './postgres/statements';

/**
 * What the repositories' explicit SQL shares, and nothing more: the dialect
 * helpers (`ph`, `bool`, `sqlDate`, `toDate`), a statement's text kept per
 * engine (`sqlText`), the column list of an entity for a SELECT (`columns`
 * inside `sqlText`), running a statement (`readRows`, `readJoined`,
 * `writeRows`) through the kept-statement cache of `sqlite/statements.ts` or
 * as a named prepared statement on PostgreSQL (`postgres/statements.ts`),
 * and the driver's conversions both ways (rows
 * into entities, entity fields into bound values). The statements themselves
 * — every WHERE, ORDER BY, LIMIT, JOIN, INSERT and UPDATE — are written out in
 * the repository that runs them.
 */

export type Kind = 'sqlite' | 'postgres';

/** A transaction or the reads outside one (structurally `Queryable` of database.ts). */
interface On {
  readonly em: EntityManager;
  readonly kind: Kind;
  /** A Tx counts its statements (a one-statement unit refuses a second one: Database.statement). */
  noteStatement?(): void;
}

// ---------------------------------------------------------------- dialect

/** The n-th (1-based) bound parameter. */
export const ph = (kind: Kind, n: number) => (kind === 'postgres' ? `$${n}` : '?');
/** A boolean literal in the engine's SQL. */
export const bool = (kind: Kind, v: boolean) => (kind === 'postgres' ? (v ? 'TRUE' : 'FALSE') : v ? '1' : '0');

/** A date as the driver stores it: TypeORM keeps SQLite datetimes as UTC "YYYY-MM-DD HH:MM:SS.SSS" text. */
export function sqlDate(kind: Kind, d: Date): Date | string {
  return kind === 'postgres' ? d : d.toISOString().replace('T', ' ').replace('Z', '');
}

/** A date from a raw row (a Date on PostgreSQL, text on SQLite). */
export function toDate(v: unknown): Date | null {
  if (v == null) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d/.test(s) ? `${s.replace(' ', 'T')}${/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? '' : 'Z'}` : s);
}

// ---------------------------------------------------------------- statement text

type Entity = EntityTarget<ObjectLiteral>;

/** What a statement's text is written with. */
export interface SqlParts {
  kind: Kind;
  /** The n-th bound parameter (`ph`). */
  p: (n: number) => string;
  /** `count` parameters from the `from`-th on, comma-separated (an IN list). */
  list: (from: number, count: number) => string;
  /** The entity's selected columns (not `select: false` ones) as `alias."col" AS "alias.col", …`, in the order readRows hydrates them. */
  columns: (entity: Entity, alias: string) => string;
  /** The list length the text was asked for (0 for statements without one). */
  n: number;
}

/**
 * A statement's text, written once in its repository for both engines and
 * built on first use per engine (and per list length `n` for a statement with
 * an IN list or several VALUES rows), then kept: the kept-statement cache
 * finds it by the same string every time.
 */
export function sqlText(text: (parts: SqlParts) => string): (q: On, n?: number) => string {
  const kept = new Map<string, string>();
  return (q, n = 0) => {
    const key = n === 0 ? q.kind : `${q.kind}${n}`;
    let sql = kept.get(key);
    if (sql === undefined) {
      const { kind, em } = q;
      const p = (i: number) => ph(kind, i);
      sql = text({
        kind, p, n,
        list: (from, count) => Array.from({ length: count }, (_, i) => p(from + i)).join(', '),
        columns: (entity, alias) => selectedColumns(em.connection.getMetadata(entity))
          .map((c) => `${alias}."${c.databaseName}" AS "${alias}.${c.databaseName}"`).join(', '),
      });
      kept.set(key, sql);
    }
    return sql;
  };
}

// ---------------------------------------------------------------- running it

/**
 * Rows of one entity selected with `columns(entity, alias)` first, as entities
 * with the driver's conversions; `extra` names columns selected after them
 * (`AS "name"`), set on each entity under that name.
 */
export async function readRows<T extends ObjectLiteral>(
  q: On, entity: EntityTarget<T>, alias: string, sql: string, params: readonly unknown[], extra: readonly string[] = [],
): Promise<T[]> {
  q.noteStatement?.();
  const meta = q.em.connection.getMetadata(entity);
  const statement = sqliteStatement(q.em, sql, params, true);
  if (statement) {
    const hydrate = sqliteHydrator(meta, q.em.connection.driver);
    const width = selectedColumns(meta).length;
    return (statement.all(...params) as unknown[][]).map((row) => {
      const e = hydrate(row) as Record<string, unknown>;
      for (let i = 0; i < extra.length; i += 1) e[extra[i]] = row[width + i];
      return e as T;
    });
  }
  const { rows } = await postgresStatement(q.em, sql, params);
  return rows.map((row) => {
    const e = hydrateNamed(q, meta, alias, row) as Record<string, unknown>;
    for (const name of extra) e[name] = row[name];
    return e as T;
  });
}

/**
 * Rows of several entities side by side (`columns(…)` of each, in `parts`
 * order): one tuple per row, a part after the first null when its primary
 * key is (a LEFT JOIN that found nothing).
 */
export async function readJoined(q: On, parts: ReadonlyArray<readonly [Entity, string]>, sql: string, params: readonly unknown[]): Promise<Array<Array<ObjectLiteral | null>>> {
  q.noteStatement?.();
  const metas = parts.map(([entity]) => q.em.connection.getMetadata(entity));
  const statement = sqliteStatement(q.em, sql, params, true);
  if (statement) {
    const driver = q.em.connection.driver;
    const layout = metas.map((m) => ({ hydrate: sqliteHydrator(m, driver), width: selectedColumns(m).length, primary: selectedColumns(m).indexOf(m.primaryColumns[0]) }));
    return (statement.all(...params) as unknown[][]).map((row) => {
      let offset = 0;
      return layout.map((part, i) => {
        const start = offset;
        offset += part.width;
        return i > 0 && row[start + part.primary] === null ? null : part.hydrate(row, start);
      });
    });
  }
  const { rows } = await postgresStatement(q.em, sql, params);
  return rows.map((row) => metas.map((m, i) => {
    const alias = parts[i][1];
    if (i > 0 && row[`${alias}.${m.primaryColumns[0].databaseName}`] === null) return null;
    return hydrateNamed(q, m, alias, row);
  }));
}

/** An entity from a PostgreSQL row whose columns are named `alias.col` (columns()). */
function hydrateNamed(q: On, meta: EntityMetadata, alias: string, row: Record<string, unknown>): ObjectLiteral {
  const driver = q.em.connection.driver;
  const e = meta.create() as Record<string, unknown>;
  for (const c of selectedColumns(meta)) e[c.propertyName] = driver.prepareHydratedValue(row[`${alias}.${c.databaseName}`], c);
  return e;
}

/**
 * Runs an INSERT, UPDATE or DELETE (kept statement on SQLite): the number of
 * rows it changed, and the rows of its RETURNING clause if it has one.
 */
export async function writeRows(q: On, sql: string, params: readonly unknown[]): Promise<{ changes: number; rows: Array<Record<string, unknown>> }> {
  q.noteStatement?.();
  const statement = sqliteStatement(q.em, sql, params, false);
  if (statement) {
    if (statement.reader) {
      const rows = statement.all(...params) as Array<Record<string, unknown>>;
      return { changes: rows.length, rows };
    }
    return { changes: statement.run(...params).changes, rows: [] };
  }
  const result = await postgresStatement(q.em, sql, params);
  return { changes: result.rowCount ?? 0, rows: result.rows };
}

const columnLists = new WeakMap<EntityMetadata, WeakMap<readonly string[], ColumnMetadata[]>>();

/**
 * The bound values of `properties` of `row`, converted by the driver's rules
 * (dates, JSON, booleans), with TypeORM's insert defaults for a value left
 * undefined: now for the creation and update dates, 1 for the version, the
 * column's default, else null. `properties` is a constant of the repository
 * (its columns are looked up once).
 */
export function values<T extends ObjectLiteral>(q: On, entity: EntityTarget<T>, row: Partial<T>, properties: ReadonlyArray<keyof T & string>): unknown[] {
  const meta = q.em.connection.getMetadata(entity);
  let lists = columnLists.get(meta);
  if (!lists) columnLists.set(meta, (lists = new WeakMap()));
  let columns = lists.get(properties);
  if (!columns) {
    columns = properties.map((p) => {
      const c = meta.findColumnWithPropertyName(p);
      if (!c) throw new Error(`${meta.name} has no column ${p}`);
      return c;
    });
    lists.set(properties, columns);
  }
  const driver = q.em.connection.driver;
  let now: Date | null = null;
  return columns.map((c) => {
    let value = (row as Record<string, unknown>)[c.propertyName];
    if (value === undefined) {
      if (c.isCreateDate || c.isUpdateDate) value = (now ??= new Date());
      else if (c.isVersion) value = 1;
      else if (c.default !== undefined && typeof c.default !== 'function') value = c.default;
      else value = null;
    }
    return driver.preparePersistentValue(value, c);
  });
}
