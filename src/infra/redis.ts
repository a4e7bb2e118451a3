import IORedis, { Redis, RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

/**
 * How long one Redis command of the request path may take before it fails (a Redis that hangs rather than
 * refuses; one that is down fails at once): under a second, with room for a loaded machine (500 ms timed out
 * log-ins on a two-core machine at load 20).
 */
export const REQUEST_COMMAND_TIMEOUT_MS = 900;

/**
 * A Redis connection for the request path (rate limits, log-in throttle, WebSocket limits, readiness), apart
 * from BullMQ's: while Redis is away its commands fail at once instead of waiting in ioredis's offline queue
 * (enableOfflineQueue: false), a command that gets no answer fails after REQUEST_COMMAND_TIMEOUT_MS, and a
 * command caught by a dropped connection is not retried (maxRetriesPerRequest: 0). It reconnects by itself,
 * at most a second apart, so the request path uses Redis again within a second or so of its return.
 * BullMQ keeps its own connection (src/jobs/redis.ts: maxRetriesPerRequest null, as BullMQ requires):
 * jobs should wait for Redis, requests should not.
 */
export function failFastRedis(url: string, extra: RedisOptions = {}): Redis {
  const redis = new IORedis(url, {
    enableOfflineQueue: false,
    commandTimeout: REQUEST_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(100 * times, 1_000),
    ...extra,
  });
  return redis;
}

/** Resolves when the connection is ready, or after `timeoutMs` (whichever first): start-up should not hang on Redis. */
export async function whenReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return true;
  return new Promise<boolean>((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.on('ready', onReady);
  });
}

/** `promise`, or a rejection naming `what` after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Whether Redis answers, from the fail-fast connection's own state, and the one log line per incident: a
 * warning when the connection is lost (not one per reconnect attempt or per request) and a line when it is
 * back, with how long it was away. Also swallows ioredis's repeated `error` events, which would otherwise
 * print "Unhandled error event" at every reconnect attempt.
 */
export class RedisHealth {
  private downSince: number | null = null;
  private lastError = '';
  private closing = false;

  constructor(readonly redis: Redis, private readonly log?: Logger) {
    redis.on('error', (err: Error) => {
      this.lastError = err.message;
      this.lost();
    });
    redis.on('close', () => this.lost());
    redis.on('ready', () => {
      if (this.downSince === null) return;
      const seconds = Math.round((Date.now() - this.downSince) / 1000);
      this.downSince = null;
      this.log?.info({ awaySeconds: seconds }, `Redis recovered after ${seconds} s: rate limits are shared again; log-ins and live events work`);
    });
  }

  /** The connection is ready: commands are sent (they may still time out). */
  get available(): boolean {
    return this.redis.status === 'ready';
  }

  /** Pings Redis within `timeoutMs`; rejects saying why when it cannot (not connected, no answer). */
  async probe(timeoutMs: number): Promise<void> {
    if (this.redis.status !== 'ready') {
      throw new Error(`Redis is not connected (${this.redis.status}${this.lastError ? `: ${this.lastError}` : ''})`);
    }
    const answer = await withTimeout(this.redis.ping(), timeoutMs, 'Redis');
    if (answer !== 'PONG') throw new Error(`Redis answered ${answer} to PING`);
  }

  /** Disconnects (at shutdown: not an incident). */
  close(): void {
    this.closing = true;
    this.redis.disconnect();
  }

  private lost(): void {
    if (this.closing || this.downSince !== null || this.redis.status === 'ready') return;
    this.downSince = Date.now();
    this.log?.warn({ err: this.lastError || undefined }, 'Redis unreachable: requests that need it answer SERVICE_UNAVAILABLE, rate limits count in this process until it returns');
  }
}
