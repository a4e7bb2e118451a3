import { WebhookDeliveryStatus } from '../../src/domain/enums';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import Stripe from 'stripe';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { fails, ok } from '../support/client';
import { complaintInput, fileComplaint, parties, signUpCreator, signUpFirm } from '../support/factories';
import { startReceiver } from '../support/webhook-receiver';
import { AiFirmEntity, WebhookDeliveryEntity } from '../../src/persistence/entities';
import { WEBHOOK_RETRY_WINDOW_MS } from '../../src/services/webhook.service';

/**
 * Webhooks any firm can verify (issue 16 item 6): the Standard Webhooks headers checked with the
 * `standardwebhooks` library itself, the older Chotei-Signature with Stripe's own SDK, and the firm's
 * tools around deliveries: redeliverWebhook and pingWebhook.
 */
let app: TestApp;
const receivers: Array<{ close(): Promise<void> }> = [];
// Stripe's SDK verifies signatures offline; the API key is never used (no request is made).
const stripe = new Stripe('sk_test_unused');
beforeAll(async () => { app = await startTestApp({ WEBHOOK_RETRY_BASE: 'PT0.2S' }); });
afterEach(async () => { await Promise.all(receivers.splice(0).map((r) => r.close())); });
afterAll(async () => { await app?.stop(); });

async function receiver(answers: number[] = []) {
  const r = await startReceiver(answers);
  receivers.push(r);
  return r;
}

const ROTATE = 'mutation { rotateWebhookSecret { secret } }';
const FIELDS = 'id eventType status url body redeliveries redeliveredAt deliveredAt attempts { statusCode error }';
const DELIVERIES = `query($status: WebhookDeliveryStatus) { webhookDeliveries(first: 50, status: $status) { edges { node { ${FIELDS} } } } }`;
const REDELIVER = `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { ${FIELDS} } }`;
const PING = `mutation { pingWebhook { ${FIELDS} } }`;

async function delivery(token: string, id: string) {
  const list = (await ok(app.url, DELIVERIES, {}, token)).webhookDeliveries.edges.map((e: any) => e.node);
  return list.find((d: any) => d.id === id);
}

