import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { InputCheck } from './errors';
import { decodeCursor, encodeCursor, Page, PageArgs, pageSize, toPage as toPageBy } from './pagination';

export type { Page, PageArgs };
export { pageSize };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Newest-first keyset paging over (createdAt, id) where the cursor is the id of
 * the last row seen. The cursor row's createdAt is read by a sub-select, so no
 * date is ever bound as a parameter (SQLite and PostgreSQL store them differently).
 */
export function keysetAfter<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, table: string, after: string | null | undefined): void {
  const decoded = decodeCursor(after, 1);
  if (!decoded) return;
  new InputCheck('after').check(UUID.test(decoded[0]), 'after', 'is not a cursor this list gave out').throwIfAny();
  const e = (name: string) => qb.connection.driver.escape(name);
  const cursorAt = `(SELECT k.${e('createdAt')} FROM ${e(table)} k WHERE k.${e('id')} = :afterId)`;
  qb.andWhere(`(${alias}.createdAt < ${cursorAt} OR (${alias}.createdAt = ${cursorAt} AND ${alias}.id < :afterId))`, { afterId: decoded[0] });
}

/** A page whose cursors are the row ids. */
export function toPage<T extends { id: string }>(rows: T[], first: number): Page<T> {
  return toPageBy(rows, first, (row) => encodeCursor(row.id));
}
