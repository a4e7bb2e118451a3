import i18next, { type i18n as I18n } from 'i18next';
import Negotiator from 'negotiator';
import { CATALOGUE, type MessageKeyName } from './catalogue';
import { PHRASES_JA } from './phrases';
import type { LocalizedText } from '../../domain/enums';

/**
 * The one message catalogue (i18next, resources in ./catalogue.ts and ./phrases.ts), and how a request's
 * language is chosen. The domain and the services produce message keys and values (AppError's `i18n`,
 * InputCheck's); the edge (src/graphql/format-error.ts, the validation layer, the HTTP answers) renders
 * them here in the viewer's language.
 */
export type Locale = 'ja' | 'en';
export const LOCALES: readonly Locale[] = ['ja', 'en'];

/**
 * Error messages without a preference (no Accept-Language, or only `*`, and no account): English, the language
 * of the API contract (API.md) that clients written before translations parse. A signed-in account has a locale
 * (sign-up defaults it to "ja"), so Japanese accounts get Japanese.
 */
export const DEFAULT_LOCALE: Locale = 'en';

/** Content without a preference (license template titles, the notice page …): Japanese, as before translations. */
export const CONTENT_DEFAULT_LOCALE: Locale = 'ja';

/** A catalogue message: its key and the values of its placeholders (a value may itself be a message, e.g. a resource name). */
export interface Message { key: string; params?: Record<string, string | number | Message | LocalizedText> }

/** A value given in both languages by the domain (src/domain/enums.ts LocalizedText). */
const isLocalizedText = (value: object): value is LocalizedText => 'en' in value && 'ja' in value && !('key' in value);

const instance: I18n = i18next.createInstance();
void instance.init({
  initAsync: false,
  lng: DEFAULT_LOCALE,
  fallbackLng: 'en',
  supportedLngs: [...LOCALES],
  // Keys are flat ("error.notFound", "resource.AI firm", an English sentence): no nesting, no namespaces in keys.
  keySeparator: false,
  nsSeparator: false,
  // Not HTML: answers are JSON and mails plain text (their HTML copy escapes the whole text, src/infra/mail/templates.ts).
  interpolation: { escapeValue: false },
  resources: {
    en: { translation: CATALOGUE.en },
    ja: { translation: CATALOGUE.ja, phrases: PHRASES_JA },
  },
  ns: ['translation', 'phrases'],
  defaultNS: 'translation',
  returnNull: false,
});

/** `value` as a supported locale, else null. */
export function asLocale(value: unknown): Locale | null {
  if (typeof value !== 'string') return null;
  const primary = value.trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(primary) ? (primary as Locale) : null;
}

/**
 * The language of a request: Accept-Language when it names ja or en (q-values honoured; `*` alone is no
 * preference), then the account's locale, then DEFAULT_LOCALE.
 */
export function pickLocale(acceptLanguage: string | string[] | undefined | null, accountLocale?: string | null, fallback: Locale = DEFAULT_LOCALE): Locale {
  return fromAcceptLanguage(acceptLanguage) ?? asLocale(accountLocale) ?? fallback;
}

function fromAcceptLanguage(header: string | string[] | undefined | null): Locale | null {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value || !value.trim()) return null;
  // Only the ranges that name a language count: "*" (what fetch sends by default) says nothing.
  const named = new Negotiator({ headers: { 'accept-language': value } }).languages().filter((l) => l !== '*');
  for (const range of named) {
    const locale = asLocale(range);
    if (locale) return locale;
  }
  return null;
}

/** The message `key` in `locale`, with its placeholders filled (values that are messages are translated first). */
export function translate(locale: Locale | string, key: MessageKeyName | string, params: Message['params'] = {}): string {
  const lng = asLocale(locale) ?? DEFAULT_LOCALE;
  const values: Record<string, string | number> = {};
  // A value that is a message: a catalogue key, or a fixed English sentence of ./phrases.ts; or a text in both languages.
  for (const [name, value] of Object.entries(params)) {
    values[name] = typeof value !== 'object' ? value : isLocalizedText(value) ? value[lng]
      : hasKey(value.key) ? render(lng, value) : phrase(lng, value.key) ?? value.key;
  }
  return instance.t(key, { ...values, lng }) as string;
}

/** Whether the catalogue has `key`. */
export const hasKey = (key: string): boolean => instance.exists(key, { lng: 'en' });

/** A message of the catalogue in `locale`; an unknown key comes back as itself. */
export const render = (locale: Locale | string, message: Message): string => translate(locale, message.key, message.params);

/** A fixed English sentence thrown by a service, in `locale`, or null when the catalogue has no translation. */
export function phrase(locale: Locale | string, english: string): string | null {
  const lng = asLocale(locale) ?? DEFAULT_LOCALE;
  if (lng === 'en') return english;
  return instance.exists(english, { lng, ns: 'phrases' }) ? (instance.t(english, { lng, ns: 'phrases' }) as string) : null;
}

/**
 * A message in `locale`: its catalogue key when it has one, else the English sentence's translation, else
 * the English (after `gist`, a catalogue key saying the same in a word, when given).
 */
export function localize(locale: Locale | string, english: string, message?: Message | null, gist?: string): string {
  const lng = asLocale(locale) ?? DEFAULT_LOCALE;
  if (lng === 'en') return english;
  if (message && hasKey(message.key)) return render(lng, message);
  const translated = phrase(lng, english);
  if (translated !== null) return translated;
  return gist && hasKey(gist) ? `${translate(lng, gist)}（${english}）` : english;
}

/** A QUERY_TOO_COMPLEX refusal (src/graphql/limits.ts) in `locale`: the gist translated, the measured detail as it is. */
export function localizeTooComplex(message: string, locale: Locale | string): string {
  return asLocale(locale) === 'ja' ? translate(locale, 'limits.queryTooComplex', { detail: message }) : message;
}

/** What a notification says happened, by its type (a move into CLOSED without a line of its own: "closed"). */
export function notificationTitle(locale: Locale | string, type: string, status?: unknown): string {
  const key = `notification.${type}`;
  if (hasKey(key)) return translate(locale, key);
  return status === 'CLOSED' ? translate(locale, 'notification.CLOSED') : translate(locale, 'notification.other', { type });
}
