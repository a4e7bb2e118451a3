import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env';
import { trustFunction } from '../../src/graphql/rate-limit';

const base = { DATA_DIR: '/tmp/chotei-config-test', JWT_SECRET: 'x'.repeat(40) };

describe('rate-limit, log-in and session settings', () => {
  it('have safe defaults: no proxy trusted, 30-day tokens at most, throttles on', () => {
    const c = loadConfig(base);
    expect(c.trustProxy).toBe(false);
    expect(c.jwtMaxAgeMs).toBe(30 * 86_400_000);
    expect(c.login).toEqual({ failuresPerAccountAndAddress: 10, failuresPerAccount: 50, failuresPerAddress: 100, blockMs: 15 * 60_000, blockMaxMs: 86_400_000 });
    expect(c.wsMaxConnections).toBe(20);
    expect(c.wsMaxSubscriptions).toBe(100);
  });

  it('reads TRUST_PROXY as express does: off, on, a hop count, or addresses and subnets', () => {
    expect(loadConfig({ ...base, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ ...base, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback,10.0.0.0/8');
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'my-proxy.internal' })).toThrow(/TRUST_PROXY: expected false, true, a hop count/);
  });

  it('trusts X-Forwarded-For hops only as configured', () => {
    expect(trustFunction(false)('127.0.0.1', 0)).toBe(false);
    expect(trustFunction(1)('203.0.113.9', 0)).toBe(true);
    expect(trustFunction(1)('203.0.113.9', 1)).toBe(false);
    expect(trustFunction('loopback')('127.0.0.1', 0)).toBe(true);
    expect(trustFunction('loopback')('203.0.113.9', 0)).toBe(false);
  });

  it('refuses a JWT_TTL longer than JWT_MAX_AGE', () => {
    expect(() => loadConfig({ ...base, JWT_TTL: 'P40D' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, JWT_TTL: 'P2D', JWT_MAX_AGE: 'P1D' })).toThrow(/JWT_TTL: must not be longer than JWT_MAX_AGE/);
    expect(loadConfig({ ...base, JWT_TTL: 'P40D', JWT_MAX_AGE: 'P90D' }).jwtMaxAgeMs).toBe(90 * 86_400_000);
  });
});
