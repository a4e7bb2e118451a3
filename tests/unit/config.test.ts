import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env';

const base = { DATA_DIR: '/tmp/chotei-config-test', JWT_SECRET: 'x'.repeat(40) };

function problems(env: Record<string, string>): string {
  try {
    loadConfig({ ...base, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = loadConfig(base);
    expect(c.port).toBe(4000);
    expect(c.role).toBe('all');
    expect(c.redisPrefix).toBe('chotei');
    expect(c.database.kind).toBe('sqlite');
    expect(c.windows.RESPOND).toBe(20 * 86_400_000);
    expect(c.windows.MEDIATION_EXTENSION).toBe(30 * 86_400_000);
    expect(c.windows.VERIFICATION).toBe(7 * 86_400_000);
  });

  it('reads shortened windows as ISO 8601 durations', () => {
    expect(loadConfig({ ...base, WINDOW_RESPOND: 'PT2S' }).windows.RESPOND).toBe(2000);
  });

  it('reads PASSWORD_RESET_TTL as a duration, 30 minutes by default', () => {
    expect(loadConfig(base).passwordResetTtlMs).toBe(30 * 60_000);
    expect(loadConfig({ ...base, PASSWORD_RESET_TTL: 'PT1S' }).passwordResetTtlMs).toBe(1000);
    expect(problems({ PASSWORD_RESET_TTL: '30 minutes' })).toMatch(/PASSWORD_RESET_TTL: expected an ISO 8601 duration/);
  });

  it('names each bad variable and what it expects', () => {
    const message = problems({ PORT: 'eighty', ROLE: 'boss', WINDOW_RESPOND: '20 days', DATABASE_URL: 'mysql://x', REDIS_PREFIX: 'a:b' });
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/ROLE: expected one of all, api, worker/);
    expect(message).toMatch(/WINDOW_RESPOND: expected an ISO 8601 duration/);
    expect(message).toMatch(/DATABASE_URL: expected "file:<path>"/);
    expect(message).toMatch(/REDIS_PREFIX/);
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: '/tmp/x' })).toThrow(/JWT_SECRET: required in production/);
  });

  it('refuses an unknown WORKER_QUEUES name, naming it and the valid ones', () => {
    const message = problems({ WORKER_QUEUES: 'intak' });
    expect(message).toMatch(/WORKER_QUEUES: unknown queue name "intak"/);
    expect(message).toMatch(/intake, screen, deadline, notify, webhook, maintenance, mediation, mail/);
    expect(problems({ WORKER_QUEUES: 'intake,scren,mial' })).toMatch(/"scren", "mial"/);
    expect(problems({ WORKER_QUEUES: ',' })).toMatch(/WORKER_QUEUES: .*none given/);
  });

  it('reads WORKER_QUEUES as a list, trimmed and without repeats; all queues when unset', () => {
    expect(loadConfig({ ...base, WORKER_QUEUES: 'intake, screen,intake' }).workerQueues).toEqual(['intake', 'screen']);
    expect(loadConfig(base).workerQueues).toBeNull();
  });

  it('refuses a bad entry in the other list-valued settings (CORS_ORIGINS, TRUST_PROXY)', () => {
    expect(problems({ CORS_ORIGINS: 'https://app.example.jp,app.example.jp' })).toMatch(/CORS_ORIGINS: .*got "app.example.jp"/);
    expect(problems({ TRUST_PROXY: 'loopback,not-an-address' })).toMatch(/TRUST_PROXY: .*got "loopback,not-an-address"/);
  });

  it('chooses PostgreSQL from a postgres:// URL', () => {
    const c = loadConfig({ ...base, DATABASE_URL: 'postgres://u@db:5432/chotei' });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/chotei' });
  });
});
