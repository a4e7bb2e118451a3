import 'reflect-metadata';
import type { Worker } from 'bullmq';
import type { Logger } from 'pino';
import { Database } from './persistence/database';
import type { Config } from './config/env';
import { createLogger } from './config/logger';
import { ensureRedis } from './jobs/redis';
import { failFastRedis, RedisHealth, whenReady } from './infra/redis';
import { redisConnection } from './jobs/redis';
import { OutboxRelay } from './jobs/outbox-relay';
import { QueueRegistry } from './jobs/queue-registry';
import { MaintenanceSchedulers } from './jobs/schedulers';
import { BullJobInspector } from './infra/queues/job-inspector';
import { QueueName } from './domain/queues';
import type { JobContext } from './jobs/job-context';
import { startWorkers } from './jobs/worker';
import { buildChoteiSchema } from './resolvers/build-schema';
import { attachSubscriptions } from './graphql/subscriptions';
import { optOutExportRoutes } from './http/opt-outs-export.route';
import { noticePageRoutes } from './http/notice-page.route';
import { accountPageRoutes } from './http/account-pages.route';
import { startHttp } from './server';
import { fileRoutes } from './http/files.route';
import { dossierRoutes } from './http/dossier.route';
import { createServices, Services } from './services';
import { CaseWorkflow } from './services/case-workflow';
import { LoginThrottle } from './services/login-throttle';
import { AppMetrics, QUEUE_STATES } from './infra/metrics/metrics';
import { startMetricsServer } from './infra/metrics/metrics-server';
import { observeJobs } from './jobs/job-metrics';
import { metricsRoute } from './http/metrics.route';
import { queueDashboardRoutes } from './http/queue-dashboard.route';

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
  /** This process's Prometheus figures (GET /metrics; README "Operating"). */
  metrics: AppMetrics;
  /** ROLE=worker with METRICS_PORT: the worker's own /metrics listener. */
  metricsUrl: string | null;
  /**
   * Stops gracefully: no new connections; every request already received answered (keep-alive included);
   * subscribers told to go; active jobs finished; the outbox relayed after the last commit; then Redis and the database.
   */
  close(): Promise<void>;
  /** What close() is still waiting for, in words (for the log line when the shutdown deadline passes). */
  pending(): string;
}

