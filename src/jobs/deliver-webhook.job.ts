import { WebhookDeliveryStatus, ServiceChannel } from '../domain/enums';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { JobsOptions, UnrecoverableError } from 'bullmq';
import type { Config } from '../config/env';
import type { Tx } from '../persistence/database';
import { AiFirmEntity, NoticeEntity, WebhookDeliveryEntity } from '../persistence/entities';
import { lockedNotice } from './serve-notice-email.job';
import { newWebhookSecret } from '../services/webhook.service';
import { describeDeliveryError, guardedLookup, webhookUrlProblem } from '../services/webhook-url';
import type { Logger } from 'pino';
import type { JobContext, Processor } from './job-context';
import { jobId, QueueName } from './queues';

export interface DeliverWebhookJobData { deliveryId: string }

/** How long a delivery is retried before it is marked FAILED. */
export const WEBHOOK_RETRY_WINDOW_MS = 24 * 3600 * 1000;
/** The longest wait between two attempts (the doubling stops there). */
export const WEBHOOK_MAX_DELAY_MS = 3600 * 1000;
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Bytes of a receiver's answer read (and dropped) before the socket is closed. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * BullMQ options of the webhook queue (src/jobs/queue-registry.ts): the
 * custom 'webhook' backoff (below, registered on the workers) and enough
 * attempts that the 24-hour window, not the count, ends the retries.
 */
export const WEBHOOK_JOB_OPTIONS: JobsOptions = { attempts: 500, backoff: { type: 'webhook' } };

/** Wait before retry n (n = 1 after the first failure): base · 2^(n-1), at most an hour. */
export function webhookBackoff(config: Pick<Config, 'webhookRetryBaseMs'>, attemptsMade: number): number {
  const base = Math.max(1, config.webhookRetryBaseMs);
  return Math.min(WEBHOOK_MAX_DELAY_MS, Math.round(base * 2 ** Math.min(30, Math.max(0, attemptsMade - 1))));
}

