import { spawn, ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import IORedis, { Redis, RedisOptions } from 'ioredis';

/** A Redis connection as BullMQ's production guide asks (no per-request retry limit, ready check). */
export function redisConnection(url: string, extra: RedisOptions = {}): Redis {
  return new IORedis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...extra });
}

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Whether a Redis answers PING at `url` within a second. */
export async function redisAnswers(url: string): Promise<boolean> {
  const probe = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export interface RedisHandle { url: string; stop(): Promise<void> }

/**
 * With REDIS_URL set, uses it. Otherwise uses 127.0.0.1:6379 when something
 * answers there, or starts a private redis-server (AOF on, noeviction, data in
 * DATA_DIR/redis) when one is installed, and stops it on exit.
 */
export async function ensureRedis(configured: string | undefined, dataDir: string, log: (msg: string) => void, probeUrl = DEFAULT_REDIS_URL): Promise<RedisHandle> {
  if (configured) return { url: configured, stop: async () => undefined };
  if (await redisAnswers(probeUrl)) return { url: probeUrl, stop: async () => undefined };
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const binary = which.stdout.trim();
  if (!binary) {
    throw new Error('Redis is needed and none answers on 127.0.0.1:6379, and redis-server is not installed.\n'
      + 'Install it with your package manager (apt-get install redis-server, brew install redis, dnf install redis),\n'
      + 'or run one in Docker: docker compose up -d redis — or set REDIS_URL to a Redis you have.');
  }
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = 6390 + Math.floor(Math.random() * 500);
  const child: ChildProcess = spawn(binary, [
    '--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec',
    '--maxmemory-policy', 'noeviction', '--save', '', '--daemonize', 'no',
  ], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (!(await redisAnswers(url))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`Could not start redis-server (${binary}) on port ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`started a private redis-server on ${url} (data in ${dir})`);
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
