import { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { AppError, ErrorCode, MessageRef } from '../domain/errors';
import { asStorageUnavailable } from '../persistence/storage-errors';
import { asLocale, DEFAULT_LOCALE, localize, localizeTooComplex, translate, type Locale } from '../infra/i18n/i18n';
import type { GraphQLContext } from './context';

const CONTRACT_CODES: Record<ErrorCode, true> = {
  UNAUTHENTICATED: true, FORBIDDEN: true, NOT_FOUND: true, BAD_USER_INPUT: true, INVALID_TRANSITION: true,
  CONFLICT: true, RATE_LIMITED: true, QUERY_TOO_COMPLEX: true, INTERNAL_SERVER_ERROR: true, SERVICE_UNAVAILABLE: true,
};

/** Contract codes that plugins raise as plain GraphQLErrors in English (Idempotency-Key …): shown after the code's gist. */
const GIST_ONLY = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT']);

/** Marker for errors that must be logged (with the request id) and masked. */
export const UNEXPECTED = 'UNEXPECTED';

/**
 * The one place errors become `extensions.code`. AppErrors keep their code and
 * details; validation errors name their fields; anything unexpected is masked.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown, locale: Locale | string = localeOf(error)): GraphQLFormattedError => {
    // A storage fault (full disk, read-only database, database down) is the operator's, not a bug: SERVICE_UNAVAILABLE.
    const original = asStorageUnavailable(unwrapResolverError(error));
    if (original instanceof AppError) {
      const { message, details } = localizeAppError(original, locale);
      return { message, path: formatted.path, locations: formatted.locations, extensions: { code: original.code, ...details } };
    }
    if (original instanceof ArgumentValidationError) {
      const fields = original.extensions.validationErrors.flatMap((v) => flatten(v as ValidationErrorShape, ''));
      return {
        message: translate(locale, 'error.badInput', { problems: fields.map((f) => `${f.field}: ${f.message}`).join('; ') }), path: formatted.path, locations: formatted.locations,
        extensions: { code: 'BAD_USER_INPUT', fields },
      };
    }
    const code = String(formatted.extensions?.code ?? '');
    if (code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_REQUEST'
      || code === 'PERSISTED_QUERY_NOT_FOUND' || code === 'OPERATION_RESOLUTION_FAILURE' || (code in CONTRACT_CODES && code !== 'INTERNAL_SERVER_ERROR')) {
      const english = production ? formatted.message.replace(/ ?Did you mean .*\?$/, '') : formatted.message;
      // The limits' own refusals (src/graphql/limits.ts) in the viewer's language; graphql-js's messages stay English.
      const message = code === 'QUERY_TOO_COMPLEX' ? localizeTooComplex(english, locale)
        : GIST_ONLY.has(code) ? localize(locale, english, null, `code.${code}`) : english;
      const { stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return { ...formatted, message, extensions };
    }
    return { message: localize(locale, 'Internal server error', { key: 'error.internal' }), path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR', [UNEXPECTED]: true } };
  };
}

/**
 * The viewer's language of each error of a request (GraphQLContext.errorLocale: Accept-Language, then the account's locale),
 * noted when the request meets its errors, which Apollo does before formatting them: formatError has no context.
 */
const errorLocales = new WeakMap<object, string>();
const localeOf = (error: unknown): string => (error && typeof error === 'object' ? errorLocales.get(error) : undefined) ?? DEFAULT_LOCALE;

/** Notes each error's locale for formatError (see errorLocales). */
export function errorLocalePlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          const locale = contextValue?.errorLocale;
          if (locale) for (const error of errors) errorLocales.set(error, locale);
        },
      };
    },
  };
}

type ProblemShape = { field: string; message: string; argument?: string; i18n?: MessageRef };

/**
 * An AppError's message and details in `locale` (src/infra/i18n): its catalogue key, else its English sentence's
 * translation, else the English after the code's gist. Field problems the same way; `fields[].field` never changes.
 */
export function localizeAppError(error: AppError, locale: Locale | string): { message: string; details: Record<string, unknown> } {
  const gist = `code.${error.code}`;
  const fields = Array.isArray(error.details.fields) ? (error.details.fields as ProblemShape[]) : null;
  if (!fields) {
    const transition = (error.code === 'INVALID_TRANSITION' || error.code === 'FORBIDDEN') && !error.i18n && typeof error.details.reason === 'string'
      ? transitionMessage(error.details, locale) : null;
    return { message: transition ?? localize(locale, error.message, error.i18n, gist), details: error.details };
  }
  if (!fields.some((f) => f.i18n) && asLocale(locale) !== 'ja') return { message: error.message, details: error.details };
  const shown = fields.map(({ i18n, ...problem }) => ({ ...problem, message: localize(locale, problem.message, i18n) }));
  // English as thrown (only the keys dropped); Japanese rebuilt from the translated problems.
  if (asLocale(locale) !== 'ja') return { message: error.message, details: { ...error.details, fields: shown } };
  const more = typeof error.details.more === 'number' && error.details.more > 0
    ? `; ${translate(locale, 'validation.tooManyProblems', { count: error.details.more })}` : '';
  const problems = shown.map((p) => `${p.field}: ${p.message}`).join('; ') + more;
  return { message: translate(locale, 'error.badInput', { problems }), details: { ...error.details, fields: shown } };
}

/** A refused case transition (details: reason, status, allowed) in `locale`, or null when its reason has no message. */
function transitionMessage(details: Record<string, unknown>, locale: Locale | string): string | null {
  if (asLocale(locale) !== 'ja') return null;
  const key = `transition.${String(details.reason)}`;
  const allowed = Array.isArray(details.allowed) && details.allowed.length ? details.allowed.join(', ') : translate(locale, 'transition.nothing');
  const text = translate(locale, key, { status: String(details.status ?? ''), allowed });
  return text === key ? null : text;
}

interface ValidationErrorShape { property: string; constraints?: Record<string, string>; children?: ValidationErrorShape[] }

function flatten(v: ValidationErrorShape, prefix: string): { field: string; message: string }[] {
  const field = prefix ? `${prefix}.${v.property}` : v.property;
  const own = Object.values(v.constraints ?? {}).map((message) => ({ field, message }));
  return [...own, ...(v.children ?? []).flatMap((c) => flatten(c, field))];
}
