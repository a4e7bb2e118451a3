import { Column, ColumnOptions, CreateDateColumn, UpdateDateColumn } from 'typeorm';

/**
 * Column helpers that keep one entity definition valid on SQLite and PostgreSQL.
 *
 * A few column types differ by engine (dates, whole-yen amounts). The
 * decorators are applied when the entity files are imported, before anyone
 * knows which database the process will open, so these columns are declared
 * with the SQLite type and listed here; `useDialect` (called by
 * `Database.open` before TypeORM reads the entities) sets the type for the
 * engine being opened. Nothing here reads the environment.
 */
export type Dialect = 'sqlite' | 'postgres';

const TYPES = {
  date: { sqlite: 'datetime', postgres: 'timestamptz' },
  money: { sqlite: 'integer', postgres: 'bigint' },
} as const;

/** The options objects TypeORM keeps for each engine-dependent column (the decorators store them by reference). */
const engineDependent: Array<{ options: ColumnOptions; kind: keyof typeof TYPES }> = [];

function typed(kind: keyof typeof TYPES, options: ColumnOptions): ColumnOptions {
  const typedOptions = { ...options, type: TYPES[kind].sqlite } as ColumnOptions;
  engineDependent.push({ options: typedOptions, kind });
  return typedOptions;
}

/** Gives every engine-dependent column the type of `dialect`; called before a DataSource builds its metadata. */
export function useDialect(dialect: Dialect): void {
  for (const { options, kind } of engineDependent) (options as { type: string }).type = TYPES[kind][dialect];
}

export const DateColumn = (options: ColumnOptions = {}) => Column(typed('date', options));
export const CreatedAt = () => CreateDateColumn(typed('date', {}));
export const UpdatedAt = () => UpdateDateColumn(typed('date', {}));

/** Whole yen; bigint on PostgreSQL (returned as string by pg, so converted back). */
export const MoneyColumn = (options: ColumnOptions = {}) =>
  Column(typed('money', {
    transformer: { to: (v: number | null | undefined) => v, from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)) },
    ...options,
  }));

export const JsonColumn = (options: ColumnOptions = {}) => Column({ type: 'simple-json', ...options });
export const IdColumn = (options: ColumnOptions = {}) => Column({ type: 'varchar', length: 36, ...options });
