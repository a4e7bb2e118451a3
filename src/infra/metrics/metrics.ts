import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CaseStatus } from '../../domain/enums';
import { withTimeout } from '../redis';

/**
 * The Prometheus figures of one running app (`GET /metrics`, README "Operating"). One Registry per app, never
 * prom-client's global one: tests start several apps in one process. Callers record through the small methods
 * below (no layer above imports prom-client); figures read at scrape time come from `ScrapeSources`, given by
 * src/app.ts. Labels never carry personal data or row ids: routes, queue and job names, status codes, error codes,
 * outcomes, and operation names bounded by OPERATION_LABEL_LIMIT.
 */

/** Job states whose depth is read at scrape time (BullMQ getJobCounts). */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type QueueState = typeof QUEUE_STATES[number];

/** What is read at scrape time, each bounded by SCRAPE_TIMEOUT_MS so that an outage never hangs /metrics. */
export interface ScrapeSources {
  /** Job counts per queue and state. */
  queueDepth(): Promise<Array<{ queue: string; counts: Partial<Record<QueueState, number>> }>>;
  /** Outbox rows not yet handed to BullMQ, and the age of the oldest in seconds (0 when none). */
  outboxLag(): Promise<{ pending: number; oldestAgeSeconds: number }>;
  /** Cases per status. */
  casesByStatus(): Promise<Partial<Record<string, number>>>;
}

/** How long one scrape-time source may take before its figures are left out (and `chotei_scrape_source_up` is 0). */
export const SCRAPE_TIMEOUT_MS = 1_000;
/** Scrapes closer together than this share one reading of the sources (a burst of GET /metrics costs one set of queries). */
export const SCRAPE_CACHE_MS = 2_000;
/** Distinct GraphQL operation names kept as labels; later new names are counted as `other` (clients choose names). */
export const OPERATION_LABEL_LIMIT = 100;

export type WebhookOutcome = 'delivered' | 'retrying' | 'failed' | 'skipped';
export type MailOutcome = 'sent' | 'refused' | 'skipped' | 'retrying' | 'failed';

