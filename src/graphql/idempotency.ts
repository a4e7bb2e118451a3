import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import {
  DocumentNode, FormattedExecutionResult, FragmentDefinitionNode, GraphQLError, GraphQLFormattedError, Kind, OperationDefinitionNode, print, SelectionSetNode,
} from 'graphql';
import type { Logger } from 'pino';
import type { StoredResponse } from '../services/idempotency.service';
import type { GraphQLContext } from './context';

/**
 * Client idempotency keys on POST /graphql, as Stripe has them: a client that lost the answer to a
 * mutation that creates something (the connection dropped, the server restarted) sends it again with
 * the same `Idempotency-Key` header and gets the first answer — the same ids — instead of a second row.
 *
 * - Only mutations with at least one root field that creates rows (CREATING_MUTATIONS) take part;
 *   the header is ignored on queries and on other mutations (state changes that are refused when repeated).
 * - The key is 1 to 255 printable ASCII characters, kept per account for IDEMPOTENCY_TTL (default a day).
 *   Anonymous requests with a key on such a mutation are refused (UNAUTHENTICATED): keys are per account,
 *   and every creating mutation needs an account anyway.
 * - Same key, same request (operation name, document, variables): the kept answer, with the header
 *   `Idempotent-Replayed: true`, without running anything.
 * - Same key, another request: BAD_USER_INPUT on `Idempotency-Key` (HTTP 400), saying it was used for another request.
 * - Same key while the first request still runs: CONFLICT (HTTP 409, Retry-After: 1): retry in a moment.
 * - What is kept: every answer in which something may have been done. An answer in which nothing was done is
 *   not kept — no root field has data and every error is a refusal that comes before any change (input,
 *   permission, not found, invalid transition, conflict, rate limit, service unavailable) — so the client can
 *   fix the request and send it again with the same key. INTERNAL_SERVER_ERROR is kept, as Stripe keeps 500s:
 *   whether anything was committed is unknown, and answering the same again is what cannot file twice.
 */

/** Mutations that create a row each time they run: a retry without a key would create another. */
export const CREATING_MUTATIONS: ReadonlySet<string> = new Set([
  'fileComplaint', 'addEvidence', 'registerWork', 'registerAiSystem', 'registerOptOut', 'createApiKey', 'createMediator',
  'makeOffer', 'addMediatorNote', 'scheduleMediationSession',
]);

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY = /^[\x20-\x7e]{1,255}$/;

/** Error codes that mean the request was refused before anything changed (its transaction, if any, rolled back). */
const NOTHING_DONE = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'INVALID_TRANSITION', 'CONFLICT', 'RATE_LIMITED',
  'QUERY_TOO_COMPLEX', 'SERVICE_UNAVAILABLE', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST',
]);

