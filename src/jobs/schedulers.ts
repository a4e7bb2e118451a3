import type { Logger } from 'pino';
import { QueueName } from '../domain/queues';
import type { QueueRegistry } from './queue-registry';

/**
 * The maintenance queue's periodic jobs: the deadline sweep (deadlines whose delayed jobs were lost),
 * the webhook sweep (deliveries whose jobs were lost) and the reconciler (every other job the database
 * expects). BullMQ keeps a job scheduler in Redis, so a Redis that comes back empty has none: every
 * worker process upserts them at start and again every interval. `upsertJobScheduler` is idempotent,
 * so N workers doing it keep one scheduler of each, not N.
 */
export class MaintenanceSchedulers {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly queues: QueueRegistry, private readonly everyMs: number, private readonly log: Logger) {}

  /** Upserts the schedulers once (awaited), then keeps upserting them every interval until stop(). */
  async start(): Promise<void> {
    await this.upsert();
    this.timer = setInterval(() => { this.running ??= this.upsert().catch((err) => this.log.warn({ err }, 'could not re-create the maintenance schedulers; will try again')).finally(() => { this.running = null; }); }, this.everyMs);
    this.timer.unref();
  }

  /** No more upserts (one in flight while Redis is away is not waited for: closing the queues ends it). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async upsert(): Promise<void> {
    const maintenance = this.queues.get(QueueName.MAINTENANCE);
    const every = { every: this.everyMs };
    await maintenance.upsertJobScheduler('deadline-sweep', every, { name: 'sweep', data: {} });
    await maintenance.upsertJobScheduler('webhook-sweep', every, { name: 'webhook-sweep', data: {} });
    await maintenance.upsertJobScheduler('reconcile', every, { name: 'reconcile', data: {} });
  }
}
