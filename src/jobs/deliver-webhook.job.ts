import { JobsOptions, UnrecoverableError } from 'bullmq';
import { WEBHOOK_MAX_ATTEMPTS } from '../services/webhook.service';
import type { Processor } from './job-context';

export interface DeliverWebhookJobData { deliveryId: string }

/**
 * BullMQ options of the webhook queue (src/jobs/queue-registry.ts): the
 * custom 'webhook' backoff (registered on the workers) and enough
 * attempts that the 24-hour window, not the count, ends the retries.
 */
export const WEBHOOK_JOB_OPTIONS: JobsOptions = { attempts: WEBHOOK_MAX_ATTEMPTS, backoff: { type: 'webhook' } };

/**
 * Delivers one webhook (WebhookService.deliver). A failed attempt throws so
 * BullMQ retries with the 'webhook' backoff; the last one throws
 * UnrecoverableError (the delivery is FAILED).
 */
export const processDeliverWebhook: Processor<DeliverWebhookJobData> = async (ctx, { deliveryId }, job) => {
  const outcome = await ctx.services.webhooks.deliver(deliveryId, job.attemptsMade + 1, ctx);
  if (typeof outcome === 'string') return outcome;
  throw outcome.final ? new UnrecoverableError(outcome.failed) : new Error(outcome.failed);
};

/** Re-enqueues PENDING deliveries whose job Redis lost (WebhookService.sweep); on the maintenance queue's scheduler. */
export const processWebhookSweep: Processor<Record<string, never>> = (ctx) => ctx.services.webhooks.sweep(ctx);
