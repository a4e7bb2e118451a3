import { Worker, Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobContext, Processor } from './job-context';
import { processIntake } from './intake-case.job';
import { processFireDeadline, processRemind, processSweep } from './deadline.job';
import { processReassess, processScreen } from './screen-case.job';
import { processTriageSimilarity } from './triage-similarity.job';
import { processDeliverWebhook, processWebhookSweep } from './deliver-webhook.job';
import { QueueName } from '../domain/queues';
import { processAssignMediator } from './assign-mediator.job';
import { processServeNoticeEmail } from './serve-notice-email.job';
import { processSendPasswordReset } from './send-password-reset.job';
import { processSendEmailVerification } from './send-email-verification.job';
import { processSendNotificationMail } from './send-notification-mail.job';
import { processReconcile } from './reconcile.job';
import { traceJob } from '../infra/tracing';

/** Which processor handles which job name, per queue. */
export const PROCESSORS: Partial<Record<QueueName, Record<string, Processor<any>>>> = {
  [QueueName.INTAKE]: { intake: processIntake },
  [QueueName.SCREEN]: { screen: processScreen, reassess: processReassess, 'triage-similarity': processTriageSimilarity },
  [QueueName.DEADLINE]: { fire: processFireDeadline, remind: processRemind },
  [QueueName.MAINTENANCE]: { sweep: processSweep, 'webhook-sweep': processWebhookSweep, reconcile: processReconcile },
  [QueueName.WEBHOOK]: { deliver: processDeliverWebhook },
  [QueueName.MEDIATION]: { 'assign-mediator': processAssignMediator },
  [QueueName.MAIL]: { 'serve-notice': processServeNoticeEmail, 'password-reset': processSendPasswordReset,
    'verify-email': processSendEmailVerification, notification: processSendNotificationMail },
};

/** Custom backoff strategies by name (a queue's job option `backoff: { type }`); builtin ones need none. */
export const BACKOFF_STRATEGIES: Record<string, (ctx: JobContext, attemptsMade: number) => number> = {
  webhook: (ctx, attemptsMade) => ctx.services.webhooks.backoff(attemptsMade),
};

export function registerProcessors(queue: QueueName, processors: Record<string, Processor<any>>): void {
  PROCESSORS[queue] = { ...(PROCESSORS[queue] ?? {}), ...processors };
}

export interface WorkerOptions {
  concurrency: number;
  lockDurationMs?: number;
  queues?: string[] | null;
  /** Called before each job: its reads must see commits made a moment ago by other processes (Database.freshReads). */
  beforeJob?: () => void;
}

/** Starts one BullMQ Worker per queue that has processors. */
export function startWorkers(ctx: JobContext, connection: Redis, prefix: string, options: WorkerOptions): Worker[] {
  return Object.entries(PROCESSORS).filter(([queue]) => !options.queues || options.queues.includes(queue)).map(([queue, processors]) => {
    const worker = new Worker(queue, async (job: Job) => {
      const processor = processors![job.name];
      if (!processor) throw new Error(`No processor for job ${job.name} on queue ${queue}`);
      // The job may follow a commit made a moment ago in another process.
      options.beforeJob?.();
      // Tracing: the relay adds the traceparent of the span that wrote the job's outbox row; the processor
      // runs in a child span of it (and sees only its own data).
      const { traceparent, ...data } = (job.data ?? {}) as { traceparent?: string };
      const meta = { id: job.id, name: job.name, attemptsMade: job.attemptsMade };
      return traceJob(queue, meta, traceparent, () => processor(ctx, traceparent === undefined ? job.data : data, meta));
    }, {
      connection, prefix, concurrency: options.concurrency, autorun: true,
      lockDuration: options.lockDurationMs ?? 30_000, stalledInterval: Math.max(1000, Math.floor((options.lockDurationMs ?? 30_000) / 2)),
      maxStalledCount: 5,
      settings: { backoffStrategy: (attemptsMade: number, type?: string) => BACKOFF_STRATEGIES[type ?? '']?.(ctx, attemptsMade) ?? 1000 * 2 ** (attemptsMade - 1) },
    });
    worker.on('failed', (job, err) => {
      ctx.log.warn({ queue, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed');
    });
    worker.on('error', (err) => ctx.log.error({ queue, err }, 'worker error'));
    return worker;
  });
}
