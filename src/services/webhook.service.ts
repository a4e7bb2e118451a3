import { ServiceChannel, WebhookDeliveryStatus } from '../domain/enums';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config/env';
import type { Database, Tx } from '../persistence/database';
import type { AiFirmEntity, WebhookDeliveryEntity } from '../persistence/entities';
import { jobId, QueueName } from '../domain/queues';
import type { RequestContext } from '../policies/context';
import { AppError, InputCheck, notFound } from '../domain/errors';
import { requireFirm } from '../policies/guards';
import { Page, PageArgs, pageSize } from '../persistence/paging/keyset';
import { webhookUrlProblem } from '../infra/webhooks/url-policy';
import { postWebhook } from '../infra/webhooks/client';
import { ownListScope } from '../policies';
import * as firms from '../persistence/repositories/firm.repository';
import * as notices from '../persistence/repositories/notice.repository';
import * as deliveries from '../persistence/repositories/webhook-delivery.repository';
import type { WebhookAttempt } from '../persistence/repositories/webhook-delivery.repository';


/** What a firm's endpoint receives (the JSON body). Ids and event types only. */
export interface WebhookBody {
  id: string;
  type: string;
  caseId: string | null;
  occurredAt: string;
  data: Record<string, unknown>;
}

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/**
 * A new signing secret in the Standard Webhooks form: `whsec_` + standard base64 of 32 random bytes (50
 * characters), which the `standardwebhooks` libraries take as it is. Secrets made earlier (base64url after
 * the prefix) keep working: src/infra/webhooks/client.ts standardWebhookSecret reads them as the same bytes.
 */
export const newWebhookSecret = () => WEBHOOK_SECRET_PREFIX + randomBytes(32).toString('base64');

/** The event type of pingWebhook's test delivery. */
export const PING_EVENT = 'ping';

/** How long a delivery is retried before it is marked FAILED. */
export const WEBHOOK_RETRY_WINDOW_MS = 24 * 3600 * 1000;
/** The longest wait between two attempts (the doubling stops there). */
export const WEBHOOK_MAX_DELAY_MS = 3600 * 1000;
/** Attempts BullMQ makes at most (src/jobs/deliver-webhook.job.ts): enough that the 24-hour window, not the count, ends the retries. */
export const WEBHOOK_MAX_ATTEMPTS = 500;

/** Wait before retry n (n = 1 after the first failure): base · 2^(n-1), at most an hour. */
export function webhookBackoff(config: Pick<Config, 'webhookRetryBaseMs'>, attemptsMade: number): number {
  const base = Math.max(1, config.webhookRetryBaseMs);
  return Math.min(WEBHOOK_MAX_DELAY_MS, Math.round(base * 2 ** Math.min(30, Math.max(0, attemptsMade - 1))));
}

/** Events whose webhook serves the case's notice on the firm (Notice.serviceAttempts, channel WEBHOOK). */
const NOTICE_EVENTS = new Set(['NOTICE_SENT', 'REVIEW_PROCEEDED']);

/** How long past its expected next attempt a PENDING delivery may sit before the sweep re-enqueues its job. */
const SWEEP_GRACE_MS = 2 * 60 * 1000;

/** What a delivery job runs with: its clock and log (a JobContext is one). */
export interface WebhookJobRun {
  now(): Date;
  log: Logger;
}

/** How an attempt ended: delivered, nothing to do, or failed (`final`: no retry will follow). */
export type DeliveryOutcome = 'delivered' | 'skipped' | { failed: string; final: boolean };

/**
 * A firm's webhook endpoint: its URL (checked against the SSRF policy), its
 * signing secret (rotatable, shown once) and the deliveries with every attempt.
 *
 * The secret: a firm that gives a webhookUrl (at sign-up or later) gets a
 * secret generated for it no later than the first delivery — sign-up cannot
 * show it, so a firm calls rotateWebhookSecret once to obtain the secret it
 * verifies signatures with. Deliveries are signed with the secret current at
 * the moment of each attempt.
 */
export class WebhookService {
  constructor(private readonly db: Database, private readonly config: Config) {}

  /** The wait before retry `attemptsMade` of a delivery job (the 'webhook' backoff the workers register). */
  backoff(attemptsMade: number): number {
    return webhookBackoff(this.config, attemptsMade);
  }

  /** The SSRF policy on a URL as written; null when acceptable. AccountService uses it for sign-up. */
  readonly urlProblem = (url: string): string | null => webhookUrlProblem(url, this.config.allowPrivateWebhooks);

