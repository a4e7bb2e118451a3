import 'reflect-metadata';
import type { Worker } from 'bullmq';
import type { Logger } from 'pino';
import { Database } from './config/database';
import type { Config } from './config/env';
import { createLogger } from './config/logger';
import { ensureRedis } from './jobs/redis';
import { redisConnection } from './jobs/redis';
import { OutboxRelay } from './jobs/outbox-relay';
import { QueueRegistry } from './jobs/queue-registry';
import type { JobContext } from './jobs/job-context';
import { startWorkers } from './jobs/worker';
import { buildChoteiSchema } from './schema/build-schema';
import { startHttp } from './server';
import { createServices, Services } from './services';
import { CaseWorkflow } from './services/case-workflow';

export interface RunningApp {
  config: Config;
  db: Database;
  services: Services;
  queues: QueueRegistry;
  log: Logger;
  /** GraphQL endpoint when the API role runs. */
  url: string | null;
  workers: Worker[];
  relay: OutboxRelay;
  close(): Promise<void>;
}

/** Starts the roles asked for: API (HTTP), workers, and the outbox relay (every role writes outbox rows). */
export async function startApp(config: Config, options: { log?: Logger; logging?: boolean } = {}): Promise<RunningApp> {
  const log = options.log ?? createLogger(config.logLevel);
  const redis = await ensureRedis(config.redisUrl, config.dataDir, (m) => log.info(m));
  const db = await Database.open(config, { logging: options.logging });
  const workflow = new CaseWorkflow();
  const services = createServices(config, db, workflow);
  const connection = redisConnection(redis.url);
  const queues = new QueueRegistry(connection, config.redisPrefix);
  const relay = new OutboxRelay(db, queues, log);
  const jobContext: JobContext = { config, db, workflow, services, log, now: () => new Date() };

  let http: Awaited<ReturnType<typeof startHttp>> | null = null;
  if (config.role !== 'worker') {
    const schema = await buildChoteiSchema();
    http = await startHttp({ config, db, services, schema, log, redis: connection });
    log.info({ url: http.url }, 'API listening');
  }
  const workers = config.role !== 'api'
    ? startWorkers(jobContext, connection, config.redisPrefix, { concurrency: config.workerConcurrency, lockDurationMs: config.jobLockMs })
    : [];
  relay.start();
  if (workers.length) log.info({ queues: workers.map((w) => w.name) }, 'workers running');

  let closing: Promise<void> | null = null;
  return {
    config, db, services, queues, log, url: http?.url ?? null, workers, relay,
    close: () => {
      closing ??= (async () => {
        if (http) await http.stop();
        await Promise.all(workers.map((w) => w.close()));
        await relay.stop();
        await queues.close();
        connection.disconnect();
        await db.close();
        await redis.stop();
      })();
      return closing;
    },
  };
}