/** Starts the roles asked for: API (HTTP), workers, and the outbox relay (every role writes outbox rows). */
export async function startApp(config: Config, options: { log?: Logger; logging?: boolean; countQueries?: boolean } = {}): Promise<RunningApp> {
  const log = options.log ?? createLogger(config.logLevel);
  const redis = await ensureRedis(config.redisUrl, config.dataDir, (m) => log.info(m));
  const db = await Database.open(config, {
    logging: options.logging, countQueries: options.countQueries, onError: (message) => log.error(message), onRecovered: (message) => log.info(message),
  }).catch(async (error) => {
    // A database it cannot write is refused (the message names it): the private redis-server, if any, goes too.
    await redis.stop();
    throw error;
  });
  const workflow = new CaseWorkflow();
  const services = createServices(config, db, workflow, log);
  await services.bootstrap();
  const connection = redisConnection(redis.url);
  // While Redis is away ioredis emits an error at every reconnect attempt ("Unhandled error event" without a
  // listener): the outage is logged once, by the request path's RedisHealth below.
  connection.on('error', () => undefined);
  // The request path's Redis (rate limits, log-in throttle, WebSocket limits, /readyz): fails at once while Redis is away.
  const fast = failFastRedis(redis.url);
  const redisHealth = new RedisHealth(fast, log);
  await whenReady(fast, 5_000);
  services.accounts.useThrottle(new LoginThrottle(config, fast));
  // Case events go to Redis pub/sub from every role; API processes also listen, for graphql-ws subscribers.
  await services.caseEvents.start(connection, { listen: config.role !== 'worker', subscribeVia: fast });
  const queues = new QueueRegistry(connection, config.redisPrefix, config.jobRetryBaseMs);
  // The reconciler and the failedJobs query ask BullMQ about jobs through this (src/infra/queues/job-inspector.ts).
  services.reconciler.useJobs(new BullJobInspector((name) => queues.get(name), Object.values(QueueName)));
  const relay = new OutboxRelay(db, queues, log);
  const jobContext: JobContext = { services, log, now: () => new Date() };
  // One registry per app (tests start several in one process). Queue depth, outbox lag and cases per status are read
  // at scrape time, each bounded by a timeout (src/infra/metrics/metrics.ts).
  const metrics = new AppMetrics();
  metrics.useSources({
    // Not while Redis is away: the commands would wait in ioredis's offline queue (the figures are left out instead).
    queueDepth: async () => {
      if (connection.status !== 'ready') throw new Error(`Redis is ${connection.status}`);
      return Promise.all(queues.all().map(async (q) => ({ queue: q.name, counts: await q.getJobCounts(...QUEUE_STATES) })));
    },
    outboxLag: () => services.operations.outboxLag(new Date()),
    casesByStatus: () => services.operations.casesByStatus(),
  });

  let http: Awaited<ReturnType<typeof startHttp>> | null = null;
  if (config.role !== 'worker') {
    const schema = await buildChoteiSchema();
    http = await startHttp({ config, db, services, schema, log, redis: fast, redisHealth, metrics, extraRoutes: (app) => {
      metricsRoute(app, { metrics, token: config.metricsToken });
      queueDashboardRoutes(app, { authenticate: (authorization) => services.auth.authenticate(authorization), queues: queues.all(), secureCookie: config.env === 'production' });
      fileRoutes(app, { services, config, redis: fast, log });
      dossierRoutes(app, { services, config, redis: fast, log });
      optOutExportRoutes(app, { optOuts: services.optOuts }); noticePageRoutes(app, { notices: services.notices }); accountPageRoutes(app, { accounts: services.accounts }); },
      onServer: async (server) => attachSubscriptions(server, { schema, services, db, config, log, redis: fast }) });
    log.info({ url: http.url }, 'API listening');
    const indexStart = Date.now();
    void services.optOuts.warmUp().then(() => {
      const size = services.optOuts.hashIndexSize();
      if (size) log.info({ works: size.works, megabytes: Math.round(size.bytes / 1e6), ms: Date.now() - indexStart }, 'opt-out hash index built');
    });
    if (config.env === 'production' && !config.metricsToken) log.warn('GET /metrics is open (no METRICS_TOKEN): keep it off the public load balancer, or set METRICS_TOKEN');
  }
  const workers = config.role !== 'api'
    ? startWorkers(jobContext, connection, config.redisPrefix, {
      concurrency: config.workerConcurrency, lockDurationMs: config.jobLockMs, queues: config.workerQueues, beforeJob: () => db.freshReads(),
    })
    : [];
  observeJobs(workers, metrics);
  // A worker has no API server: with METRICS_PORT its figures are served by a listener of its own.
  const metricsServer = config.role === 'worker' && config.metricsPort !== null
    ? await startMetricsServer(metrics, { host: config.host, port: config.metricsPort, token: config.metricsToken })
    : null;
  if (metricsServer) log.info({ url: metricsServer.url }, 'worker metrics listening');
  relay.start();
  let schedulers: MaintenanceSchedulers | null = null;
  if (workers.some((w) => w.name === QueueName.MAINTENANCE)) {
    // The deadline sweep, the webhook sweep and the reconciler repair what Redis lost: one scheduler of each for all
    // workers, upserted again every interval by every worker (a Redis that came back empty has none).
    schedulers = new MaintenanceSchedulers(queues, config.sweepIntervalMs, log);
    await schedulers.start();
    log.info({ queues: workers.map((w) => w.name) }, 'workers running');
  }

  // Jobs being processed, for the shutdown's account of what is still running.
  const activeJobs = new Map<string, string>();
  for (const worker of workers) {
    worker.on('active', (job) => activeJobs.set(`${worker.name}:${job.id}`, `${worker.name}/${job.name} ${job.id}`));
    const finished = (job: { id?: string } | undefined) => { if (job) activeJobs.delete(`${worker.name}:${job.id}`); };
    worker.on('completed', finished);
    worker.on('failed', finished);
  }

  let closing: Promise<void> | null = null;
  let closingStep = 'not stopping';
  return {
    config, db, services, queues, log, url: http?.url ?? null, workers, relay, metrics, metricsUrl: metricsServer?.url ?? null,
    close: () => {
      closing ??= (async () => {
        const step = async (name: string, fn: () => Promise<unknown> | unknown) => {
          closingStep = name;
          log.debug({ step: name }, 'shutdown');
          await fn();
        };
        // Requests first (they may commit and enqueue), then the jobs BullMQ gave this process (worker.close waits for them).
        if (http) await step('http', () => http!.stop());
        await step('metrics', () => metricsServer?.close());
        await step('schedulers', () => schedulers?.stop());
        await step('workers', () => Promise.all(workers.map((w) => w.close())));
        // After the last commit of this process: its outbox rows go to BullMQ now rather than wait for another process's relay.
        await step('relay', async () => {
          await relay.stop();
          await relay.drain().catch((error) => log.warn({ err: error }, 'outbox rows left for the next relay'));
        });
        await step('queues', () => queues.close());
        await step('case events', () => services.caseEvents.stop());
        connection.disconnect();
        redisHealth.close();
        await step('database', () => db.close());
        await step('redis', () => redis.stop());
      })();
      return closing;
    },
    pending: () => {
      const parts = [`step: ${closingStep}`];
      if (http) {
        const { requests, connections, handlers } = http.pending();
        parts.push(`${requests.length} HTTP request(s) unanswered${requests.length ? ` (${requests.slice(0, 10).join(', ')}${requests.length > 10 ? ', …' : ''})` : ''}, `
          + `${handlers} GraphQL operation(s) running, ${connections} connection(s) open`);
      }
      const jobs = [...activeJobs.values()];
      parts.push(`${jobs.length} job(s) running${jobs.length ? ` (${jobs.slice(0, 10).join(', ')}${jobs.length > 10 ? ', …' : ''})` : ''}`);
      return parts.join('; ');
    },
  };
}
