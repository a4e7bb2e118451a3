import { InputCheck } from './errors';

export interface PageArgs { first?: number | null; after?: string | null }
export interface Page<T> { items: T[]; hasNextPage: boolean; cursorOf(item: T): string }

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

/** Validates `first` (default 20, at most 100) and decodes `after`. */
export function pageSize(args: PageArgs): number {
  const first = args.first ?? DEFAULT_PAGE;
  new InputCheck('first').check(Number.isInteger(first) && first >= 1 && first <= MAX_PAGE, 'first', `must be between 1 and ${MAX_PAGE}`).throwIfAny();
  return first;
}

export function encodeCursor(...parts: Array<string | number>): string {
  return Buffer.from(parts.join('|'), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, parts: number): string[] | null {
  if (!cursor) return null;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (decoded.length !== parts || decoded.some((p) => p === '')) {
    new InputCheck('after').add('after', 'is not a cursor this list gave out').throwIfAny();
  }
  return decoded;
}

/** Builds a page from rows fetched with `first + 1`. */
export function toPage<T>(rows: T[], first: number, cursorOf: (item: T) => string): Page<T> {
  return { items: rows.slice(0, first), hasNextPage: rows.length > first, cursorOf };
}
