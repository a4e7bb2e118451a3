import { Queue, JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { WEBHOOK_JOB_OPTIONS } from './deliver-webhook.job';
import { MAIL_JOB_ATTEMPTS, QueueName } from '../domain/queues';

/** Retries with backoff, and bounded retention (BullMQ keeps finished jobs forever unless told). */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

/** Per-queue changes to DEFAULT_JOB_OPTIONS (webhooks retry with their own backoff for 24 hours). */
export const QUEUE_JOB_OPTIONS: Partial<Record<QueueName, JobsOptions>> = {
  [QueueName.WEBHOOK]: WEBHOOK_JOB_OPTIONS,
  [QueueName.MAIL]: { attempts: MAIL_JOB_ATTEMPTS },
};

/** One BullMQ Queue per queue name, sharing one connection, under the instance's key prefix. */
export class QueueRegistry {
  private readonly queues = new Map<string, Queue>();
  /** `retryBaseMs`: the first retry delay of the exponential backoff (JOB_RETRY_BASE; default that of DEFAULT_JOB_OPTIONS). */
  constructor(private readonly connection: Redis, readonly prefix: string, private readonly retryBaseMs?: number, private readonly onError?: (error: Error) => void) {}

  get(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      if (!Object.values(QueueName).includes(name as QueueName)) throw new Error(`Unknown queue ${name}`);
      const backoff = this.retryBaseMs === undefined ? {} : { backoff: { type: 'exponential', delay: this.retryBaseMs } };
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix, defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, ...backoff, ...QUEUE_JOB_OPTIONS[name as QueueName] } });
      // Connection errors while Redis is away: without a listener BullMQ prints each reconnect attempt to the console;
      // the outage itself is reported once by whoever watches Redis (onError, when given).
      queue.on('error', (error) => this.onError?.(error));
      this.queues.set(name, queue);
    }
    return queue;
  }

  all(): Queue[] {
    return Object.values(QueueName).map((n) => this.get(n));
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
