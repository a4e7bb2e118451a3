import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config/env';
import { AppError } from '../domain/errors';

const DAY_S = 86_400;

/** What a caller reports once the password (or the sign-up) has been checked. */
export interface ThrottledAttempt {
  /** The attempt succeeded: the account's failure counts (and their block history) start again; the address gets its point back. */
  succeeded(): Promise<void>;
}

interface Counter { limiter: RateLimiterRedis; name: string; key: string; resetOnSuccess: 'delete' | 'refund' }

/**
 * Log-in throttling after OWASP's Authentication Cheat Sheet ("protect against automated attacks":
 * per-account and per-source throttling with growing delays rather than a permanent lock-out), built
 * as rate-limiter-flexible's documented "login endpoint protection" (brute-force protection by IP,
 * username+IP and username), in Redis so every API process shares the counts:
 *
 * - consecutive failures of one account from one address (LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS,
 *   kept 90 days since the first failure, cleared by a successful log-in);
 * - failures of one account from every address, per day (LOGIN_FAILURES_PER_ACCOUNT): a guesser
 *   spreading over many addresses; cleared by a successful log-in;
 * - failures from one address, per day, whatever the accounts (LOGIN_FAILURES_PER_ADDRESS): one
 *   guesser trying many accounts. Sign-ups that are refused (email taken) count here too.
 *
 * Going over a limit blocks the key for LOGIN_BLOCK; each later block of the same key within a day
 * lasts twice as long as the one before, up to LOGIN_BLOCK_MAX. A blocked attempt is refused with
 * RATE_LIMITED (and when to retry) before any password is hashed, whether or not the password is right.
 *
 * Every attempt is counted *before* the password is checked and given back on success, so parallel
 * attempts cannot all slip in under the limit while the first ones are still hashing. Unknown emails
 * are counted exactly like known ones: how the throttle answers tells nothing about which emails exist.
 * Emails are stored hashed in the Redis keys. When Redis cannot answer, log-ins fail (closed), at once:
 * SERVICE_UNAVAILABLE with a retry hint (the connection given is the fail-fast one of src/infra/redis.ts,
 * so nothing waits for Redis to return); an in-process count would let a guesser spread over N processes.
 *
 * Trade-off, stated: the per-account limit lets anyone delay an account's log-ins by failing on
 * purpose; the growing delay (not a lock-out) and the higher per-account limit keep that a nuisance.
 */
export class LoginThrottle {
  private readonly accountAndAddress: RateLimiterRedis;
  private readonly account: RateLimiterRedis;
  private readonly address: RateLimiterRedis;
  /** How many times each key was blocked in the last day: the next block doubles. */
  private readonly strikes: RateLimiterRedis;

  constructor(private readonly config: Config, redis: Redis) {
    const prefix = `${config.redisPrefix}-rl-login`;
    const login = config.login;
    this.accountAndAddress = new RateLimiterRedis({ storeClient: redis, rejectIfRedisNotReady: true, keyPrefix: `${prefix}-acct-addr`, points: login.failuresPerAccountAndAddress, duration: 90 * DAY_S });
    this.account = new RateLimiterRedis({ storeClient: redis, rejectIfRedisNotReady: true, keyPrefix: `${prefix}-acct`, points: login.failuresPerAccount, duration: DAY_S });
    this.address = new RateLimiterRedis({ storeClient: redis, rejectIfRedisNotReady: true, keyPrefix: `${prefix}-addr`, points: login.failuresPerAddress, duration: DAY_S });
    this.strikes = new RateLimiterRedis({
      storeClient: redis, rejectIfRedisNotReady: true, keyPrefix: `${prefix}-strikes`, points: Number.MAX_SAFE_INTEGER,
      duration: Math.max(DAY_S, Math.ceil((2 * login.blockMaxMs) / 1000)),
    });
  }

  /** Before a log-in checks its password: refuses when blocked, else counts the attempt as a failure until `succeeded()`. */
  logIn(email: string, address: string | null | undefined): Promise<ThrottledAttempt> {
    const account = hashEmail(email);
    const from = address || 'unknown';
    return this.begin([
      { limiter: this.accountAndAddress, name: 'acct-addr', key: `${account}_${from}`, resetOnSuccess: 'delete' },
      { limiter: this.account, name: 'acct', key: account, resetOnSuccess: 'delete' },
      { limiter: this.address, name: 'addr', key: from, resetOnSuccess: 'refund' },
    ], 'Too many failed log-ins');
  }

