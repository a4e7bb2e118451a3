import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';

/**
 * Rows read as arrays (better-sqlite3's raw mode) turned into entities by a
 * function built once per entity, with the conversions TypeORM's SQLite
 * driver would apply, chosen once per column instead of on every value
 * (datetimes parsed digit by digit). Used by the repositories' kept reads
 * through `src/persistence/sql.ts`.
 */

type Driver = EntityManager['connection']['driver'];
type Convert = (value: unknown) => unknown;

const selectable = new WeakMap<EntityMetadata, ColumnMetadata[]>();

/**
 * The columns a kept read selects, in this order: all but those marked
 * `select: false` (the password hash), which only the code that needs them asks for.
 */
export function selectedColumns(meta: EntityMetadata): ColumnMetadata[] {
  let columns = selectable.get(meta);
  if (!columns) selectable.set(meta, (columns = meta.columns.filter((c) => c.isSelect)));
  return columns;
}

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

export type Hydrate = (row: unknown[], offset?: number) => ObjectLiteral;
const hydrators = new WeakMap<EntityMetadata, Hydrate>();

/** Builds an entity from a raw row's columns (selectedColumns' order), starting at `offset` (joined rows sit side by side). */
export function sqliteHydrator(meta: EntityMetadata, driver: Driver): Hydrate {
  let hydrate = hydrators.get(meta);
  if (!hydrate) {
    const columns = selectedColumns(meta).map((c) => ({ property: c.propertyName, convert: sqliteConverter(c, driver) }));
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