describe('webhooks a firm verifies with off-the-shelf libraries', () => {
  it('a real NOTICE_SENT delivery verifies with standardwebhooks and, on the old header, with Stripe\'s SDK', async () => {
    const hook = await receiver();
    const { creator, firm, work, system } = await parties(app.url, { firm: { webhookUrl: hook.url } });
    const { secret } = (await ok(app.url, ROTATE, {}, firm.token)).rotateWebhookSecret;
    // The Standard Webhooks form: whsec_ + standard base64 of 32 bytes.
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }));
    const got = await waitFor(async () => hook.received.find((r) => r.body?.type === 'NOTICE_SENT'), 'the NOTICE_SENT webhook');

    // As a firm does it: the raw body, the request's headers, the secret as shown.
    const event = new Webhook(secret).verify(got.raw, got.headers as Record<string, string>) as any;
    expect(event).toMatchObject({ type: 'NOTICE_SENT', caseId: filed.id });
    expect(got.headers['webhook-id']).toBe(got.body.id);
    expect(got.headers['chotei-delivery']).toBe(got.body.id);
    expect(Math.abs(Number(got.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    // A changed body, another secret or another id does not verify.
    expect(() => new Webhook(secret).verify(got.raw.replace(filed.id, randomUUID()), got.headers as Record<string, string>)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(got.raw, got.headers as Record<string, string>)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(secret).verify(got.raw, { ...got.headers, 'webhook-id': randomUUID() } as unknown as Record<string, string>)).toThrow(WebhookVerificationError);

    // The older Chotei-Signature is Stripe's scheme: Stripe's SDK takes the header and the whole secret string.
    const stripeEvent = stripe.webhooks.constructEvent(got.raw, got.headers['chotei-signature'] as string, secret) as unknown as Record<string, unknown>;
    expect(stripeEvent).toMatchObject({ id: got.body.id, type: 'NOTICE_SENT', caseId: filed.id });
    expect(() => stripe.webhooks.constructEvent(got.raw, got.headers['chotei-signature'] as string, `${secret}x`)).toThrow(/signature/i);
  });

  it('keeps secrets made in the older base64url form working for both headers', async () => {
    const hook = await receiver();
    const firm = await signUpFirm(app.url, { webhookUrl: hook.url });
    // A secret as issued before the Standard Webhooks form: base64url after the prefix, with url-safe characters.
    let bytes = randomBytes(32);
    while (!/[-_]/.test(bytes.toString('base64url'))) bytes = randomBytes(32);
    const legacy = `whsec_${bytes.toString('base64url')}`;
    await app.db.transaction((tx) => tx.em.update(AiFirmEntity, { id: firm.firmId }, { webhookSecret: legacy }));

    const ping = (await ok(app.url, PING, {}, firm.token)).pingWebhook;
    const got = await waitFor(async () => hook.received.find((r) => r.body?.id === ping.id), 'the ping');
    // Stripe's SDK: the old secret string as it is.
    expect(stripe.webhooks.constructEvent(got.raw, got.headers['chotei-signature'] as string, legacy)).toMatchObject({ id: ping.id, type: 'ping' });
    // standardwebhooks: the same key bytes in standard base64 ('-' → '+', '_' → '/', '=' padding), as the README says.
    const converted = `whsec_${legacy.slice(6).replace(/-/g, '+').replace(/_/g, '/')}=`;
    expect(converted).toBe(`whsec_${bytes.toString('base64')}`);
    expect(new Webhook(converted).verify(got.raw, got.headers as Record<string, string>)).toMatchObject({ id: ping.id });
  });

  it('pingWebhook sends a signed test event to the registered URL; without a URL it says what is missing', async () => {
    const hook = await receiver();
    const firm = await signUpFirm(app.url, { webhookUrl: hook.url });
    const { secret } = (await ok(app.url, ROTATE, {}, firm.token)).rotateWebhookSecret;
    const ping = (await ok(app.url, PING, {}, firm.token)).pingWebhook;
    expect(ping).toMatchObject({ eventType: 'ping', status: 'PENDING', url: hook.url, redeliveries: 0, body: { id: ping.id, type: 'ping', caseId: null, data: { test: true } } });
    const got = await waitFor(async () => hook.received.find((r) => r.body?.id === ping.id), 'the ping');
    expect(new Webhook(secret).verify(got.raw, got.headers as Record<string, string>)).toEqual(ping.body);
    await waitFor(async () => (await delivery(firm.token, ping.id))?.status === 'DELIVERED', 'the ping to be recorded as delivered');

    const bare = await signUpFirm(app.url);
    const refused = await fails(app.url, PING, {}, bare.token);
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.extensions.fields[0]).toMatchObject({ field: 'webhookUrl', message: expect.stringMatching(/updateWebhookUrl/) });
    const creator = await signUpCreator(app.url);
    expect((await fails(app.url, PING, {}, creator.token)).code).toBe('FORBIDDEN');
    expect((await fails(app.url, PING, {})).code).toBe('UNAUTHENTICATED');
  });

  it('a FAILED delivery is redelivered with the same body and webhook-id, and its attempts add up', async () => {
    const hook = await receiver();
    hook.answerWith(500);
    const firm = await signUpFirm(app.url, { webhookUrl: hook.url });
    const { secret } = (await ok(app.url, ROTATE, {}, firm.token)).rotateWebhookSecret;
    // A message created 24 hours ago (its job goes through the outbox as usual): no retry fits, the 500 is its last try.
    const createdAt = new Date(Date.now() - WEBHOOK_RETRY_WINDOW_MS);
    const sent = await app.db.transaction((tx) => app.services.notifications.notifyFirm(tx, { firmId: firm.firmId, caseId: null, type: 'DEADLINE_REMINDER', payload: {} }, createdAt));
    const id = sent!.delivery!.id;
    const failed = await waitFor(async () => { const d = await delivery(firm.token, id); return d?.status === 'FAILED' && d; }, 'the delivery to fail');
    expect(failed.attempts).toEqual([{ statusCode: 500, error: 'HTTP 500' }]);

    // The receiver is fixed; the firm asks for the delivery again.
    hook.answerWith(200);
    const again = (await ok(app.url, REDELIVER, { id }, firm.token)).redeliverWebhook;
    expect(again).toMatchObject({ id, status: 'PENDING', redeliveries: 1, redeliveredAt: expect.any(String), deliveredAt: null, body: failed.body });
    const done = await waitFor(async () => { const d = await delivery(firm.token, id); return d?.status === 'DELIVERED' && d; }, 'the redelivery to succeed');
    expect(done.attempts).toEqual([{ statusCode: 500, error: 'HTTP 500' }, { statusCode: 200, error: null }]);
    expect(hook.received).toHaveLength(2);
    // The same message twice: one webhook-id, one body, each freshly signed and verifiable.
    expect(hook.received.map((r) => r.headers['webhook-id'])).toEqual([id, id]);
    expect(hook.received[1].raw).toBe(hook.received[0].raw);
    expect(new Webhook(secret).verify(hook.received[1].raw, hook.received[1].headers as Record<string, string>)).toMatchObject({ id });

    // A DELIVERED one can be sent again too (the firm lost it on its side): a further round.
    await ok(app.url, REDELIVER, { id }, firm.token);
    await waitFor(async () => hook.received.length === 3, 'the second redelivery');
    const twice = await waitFor(async () => { const d = await delivery(firm.token, id); return d?.status === 'DELIVERED' && d.attempts.length === 3 && d; }, 'the second redelivery to be recorded');
    expect(twice.redeliveries).toBe(2);
  });

  it('refuses a PENDING delivery, and another firm\'s delivery is NOT_FOUND', async () => {
    const hook = await receiver();
    const firm = await signUpFirm(app.url, { webhookUrl: hook.url });
    const other = await signUpFirm(app.url, { webhookUrl: hook.url });
    // A delivery still waiting (no job: it stays PENDING).
    const pending = randomUUID();
    await app.db.transaction((tx) => tx.em.insert(WebhookDeliveryEntity, tx.em.create(WebhookDeliveryEntity, {
      id: pending, firmId: firm.firmId, notificationId: null, eventType: 'ping', url: hook.url,
      body: { id: pending, type: 'ping', caseId: null, occurredAt: new Date().toISOString(), data: {} },
      status: WebhookDeliveryStatus.PENDING, attempts: [], deliveredAt: null, createdAt: new Date(),
    })));
    const busy = await fails(app.url, REDELIVER, { id: pending }, firm.token);
    expect(busy.code).toBe('CONFLICT');
    expect(busy.message).toMatch(/PENDING/);

    const ping = (await ok(app.url, PING, {}, firm.token)).pingWebhook;
    await waitFor(async () => (await delivery(firm.token, ping.id))?.status === 'DELIVERED', 'the ping');
    // Another firm (and a creator) cannot touch it; a made-up id answers the same.
    const theirs = await fails(app.url, REDELIVER, { id: ping.id }, other.token);
    expect(theirs.code).toBe('NOT_FOUND');
    expect((await fails(app.url, REDELIVER, { id: randomUUID() }, other.token)).code).toBe('NOT_FOUND');
    const creator = await signUpCreator(app.url);
    expect((await fails(app.url, REDELIVER, { id: ping.id }, creator.token)).code).toBe('FORBIDDEN');
    expect(hook.received.filter((r) => r.body?.id === ping.id)).toHaveLength(1);
    expect((await delivery(firm.token, ping.id)).redeliveries).toBe(0);
  });
});
