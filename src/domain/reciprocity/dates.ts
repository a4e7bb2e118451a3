/**
 * Calendar arithmetic for the reciprocity rules, on UTC calendar days. Terms of
 * protection end on a calendar day (31 December, plus any wartime days), so every
 * comparison here is by day, never by instant.
 */

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of the UTC calendar day of `d`. */
export function dayNumber(d: Date): number {
  return Math.floor(d.getTime() / MS_PER_DAY);
}

/** UTC midnight of a day number. */
export function fromDayNumber(n: number): Date {
  return new Date(n * MS_PER_DAY);
}

/** UTC midnight of `date` plus `days` calendar days. */
export function addDays(date: Date, days: number): Date {
  return fromDayNumber(dayNumber(date) + days);
}

/** UTC midnight of 31 December of `year`: the last day of a term counted under Art. 57. */
export function endOfYear(year: number): Date {
  return new Date(Date.UTC(year, 11, 31));
}

/** UTC midnight of a calendar date. */
export function utcDate(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

/** `YYYY-MM-DD` of the UTC calendar day of `d`. */
export function ymd(d: Date): string {
  return d.toISOString().slice(0, 10);
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict `YYYY-MM-DD` calendar date to UTC midnight; null when it is not one (e.g. 2023-02-30). */
export function parseYmd(s: unknown): Date | null {
  if (typeof s !== 'string') return null;
  const m = YMD.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = utcDate(y, mo, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

/** Same calendar day or earlier. */
export function onOrBefore(a: Date, b: Date): boolean {
  return dayNumber(a) <= dayNumber(b);
}
