import { WebhookDeliveryStatus } from '../../src/domain/enums';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { createServer } from 'node:net';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { gql, ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, registerAiSystem, registerWork, signUpCreator, signUpFirm } from '../support/factories';
import { admin } from '../support/staff';
import { WebhookDeliveryEntity } from '../../src/persistence/entities';
import { WebhookService } from '../../src/services/webhook.service';
import { forbiddenAddress } from '../../src/infra/webhooks/url-policy';

/**
 * No personal data on the surfaces every firm (or anyone) reads: the opt-out
 * feed, checkOptOuts, GET /opt-outs.jsonl, the transparency report, the AI
 * system register, and webhook delivery logs.
 */
let app: TestApp;
let root: string;
beforeAll(async () => {
  app = await startTestApp();
  root = app.url.replace(/\/graphql$/, '');
});
afterAll(async () => { await app?.stop(); });

const hash = () => createHash('sha256').update(randomBytes(16)).digest('hex');
const IP = /\b\d{1,3}(\.\d{1,3}){3}\b|\b[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}\b/i;
const FEED = `query($after: String) { optOutFeed(first: 100, after: $after) { edges { node { id recognised notRecognisedReason contentHash work { id title canonicalUrl } } }
  pageInfo { hasNextPage endCursor } } }`;

async function readFeed(token: string) {
  const nodes: any[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = (await ok(app.url, FEED, { after }, token)).optOutFeed;
    nodes.push(...page.edges.map((e: any) => e.node));
    if (!page.pageInfo.hasNextPage) return nodes;
    after = page.pageInfo.endCursor;
  }
}

describe('the opt-out feed, checkOptOuts and /opt-outs.jsonl', () => {
  it('tell a firm that a foreign creator\'s opt-out is not recognised without its nationality, the work\'s title or URL; the creator reads why', async () => {
    const title = `Secret Garden ${randomBytes(3).toString('hex')}`;
    const url = `https://portfolio.example.us/${randomBytes(3).toString('hex')}`;
    const american = await signUpCreator(app.url, {}, { nationality: 'US' });
    const work = await registerWork(app.url, american.token, { title, contentHash: hash(), firstPublicationCountry: 'US', canonicalUrl: url });
    const registered = (await ok(app.url, 'mutation($id: ID) { registerOptOut(input: { workId: $id, scope: ALL_AI_TRAINING }) { id recognised notRecognisedReason work { title } } }',
      { id: work.id }, american.token)).registerOptOut;
    // The creator who owns it reads the rule and the data it used.
    expect(registered.recognised).toBe(false);
    expect(registered.notRecognisedReason).toMatch(/US/);
    expect(registered.work.title).toBe(title);
    const mine = (await ok(app.url, '{ myOptOuts { edges { node { id notRecognisedReason work { title } } } } }', {}, american.token)).myOptOuts.edges[0].node;
    expect(mine).toEqual({ id: registered.id, notRecognisedReason: registered.notRecognisedReason, work: { title } });

    // Any firm — one that signed up a moment ago too — reads a neutral reason and no work.
    for (const firm of [await signUpFirm(app.url), await signUpFirm(app.url, { country: 'US' })]) {
      const node = (await readFeed(firm.token)).find((n) => n.id === registered.id);
      expect(node).toMatchObject({ recognised: false, work: null, contentHash: expect.any(String) });
      expect(node.notRecognisedReason).toMatch(/not recognised/);
      expect(node.notRecognisedReason).not.toMatch(/\bUS\b|United States|nationality|reciprocity agreement between/i);
      const text = JSON.stringify(await readFeed(firm.token));
      expect(text).not.toContain(title);
      expect(text).not.toContain(url);
      expect(text).not.toContain(american.account.id);
      expect(text).not.toContain(american.account.email);
    }
  });

  it('checkOptOuts gives a firm the matching opt-out, not the work or its creator', async () => {
    const title = `Night Ferry ${randomBytes(3).toString('hex')}`;
    const creator = await signUpCreator(app.url);
    const h = hash();
    const work = await registerWork(app.url, creator.token, { title, contentHash: h, canonicalUrl: 'https://artist.example.jp/ferry' });
    await ok(app.url, 'mutation($id: ID) { registerOptOut(input: { workId: $id, scope: ALL_AI_TRAINING }) { id } }', { id: work.id }, creator.token);
    const firm = await signUpFirm(app.url);
    const r = await gql(app.url, 'query($h: [String!]!) { checkOptOuts(contentHashes: $h) { contentHash optOut { id recognised notRecognisedReason work { id title canonicalUrl } } } }',
      { h: [h] }, firm.token);
    expect(r.errors).toBeUndefined();
    expect(r.data.checkOptOuts).toEqual([{ contentHash: h, optOut: { id: expect.any(String), recognised: true, notRecognisedReason: null, work: null } }]);
    expect(JSON.stringify(r)).not.toMatch(new RegExp(`${title}|artist\\.example|${creator.account.id}`));
  });

  it('GET /opt-outs.jsonl carries only hash, scope, effectiveFrom and signals: no title, owner, nationality or id', async () => {
    const title = `Harbour Lights ${randomBytes(3).toString('hex')}`;
    const creator = await signUpCreator(app.url, {}, { nationality: 'JP' });
    const h = hash();
    const work = await registerWork(app.url, creator.token, { title, contentHash: h });
    const o = (await ok(app.url, 'mutation($id: ID) { registerOptOut(input: { workId: $id, scope: GENERATIVE_TRAINING }) { id } }', { id: work.id }, creator.token)).registerOptOut;
    const all = (await ok(app.url, 'mutation { registerOptOut(input: { allWorks: true, scope: COMMERCIAL_TRAINING }) { id } }', {}, creator.token)).registerOptOut;
    const res = await fetch(`${root}/opt-outs.jsonl`);
    expect(res.status).toBe(200);
    const body = await res.text();
    const lines = body.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.contentHash === h).map((l) => l.scope).sort()).toEqual(['COMMERCIAL_TRAINING', 'GENERATIVE_TRAINING']);
    for (const line of lines) expect(Object.keys(line).sort()).toEqual(['contentHash', 'effectiveFrom', 'scope', 'signals']);
    for (const secret of [title, creator.account.id, creator.account.email, work.id, o.id, all.id, 'JP"', 'nationality']) expect(body).not.toContain(secret);
  });
});