/** The Chotei-Signature header: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under the firm's secret>. */
export function signWebhook(secret: string, rawBody: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

type Attempt = WebhookDeliveryEntity['attempts'][number];

/**
 * Delivers one webhook. POSTs the stored JSON body, signed with the firm's
 * current secret, to the firm's current URL (checked again, after DNS, against
 * the SSRF policy). A 2xx answer within 10 s is DELIVERED; anything else records
 * the attempt and throws, so BullMQ retries with the 'webhook' backoff, until the
 * next retry would fall beyond 24 hours after the delivery was created: then the
 * delivery is FAILED. A delivery that is no longer PENDING is left alone.
 *
 * At least once per attempt: a worker that dies after the POST but before
 * recording it POSTs again when the job is retried, with the same
 * Chotei-Delivery id — receivers dedupe on it.
 */
export const processDeliverWebhook: Processor<DeliverWebhookJobData> = async (ctx, { deliveryId }, job) => {
  const delivery = await ctx.db.reader.findOne(WebhookDeliveryEntity, { where: { id: deliveryId } });
  if (!delivery || delivery.status !== WebhookDeliveryStatus.PENDING) return 'skipped';
  const firm = await ctx.db.reader.findOne(AiFirmEntity, { where: { id: delivery.firmId } });
  const started = ctx.now();
  let attempt: Attempt;
  let url = delivery.url;
  if (!firm?.webhookUrl) {
    attempt = { at: started.toISOString(), statusCode: null, error: 'the firm has no webhook URL any more', durationMs: 0 };
  } else {
    url = firm.webhookUrl;
    const secret = firm.webhookSecret ?? (await ensureSecret(ctx, firm.id));
    attempt = await post(ctx.config, url, delivery, secret, started, ctx.log);
  }
  const delivered = attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300;
  const attemptsMade = job.attemptsMade + 1;
  const nextAt = ctx.now().getTime() + webhookBackoff(ctx.config, attemptsMade);
  const giveUp = !delivered && (!firm?.webhookUrl || nextAt > delivery.createdAt.getTime() + WEBHOOK_RETRY_WINDOW_MS
    || attemptsMade >= (WEBHOOK_JOB_OPTIONS.attempts ?? 1));
  const status = delivered ? WebhookDeliveryStatus.DELIVERED : giveUp ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.PENDING;
  const recorded = await ctx.db.transaction(async (tx) => {
    const qb = tx.em.createQueryBuilder(WebhookDeliveryEntity, 'd').where('d.id = :id', { id: deliveryId });
    if (tx.kind === 'postgres') qb.setLock('pessimistic_write');
    const row = await qb.getOne();
    if (!row || row.status !== WebhookDeliveryStatus.PENDING) return false;
    await tx.em.update(WebhookDeliveryEntity, { id: deliveryId }, {
      attempts: [...row.attempts, attempt], status, url, deliveredAt: delivered ? ctx.now() : null,
    });
    if (delivered || giveUp) await recordNoticeService(tx, row, delivered, attempt);
    return true;
  });
  if (!recorded || delivered) return recorded ? 'delivered' : 'skipped';
  const why = attempt.error ?? `HTTP ${attempt.statusCode}`;
  if (giveUp) throw new UnrecoverableError(`webhook ${deliveryId} FAILED after ${attemptsMade} attempts: ${why}`);
  throw new Error(`webhook ${deliveryId} attempt ${attemptsMade} failed: ${why}; retrying`);
};

/** Events whose webhook serves the case's notice on the firm (Notice.serviceAttempts, channel WEBHOOK). */
const NOTICE_EVENTS = new Set(['NOTICE_SENT', 'REVIEW_PROCEEDED']);

/** The final outcome of a notice's webhook, as one service attempt (neutral error, as the firm reads it). */
async function recordNoticeService(tx: Tx, delivery: WebhookDeliveryEntity, delivered: boolean, attempt: Attempt): Promise<void> {
  const caseId = delivery.body?.caseId;
  if (!NOTICE_EVENTS.has(delivery.eventType) || typeof caseId !== 'string') return;
  const notice = await lockedNotice(tx, { caseId });
  if (!notice || notice.firmId !== delivery.firmId) return;
  const entry = { channel: ServiceChannel.WEBHOOK, at: attempt.at, ok: delivered, error: delivered ? null : (attempt.error ?? `HTTP ${attempt.statusCode}`) };
  await tx.em.update(NoticeEntity, { id: notice.id }, { serviceAttempts: [...(notice.serviceAttempts ?? []), entry], ...(delivered && !notice.servedAt ? { servedAt: new Date(attempt.at) } : {}) });
}

/** A firm that gave a URL but never rotated gets its secret now (it rotates to see one). */
async function ensureSecret(ctx: JobContext, firmId: string): Promise<string> {
  return ctx.db.transaction(async (tx) => {
    await tx.em.createQueryBuilder().update(AiFirmEntity).set({ webhookSecret: newWebhookSecret() })
      .where('id = :id AND webhookSecret IS NULL', { id: firmId }).execute();
    const firm = await tx.em.findOneOrFail(AiFirmEntity, { where: { id: firmId } });
    return firm.webhookSecret!;
  });
}

/**
 * One POST; never throws: the outcome is the attempt record. The firm reads
 * the attempt's error (webhookDeliveries), so it holds a neutral reason; the
 * detail (addresses, what the host resolved to) goes to the server log only.
 */
async function post(config: Config, url: string, delivery: WebhookDeliveryEntity, secret: string, at: Date, log: Logger): Promise<Attempt> {
  const started = Date.now();
  const done = (statusCode: number | null, error: string | null): Attempt => ({ at: at.toISOString(), statusCode, error, durationMs: Date.now() - started });
  const problem = webhookUrlProblem(url, config.allowPrivateWebhooks);
  if (problem) {
    log.warn({ deliveryId: delivery.id, firmId: delivery.firmId, problem }, 'webhook URL refused at delivery');
    return done(null, 'refused: the webhook URL is not accepted; webhooks go to public http(s) addresses only');
  }
  const target = new URL(url);
  const raw = JSON.stringify(delivery.body);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<Attempt>((resolve) => {
    let settled = false;
    const finish = (a: Attempt) => { if (!settled) { settled = true; clearTimeout(timer); resolve(a); } };
    const req = client.request(target, {
      method: 'POST',
      lookup: guardedLookup(config.allowPrivateWebhooks) as never,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(raw),
        'user-agent': 'Chotei-Webhooks/1',
        'chotei-signature': signWebhook(secret, raw, at),
        'chotei-delivery': delivery.id,
      },
    }, (res) => {
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_RESPONSE_BYTES) res.destroy();
      });
      const end = () => finish(done(res.statusCode ?? null, res.statusCode && res.statusCode >= 200 && res.statusCode < 300 ? null : `HTTP ${res.statusCode}`));
      res.on('end', end);
      res.on('close', end);
      res.on('error', end);
    });
    const timer = setTimeout(() => {
      req.destroy(Object.assign(new Error(`no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`), { code: 'ECHOTEITIMEOUT' }));
    }, WEBHOOK_TIMEOUT_MS);
    req.on('error', (err) => {
      log.warn({ deliveryId: delivery.id, firmId: delivery.firmId, err: { message: err.message, code: (err as NodeJS.ErrnoException).code } }, 'webhook attempt failed');
      finish(done(null, describeDeliveryError(err, WEBHOOK_TIMEOUT_MS)));
    });
    req.end(raw);
  });
}

/** How long past its expected next attempt a PENDING delivery may sit before the sweep re-enqueues its job. */
const SWEEP_GRACE_MS = 2 * 60 * 1000;

/**
 * Repairs deliveries whose job Redis lost: every PENDING delivery that is well
 * past its expected next attempt gets its job (same id, webhook-<deliveryId>)
 * written to the outbox again. Where the job still exists BullMQ ignores the
 * duplicate id, so the sweep can never cause an extra attempt. Runs on the
 * maintenance queue's scheduler (src/app.ts).
 */
export const processWebhookSweep: Processor<Record<string, never>> = async (ctx) => {
  const now = ctx.now().getTime();
  const grace = Math.max(SWEEP_GRACE_MS, 2 * ctx.config.jobLockMs);
  const pending = await ctx.db.reader.find(WebhookDeliveryEntity, { where: { status: WebhookDeliveryStatus.PENDING }, order: { createdAt: 'ASC' }, take: 500 });
  const stale = pending.filter((d) => {
    const last = d.attempts.length ? new Date(d.attempts[d.attempts.length - 1].at).getTime() : d.createdAt.getTime();
    return now - last > webhookBackoff(ctx.config, d.attempts.length) + grace;
  });
  if (stale.length === 0) return 0;
  await ctx.db.transaction(async (tx) => {
    for (const d of stale) await tx.enqueue({ queue: QueueName.WEBHOOK, name: 'deliver', jobId: jobId('webhook', d.id), payload: { deliveryId: d.id } });
  });
  ctx.log.info({ count: stale.length }, 'webhook sweep re-enqueued deliveries whose jobs were lost');
  return stale.length;
};