  /** AI_FIRM: a new signing secret, returned once; deliveries from now on are signed with it. */
  async rotateSecret(ctx: RequestContext): Promise<string> {
    const viewer = requireFirm(ctx);
    const secret = newWebhookSecret();
    await this.db.transaction(async (tx) => {
      if (!(await firms.setWebhookSecret(tx, viewer.firmId, secret))) throw notFound('AI firm', viewer.firmId);
    });
    return secret;
  }

  /** AI_FIRM: sets (or with null removes) the webhook URL. A secret is generated if the firm has none yet (rotate to see it). */
  async updateUrl(ctx: RequestContext, url: string | null | undefined): Promise<AiFirmEntity> {
    const viewer = requireFirm(ctx);
    const value = url?.trim() ? url.trim() : null;
    if (value) {
      const problem = this.urlProblem(value);
      new InputCheck('url').check(!problem, 'url', problem ?? '').throwIfAny();
    }
    return this.db.transaction(async (tx) => {
      const firm = await firms.findFirm(tx, viewer.firmId);
      if (!firm) throw notFound('AI firm', viewer.firmId);
      const changes: Partial<AiFirmEntity> = { webhookUrl: value };
      if (value && !firm.webhookSecret) changes.webhookSecret = newWebhookSecret();
      await firms.updateWebhookSettings(tx, firm.id, changes);
      return Object.assign(firm, changes);
    });
  }

  /** AI_FIRM: the firm's deliveries, newest first, each with its attempts. */
  async deliveries(ctx: RequestContext, args: PageArgs & { status?: WebhookDeliveryStatus | null }): Promise<Page<WebhookDeliveryEntity>> {
    const own = ownListScope(ctx, 'webhookDeliveries');
    const first = pageSize(args);
    return deliveries.deliveriesPage(this.db.reads, own.sql('d'), { status: args.status }, { first, after: args.after });
  }

  /**
   * AI_FIRM: sends one of the firm's own deliveries again (redeliverWebhook): the same body and the same
   * delivery id (webhook-id, Chotei-Delivery: receivers dedupe on it), to the firm's current URL, signed afresh
   * at each attempt. Its attempts are added to the delivery's, retried like a new delivery for 24 hours from
   * now. Through the outbox, as a new job round (webhook-<id>-r<n>). A delivery still PENDING is on its way
   * already (queued or between retries): CONFLICT. Another firm's delivery answers NOT_FOUND, like a missing one.
   */
  async redeliver(ctx: RequestContext, deliveryId: string): Promise<WebhookDeliveryEntity> {
    const own = ownListScope(ctx, 'webhookDeliveries');
    const now = new Date();
    return this.db.transaction(async (tx) => {
      const row = await deliveries.lockedDelivery(tx, deliveryId);
      if (!row || !own.owns(row.firmId)) throw notFound('Webhook delivery', deliveryId);
      if (row.status === WebhookDeliveryStatus.PENDING) {
        throw new AppError('CONFLICT', `deliveryId: webhook delivery ${deliveryId} is still PENDING (queued or waiting for its next retry); redeliver it once it is DELIVERED or FAILED`,
          { argument: 'deliveryId', status: row.status });
      }
      const firm = await firms.findFirm(tx, own.ownerId);
      if (!firm) throw notFound('AI firm', own.ownerId);
      const url = requireUrl(firm);
      await this.secretFor(tx, firm);
      const changes = { status: WebhookDeliveryStatus.PENDING, url, deliveredAt: null, redeliveries: (row.redeliveries ?? 0) + 1, redeliveredAt: now };
      await deliveries.startRedelivery(tx, row.id, changes);
      await enqueueDeliveryJob(tx, row.id, changes.redeliveries);
      return Object.assign(row, changes);
    });
  }

  /**
   * AI_FIRM: a test event (type "ping") to the firm's registered URL (pingWebhook), delivered, signed and
   * recorded like any other delivery. Without a URL: BAD_USER_INPUT on webhookUrl.
   */
  async ping(ctx: RequestContext): Promise<WebhookDeliveryEntity> {
    const viewer = requireFirm(ctx);
    const now = new Date();
    return this.db.transaction(async (tx) => {
      const firm = await firms.findFirm(tx, viewer.firmId);
      if (!firm) throw notFound('AI firm', viewer.firmId);
      requireUrl(firm);
      const delivery = await this.enqueueDelivery(tx, firm, {
        type: PING_EVENT, caseId: null, notificationId: null, occurredAt: now, data: { test: true },
      }, now);
      return delivery!;
    });
  }

