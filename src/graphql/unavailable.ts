import type { ApolloServerPlugin } from '@apollo/server';
import type { Database } from '../persistence/database';
import type { Response } from 'express';
import { AppError } from '../domain/errors';
import { asStorageUnavailable, classifyStorageError } from '../persistence/storage-errors';
import type { GraphQLContext } from './context';

/**
 * SERVICE_UNAVAILABLE answers (Redis or the database cannot serve the request: src/persistence/storage-errors.ts,
 * the log-in throttle) go out as HTTP 503 with Retry-After when nothing else in the answer worked (no data, or
 * every root field null), as a load balancer or client expects of "try again later". Storage faults met by reads
 * (writes count theirs in Database.transaction) open the database's storage incident: logged once, not per request.
 */
export function serviceUnavailablePlugin(db: Database): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const fault = classifyStorageError(error.originalError);
            if (fault) db.storage.failed(fault, error.originalError, 'a read');
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (!errors?.length || !errors.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) return;
          if (data != null && Object.values(data).some((v) => v != null)) return;
          const seconds = Math.max(...errors.map((e) => Number(e.extensions?.retryAfterSeconds) || 1));
          response.http.status = 503;
          response.http.headers.set('retry-after', String(seconds));
        },
      };
    },
  };
}

/**
 * For the plain HTTP routes (pages, the export): when `error` is the database or its disk failing (full,
 * read-only, down) — the operator's fault, not a bug — sets 503 and `Retry-After` and returns the seconds;
 * otherwise null, and the route answers 500 as before.
 */
export function storageUnavailableAnswer(res: Response, error: unknown): number | null {
  const mapped = asStorageUnavailable(error);
  if (!(mapped instanceof AppError) || mapped.code !== 'SERVICE_UNAVAILABLE') return null;
  const seconds = Number(mapped.details.retryAfterSeconds ?? 5);
  res.status(503).setHeader('Retry-After', String(seconds));
  return seconds;
}
