import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook { headers: http.IncomingHttpHeaders; raw: string; body: any; status: number; at: Date }

/**
 * A firm's webhook endpoint, as a firm would write one: node:http on
 * 127.0.0.1, answering each request with the next status of `answers`
 * (then 200, or the status set by `answerWith`), recording what it got.
 */
export async function startReceiver(answers: number[] = []) {
  const received: ReceivedWebhook[] = [];
  const queue = [...answers];
  let otherwise = 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const status = queue.length ? queue.shift()! : otherwise;
      let body: unknown = null;
      try { body = JSON.parse(raw); } catch { /* recorded raw */ }
      received.push({ headers: req.headers, raw, body, status, at: new Date() });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'try again');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/chotei`,
    port,
    received,
    /** The status answered once `answers` are used up (200 unless changed). */
    answerWith: (status: number) => { otherwise = status; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/**
 * How a receiver verifies Chotei-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256
 * of "<t>.<raw body>" under the webhook secret>, and a timestamp close to now.
 */
export function verifySignature(header: string | string[] | undefined, raw: string, secret: string, toleranceSeconds = 300): { ok: boolean; t: number } {
  const parts = Object.fromEntries(String(header ?? '').split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  const expected = createHmac('sha256', secret).update(`${parts.t}.${raw}`).digest('hex');
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  const ok = Number.isInteger(t) && given.length === 32 && timingSafeEqual(given, Buffer.from(expected, 'hex'))
    && Math.abs(Date.now() / 1000 - t) <= toleranceSeconds;
  return { ok, t };
}
