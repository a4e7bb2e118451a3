import type { Processor } from './job-context';

/**
 * Periodic (job scheduler `reconcile` on the maintenance queue, src/jobs/schedulers.ts): re-creates,
 * under their deterministic ids, the jobs the database says should exist and BullMQ lost or failed for
 * good (ReconcilerService.reconcile). Safe in every worker at once.
 */
export const processReconcile: Processor<Record<string, never>> = async (ctx) => ctx.services.reconciler.reconcile(ctx.now());
