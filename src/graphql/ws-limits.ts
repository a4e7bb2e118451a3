import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { GraphQLError } from 'graphql';
import type { Context } from 'graphql-ws';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type WebSocket from 'ws';
import type { Config } from '../config/env';
import type { Services } from '../services';
import type { Viewer } from '../policies/context';
import { clientAddress, principalKey, requestLimiter, trustFunction } from './rate-limit';

/**
 * The close code of a WebSocket refused for its rate: 4000 + HTTP 429, as graphql-ws numbers its own codes
 * (4400, 4401, 4403 …). graphql-ws clients treat 4429 as final and do not reconnect in a loop; the close
 * reason starts with RATE_LIMITED and says what the limit is.
 */
export const RATE_LIMITED_CLOSE = 4429;

/** A lease on a slot lives this long unless its holder (a live connection) renews it; a crashed process's slots free themselves. */
const LEASE_MS = 60_000;
const RENEW_MS = 20_000;

type WsContext = Context<Record<string, unknown> | undefined, { socket: WebSocket; request: http.IncomingMessage }>;

interface Connection { id: string; key: string; subscriptions: Set<string>; window: number; messages: number }

/**
 * Limits of graphql-ws connections, counted against the principal as HTTP requests are (the verified
 * account, else the client address; a credential that does not verify counts against the address):
 *
 * - WS_MAX_CONNECTIONS open connections per principal, across every API process (close code 4429);
 * - WS_MAX_SUBSCRIPTIONS active subscriptions per principal, across its connections (an Error message, RATE_LIMITED);
 * - each Subscribe costs a point of the principal's per-minute allowance, shared with HTTP (RATE_LIMIT_PER_MINUTE);
 * - at most RATE_LIMIT_PER_MINUTE messages of any kind a minute on one connection (close code 4429).
 *
 * Connections and subscriptions hold leases in Redis sorted sets (one per principal), renewed while they
 * live and given back when they end, so the counts are shared by every API process and a crashed one's
 * leases lapse within a minute. When Redis cannot answer, connections and subscriptions are let through.
 */
export class WsLimits {
  private readonly connections = new WeakMap<object, Connection>();
  private readonly perMinute: RateLimiterRedis | null;
  private readonly leases: Leases | null;
  private readonly trust: ReturnType<typeof trustFunction>;

  constructor(private readonly config: Config, redis: Redis | undefined, private readonly services: Services, private readonly log: Logger) {
    this.perMinute = redis ? requestLimiter(config, redis) : null;
    this.leases = redis ? new Leases(redis, `${config.redisPrefix}-rl-ws`, log) : null;
    this.trust = trustFunction(config.trustProxy);
  }

  /** graphql-ws onConnect: takes a connection slot for the principal, or closes the socket with 4429 (and answers false). */
  async connect(ctx: WsContext): Promise<boolean> {
    let viewer: Viewer | null = null;
    try {
      viewer = await this.services.auth.authenticate(credentialOf(ctx));
    } catch {
      // Checked again (and refused) for each subscription; for the limits, the address is the principal.
    }
    const connection: Connection = { id: randomUUID(), key: principalKey(viewer, clientAddress(ctx.extra.request, this.trust)), subscriptions: new Set(), window: Date.now(), messages: 0 };
    const max = this.config.wsMaxConnections;
    if (this.leases && !(await this.leases.acquire(`conn:${connection.key}`, connection.id, max))) {
      ctx.extra.socket.close(RATE_LIMITED_CLOSE, `RATE_LIMITED: at most ${max} open connections per account (or address)`);
      return false;
    }
    this.connections.set(ctx, connection);
    const perMinute = this.config.rateLimitPerMinute;
    if (perMinute > 0) {
      ctx.extra.socket.on('message', () => {
        const now = Date.now();
        if (now - connection.window >= 60_000) {
          connection.window = now;
          connection.messages = 0;
        }
        connection.messages += 1;
        if (connection.messages > perMinute) ctx.extra.socket.close(RATE_LIMITED_CLOSE, `RATE_LIMITED: more than ${perMinute} messages a minute`);
      });
    }
    return true;
  }