/** The Apollo plugin; the keys are kept by services.idempotency. */
export function idempotencyPlugin(log: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ request }) {
      const key = request.http?.headers.get(IDEMPOTENCY_HEADER);
      if (key === undefined) return undefined;
      let takesPart = false;
      let claimed: { accountId: string } | null = null;
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          if (!operation || operation.operation !== 'mutation' || !createsRows(document, operation)) return;
          if (!KEY.test(key)) {
            throw new GraphQLError('Idempotency-Key: expected 1 to 255 printable ASCII characters', {
              extensions: { code: 'BAD_USER_INPUT', fields: [{ argument: 'Idempotency-Key', field: 'Idempotency-Key', message: 'expected 1 to 255 printable ASCII characters' }], http: { status: 400 } },
            });
          }
          if (!contextValue.ctx.viewer) {
            throw new GraphQLError('Idempotency-Key needs a signed-in account (keys are kept per account): log in first, or send the request without the key', {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          }
          takesPart = true;
        },
        // After every didResolveOperation hook (input validation, rate limits) has let the request through.
        async responseForOperation({ request: req, document, contextValue }) {
          if (!takesPart) return null;
          const accountId = contextValue.ctx.viewer!.accountId;
          let claim;
          try {
            claim = await contextValue.services.idempotency.claim(accountId, key, requestHash(document, req.operationName, req.variables));
          } catch (error) {
            // Nothing ran: the client may retry with the same key.
            log.error({ err: error, requestId: contextValue.ctx.requestId }, 'could not claim an Idempotency-Key');
            return refusal(503, {
              message: 'Idempotency-Key: the keys cannot be checked right now, so nothing was done; retry in a moment with the same key',
              extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 },
            }, [['retry-after', '1']]);
          }
          switch (claim.kind) {
            case 'run':
              claimed = { accountId };
              return null;
            case 'replay':
              return {
                http: { status: claim.response.status === 200 ? undefined : claim.response.status, headers: new HeaderMap([['idempotent-replayed', 'true']]) },
                body: { kind: 'single', singleResult: claim.response.body as FormattedExecutionResult },
              };
            case 'mismatch':
              return refusal(400, {
                message: `Idempotency-Key: this key was used at ${claim.firstUsedAt.toISOString()} for another request (another operation or other variables); send a new key for a new request`,
                extensions: { code: 'BAD_USER_INPUT', fields: [{ argument: 'Idempotency-Key', field: 'Idempotency-Key', message: 'used for another request' }] },
              });
            case 'running':
              return claim.abandoned
                ? refusal(409, {
                  message: `Idempotency-Key: the request with this key started at ${claim.since.toISOString()} and never finished (the server stopped while running it); whether it took effect is unknown — check before sending it again with a new key`,
                  extensions: { code: 'CONFLICT', idempotency: 'ABANDONED' },
                })
                : refusal(409, {
                  message: 'Idempotency-Key: a request with this key is still running; retry in a moment to get its answer',
                  extensions: { code: 'CONFLICT', idempotency: 'IN_PROGRESS', retryAfterSeconds: 1 },
                }, [['retry-after', '1']]);
            default:
              return null;
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (!claimed) return;
          const { accountId } = claimed;
          claimed = null;
          const keys = contextValue.services.idempotency;
          try {
            if (response.body.kind !== 'single' || nothingDone(response.body.singleResult)) await keys.release(accountId, key);
            else await keys.complete(accountId, key, { status: response.http.status ?? 200, body: withoutRequestIds(response.body.singleResult) });
          } catch (error) {
            // The key stays RUNNING: retries answer CONFLICT, then (after ABANDONED_AFTER_MS) that the outcome is unknown.
            log.error({ err: error, accountId }, 'could not keep the answer of a request with an Idempotency-Key');
          }
        },
      };
    },
  };
}

/** Whether the operation has a root field (fragments followed, aliases too) that creates rows. */
export function createsRows(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const seen = new Set<string>();
  const search = (set: SelectionSetNode): boolean => set.selections.some((s) => {
    if (s.kind === Kind.FIELD) return CREATING_MUTATIONS.has(s.name.value);
    if (s.kind === Kind.INLINE_FRAGMENT) return search(s.selectionSet);
    if (seen.has(s.name.value)) return false;
    seen.add(s.name.value);
    const fragment = fragments.get(s.name.value);
    return fragment ? search(fragment.selectionSet) : false;
  });
  return search(operation.selectionSet);
}

/** SHA-256 of what makes two requests the same: the operation name, the document (printed: layout does not count) and the variables (key order does not count). */
export function requestHash(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): string {
  return createHash('sha256').update(JSON.stringify([operationName ?? null, print(document), canonical(variables ?? {})])).digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value as object).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/**
 * Nothing was done: no root field answered data, and every error is a refusal that comes before any change
 * (NOTHING_DONE), raised by the root field itself or before execution (an error deeper down means the root
 * field ran: the row was made and only the answer failed).
 */
export function nothingDone(result: FormattedExecutionResult): boolean {
  const data = result.data ?? null;
  if (data && Object.values(data).some((v) => v !== null && v !== undefined)) return false;
  const errors = result.errors ?? [];
  if (errors.length === 0) return false;
  return errors.every((e) => NOTHING_DONE.has(String(e.extensions?.code ?? '')) && (e.path?.length ?? 0) <= 1);
}

function withoutRequestIds(result: FormattedExecutionResult): StoredResponse['body'] {
  const body: StoredResponse['body'] = { data: (result.data ?? null) as Record<string, unknown> | null };
  if (result.errors?.length) {
    body.errors = result.errors.map((e) => {
      const { requestId: _id, ...extensions } = (e.extensions ?? {}) as Record<string, unknown>;
      return { ...e, extensions } as Record<string, unknown>;
    });
  }
  return body;
}

/** An answer made here (it does not pass through formatError): the error as the client sees it. */
function refusal(status: number, error: GraphQLFormattedError, headers: Array<[string, string]> = []): GraphQLResponse {
  return { http: { status, headers: new HeaderMap(headers) }, body: { kind: 'single', singleResult: { errors: [error] } } };
}
