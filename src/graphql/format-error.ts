import { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import { AppError, ErrorCode } from '../domain/errors';
import { asStorageUnavailable } from '../persistence/storage-errors';

const CONTRACT_CODES: Record<ErrorCode, true> = {
  UNAUTHENTICATED: true, FORBIDDEN: true, NOT_FOUND: true, BAD_USER_INPUT: true, INVALID_TRANSITION: true,
  CONFLICT: true, RATE_LIMITED: true, QUERY_TOO_COMPLEX: true, INTERNAL_SERVER_ERROR: true, SERVICE_UNAVAILABLE: true,
};

/** Marker for errors that must be logged (with the request id) and masked. */
export const UNEXPECTED = 'UNEXPECTED';

/**
 * The one place errors become `extensions.code`. AppErrors keep their code and
 * details; validation errors name their fields; anything unexpected is masked.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // A storage fault (full disk, read-only database, database down) is the operator's, not a bug: SERVICE_UNAVAILABLE.
    const original = asStorageUnavailable(unwrapResolverError(error));
    if (original instanceof AppError) {
      return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { code: original.code, ...original.details } };
    }
    if (original instanceof ArgumentValidationError) {
      const fields = original.extensions.validationErrors.flatMap((v) => flatten(v as ValidationErrorShape, ''));
      return {
        message: `Invalid input — ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, path: formatted.path, locations: formatted.locations,
        extensions: { code: 'BAD_USER_INPUT', fields },
      };
    }
    const code = String(formatted.extensions?.code ?? '');
    if (code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_REQUEST'
      || code === 'PERSISTED_QUERY_NOT_FOUND' || code === 'OPERATION_RESOLUTION_FAILURE' || (code in CONTRACT_CODES && code !== 'INTERNAL_SERVER_ERROR')) {
      const message = production ? formatted.message.replace(/ ?Did you mean .*\?$/, '') : formatted.message;
      const { stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return { ...formatted, message, extensions };
    }
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR', [UNEXPECTED]: true } };
  };
}

interface ValidationErrorShape { property: string; constraints?: Record<string, string>; children?: ValidationErrorShape[] }

function flatten(v: ValidationErrorShape, prefix: string): { field: string; message: string }[] {
  const field = prefix ? `${prefix}.${v.property}` : v.property;
  const own = Object.values(v.constraints ?? {}).map((message) => ({ field, message }));
  return [...own, ...(v.children ?? []).flatMap((c) => flatten(c, field))];
}
