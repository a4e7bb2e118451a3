import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import IORedis from 'ioredis';
import { describe, expect, it } from 'vitest';
import { ensureRedis } from '../../src/jobs/redis';
import { clearPrefix, freePort, REDIS_URL, waitFor } from '../support/harness';

const MAIN = resolve(__dirname, '../../dist/src/main.js');

describe('the process', () => {
  it('answers /healthz and /readyz, and on SIGTERM finishes and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chotei-proc-'));
    const port = await freePort();
    const prefix = `proc${Date.now()}`;
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `file:${join(dir, 'c.sqlite')}`, DATA_DIR: dir, REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'error', NODE_ENV: 'development' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      const ready = await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok, '/readyz', 30_000, 100);
      expect(ready).toBe(true);
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: 'ok' });
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await clearPrefix(prefix);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops at start-up with a message naming a bad variable', async () => {
    const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ROLE: 'everything', PORT: 'x' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => { stderr += String(d); });
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/ROLE: expected one of all, api, worker/);
    expect(stderr).toMatch(/PORT/);
  });

  it('starts a private redis-server with AOF and noeviction when none answers, and stops it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chotei-redis-'));
    const handle = await ensureRedis(undefined, dir, () => undefined, 'redis://127.0.0.1:1');
    try {
      const redis = new IORedis(handle.url);
      expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await redis.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
      redis.disconnect();
    } finally {
      await handle.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    const probe = new IORedis(handle.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    probe.on('error', () => undefined);
    await expect(probe.connect()).rejects.toThrow();
  });
});
