import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Logger } from 'pino';
import { Webhook } from 'standardwebhooks';
import { describeDeliveryError, guardedLookup, webhookUrlProblem } from './url-policy';

/** How long a receiver has to answer one POST. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Bytes of a receiver's answer read (and dropped) before the socket is closed. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** The outcome of one POST, as recorded on the delivery (webhook_delivery.attempts). */
export interface WebhookPostAttempt { at: string; statusCode: number | null; error: string | null; durationMs: number }

/**
 * The Chotei-Signature header: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under the firm's secret>
 * (the whole secret string, `whsec_` included, as the key): Stripe's scheme, so Stripe's SDK verifies it
 * (`stripe.webhooks.constructEvent(raw, header, secret)`).
 */
export function signWebhook(secret: string, rawBody: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/**
 * The secret in the Standard Webhooks form: `whsec_` + standard base64 of the
 * key bytes. Secrets made before that form (base64url after the prefix, no
 * padding) name the same bytes: their url-safe characters are mapped back and
 * the padding added, so old secrets keep signing with the same key.
 */
export function standardWebhookSecret(secret: string): string {
  const body = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const std = body.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  return SECRET_PREFIX + std + '='.repeat((4 - (std.length % 4)) % 4);
}

/** The prefix of a Standard Webhooks secret. */
const SECRET_PREFIX = 'whsec_';

/**
 * The Standard Webhooks headers of one attempt (webhook-id, webhook-timestamp,
 * webhook-signature), signed by the `standardwebhooks` library: HMAC-SHA256 of
 * "<id>.<unix seconds>.<raw body>" under the secret's key bytes. The id is the
 * delivery's: the same on every attempt and redelivery, receivers dedupe on it.
 */
export function standardWebhookHeaders(secret: string, id: string, rawBody: string, at: Date): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(standardWebhookSecret(secret)).sign(id, at, rawBody),
  };
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
        ...standardWebhookHeaders(secret, delivery.id, raw, at),
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