  /** Before a sign-up hashes its password: the address's count, as for log-ins (a refused sign-up is a failure). */
  signUp(address: string | null | undefined): Promise<ThrottledAttempt> {
    return this.begin([{ limiter: this.address, name: 'addr', key: address || 'unknown', resetOnSuccess: 'refund' }], 'Too many failed log-ins or sign-ups from this address');
  }

  /**
   * Before a password-reset request: per email (every address, per day, counted apart from log-in failures)
   * and per address (the daily budget shared with log-ins and sign-ups). Every request counts: none is given back.
   */
  passwordResetRequest(email: string, address: string | null | undefined): Promise<ThrottledAttempt> {
    return this.begin([
      { limiter: this.account, name: 'acct', key: `reset_${hashEmail(email)}`, resetOnSuccess: 'refund' },
      { limiter: this.address, name: 'addr', key: address || 'unknown', resetOnSuccess: 'refund' },
    ], 'Too many password-reset requests');
  }

  /** Before a reset token is checked: the address's count, as for log-ins (a refused token is a failure). */
  passwordReset(address: string | null | undefined): Promise<ThrottledAttempt> {
    return this.begin([{ limiter: this.address, name: 'addr', key: address || 'unknown', resetOnSuccess: 'refund' }], 'Too many failed log-ins or password resets from this address');
  }

  /** Redis could not answer (down, or no answer in time): refused at once, saying so, never let through. */
  private async begin(counters: Counter[], what: string): Promise<ThrottledAttempt> {
    try {
      const attempt = await this.count(counters, what);
      return { succeeded: () => attempt.succeeded().catch((error) => { throw unavailable(error); }) };
    } catch (error) {
      throw unavailable(error);
    }
  }

  private async count(counters: Counter[], what: string): Promise<ThrottledAttempt> {
    // Already blocked: refused without counting the attempt again.
    const states = await Promise.all(counters.map((c) => c.limiter.get(c.key)));
    let waitMs = 0;
    states.forEach((state, i) => {
      if (state && state.consumedPoints > counters[i].limiter.points) waitMs = Math.max(waitMs, state.msBeforeNext);
    });
    if (waitMs > 0) throw rateLimited(what, waitMs);

    const results = await Promise.allSettled(counters.map((c) => c.limiter.consume(c.key)));
    for (const [i, result] of results.entries()) {
      if (result.status === 'fulfilled') continue;
      const rejection = result.reason;
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const counter = counters[i];
      // The attempt that crosses the limit sets the block; others racing it wait for what is left.
      if (rejection.consumedPoints === counter.limiter.points + 1) waitMs = Math.max(waitMs, await this.block(counter));
      else waitMs = Math.max(waitMs, Math.min(rejection.msBeforeNext, this.config.login.blockMaxMs));
    }
    if (waitMs > 0) throw rateLimited(what, waitMs);

    return {
      succeeded: async () => {
        await Promise.all(counters.map((c) => (c.resetOnSuccess === 'delete'
          ? Promise.all([c.limiter.delete(c.key), this.strikes.delete(`${c.name}_${c.key}`)])
          : c.limiter.reward(c.key, 1))));
      },
    };
  }

  /** Blocks a key for LOGIN_BLOCK × 2^(blocks in the last day), at most LOGIN_BLOCK_MAX; returns the block in ms. */
  private async block(counter: Counter): Promise<number> {
    const strike = await this.strikes.consume(`${counter.name}_${counter.key}`);
    const { blockMs, blockMaxMs } = this.config.login;
    const ms = Math.min(blockMs * 2 ** Math.min(strike.consumedPoints - 1, 30), blockMaxMs);
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    await counter.limiter.block(counter.key, seconds);
    return seconds * 1000;
  }
}

/** How long a client is told to wait when the throttle cannot reach Redis. */
const UNAVAILABLE_RETRY_S = 5;

/** A Redis failure as SERVICE_UNAVAILABLE; AppErrors (RATE_LIMITED) pass unchanged. */
function unavailable(error: unknown): unknown {
  if (error instanceof AppError || error instanceof RateLimiterRes) return error;
  return new AppError('SERVICE_UNAVAILABLE', `Log-ins, sign-ups and password resets are unavailable for a moment (the throttle's store, Redis, cannot be reached); retry in ${UNAVAILABLE_RETRY_S} s`,
    { retryAfterSeconds: UNAVAILABLE_RETRY_S, reason: 'redis' });
}

function rateLimited(what: string, waitMs: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError('RATE_LIMITED', `${what}; retry in ${retryAfterSeconds} s`, { retryAfterSeconds },
    { key: 'error.retryIn', params: { what: { key: what }, seconds: retryAfterSeconds } });
}

const hashEmail = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
