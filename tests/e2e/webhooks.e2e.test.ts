import { WebhookDeliveryStatus } from '../../src/domain/enums';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { fails, ok } from '../support/client';
import { complaintInput, fileComplaint, parties, signUpCreator, signUpFirm } from '../support/factories';
import { startReceiver, verifySignature } from '../support/webhook-receiver';
import { AiFirmEntity, WebhookDeliveryEntity } from '../../src/persistence/entities';
import { processDeliverWebhook, processWebhookSweep } from '../../src/jobs/deliver-webhook.job';
import { WEBHOOK_RETRY_WINDOW_MS, webhookBackoff } from '../../src/services/webhook.service';

let app: TestApp;
const receivers: Array<{ close(): Promise<void> }> = [];
beforeAll(async () => { app = await startTestApp({ WEBHOOK_RETRY_BASE: 'PT0.2S' }); });
afterEach(async () => { await Promise.all(receivers.splice(0).map((r) => r.close())); });
afterAll(async () => { await app?.stop(); });

async function receiver(answers: number[] = []) {
  const r = await startReceiver(answers);
  receivers.push(r);
  return r;
}

const ROTATE = 'mutation { rotateWebhookSecret { secret } }';
const DELIVERIES = `query($first: Int, $after: String, $status: WebhookDeliveryStatus) { webhookDeliveries(first: $first, after: $after, status: $status) {
  edges { cursor node { id eventType caseId url status deliveredAt createdAt body attempts { at statusCode error durationMs } } } pageInfo { hasNextPage endCursor } } }`;

async function deliveries(token: string, vars: Record<string, unknown> = {}) {
  return (await ok(app.url, DELIVERIES, vars, token)).webhookDeliveries.edges.map((e: any) => e.node);
}

