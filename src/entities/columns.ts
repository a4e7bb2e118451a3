import { Column, ColumnOptions, CreateDateColumn, UpdateDateColumn } from 'typeorm';

/**
 * Column helpers that keep one entity definition valid on SQLite and PostgreSQL.
 * The driver is known from DATABASE_URL when entities are first imported.
 */
export const isPostgres = (): boolean => /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? '');

const dateType = () => (isPostgres() ? 'timestamptz' : 'datetime');

export const DateColumn = (options: ColumnOptions = {}) => Column({ type: dateType(), ...options });
export const CreatedAt = () => CreateDateColumn({ type: dateType() });
export const UpdatedAt = () => UpdateDateColumn({ type: dateType() });

/** Whole yen; bigint on PostgreSQL (returned as string by pg, so converted back). */
export const MoneyColumn = (options: ColumnOptions = {}) =>
  Column({
    type: isPostgres() ? 'bigint' : 'integer',
    transformer: { to: (v: number | null | undefined) => v, from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)) },
    ...options,
  });

export const JsonColumn = (options: ColumnOptions = {}) => Column({ type: 'simple-json', ...options });
export const IdColumn = (options: ColumnOptions = {}) => Column({ type: 'varchar', length: 36, ...options });
