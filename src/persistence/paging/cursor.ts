import { InputCheck } from '../../domain/errors';

export interface PageArgs { first?: number | null; after?: string | null }
/**
 * A page of a forward-paged list. `hasPreviousPage` is true when the page was asked for `after` a cursor (items
 * came before it: Relay lets forward paging answer this cheaply, without counting them).
 */
export interface Page<T> { items: T[]; hasNextPage: boolean; hasPreviousPage: boolean; cursorOf(item: T): string }

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

/** Validates `first` (default 20, at most 100) and decodes `after`. */
export function pageSize(args: PageArgs): number {
  const first = args.first ?? DEFAULT_PAGE;
  new InputCheck('first').check(Number.isInteger(first) && first >= 1 && first <= MAX_PAGE, 'first', `must be between 1 and ${MAX_PAGE}`).throwIfAny();
  return first;
}

/**
 * Every paginated list and what its cursor holds. A cursor carries its list's
 * name, so a cursor another list gave out, garbage, a wrong number of parts or
 * a part of the wrong type answers BAD_USER_INPUT on `after` before any SQL
 * sees it (never an empty or a full page).
 */
export const CURSORS = {
  cases: ['reference'],
  caseEvents: ['seq'],
  myWorks: ['uuid'],
  myOptOuts: ['time', 'uuid'],
  optOutFeed: ['seq'],
  notification: ['uuid'],
  webhook_delivery: ['uuid'],
  mandates: ['uuid'],
} as const satisfies Record<string, readonly CursorPart[]>;

export type CursorList = keyof typeof CURSORS;
type CursorPart = 'reference' | 'seq' | 'uuid' | 'time';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PART_OK: Record<CursorPart, (part: string) => boolean> = {
  reference: (p) => /^CH-\d{4}-\d{6,12}$/.test(p),
  seq: (p) => /^\d{1,15}$/.test(p),
  uuid: (p) => UUID.test(p),
  time: (p) => { const t = Date.parse(p); return !Number.isNaN(t) && new Date(t).toISOString() === p; },
};
/** Longest cursor any list gives out, with room to spare. */
const MAX_CURSOR = 200;

export function encodeCursor(list: CursorList, ...parts: Array<string | number>): string {
  return Buffer.from([list, ...parts].join('|'), 'utf8').toString('base64url');
}

/** The parts of a cursor `list` gave out (null without one); anything else answers BAD_USER_INPUT on `after`. */
export function decodeCursor(cursor: string | null | undefined, list: CursorList): string[] | null {
  if (cursor == null || cursor === '') return null;
  const kinds: readonly CursorPart[] = CURSORS[list];
  let parts = cursor.length <= MAX_CURSOR && /^[A-Za-z0-9_-]+$/.test(cursor)
    ? Buffer.from(cursor, 'base64url').toString('utf8').split('|') : [];
  if (parts[0] === list) parts = parts.slice(1);
  // optOutFeed positions are kept by firms between runs: the untagged ones given out before cursors carried their list still resume.
  else if (!(list === 'optOutFeed' && parts.length === 1)) parts = [];
  if (parts.length !== kinds.length || !parts.every((p, i) => PART_OK[kinds[i]](p))) {
    new InputCheck('after').add('after', 'is not a cursor this list gave out; start again without after').throwIfAny();
  }
  return parts;
}

/** Builds a page from rows fetched with `first + 1`, read after the cursor `after` (raw or decoded; none: the first page). */
export function toPage<T>(rows: T[], first: number, cursorOf: (item: T) => string, after?: string | readonly string[] | null): Page<T> {
  return { items: rows.slice(0, first), hasNextPage: rows.length > first, hasPreviousPage: after != null && after.length > 0, cursorOf };
}