describe('signed webhooks', () => {
  it('POSTs NOTICE_SENT to the firm\'s endpoint with a valid Chotei-Signature, ids only, and lists the delivery', async () => {
    const hook = await receiver();
    const { creator, firm, work, system } = await parties(app.url, { firm: { webhookUrl: hook.url } });
    const { secret } = (await ok(app.url, ROTATE, {}, firm.token)).rotateWebhookSecret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }));

    const got = await waitFor(async () => hook.received.find((r) => r.body?.type === 'NOTICE_SENT'), 'the NOTICE_SENT webhook');
    expect(got.headers['content-type']).toBe('application/json');
    const signature = verifySignature(got.headers['chotei-signature'], got.raw, secret);
    expect(signature.ok).toBe(true);
    expect(got.headers['chotei-delivery']).toBe(got.body.id);
    expect(got.body).toEqual({
      id: expect.any(String), type: 'NOTICE_SENT', caseId: filed.id, occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: expect.objectContaining({ caseId: filed.id, caseReference: filed.reference, eventType: 'NOTICE_SENT', status: 'NOTICE_SENT', eventSeq: expect.any(Number) }),
    });
    // Ids and event types only: never the statement, the amount or anyone's name or email.
    expect(got.raw).not.toMatch(/reproduces my illustration|500000|Aoi Tanaka|@example/);
    // A signature under another secret does not verify.
    expect(verifySignature(got.headers['chotei-signature'], got.raw, `${secret}x`).ok).toBe(false);
    expect(verifySignature(got.headers['chotei-signature'], got.raw.replace(filed.id, randomUUID()), secret).ok).toBe(false);

    const listed = await waitFor(async () => {
      const [d] = await deliveries(firm.token, { status: 'DELIVERED' });
      return d?.id === got.body.id && d;
    }, 'the delivery to be recorded');
    expect(listed).toMatchObject({ eventType: 'NOTICE_SENT', caseId: filed.id, url: hook.url, status: 'DELIVERED', body: got.body });
    expect(listed.attempts).toEqual([{ at: expect.any(String), statusCode: 200, error: null, durationMs: expect.any(Number) }]);
    // The firm's in-app notification is the same message.
    const notes = await ok(app.url, '{ myNotifications(first: 10) { edges { node { type caseId payload } } } }', {}, firm.token);
    expect(notes.myNotifications.edges.map((e: any) => e.node)).toContainEqual({ type: 'NOTICE_SENT', caseId: filed.id, payload: got.body.data });
  });

  it('retries a 500 with backoff: the third attempt is delivered and all three attempts are listed', async () => {
    const hook = await receiver([500, 500]);
    const { creator, firm, work, system } = await parties(app.url, { firm: { webhookUrl: hook.url } });
    const { secret } = (await ok(app.url, ROTATE, {}, firm.token)).rotateWebhookSecret;
    await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }));

    const [delivery] = await waitFor(async () => {
      const list = await deliveries(firm.token);
      return list.length && list[0].status === 'DELIVERED' && list;
    }, 'the delivery to succeed on the third attempt');
    expect(delivery.attempts.map((a: any) => a.statusCode)).toEqual([500, 500, 200]);
    expect(delivery.attempts.map((a: any) => a.error)).toEqual(['HTTP 500', 'HTTP 500', null]);
    expect(delivery.deliveredAt).not.toBeNull();
    // Exponential: the second wait is longer than the first (0.2 s, then 0.4 s).
    const at = delivery.attempts.map((a: any) => new Date(a.at).getTime());
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(150);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(350);
    // Every attempt is the same message (one Chotei-Delivery id, one body), each freshly and validly signed.
    expect(hook.received).toHaveLength(3);
    expect(new Set(hook.received.map((r) => r.headers['chotei-delivery']))).toEqual(new Set([delivery.id]));
    expect(new Set(hook.received.map((r) => r.raw)).size).toBe(1);
    for (const r of hook.received) expect(verifySignature(r.headers['chotei-signature'], r.raw, secret).ok).toBe(true);
  });

  it('marks a delivery FAILED once the next retry would fall beyond 24 hours', async () => {
    const hook = await receiver([503]);
    const firm = await signUpFirm(app.url, { webhookUrl: hook.url });
    // A delivery created almost 24 hours ago, already retried a few times (no job: the processor is run directly).
    const id = randomUUID();
    const createdAt = new Date(Date.now() - WEBHOOK_RETRY_WINDOW_MS + 1000);
    await app.db.transaction((tx) => tx.em.insert(WebhookDeliveryEntity, tx.em.create(WebhookDeliveryEntity, {
      id, firmId: firm.firmId, notificationId: null, eventType: 'DEADLINE_REMINDER', url: hook.url,
      body: { id, type: 'DEADLINE_REMINDER', caseId: null, occurredAt: createdAt.toISOString(), data: {} },
      status: WebhookDeliveryStatus.PENDING, attempts: [], deliveredAt: null, createdAt,
    })));
    expect(webhookBackoff(app.config, 4)).toBeGreaterThan(1000);
    const ctx = { services: app.services, log: app.log, now: () => new Date() };
    await expect(processDeliverWebhook(ctx, { deliveryId: id }, { name: 'deliver', attemptsMade: 3 })).rejects.toBeInstanceOf(UnrecoverableError);
    const [row] = await deliveries(firm.token, { status: 'FAILED' });
    expect(row).toMatchObject({ id, status: 'FAILED', deliveredAt: null });
    expect(row.attempts).toEqual([expect.objectContaining({ statusCode: 503, error: 'HTTP 503' })]);
    // A FAILED delivery is never tried again.
    expect(await processDeliverWebhook(ctx, { deliveryId: id }, { name: 'deliver', attemptsMade: 4 })).toBe('skipped');
    expect(hook.received).toHaveLength(1);
  });

  it('re-enqueues a PENDING delivery whose job Redis lost (the sweep), without disturbing a fresh one', async () => {
    const hook = await receiver();
    const firm = await signUpFirm(app.url, { webhookUrl: hook.url });
    const insert = (id: string, createdAt: Date) => app.db.transaction((tx) => tx.em.insert(WebhookDeliveryEntity, tx.em.create(WebhookDeliveryEntity, {
      id, firmId: firm.firmId, notificationId: null, eventType: 'TEST_PING', url: hook.url,
      body: { id, type: 'TEST_PING', caseId: null, occurredAt: createdAt.toISOString(), data: {} },
      status: WebhookDeliveryStatus.PENDING, attempts: [], deliveredAt: null, createdAt,
    })));
    // No job for either: one was lost ten minutes ago, the other was created just now (its job is on its way).
    const lost = randomUUID();
    const fresh = randomUUID();
    await insert(lost, new Date(Date.now() - 10 * 60 * 1000));
    await insert(fresh, new Date());
    const ctx = { services: app.services, log: app.log, now: () => new Date() };
    expect(await processWebhookSweep(ctx, {}, { name: 'webhook-sweep', attemptsMade: 0 })).toBe(1);
    await waitFor(async () => (await deliveries(firm.token, { status: 'DELIVERED' })).some((d: any) => d.id === lost), 'the lost delivery to be delivered');
    expect(hook.received.map((r) => r.headers['chotei-delivery'])).toEqual([lost]);
    // Sweeping again finds nothing stale; a job that still exists is never doubled (same job id).
    expect(await processWebhookSweep(ctx, {}, { name: 'webhook-sweep', attemptsMade: 0 })).toBe(0);
  });

  it('gives a firm without a secret one at the first delivery, signs with the rotated one afterwards, and keeps payloads to ids', async () => {
    const hook = await receiver();
    const firm = await signUpFirm(app.url, { webhookUrl: hook.url });
    const secretOf = async () => (await app.db.reader.findOneByOrFail(AiFirmEntity, { id: firm.firmId })).webhookSecret;
    const notify = (payload: Record<string, unknown>) => app.db.transaction((tx) =>
      app.services.notifications.notifyFirm(tx, { firmId: firm.firmId, caseId: null, type: 'TEST_PING', payload }));

    const first = await notify({ offerId: 'o-1', amountJpy: 900000, statement: 'secret words', nested: { a: 1 }, reasonText: 'x' });
    expect(first?.delivery?.status).toBe('PENDING');
    expect(first?.notification.payload).toEqual({ offerId: 'o-1' });
    const generated = await secretOf();
    expect(generated).toMatch(/^whsec_/);
    const r1 = await waitFor(async () => hook.received[0], 'the first webhook');
    expect(verifySignature(r1.headers['chotei-signature'], r1.raw, generated!).ok).toBe(true);
    expect(r1.body).toMatchObject({ type: 'TEST_PING', caseId: null, data: { offerId: 'o-1' } });

    const { secret } = (await ok(app.url, ROTATE, {}, firm.token)).rotateWebhookSecret;
    expect(secret).not.toBe(generated);
    await notify({ evidenceId: 'e-1' });
    const r2 = await waitFor(async () => hook.received[1], 'the second webhook');
    expect(verifySignature(r2.headers['chotei-signature'], r2.raw, secret).ok).toBe(true);
    expect(verifySignature(r2.headers['chotei-signature'], r2.raw, generated!).ok).toBe(false);

    // Without a URL there is no delivery (the notification still exists).
    await ok(app.url, 'mutation { updateWebhookUrl(url: null) { id webhookUrl } }', {}, firm.token);
    const third = await notify({ offerId: 'o-2' });
    expect(third?.delivery).toBeNull();
    expect(third?.notification.id).toBeTruthy();
  });

  it('lets only the firm itself set its URL, rotate its secret and read its deliveries', async () => {
    const hook = await receiver();
    const creator = await signUpCreator(app.url);
    const firm = await signUpFirm(app.url);
    const other = await signUpFirm(app.url, { webhookUrl: hook.url });
    expect((await fails(app.url, ROTATE, {}, creator.token)).code).toBe('FORBIDDEN');
    expect((await fails(app.url, '{ webhookDeliveries { edges { node { id } } } }', {}, creator.token)).code).toBe('FORBIDDEN');
    expect((await fails(app.url, '{ webhookDeliveries { edges { node { id } } } }', {})).code).toBe('UNAUTHENTICATED');
    const set = await ok(app.url, 'mutation($u: String) { updateWebhookUrl(url: $u) { id webhookUrl } }', { u: hook.url }, firm.token);
    expect(set.updateWebhookUrl).toEqual({ id: firm.firmId, webhookUrl: hook.url });
    const bad = await fails(app.url, 'mutation($u: String) { updateWebhookUrl(url: $u) { id } }', { u: 'ftp://example.com/x' }, firm.token);
    expect(bad.code).toBe('BAD_USER_INPUT');
    expect(bad.extensions.fields[0]).toMatchObject({ field: 'url', message: expect.stringMatching(/https/) });
    // Another firm's URL is not shown; another firm's deliveries are not listed.
    const seen = await ok(app.url, 'query { me { firm { id webhookUrl } } }', {}, other.token);
    expect(seen.me.firm.webhookUrl).toBe(hook.url);
    await app.db.transaction((tx) => app.services.notifications.notifyFirm(tx, { firmId: other.firmId, caseId: null, type: 'TEST_PING', payload: {} }));
    await waitFor(async () => (await deliveries(other.token)).length === 1, 'the other firm\'s delivery');
    expect(await deliveries(firm.token)).toEqual([]);
  });

  it('pages deliveries newest first by cursor', async () => {
    const hook = await receiver();
    const firm = await signUpFirm(app.url, { webhookUrl: hook.url });
    for (let i = 0; i < 3; i++) {
      await app.db.transaction((tx) => app.services.notifications.notifyFirm(tx, { firmId: firm.firmId, caseId: null, type: `PING_${i}`, payload: {} },
        new Date(Date.now() + i * 1000)));
    }
    const page1 = (await ok(app.url, DELIVERIES, { first: 2 }, firm.token)).webhookDeliveries;
    expect(page1.edges.map((e: any) => e.node.eventType)).toEqual(['PING_2', 'PING_1']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await ok(app.url, DELIVERIES, { first: 2, after: page1.pageInfo.endCursor }, firm.token)).webhookDeliveries;
    expect(page2.edges.map((e: any) => e.node.eventType)).toEqual(['PING_0']);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    await waitFor(async () => hook.received.length === 3, 'all three webhooks');
  });
});
