import type { Job, Worker } from 'bullmq';
import { QueueName } from '../domain/queues';
import type { AppMetrics, MailOutcome } from '../infra/metrics/metrics';

/** Seconds a finished attempt took (BullMQ stamps processedOn and finishedOn), or null when not stamped. */
const secondsOf = (job: Job) => (job.processedOn && job.finishedOn ? Math.max(0, job.finishedOn - job.processedOn) / 1000 : null);

/** Whether a failed attempt was the last: an UnrecoverableError, or the queue's attempts used up. */
const isFinal = (job: Job, error: Error) => error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);

/**
 * Records the figures of this process's workers from their events (no processor or service knows about metrics):
 * jobs completed and failed with their durations, and, from what the processors return, deadlines fired by their
 * job or by the sweep, the reconciler's repairs, webhook and mail delivery outcomes.
 */
export function observeJobs(workers: readonly Worker[], metrics: AppMetrics): void {
  for (const worker of workers) {
    const queue = worker.name;
    worker.on('completed', (job, result) => {
      metrics.jobCompleted(queue, job.name, secondsOf(job));
      outcomeOf(metrics, queue, job.name, result);
    });
    worker.on('failed', (job, error) => {
      if (!job) return;
      const final = isFinal(job, error);
      metrics.jobFailed(queue, job.name, final, secondsOf(job));
      if (queue === QueueName.WEBHOOK) metrics.webhookDelivery(final ? 'failed' : 'retrying');
      if (queue === QueueName.MAIL) metrics.mailDelivery(job.name, final ? 'failed' : 'retrying');
    });
  }
}

const MAIL_OUTCOMES: Record<string, MailOutcome> = { sent: 'sent', served: 'sent', refused: 'refused', skipped: 'skipped' };

/** What a completed job's return value says (src/jobs/*.job.ts: each processor returns its service call's answer). */
function outcomeOf(metrics: AppMetrics, queue: string, name: string, result: unknown): void {
  if (queue === QueueName.DEADLINE && name === 'fire' && result === true) metrics.deadlineFired('job');
  else if (queue === QueueName.MAINTENANCE && name === 'sweep' && typeof result === 'number') metrics.deadlineFired('sweep', result);
  else if (queue === QueueName.MAINTENANCE && name === 'reconcile' && result && typeof result === 'object') {
    const report = result as { repaired?: unknown; exhausted?: unknown };
    metrics.jobsRepairedByReconciler(Number(report.repaired) || 0, Number(report.exhausted) || 0);
  } else if (queue === QueueName.WEBHOOK && (result === 'delivered' || result === 'skipped')) metrics.webhookDelivery(result);
  else if (queue === QueueName.MAIL && typeof result === 'string' && MAIL_OUTCOMES[result]) metrics.mailDelivery(name, MAIL_OUTCOMES[result]);
}