  /** In onSubscribe, once the operation is known to be a valid subscription: null when it may run, else the RATE_LIMITED error to send. */
  async subscribe(ctx: WsContext, id: string): Promise<GraphQLError | null> {
    const connection = this.connections.get(ctx);
    if (!connection) return null;
    if (this.perMinute) {
      try {
        await this.perMinute.consume(connection.key, 1);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
          return rateLimited(`Too many requests: at most ${this.config.rateLimitPerMinute} operations a minute; retry in ${seconds} s`, seconds);
        }
        this.log.warn({ err: rejection }, 'rate limiter unavailable; subscription let through');
      }
    }
    const max = this.config.wsMaxSubscriptions;
    if (this.leases && !(await this.leases.acquire(`subs:${connection.key}`, `${connection.id}_${id}`, max))) {
      return rateLimited(`At most ${max} active subscriptions per account (or address), over all its connections; complete some first`);
    }
    connection.subscriptions.add(id);
    return null;
  }

  /** graphql-ws onComplete: the subscription's slot is free again. */
  async completed(ctx: WsContext, id: string): Promise<void> {
    const connection = this.connections.get(ctx);
    if (!connection?.subscriptions.delete(id)) return;
    await this.leases?.release(`subs:${connection.key}`, `${connection.id}_${id}`);
  }

  /** graphql-ws onClose: the connection's slot and those of its subscriptions are free again. */
  async closed(ctx: WsContext): Promise<void> {
    const connection = this.connections.get(ctx);
    if (!connection) return;
    this.connections.delete(ctx);
    const subscriptions = [...connection.subscriptions];
    connection.subscriptions.clear();
    await Promise.all([
      this.leases?.release(`conn:${connection.key}`, connection.id),
      ...subscriptions.map((id) => this.leases?.release(`subs:${connection.key}`, `${connection.id}_${id}`)),
    ]);
  }

  stop(): void {
    this.leases?.stop();
  }
}

/** The connection's credential, as the subscription context reads it: connectionParams first, else the upgrade request. */
function credentialOf(ctx: WsContext): string | undefined {
  const params = ctx.connectionParams ?? {};
  const fromParams = params.authorization ?? params.Authorization;
  return typeof fromParams === 'string' ? fromParams : ctx.extra.request.headers.authorization;
}

function rateLimited(message: string, retryAfterSeconds?: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'RATE_LIMITED', ...(retryAfterSeconds ? { retryAfterSeconds } : {}) } });
}

/**
 * Takes a slot if fewer than `max` live leases are held under the key: drops lapsed leases, counts, adds.
 * ARGV: now, lease end, member, max, key lifetime (ms). Answers 1 when taken (or already held), else 0.
 */
const ACQUIRE = `
redis.call('zremrangebyscore', KEYS[1], '-inf', ARGV[1])
if redis.call('zscore', KEYS[1], ARGV[3]) then
  redis.call('zadd', KEYS[1], ARGV[2], ARGV[3])
  return 1
end
if redis.call('zcard', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
redis.call('zadd', KEYS[1], ARGV[2], ARGV[3])
redis.call('pexpire', KEYS[1], ARGV[5])
return 1`;

/** Counted slots with leases in Redis sorted sets (member = holder, score = lease end), renewed by this process while held. */
class Leases {
  private readonly held = new Map<string, Set<string>>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly log: Logger) {
    this.timer = setInterval(() => { void this.renew(); }, RENEW_MS);
    this.timer.unref();
  }

  async acquire(name: string, member: string, max: number): Promise<boolean> {
    const key = `${this.prefix}:${name}`;
    const now = Date.now();
    try {
      const taken = await this.redis.eval(ACQUIRE, 1, key, String(now), String(now + LEASE_MS), member, String(max), String(LEASE_MS * 2));
      if (Number(taken) !== 1) return false;
    } catch (error) {
      this.log.warn({ err: error }, 'WebSocket limits unavailable (Redis); let through');
      return true;
    }
    let members = this.held.get(key);
    if (!members) this.held.set(key, (members = new Set()));
    members.add(member);
    return true;
  }

  async release(name: string, member: string): Promise<void> {
    const key = `${this.prefix}:${name}`;
    const members = this.held.get(key);
    members?.delete(member);
    if (members && members.size === 0) this.held.delete(key);
    try {
      await this.redis.zrem(key, member);
    } catch (error) {
      this.log.warn({ err: error }, 'could not give back a WebSocket slot; its lease lapses by itself');
    }
  }

  private async renew(): Promise<void> {
    if (this.held.size === 0) return;
    const end = Date.now() + LEASE_MS;
    const pipeline = this.redis.pipeline();
    for (const [key, members] of this.held) {
      for (const member of members) pipeline.zadd(key, 'XX', end, member);
      pipeline.pexpire(key, LEASE_MS * 2);
    }
    try {
      await pipeline.exec();
    } catch (error) {
      this.log.warn({ err: error }, 'could not renew WebSocket slots');
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
