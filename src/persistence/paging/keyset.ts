import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor, Page, PageArgs, pageSize, toPage as toPageBy } from './cursor';

/** The lists paged by row id: the table's name is the cursor's list. */
export type KeysetTable = 'notification' | 'webhook_delivery';

export type { Page, PageArgs };
export { pageSize };

/**
 * Newest-first keyset paging over (createdAt, id) where the cursor is the id of
 * the last row seen. The cursor row's createdAt is read by a sub-select, so no
 * date is ever bound as a parameter (SQLite and PostgreSQL store them differently).
 */
export function keysetAfter<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, table: KeysetTable, after: string | null | undefined): void {
  const decoded = decodeCursor(after, table);
  if (!decoded) return;
  const e = (name: string) => qb.connection.driver.escape(name);
  const cursorAt = `(SELECT k.${e('createdAt')} FROM ${e(table)} k WHERE k.${e('id')} = :afterId)`;
  qb.andWhere(`(${alias}.createdAt < ${cursorAt} OR (${alias}.createdAt = ${cursorAt} AND ${alias}.id < :afterId))`, { afterId: decoded[0] });
}

/** A page whose cursors are the row ids, read after the cursor `after` (none: the first page). */
export function toPage<T extends { id: string }>(rows: T[], first: number, table: KeysetTable, after?: string | null): Page<T> {
  return toPageBy(rows, first, (row) => encodeCursor(table, row.id), after);
}
