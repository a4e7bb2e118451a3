import type { LocalizedText } from './enums';

/** The error codes of the API contract (API.md "Errors"). */
export type ErrorCode =
  | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'INVALID_TRANSITION'
  | 'CONFLICT' | 'RATE_LIMITED' | 'QUERY_TOO_COMPLEX' | 'INTERNAL_SERVER_ERROR'
  /** Redis or the database cannot serve the request right now (down, full disk, read-only): retry after `retryAfterSeconds`. */
  | 'SERVICE_UNAVAILABLE';

/**
 * A message of the catalogue (src/infra/i18n/catalogue.ts): its key and the values of its placeholders (a value
 * may itself be a message, such as a resource's name). The domain and services name messages; the edge renders
 * them in the viewer's language. English `message`s stay as they are (logs, English clients). A value that is a
 * LocalizedText (a domain explanation, such as why an opt-out signal's value cannot be read) is shown in that language.
 */
export interface MessageRef { key: string; params?: Record<string, string | number | MessageRef | LocalizedText> }

/** One bad input: the field (path inside the argument, e.g. "facts.outputCommercial" or "workIds[1]") and why. */
export interface FieldProblem { field: string; message: string; argument?: string; i18n?: MessageRef }

/** Every expected failure of a use case. Mapped to GraphQL `extensions.code` in src/graphql/format-error.ts. */
export class AppError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly details: Record<string, unknown> = {}, readonly i18n?: MessageRef) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id?: string) =>
  new AppError('NOT_FOUND', id ? `${what} ${id} was not found` : `${what} was not found`, { resource: what },
    id ? { key: 'error.notFound', params: { what: { key: `resource.${what}` }, id } } : { key: 'error.notFoundNoId', params: { what: { key: `resource.${what}` } } });

export const unauthenticated = (message?: string) =>
  message === undefined
    ? new AppError('UNAUTHENTICATED', 'Log in first: send Authorization: Bearer <token or API key>', {}, { key: 'error.unauthenticated' })
    : new AppError('UNAUTHENTICATED', message);

export const forbidden = (message: string, i18n?: MessageRef) => new AppError('FORBIDDEN', message, {}, i18n);

export const conflict = (message?: string) =>
  message === undefined
    ? new AppError('CONFLICT', 'Someone else changed this case at the same moment; reload it and retry', {}, { key: 'error.conflict' })
    : new AppError('CONFLICT', message);

export function badInput(problems: FieldProblem[], argument = 'input'): AppError {
  const fields = problems.map((p) => ({ argument: p.argument ?? argument, ...p }));
  const message = fields.map((p) => `${p.field}: ${p.message}`).join('; ');
  return new AppError('BAD_USER_INPUT', `Invalid input — ${message}`, { fields });
}

/** Collects field problems while validating an input, then throws them all at once. */
export class InputCheck {
  readonly problems: FieldProblem[] = [];
  constructor(private readonly argument = 'input') {}
  /** `i18n`: the message's catalogue key, when `message` carries values (a fixed sentence is translated as itself). */
  add(field: string, message: string, i18n?: MessageRef): this {
    this.problems.push(i18n ? { field, message, argument: this.argument, i18n } : { field, message, argument: this.argument });
    return this;
  }
  check(ok: boolean, field: string, message: string, i18n?: MessageRef): this {
    if (!ok) this.add(field, message, i18n);
    return this;
  }
  throwIfAny(): void {
    if (this.problems.length) throw badInput(this.problems, this.argument);
  }
}