  /**
   * Creates a PENDING delivery of one message to the firm's current URL and
   * the outbox job that delivers it (job id webhook-<deliveryId>). Makes sure
   * the firm has a signing secret. No-op (null) when the firm has no URL.
   */
  async enqueueDelivery(tx: Tx, firm: AiFirmEntity, message: { type: string; caseId: string | null; notificationId: string | null; occurredAt: Date; data: Record<string, unknown> }, now: Date): Promise<WebhookDeliveryEntity | null> {
    if (!firm.webhookUrl) return null;
    await this.secretFor(tx, firm);
    const id = randomUUID();
    const body: WebhookBody = { id, type: message.type, caseId: message.caseId, occurredAt: message.occurredAt.toISOString(), data: message.data };
    const delivery = await deliveries.insertDelivery(tx, {
      id, firmId: firm.id, notificationId: message.notificationId, eventType: message.type, url: firm.webhookUrl, body,
      status: WebhookDeliveryStatus.PENDING, attempts: [], deliveredAt: null, createdAt: now, redeliveries: 0, redeliveredAt: null,
    });
    await enqueueDeliveryJob(tx, id);
    return delivery;
  }

  /**
   * Delivers one webhook (job deliver, src/jobs/deliver-webhook.job.ts; `attempt` counts from 1). POSTs the stored
   * JSON body, signed with the firm's current secret, to the firm's current URL (checked again, after DNS, against
   * the SSRF policy). A 2xx answer within 10 s is DELIVERED; anything else records the attempt and answers a
   * failure, so BullMQ retries with the 'webhook' backoff, until the next retry would fall beyond 24 hours after the
   * delivery was created: then the delivery is FAILED (a final failure). A delivery that is no longer PENDING is left alone.
   *
   * At least once per attempt: a worker that dies after the POST but before
   * recording it POSTs again when the job is retried, with the same
   * Chotei-Delivery id — receivers dedupe on it.
   */
  async deliver(deliveryId: string, attempt: number, run: WebhookJobRun): Promise<DeliveryOutcome> {
    const delivery = await deliveries.findDelivery(this.db.reads, deliveryId);
    if (!delivery || delivery.status !== WebhookDeliveryStatus.PENDING) return 'skipped';
    const firm = await firms.findFirm(this.db.reads, delivery.firmId);
    const started = run.now();
    let outcome: WebhookAttempt;
    let url = delivery.url;
    if (!firm?.webhookUrl) {
      outcome = { at: started.toISOString(), statusCode: null, error: 'the firm has no webhook URL any more', durationMs: 0 };
    } else {
      url = firm.webhookUrl;
      const secret = firm.webhookSecret ?? (await this.ensureSecret(firm.id));
      outcome = await postWebhook(url, delivery, secret, started, { allowPrivate: this.config.allowPrivateWebhooks, log: run.log });
    }
    const delivered = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const nextAt = run.now().getTime() + webhookBackoff(this.config, attempt);
    const roundStart = (delivery.redeliveredAt ?? delivery.createdAt).getTime();
    const giveUp = !delivered && (!firm?.webhookUrl || nextAt > roundStart + WEBHOOK_RETRY_WINDOW_MS
      || attempt >= WEBHOOK_MAX_ATTEMPTS);
    const status = delivered ? WebhookDeliveryStatus.DELIVERED : giveUp ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.PENDING;
    const recorded = await this.db.transaction(async (tx) => {
      const row = await deliveries.lockedDelivery(tx, deliveryId);
      if (!row || row.status !== WebhookDeliveryStatus.PENDING) return false;
      await deliveries.recordDeliveryAttempts(tx, deliveryId, {
        attempts: [...row.attempts, outcome], status, url, deliveredAt: delivered ? run.now() : null,
      });
      if (delivered || giveUp) await recordNoticeService(tx, row, delivered, outcome);
      return true;
    });
    if (!recorded || delivered) return recorded ? 'delivered' : 'skipped';
    const why = outcome.error ?? `HTTP ${outcome.statusCode}`;
    if (giveUp) return { failed: `webhook ${deliveryId} FAILED after ${attempt} attempts: ${why}`, final: true };
    return { failed: `webhook ${deliveryId} attempt ${attempt} failed: ${why}; retrying`, final: false };
  }

