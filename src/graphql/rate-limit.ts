import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config/env';
import type { Services } from '../services';

/**
 * Requests per minute per credential (or per IP address without one), shared
 * by every API process through Redis. RATE_LIMIT_PER_MINUTE=0 turns it off.
 */
export function rateLimitMiddleware(config: Config, redis: Redis, _services: Services) {
  if (config.rateLimitPerMinute <= 0) return (_req: Request, _res: Response, next: NextFunction) => next();
  const limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${config.redisPrefix}-rl`, points: config.rateLimitPerMinute, duration: 60 });
  return async (req: Request, res: Response, next: NextFunction) => {
    const auth = req.headers.authorization;
    const key = auth ? `c-${createHash('sha256').update(auth).digest('hex').slice(0, 32)}` : `ip-${req.ip}`;
    try {
      await limiter.consume(key);
      next();
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) return next();
      const retryAfter = Math.ceil(rejection.msBeforeNext / 1000);
      res.setHeader('Retry-After', String(retryAfter));
      res.status(429).json({ errors: [{ message: `Too many requests: at most ${config.rateLimitPerMinute} a minute; retry in ${retryAfter} s`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter } }] });
    }
  };
}