describe('public reports and registers', () => {
  it('transparencyReport and aiSystems name firms and systems, never a person: no email, no account id, no statement', async () => {
    const creator = await signUpCreator(app.url, { displayName: 'Hanako Yamada' });
    const firm = await signUpFirm(app.url);
    const work = await registerWork(app.url, creator.token);
    const system = await registerAiSystem(app.url, firm.token);
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }));
    await waitFor(async () => (await getCase(app.url, creator.token, filed.id, 'status')).status === 'NOTICE_SENT', 'the notice');
    const me = (await ok(app.url, '{ me { id } }', {}, firm.token)).me;
    const report = await gql(app.url, `{ transparencyReport { totalCases byStatus { status count } firms { firmId legalName casesNoticed casesAnswered responseRate medianResponseHours } } }`);
    const systems = await gql(app.url, '{ aiSystems { id firmId name } }');
    expect(report.errors).toBeUndefined();
    expect(systems.errors).toBeUndefined();
    expect(report.data.transparencyReport.firms.map((f: any) => f.firmId)).toContain(firm.firmId);
    const text = JSON.stringify([report, systems]);
    for (const secret of [creator.account.id, creator.account.email, firm.account.email, me.id, 'Hanako Yamada', 'reproduces my illustration', '@']) {
      expect(text, secret).not.toContain(secret);
    }
  });
});

describe('webhook delivery logs', () => {
  const DELIVERIES = '{ webhookDeliveries(first: 100) { edges { node { id status url attempts { statusCode error } } } } }';

  /** A port on 127.0.0.1 with nothing listening. */
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }

  it('say a connection was refused without the address it went to', async () => {
    const port = await closedPort();
    const firm = await signUpFirm(app.url, { webhookUrl: `http://127.0.0.1:${port}/hooks` });
    await app.db.transaction((tx) => app.services.notifications.notifyFirm(tx, { firmId: firm.firmId, caseId: null, type: 'TEST_PING', payload: {} }));
    const delivery = await waitFor(async () => {
      const [d] = (await ok(app.url, DELIVERIES, {}, firm.token)).webhookDeliveries.edges.map((e: any) => e.node);
      return d?.attempts.length > 0 && d;
    }, 'the first failed attempt');
    expect(delivery.attempts[0]).toEqual({ statusCode: null, error: 'connection refused' });
    expect(JSON.stringify(delivery.attempts)).not.toMatch(IP);
    expect(JSON.stringify(delivery.attempts)).not.toContain(String(port));
  });

  it('say a host name resolves to a non-public address without the address or how it resolved', async ({ skip }) => {
    // A host name (not an IP literal, not a reserved name) that this machine resolves to a private or loopback address.
    const host = hostname();
    const resolved = await lookup(host).catch(() => null);
    // (Machines and containers usually resolve their own name to loopback or a private address; elsewhere there is nothing to exercise.)
    if (!resolved || !forbiddenAddress(resolved.address) || /^(localhost|.*\.local|.*\.internal)$/i.test(host)) skip();
    const firm = await signUpFirm(app.url);
    const id = randomUUID();
    const url = `http://${host}:9/hooks`;
    await app.db.transaction(async (tx) => {
      await tx.em.query(tx.kind === 'postgres' ? 'UPDATE ai_firm SET "webhookUrl" = $1 WHERE id = $2' : 'UPDATE ai_firm SET "webhookUrl" = ? WHERE id = ?', [url, firm.firmId]);
      await tx.em.insert(WebhookDeliveryEntity, tx.em.create(WebhookDeliveryEntity, {
        id, firmId: firm.firmId, notificationId: null, eventType: 'TEST_PING', url, body: { id, type: 'TEST_PING', caseId: null, occurredAt: new Date().toISOString(), data: {} },
        status: WebhookDeliveryStatus.PENDING, attempts: [], deliveredAt: null, createdAt: new Date(),
      }));
    });
    // As in production: private addresses refused at delivery, after DNS (a WebhookService configured as in production).
    const webhooks = new WebhookService(app.db, { ...app.config, allowPrivateWebhooks: false });
    const outcome = await webhooks.deliver(id, 1, { now: () => new Date(), log: app.log });
    expect(outcome).toMatchObject({ failed: expect.stringMatching(/not public/) });
    const [delivery] = (await ok(app.url, DELIVERIES, {}, firm.token)).webhookDeliveries.edges.map((e: any) => e.node);
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0].error).toMatch(/not public/);
    expect(delivery.attempts[0].error).not.toMatch(IP);
    expect(delivery.attempts[0].error).not.toContain(resolved!.address);
    expect(delivery.attempts[0].error).not.toContain(host);
  });

  it('are the firm\'s own: admins do not read them either', async () => {
    const adm = await admin(app);
    expect((await gql(app.url, DELIVERIES, {}, adm.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
