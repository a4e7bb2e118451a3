/** The error codes of the API contract (API.md "Errors"). */
export type ErrorCode =
  | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'INVALID_TRANSITION'
  | 'CONFLICT' | 'RATE_LIMITED' | 'QUERY_TOO_COMPLEX' | 'INTERNAL_SERVER_ERROR'
  /** Redis or the database cannot serve the request right now (down, full disk, read-only): retry after `retryAfterSeconds`. */
  | 'SERVICE_UNAVAILABLE';

/** One bad input: the field (path inside the argument, e.g. "facts.outputCommercial" or "workIds[1]") and why. */
export interface FieldProblem { field: string; message: string; argument?: string }

/** Every expected failure of a use case. Mapped to GraphQL `extensions.code` in src/graphql/format-error.ts. */
export class AppError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id?: string) =>
  new AppError('NOT_FOUND', id ? `${what} ${id} was not found` : `${what} was not found`, { resource: what });

export const unauthenticated = (message = 'Log in first: send Authorization: Bearer <token or API key>') =>
  new AppError('UNAUTHENTICATED', message);

export const forbidden = (message: string) => new AppError('FORBIDDEN', message);

export const conflict = (message = 'Someone else changed this case at the same moment; reload it and retry') =>
  new AppError('CONFLICT', message);

export function badInput(problems: FieldProblem[], argument = 'input'): AppError {
  const fields = problems.map((p) => ({ argument: p.argument ?? argument, ...p }));
  const message = fields.map((p) => `${p.field}: ${p.message}`).join('; ');
  return new AppError('BAD_USER_INPUT', `Invalid input — ${message}`, { fields });
}

/** Collects field problems while validating an input, then throws them all at once. */
export class InputCheck {
  readonly problems: FieldProblem[] = [];
  constructor(private readonly argument = 'input') {}
  add(field: string, message: string): this {
    this.problems.push({ field, message, argument: this.argument });
    return this;
  }
  check(ok: boolean, field: string, message: string): this {
    if (!ok) this.add(field, message);
    return this;
  }
  throwIfAny(): void {
    if (this.problems.length) throw badInput(this.problems, this.argument);
  }
}
