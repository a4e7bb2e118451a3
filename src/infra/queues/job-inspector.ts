import type { Job, Queue } from 'bullmq';

/** Where a job stands in BullMQ: on its way (waiting, delayed, active …), finished, failed for good, or unknown to BullMQ. */
export type JobStanding = 'pending' | 'completed' | 'failed' | 'missing';

/** A job in a queue's failed set, as an admin reads it. */
export interface FailedJob {
  queue: string;
  jobId: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  finishedOn: Date | null;
}

/**
 * What the reconciler (src/services/reconciler.service.ts) and the `failedJobs`
 * query ask of BullMQ, through its public API only: where a job stands, taking a
 * failed job out of the failed set so that it can be added again under the same
 * id, and the failed sets themselves.
 */
export interface JobInspector {
  /** Where the job stands, and when it finished (completed or failed) if it did. */
  standing(queue: string, jobId: string): Promise<{ standing: JobStanding; finishedAt: Date | null }>;
  /** Removes the job if it is in the failed set (or already gone); false when it is pending or completed (left alone). */
  removeFailed(queue: string, jobId: string): Promise<boolean>;
  /** The most recently failed jobs of every queue, newest first, at most `limit`. */
  failed(limit: number): Promise<FailedJob[]>;
}

/** The JobInspector over BullMQ queues (`queueNamed` gives the process's Queue objects: src/jobs/queue-registry.ts). */
export class BullJobInspector implements JobInspector {
  constructor(private readonly queueNamed: (name: string) => Queue, private readonly queueNames: readonly string[]) {}

  async standing(queue: string, jobId: string): Promise<{ standing: JobStanding; finishedAt: Date | null }> {
    const job = await this.queueNamed(queue).getJob(jobId);
    if (!job) return { standing: 'missing', finishedAt: null };
    return { standing: standingOf(await job.getState()), finishedAt: job.finishedOn ? new Date(job.finishedOn) : null };
  }

  async removeFailed(queue: string, jobId: string): Promise<boolean> {
    const job = await this.queueNamed(queue).getJob(jobId);
    if (!job) return true;
    const state = standingOf(await job.getState());
    if (state === 'missing') return true;
    if (state !== 'failed') return false;
    await job.remove();
    return true;
  }

  async failed(limit: number): Promise<FailedJob[]> {
    const perQueue = await Promise.all(this.queueNames.map(async (name) => {
      const jobs = await this.queueNamed(name).getFailed(0, Math.max(0, limit - 1));
      return jobs.filter((j): j is Job => !!j).map((j) => ({
        queue: name, jobId: String(j.id), name: j.name, failedReason: j.failedReason ?? '', attemptsMade: j.attemptsMade ?? 0,
        finishedOn: j.finishedOn ? new Date(j.finishedOn) : null,
      }));
    }));
    return perQueue.flat().sort((a, b) => (b.finishedOn?.getTime() ?? 0) - (a.finishedOn?.getTime() ?? 0)).slice(0, limit);
  }
}

function standingOf(state: string): JobStanding {
  if (state === 'completed') return 'completed';
  if (state === 'failed') return 'failed';
  if (state === 'unknown') return 'missing';
  return 'pending';
}
