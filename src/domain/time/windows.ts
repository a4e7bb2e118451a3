/**
 * Time windows: ISO 8601 durations, business days on the Japanese calendar, reminder times.
 * Pure: every instant is an argument.
 */
import { isJapaneseHoliday, isYearEndClosure } from './jp-holidays';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
export const DAY_MS = 24 * HOUR;

const UNIT_MS: Record<string, number> = { W: 7 * DAY_MS, D: DAY_MS, H: HOUR, M: 60 * SECOND, S: SECOND };
const DURATION_RE = /^P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/**
 * Parse an ISO 8601 duration with fixed-length units: weeks, days, hours, minutes, seconds
 * (P7D, PT2S, P1DT2H, PT0.5S, P2W). Years and months are refused: they have no fixed length.
 * A day is 24 hours. Throws an Error whose message can be shown as is.
 */
export function parseDuration(iso: string): { ms: number } {
  const bad = (why: string) =>
    new Error(`invalid duration ${JSON.stringify(iso)}: ${why}; use ISO 8601 like P7D, PT2S, P1DT2H, PT0.5S or P2W`);
  if (typeof iso !== 'string') throw bad('not a string');
  const text = iso.trim().toUpperCase();
  if (/^P[^T]*[YM]/.test(text)) throw bad('years and months have no fixed length');
  const m = DURATION_RE.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) throw bad('not an ISO 8601 duration');
  const units = ['W', 'D', 'H', 'M', 'S'];
  let ms = 0;
  for (let i = 0; i < units.length; i++) {
    const v = m[i + 1];
    if (v !== undefined) ms += Number(v.replace(',', '.')) * UNIT_MS[units[i]];
  }
  if (m.slice(1).every((v) => v === undefined)) throw bad('no value');
  ms = Math.round(ms);
  if (!Number.isSafeInteger(ms)) throw bad('too long');
  return { ms };
}

function checkDate(d: Date, what = 'date'): number {
  const t = d instanceof Date ? d.getTime() : NaN;
  if (!Number.isFinite(t)) throw new RangeError(`${what} must be a valid Date`);
  return t;
}

export function addDuration(date: Date, durationMs: number): Date {
  if (!Number.isFinite(durationMs)) throw new RangeError('durationMs must be a finite number');
  const out = new Date(checkDate(date) + durationMs);
  checkDate(out, 'result');
  return out;
}

/** A working calendar: which local days are not business days, and the zone days are counted in. */
export interface BusinessCalendar {
  name: string;
  /** Fixed offset of the calendar's time zone from UTC, in minutes (Japan: +540, no DST). */
  utcOffsetMinutes: number;
  isNonBusinessDay(year: number, month: number, day: number, weekday: number): boolean;
}

/** Japan: Saturdays, Sundays, public holidays and the 29 Dec–3 Jan closure are not business days. Days are JST days. */
export const JP_CALENDAR: BusinessCalendar = Object.freeze({
  name: 'JP',
  utcOffsetMinutes: 9 * 60,
  isNonBusinessDay: (y: number, m: number, d: number, wd: number) =>
    wd === 0 || wd === 6 || isYearEndClosure(m, d) || isJapaneseHoliday(y, m, d),
});

function localParts(t: number, cal: BusinessCalendar) {
  const l = new Date(t + cal.utcOffsetMinutes * 60_000);
  return { y: l.getUTCFullYear(), m: l.getUTCMonth() + 1, d: l.getUTCDate(), wd: l.getUTCDay() };
}

export function isBusinessDay(date: Date, calendar: BusinessCalendar = JP_CALENDAR): boolean {
  const p = localParts(checkDate(date), calendar);
  return !calendar.isNonBusinessDay(p.y, p.m, p.d, p.wd);
}

/**
 * The instant `days` business days after `date`, at the same local time of day: day by day forward,
 * counting only business days of the calendar (days are local to the calendar's zone, JST for JP).
 * Friday + 1 → Monday; Saturday + 1 → Monday; days = 0 → date itself.
 */
export function addBusinessDays(date: Date, days: number, calendar: BusinessCalendar = JP_CALENDAR): Date {
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError('days must be a whole number ≥ 0');
  let t = checkDate(date);
  let left = days;
  while (left > 0) {
    t += DAY_MS; // fixed offset: no DST, a local day is always 24 h
    const p = localParts(t, calendar);
    if (!calendar.isNonBusinessDay(p.y, p.m, p.d, p.wd)) left--;
  }
  return new Date(t);
}

/**
 * Reminder offsets before a deadline: 7 days, 2 days and "same day", which we take as 12 hours before
 * the deadline (the last half day, whatever the deadline's time of day).
 */
export const REMINDER_OFFSETS_MS: readonly number[] = Object.freeze([7 * DAY_MS, 2 * DAY_MS, 12 * HOUR]);
/** Windows at least this long use the offsets as they are; shorter ones scale all offsets by window / 8 days,
 *  so the first reminder is at 1/8 of the window and the three keep their proportions (10 s → 1.25 s, 7.5 s, 9.375 s). */
export const REMINDER_REFERENCE_MS = 8 * DAY_MS;

/** Reminder instants for a window, ascending, strictly inside (startAt, dueAt), deduplicated to the millisecond. */
export function reminderTimes(startAt: Date, dueAt: Date): Date[] {
  const start = checkDate(startAt, 'startAt');
  const due = checkDate(dueAt, 'dueAt');
  const window = due - start;
  if (window <= 0) return [];
  const scale = window >= REMINDER_REFERENCE_MS ? 1 : window / REMINDER_REFERENCE_MS;
  const times = new Set<number>();
  for (const offset of REMINDER_OFFSETS_MS) {
    const t = due - Math.round(offset * scale);
    if (t > start && t < due) times.add(t);
  }
  return [...times].sort((a, b) => a - b).map((t) => new Date(t));
}
