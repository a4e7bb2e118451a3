import { translate } from '../../infra/i18n/i18n';

/**
 * Every message of the input validation layer, in the viewer's locale (GraphQLContext.errorLocale: Accept-Language, then the
 * account's locale; 'ja' or 'en'). The texts are in the message catalogue, src/infra/i18n/catalogue.ts
 * (keys `validation.*`).
 */
export type Locale = 'ja' | 'en' | string;

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

export const MESSAGES = {
  tooLong: (l: Locale, max: number, got: number) => translate(l, 'validation.tooLong', { max, got }),
  tooManyItems: (l: Locale, max: number, got: number) => translate(l, 'validation.tooManyItems', { max, got }),
  controlCharacter: (l: Locale, code: number, at: number) => (code === 0
    ? translate(l, 'validation.nulCharacter', { at })
    : translate(l, 'validation.controlCharacter', { code: hex(code), at })),
  loneSurrogate: (l: Locale, code: number, at: number) => translate(l, 'validation.loneSurrogate', { code: hex(code), at }),
  bidiControl: (l: Locale, code: number, at: number) => translate(l, 'validation.bidiControl', { code: hex(code), at }),
  belowMin: (l: Locale, min: number) => (min === 0 ? translate(l, 'validation.notNegative') : translate(l, 'validation.belowMin', { min })),
  aboveMax: (l: Locale, max: number) => translate(l, 'validation.aboveMax', { max }),
  notFinite: (l: Locale) => translate(l, 'validation.notFinite'),
  notCalendarDate: (l: Locale) => translate(l, 'validation.notCalendarDate'),
  notDateTime: (l: Locale) => translate(l, 'validation.notDateTime'),
  dateTimeOutOfRange: (l: Locale) => translate(l, 'validation.dateTimeOutOfRange'),
  notSafeInt: (l: Locale) => translate(l, 'validation.notSafeInt'),
  badCursor: (l: Locale) => translate(l, 'validation.badCursor'),
  required: (l: Locale) => translate(l, 'validation.required'),
  invalid: (_l: Locale, why: string) => why,
  tooManyProblems: (l: Locale, more: number) => translate(l, 'validation.tooManyProblems', { count: more }),
  /** The prefix of a refusal: "Invalid input — a: …; b: …". */
  invalidInput: (l: Locale, problems: string) => translate(l, 'error.badInput', { problems }),
} as const;