const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export class AppMetrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();
  private sources: ScrapeSources | null = null;
  private reading: { at: number; value: Promise<SourceReadings> } | null = null;

  private readonly httpDuration = new Histogram({
    name: 'chotei_http_request_duration_seconds', help: 'HTTP requests by route pattern, method and status: latency (its _count is the request count).',
    labelNames: ['route', 'method', 'status'], buckets: LATENCY_BUCKETS, registers: [this.registry],
  });
  private readonly operationDuration = new Histogram({
    name: 'chotei_graphql_operation_duration_seconds', help: 'GraphQL operations over HTTP by operation name and type: latency (its _count is the operation count).',
    labelNames: ['operation', 'type'], buckets: LATENCY_BUCKETS, registers: [this.registry],
  });
  private readonly graphqlErrors = new Counter({
    name: 'chotei_graphql_errors_total', help: 'Errors in GraphQL answers, by extensions.code.', labelNames: ['code'], registers: [this.registry],
  });
  private readonly jobsCompleted = new Counter({
    name: 'chotei_jobs_completed_total', help: 'Jobs this process completed, by queue and job name.', labelNames: ['queue', 'name'], registers: [this.registry],
  });
  private readonly jobsFailed = new Counter({
    name: 'chotei_jobs_failed_total', help: 'Job attempts that failed in this process, by queue and job name; final="true" when no retry follows.',
    labelNames: ['queue', 'name', 'final'], registers: [this.registry],
  });
  private readonly jobDuration = new Histogram({
    name: 'chotei_job_duration_seconds', help: 'Processing time of job attempts in this process, by queue, job name and result (completed or failed).',
    labelNames: ['queue', 'name', 'result'], buckets: JOB_BUCKETS, registers: [this.registry],
  });
  private readonly deadlinesFired = new Counter({
    name: 'chotei_deadlines_fired_total', help: 'Deadlines fired, by what fired them: their delayed job, or the sweep (the job was lost or late).',
    labelNames: ['via'], registers: [this.registry],
  });
  private readonly jobsRepaired = new Counter({
    name: 'chotei_jobs_repaired_total', help: 'Jobs the reconciler re-created (JOB_REPAIRED) because BullMQ lost them or they failed for good.', registers: [this.registry],
  });
  private readonly repairsExhausted = new Counter({
    name: 'chotei_jobs_repair_exhausted_total', help: 'Jobs the reconciler left in the failed set for an admin after RECONCILE_MAX_REPAIRS repairs.', registers: [this.registry],
  });
  private readonly webhookDeliveries = new Counter({
    name: 'chotei_webhook_deliveries_total', help: 'Webhook delivery attempts by outcome: delivered, retrying, failed (final), skipped (no longer pending).',
    labelNames: ['outcome'], registers: [this.registry],
  });
  private readonly mailDeliveries = new Counter({
    name: 'chotei_mail_deliveries_total', help: 'Mail jobs by kind (job name) and outcome: sent, refused, skipped, retrying, failed (final).',
    labelNames: ['kind', 'outcome'], registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const self = this;
    new Gauge({
      name: 'chotei_queue_jobs', help: 'Jobs per BullMQ queue and state (waiting, active, delayed, failed), read from Redis at scrape time.',
      labelNames: ['queue', 'state'], registers: [this.registry],
      async collect() {
        this.reset();
        const depth = (await self.read()).queueDepth;
        for (const { queue, counts } of depth ?? []) for (const state of QUEUE_STATES) this.set({ queue, state }, counts[state] ?? 0);
      },
    });
    new Gauge({
      name: 'chotei_outbox_pending_rows', help: 'Outbox rows not yet handed to BullMQ, read at scrape time.', registers: [this.registry],
      async collect() {
        this.reset();
        const lag = (await self.read()).outboxLag;
        if (lag) this.set(lag.pending);
      },
    });
    new Gauge({
      name: 'chotei_outbox_oldest_age_seconds', help: 'Age of the oldest outbox row not yet handed to BullMQ (0 when none), read at scrape time.', registers: [this.registry],
      async collect() {
        this.reset();
        const lag = (await self.read()).outboxLag;
        if (lag) this.set(lag.oldestAgeSeconds);
      },
    });
    new Gauge({
      name: 'chotei_cases', help: 'Cases per status, counted at scrape time.', labelNames: ['status'], registers: [this.registry],
      async collect() {
        this.reset();
        const counts = (await self.read()).casesByStatus;
        if (counts) for (const status of Object.values(CaseStatus)) this.set({ status }, counts[status] ?? 0);
      },
    });
    new Gauge({
      name: 'chotei_scrape_source_up', help: 'Whether a scrape-time source answered within its timeout at the last scrape (1) or not (0; its figures are left out).',
      labelNames: ['source'], registers: [this.registry],
      async collect() {
        const readings = await self.read();
        for (const source of ['queueDepth', 'outboxLag', 'casesByStatus'] as const) this.set({ source }, readings[source] === null ? 0 : 1);
      },
    });
  }

  /** Gives the scrape-time sources (src/app.ts); without them those figures are absent. */
  useSources(sources: ScrapeSources): void {
    this.sources = sources;
  }

  /** The Prometheus text exposition and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  httpRequest(route: string, method: string, status: number, seconds: number): void {
    this.httpDuration.observe({ route, method, status: String(status) }, seconds);
  }

  /** One GraphQL operation; `name` is bounded here (see operationLabel). */
  graphqlOperation(name: string | null, type: string, seconds: number, errorCodes: readonly string[]): void {
    this.operationDuration.observe({ operation: this.operationLabel(name), type }, seconds);
    for (const code of errorCodes) this.graphqlErrors.inc({ code });
  }

  jobCompleted(queue: string, name: string, seconds: number | null): void {
    this.jobsCompleted.inc({ queue, name });
    if (seconds !== null) this.jobDuration.observe({ queue, name, result: 'completed' }, seconds);
  }

  jobFailed(queue: string, name: string, final: boolean, seconds: number | null): void {
    this.jobsFailed.inc({ queue, name, final: String(final) });
    if (seconds !== null) this.jobDuration.observe({ queue, name, result: 'failed' }, seconds);
  }

  deadlineFired(via: 'job' | 'sweep', count = 1): void {
    if (count > 0) this.deadlinesFired.inc({ via }, count);
  }

  jobsRepairedByReconciler(repaired: number, exhausted: number): void {
    if (repaired > 0) this.jobsRepaired.inc(repaired);
    if (exhausted > 0) this.repairsExhausted.inc(exhausted);
  }

  webhookDelivery(outcome: WebhookOutcome): void {
    this.webhookDeliveries.inc({ outcome });
  }

  mailDelivery(kind: string, outcome: MailOutcome): void {
    this.mailDeliveries.inc({ kind, outcome });
  }

  /**
   * The label of an operation name: `anonymous` when there is none; the name itself for the first
   * OPERATION_LABEL_LIMIT distinct names; `other` after that (names are chosen by clients: the label set stays bounded).
   */
  private operationLabel(name: string | null): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= OPERATION_LABEL_LIMIT) return 'other';
    this.operationNames.add(name);
    return name;
  }

  /** One reading of every source per SCRAPE_CACHE_MS, each bounded by SCRAPE_TIMEOUT_MS (null: failed or too slow). */
  private read(): Promise<SourceReadings> {
    const now = Date.now();
    if (this.reading && now - this.reading.at < SCRAPE_CACHE_MS) return this.reading.value;
    const sources = this.sources;
    const bounded = async <T>(what: string, run: (() => Promise<T>) | undefined): Promise<T | null> => {
      if (!run) return null;
      try {
        return await withTimeout(run(), SCRAPE_TIMEOUT_MS, what);
      } catch {
        return null;
      }
    };
    const value = Promise.all([
      bounded('queue depth', sources ? () => sources.queueDepth() : undefined),
      bounded('outbox lag', sources ? () => sources.outboxLag() : undefined),
      bounded('cases by status', sources ? () => sources.casesByStatus() : undefined),
    ]).then(([queueDepth, outboxLag, casesByStatus]) => ({ queueDepth, outboxLag, casesByStatus }));
    this.reading = { at: now, value };
    return value;
  }
}

interface SourceReadings {
  queueDepth: Awaited<ReturnType<ScrapeSources['queueDepth']>> | null;
  outboxLag: Awaited<ReturnType<ScrapeSources['outboxLag']>> | null;
  casesByStatus: Awaited<ReturnType<ScrapeSources['casesByStatus']>> | null;
}
