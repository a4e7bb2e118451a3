import 'reflect-metadata';
import type { Worker } from 'bullmq';
import type { Logger } from 'pino';
import { Database } from './persistence/database';
import type { Config } from './config/env';
import { createLogger } from './config/logger';
import { ensureRedis } from './jobs/redis';
import { redisConnection } from './jobs/redis';
import { OutboxRelay } from './jobs/outbox-relay';
import { QueueRegistry } from './jobs/queue-registry';
import { QueueName } from './domain/queues';
import type { JobContext } from './jobs/job-context';
import { startWorkers } from './jobs/worker';
import { buildChoteiSchema } from './resolvers/build-schema';
import { attachSubscriptions } from './graphql/subscriptions';
import { optOutExportRoutes } from './http/opt-outs-export.route';
import { noticePageRoutes } from './http/notice-page.route';
import { startHttp } from './server';
import { createServices, Services } from './services';
import { CaseWorkflow } from './services/case-workflow';
import { LoginThrottle } from './services/login-throttle';

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
export async function startApp(config: Config, options: { log?: Logger; logging?: boolean; countQueries?: boolean } = {}): Promise<RunningApp> {
  const log = options.log ?? createLogger(config.logLevel);
  const redis = await ensureRedis(config.redisUrl, config.dataDir, (m) => log.info(m));
  const db = await Database.open(config, { logging: options.logging, countQueries: options.countQueries, onError: (message) => log.error(message) });
  const workflow = new CaseWorkflow();
  const services = createServices(config, db, workflow, log);
  await services.bootstrap();
  const connection = redisConnection(redis.url);
  services.accounts.useThrottle(new LoginThrottle(config, connection));
  // Case events go to Redis pub/sub from every role; API processes also listen, for graphql-ws subscribers.
  await services.caseEvents.start(connection, { listen: config.role !== 'worker' });
  const queues = new QueueRegistry(connection, config.redisPrefix);
  const relay = new OutboxRelay(db, queues, log);
  const jobContext: JobContext = { services, log, now: () => new Date() };

  let http: Awaited<ReturnType<typeof startHttp>> | null = null;
  if (config.role !== 'worker') {
    const schema = await buildChoteiSchema();
    http = await startHttp({ config, db, services, schema, log, redis: connection, extraRoutes: (app) => { optOutExportRoutes(app, { optOuts: services.optOuts }); noticePageRoutes(app, { notices: services.notices }); },
      onServer: async (server) => attachSubscriptions(server, { schema, services, db, config, log, redis: connection }) });
    log.info({ url: http.url }, 'API listening');
  }
  const workers = config.role !== 'api'
    ? startWorkers(jobContext, connection, config.redisPrefix, {
      concurrency: config.workerConcurrency, lockDurationMs: config.jobLockMs, queues: config.workerQueues, beforeJob: () => db.freshReads(),
    })
    : [];
  relay.start();
  if (workers.some((w) => w.name === QueueName.MAINTENANCE)) {
    // The deadline sweep repairs deadlines whose delayed jobs Redis lost; one scheduler for all workers.
    await queues.get(QueueName.MAINTENANCE).upsertJobScheduler('deadline-sweep', { every: config.sweepIntervalMs }, { name: 'sweep', data: {} });
    await queues.get(QueueName.MAINTENANCE).upsertJobScheduler('webhook-sweep', { every: config.sweepIntervalMs }, { name: 'webhook-sweep', data: {} });
    log.info({ queues: workers.map((w) => w.name) }, 'workers running');
  }

  let closing: Promise<void> | null = null;
  return {
    config, db, services, queues, log, url: http?.url ?? null, workers, relay,
    close: () => {
      closing ??= (async () => {
        const step = async (name: string, fn: () => Promise<unknown> | unknown) => {
          log.debug({ step: name }, 'shutdown');
          await fn();
        };
        if (http) await step('http', () => http!.stop());
        await step('workers', () => Promise.all(workers.map((w) => w.close())));
        await step('relay', () => relay.stop());
        await step('queues', () => queues.close());
        await step('case events', () => services.caseEvents.stop());
        connection.disconnect();
        await step('database', () => db.close());
        await step('redis', () => redis.stop());
      })();
      return closing;
    },
  };
}