  /**
   * Repairs deliveries whose job Redis lost: every PENDING delivery that is well
   * past its expected next attempt gets its job (same id, webhook-<deliveryId>)
   * written to the outbox again. Where the job still exists BullMQ ignores the
   * duplicate id, so the sweep can never cause an extra attempt. Runs on the
   * maintenance queue's scheduler (src/app.ts). Returns how many were re-enqueued.
   */
  async sweep(run: WebhookJobRun): Promise<number> {
    const now = run.now().getTime();
    const grace = Math.max(SWEEP_GRACE_MS, 2 * this.config.jobLockMs);
    const pending = await deliveries.pendingDeliveries(this.db.reads, 500);
    const stale = pending.filter((d) => {
      const roundStart = (d.redeliveredAt ?? d.createdAt).getTime();
      const last = d.attempts.length ? Math.max(roundStart, new Date(d.attempts[d.attempts.length - 1].at).getTime()) : roundStart;
      return now - last > webhookBackoff(this.config, d.attempts.length) + grace;
    });
    if (stale.length === 0) return 0;
    await this.db.transaction(async (tx) => {
      for (const d of stale) await enqueueDeliveryJob(tx, d.id, d.redeliveries);
    });
    run.log.info({ count: stale.length }, 'webhook sweep re-enqueued deliveries whose jobs were lost');
    return stale.length;
  }

  /** Makes sure the firm has a signing secret (one is generated if it has none; it rotates to see one). */
  private async secretFor(tx: Tx, firm: AiFirmEntity): Promise<void> {
    if (firm.webhookSecret) return;
    const secret = newWebhookSecret();
    await firms.setWebhookSecretIfNone(tx, firm.id, secret);
    firm.webhookSecret = secret;
  }

  /** A firm that gave a URL but never rotated gets its secret now (it rotates to see one). */
  private ensureSecret(firmId: string): Promise<string> {
    return this.db.transaction(async (tx) => {
      await firms.setWebhookSecretIfNone(tx, firmId, newWebhookSecret());
      return (await firms.webhookSecretOf(tx, firmId))!;
    });
  }
}

/** The firm's webhook URL, or BAD_USER_INPUT on webhookUrl when it has none. */
function requireUrl(firm: AiFirmEntity): string {
  new InputCheck('webhookUrl').check(!!firm.webhookUrl, 'webhookUrl', 'your firm has no webhook URL: set one with updateWebhookUrl first').throwIfAny();
  return firm.webhookUrl!;
}

/**
 * The outbox row of a delivery's job: job id webhook-<deliveryId> for the first round, webhook-<deliveryId>-r<n>
 * for redelivery n (a finished job keeps its id in BullMQ for a while, so a new round needs a new one); within a
 * round a duplicate (the sweep) is ignored by BullMQ.
 */
function enqueueDeliveryJob(tx: Tx, deliveryId: string, round = 0): Promise<void> {
  return tx.enqueue({ queue: QueueName.WEBHOOK, name: 'deliver', jobId: deliveryJobId(deliveryId, round), payload: { deliveryId } });
}

/** The job id of a delivery's round: webhook-<id>, then webhook-<id>-r<n> for redelivery n (the reconciler asks for it too). */
export const deliveryJobId = (deliveryId: string, round = 0): string =>
  (round > 0 ? jobId('webhook', deliveryId, `r${round}`) : jobId('webhook', deliveryId));

/** The final outcome of a notice's webhook, as one service attempt (neutral error, as the firm reads it). */
async function recordNoticeService(tx: Tx, delivery: WebhookDeliveryEntity, delivered: boolean, attempt: WebhookAttempt): Promise<void> {
  const caseId = delivery.body?.caseId;
  if (!NOTICE_EVENTS.has(delivery.eventType) || typeof caseId !== 'string') return;
  const notice = await notices.lockedNotice(tx, { caseId });
  if (!notice || notice.firmId !== delivery.firmId) return;
  const entry = { channel: ServiceChannel.WEBHOOK, at: attempt.at, ok: delivered, error: delivered ? null : (attempt.error ?? `HTTP ${attempt.statusCode}`) };
  await notices.updateNotice(tx, notice.id, { serviceAttempts: [...(notice.serviceAttempts ?? []), entry], ...(delivered && !notice.servedAt ? { servedAt: new Date(attempt.at) } : {}) });
}
