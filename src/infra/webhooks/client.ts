import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Logger } from 'pino';
import { describeDeliveryError, guardedLookup, webhookUrlProblem } from './url-policy';

/** How long a receiver has to answer one POST. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Bytes of a receiver's answer read (and dropped) before the socket is closed. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** The outcome of one POST, as recorded on the delivery (webhook_delivery.attempts). */
export interface WebhookPostAttempt { at: string; statusCode: number | null; error: string | null; durationMs: number }

/** The Chotei-Signature header: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under the firm's secret>. */
export function signWebhook(secret: string, rawBody: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/**
 * One POST of a delivery's JSON body, signed with `secret` at `at`; never
 * throws: the outcome is the attempt record. The URL is checked again against
 * the SSRF policy, and every address its host resolves to (the socket connects
 * to the checked address). The firm reads the attempt's error
 * (webhookDeliveries), so it holds a neutral reason; the detail (addresses,
 * what the host resolved to) goes to the server log only.
 */
export async function postWebhook(
  url: string, delivery: { id: string; firmId: string; body: unknown }, secret: string, at: Date,
  options: { allowPrivate: boolean; log: Logger },
): Promise<WebhookPostAttempt> {
  const { allowPrivate, log } = options;
  const started = Date.now();
  const done = (statusCode: number | null, error: string | null): WebhookPostAttempt => ({ at: at.toISOString(), statusCode, error, durationMs: Date.now() - started });
  const problem = webhookUrlProblem(url, allowPrivate);
  if (problem) {
    log.warn({ deliveryId: delivery.id, firmId: delivery.firmId, problem }, 'webhook URL refused at delivery');
    return done(null, 'refused: the webhook URL is not accepted; webhooks go to public http(s) addresses only');
  }
  const target = new URL(url);
  const raw = JSON.stringify(delivery.body);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<WebhookPostAttempt>((resolve) => {
    let settled = false;
    const finish = (a: WebhookPostAttempt) => { if (!settled) { settled = true; clearTimeout(timer); resolve(a); } };
    const req = client.request(target, {
      method: 'POST',
      lookup: guardedLookup(allowPrivate) as never,
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
