import { DateTimeResolver } from 'graphql-scalars';
import { DEFAULT_RULE, InputRule } from './input-rule';
import { Locale, MESSAGES } from './messages';

/** C0 and C1 controls and DEL: never in a one-line string. */
const LINE_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** The same, less tab, newline and carriage return: never in long text. */
const TEXT_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Bidirectional embeddings, overrides and isolates (the "Trojan Source" characters). */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string breaks its rule (the first reason found), or null when it is fine. */
export function stringProblem(value: string, rule: InputRule | undefined, locale: Locale): string | null {
  const maxLength = rule?.maxLength ?? DEFAULT_RULE.maxLength;
  if (value.length > maxLength) return MESSAGES.tooLong(locale, maxLength, value.length);
  const control = (rule?.text ? TEXT_CONTROL : LINE_CONTROL).exec(value);
  if (control) return MESSAGES.controlCharacter(locale, value.charCodeAt(control.index), control.index);
  const isWellFormed = (value as { isWellFormed?: () => boolean }).isWellFormed;
  if (isWellFormed ? !isWellFormed.call(value) : LONE_SURROGATE.test(value)) {
    const at = LONE_SURROGATE.exec(value)!.index;
    return MESSAGES.loneSurrogate(locale, value.charCodeAt(at), at);
  }
  if (!rule?.text && !rule?.bidi) {
    const bidi = BIDI_CONTROL.exec(value);
    if (bidi) return MESSAGES.bidiControl(locale, value.charCodeAt(bidi.index), bidi.index);
  }
  if (rule?.date && !isCalendarDate(value)) return MESSAGES.notCalendarDate(locale);
  return null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for YYYY-MM-DD naming a day that exists (2024-02-29 yes, 2026-02-30 no), years 1000 to 9999. */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const FIRST_INSTANT = Date.UTC(1000, 0, 1);
const AFTER_LAST_INSTANT = Date.UTC(10000, 0, 1);

/**
 * Reads an ISO 8601 date-time with a time zone (Z or ±hh:mm) into UTC, or says
 * why not: a real calendar date and time (2026-02-30, 2026-13-01 and 24:61 are
 * refused, never shifted: graphql-scalars' RFC 3339 check), years 1000 to 9999.
 */
export function readDateTime(value: unknown): Date | ((locale: Locale) => string) {
  if (typeof value !== 'string') return MESSAGES.notDateTime;
  let date: Date;
  try {
    date = DateTimeResolver.parseValue(value) as Date;
  } catch {
    return MESSAGES.notDateTime;
  }
  const t = date.getTime();
  if (Number.isNaN(t)) return MESSAGES.notDateTime;
  if (t < FIRST_INSTANT || t >= AFTER_LAST_INSTANT) return MESSAGES.dateTimeOutOfRange;
  return date;
}
