/**
 * Every message of the input validation layer, in one place so that a
 * translation can follow: each takes the viewer's locale (ctx.locale, 'ja' or
 * 'en'); today every locale gets English, like the services' messages.
 */
export type Locale = 'ja' | 'en' | string;

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

export const MESSAGES = {
  tooLong: (_l: Locale, max: number, got: number) => `must be at most ${max} characters (got ${got})`,
  tooManyItems: (_l: Locale, max: number, got: number) => `at most ${max} items a call (got ${got}); send the rest from this position in another call`,
  controlCharacter: (_l: Locale, code: number, at: number) => code === 0
    ? `contains a NUL character (U+0000) at position ${at}; remove it`
    : `contains the control character ${hex(code)} at position ${at}; only long texts may hold newlines and tabs`,
  loneSurrogate: (_l: Locale, code: number, at: number) => `contains a lone UTF-16 surrogate (${hex(code)}) at position ${at}: send well-formed Unicode`,
  bidiControl: (_l: Locale, code: number, at: number) => `contains the bidirectional control ${hex(code)} at position ${at}, which can disguise what a name says; remove it`,
  belowMin: (_l: Locale, min: number) => (min === 0 ? 'must not be negative' : `must be at least ${min}`),
  aboveMax: (_l: Locale, max: number) => `must be at most ${max}`,
  notFinite: (_l: Locale) => 'must be a finite number',
  notCalendarDate: (_l: Locale) => 'must be a real calendar date written YYYY-MM-DD, such as 2026-04-01',
  notDateTime: (_l: Locale) => 'must be a real calendar date and time in ISO 8601 with a time zone, such as 2026-04-01T09:00:00Z',
  dateTimeOutOfRange: (_l: Locale) => 'must be between the years 1000 and 9999',
  notSafeInt: (_l: Locale) => 'must be a whole number between -(2^53 - 1) and 2^53 - 1',
  badCursor: (_l: Locale) => 'is not a cursor this list gave out; start again without after',
  required: (_l: Locale) => 'is required',
  invalid: (_l: Locale, why: string) => why,
  tooManyProblems: (_l: Locale, more: number) => `and ${more} more problems`,
} as const;
