import type { Logger } from 'pino';
import type { Config } from '../config/env';
import type { Database } from '../persistence/database';
import type { StoredResponse } from '../persistence/entities/idempotency-key.entity';
import * as keys from '../persistence/repositories/idempotency.repository';

export type { StoredResponse };

/** What a request with an Idempotency-Key may do. */
export type IdempotencyClaim =
  /** The key is new (or had expired): run the request, then `complete` or `release` it. */
  | { kind: 'run' }
  /** The same request ran before with this key: answer what it answered. */
  | { kind: 'replay'; response: StoredResponse }
  /** The key was used for a different request (another operation or other variables). */
  | { kind: 'mismatch'; firstUsedAt: Date }
  /**
   * The first request with the key has not finished. `abandoned`: it started so long ago that it will
   * not finish (its process stopped while running it); whether it took effect is unknown.
   */
  | { kind: 'running'; since: Date; abandoned: boolean };

/** A RUNNING key older than this was left by a process that stopped mid-request. */
export const ABANDONED_AFTER_MS = 5 * 60_000;
/** Expired keys are deleted at most this often by each process (besides each key being replaced when reused). */
const PURGE_EVERY_MS = 10 * 60_000;

/**
 * Client idempotency keys (the Idempotency-Key header, as Stripe has it): kept per account for
 * IDEMPOTENCY_TTL. The GraphQL side (src/graphql/idempotency.ts) decides which requests take part and
 * what counts as "nothing was done"; this service keeps the keys, atomically: of two requests with the
 * same new key, exactly one gets `run` (the table's primary key is (accountId, key)).
 */
export class IdempotencyService {
  private lastPurge = 0;

  constructor(private readonly db: Database, private readonly config: Pick<Config, 'idempotencyTtlMs'>, private readonly log?: Logger) {}

  /** Claims `key` for this request, or says why it may not run. */
  async claim(accountId: string, key: string, requestHash: string, now = new Date()): Promise<IdempotencyClaim> {
    this.purgeNowAndThen(now);
    const expiredBefore = new Date(now.getTime() - this.config.idempotencyTtlMs);
    return this.db.transaction(async (tx): Promise<IdempotencyClaim> => {
      await keys.deleteKeyIfOlder(tx, accountId, key, expiredBefore);
      if (await keys.insertKeyIfAbsent(tx, { accountId, key, requestHash, createdAt: now })) return { kind: 'run' };
      const row = await keys.keyOfAccount(tx, accountId, key);
      // Gone between the two statements (PostgreSQL: released by its request a moment ago): the caller may run.
      if (!row) return (await keys.insertKeyIfAbsent(tx, { accountId, key, requestHash, createdAt: now })) ? { kind: 'run' } : { kind: 'running', since: now, abandoned: false };
      if (row.requestHash !== requestHash) return { kind: 'mismatch', firstUsedAt: row.createdAt };
      if (row.status === 'DONE' && row.response) return { kind: 'replay', response: row.response };
      return { kind: 'running', since: row.createdAt, abandoned: now.getTime() - row.createdAt.getTime() > ABANDONED_AFTER_MS };
    });
  }

  /** The request ran: keep its answer for retries. */
  async complete(accountId: string, key: string, response: StoredResponse): Promise<void> {
    await this.db.transaction((tx) => keys.completeKey(tx, accountId, key, response));
  }

  /** The request did nothing (refused before it changed anything): the key is free again. */
  async release(accountId: string, key: string): Promise<void> {
    await this.db.transaction((tx) => keys.deleteRunningKey(tx, accountId, key));
  }

  /** Deletes the keys past IDEMPOTENCY_TTL; returns how many. */
  async purgeExpired(now = new Date()): Promise<number> {
    return this.db.transaction((tx) => keys.deleteKeysOlderThan(tx, new Date(now.getTime() - this.config.idempotencyTtlMs)));
  }

  private purgeNowAndThen(now: Date): void {
    if (now.getTime() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now.getTime();
    this.purgeExpired(now).catch((error) => this.log?.warn({ err: error }, 'could not delete expired idempotency keys'));
  }
}
