import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { fails, gql, ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, parties, signUpFirm } from '../support/factories';
import { startReceiver } from '../support/webhook-receiver';
import { admin, mediator } from '../support/staff';
import { AiFirmEntity } from '../../src/persistence/entities';

const MINE = `query($unreadOnly: Boolean, $first: Int, $after: String) { myNotifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
  edges { cursor node { id type caseId payload read readAt createdAt } } pageInfo { hasNextPage endCursor } } }`;
const MARK = 'mutation($ids: [ID!], $all: Boolean) { markNotificationsRead(ids: $ids, all: $all) }';

async function mine(url: string, token: string, vars: Record<string, unknown> = {}) {
  return (await ok(url, MINE, vars, token)).myNotifications;
}

describe('notifications', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp(); });
  afterAll(async () => { await app?.stop(); });

  it('tells the firm of its notice and the creator of a closed duplicate, with ids only; marks them read', async () => {
    const { creator, firm, work, system } = await parties(app.url);
    const input = complaintInput(firm.firmId, [work.id], { aiSystemId: system.id });
    const first = await fileComplaint(app.url, creator.token, input);
    const dup = await fileComplaint(app.url, creator.token, input);

    // The firm must answer the notice.
    const notice = await waitFor(async () => (await mine(app.url, firm.token)).edges.map((e: any) => e.node).find((n: any) => n.type === 'NOTICE_SENT'),
      'the firm\'s NOTICE_SENT notification');
    expect(notice).toMatchObject({ caseId: first.id, read: false, readAt: null });
    expect(notice.payload).toMatchObject({ caseId: first.id, caseReference: first.reference, eventType: 'NOTICE_SENT', status: 'NOTICE_SENT' });
    // The firm never hears of the duplicate: it was closed before any notice.
    const firmTypes = (await mine(app.url, firm.token)).edges.map((e: any) => e.node.caseId);
    expect(firmTypes).not.toContain(dup.id);

    // The creator learns that the duplicate was closed (a move into CLOSED tells both parties; the firm was never noticed).
    const closed = await waitFor(async () => (await mine(app.url, creator.token)).edges.map((e: any) => e.node).find((n: any) => n.caseId === dup.id),
      'the creator\'s notification of the closed duplicate');
    expect(closed).toMatchObject({ type: 'INTAKE_REJECTED', read: false });
    expect(closed.payload).toMatchObject({ caseId: dup.id, eventType: 'INTAKE_REJECTED', status: 'CLOSED', outcome: 'DUPLICATE', duplicateOf: first.reference });
    expect(JSON.stringify(closed.payload)).not.toMatch(/reproduces my illustration|500000|Aoi Tanaka|@example/);

    // Marking read: by id, then everything; only the viewer's own.
    expect((await ok(app.url, MARK, { ids: [notice.id] }, creator.token)).markNotificationsRead).toBe(0);
    expect((await ok(app.url, MARK, { ids: [closed.id] }, creator.token)).markNotificationsRead).toBe(1);
    expect((await ok(app.url, MARK, { ids: [closed.id] }, creator.token)).markNotificationsRead).toBe(0);
    const unread = (await mine(app.url, creator.token, { unreadOnly: true })).edges.map((e: any) => e.node.id);
    expect(unread).not.toContain(closed.id);
    const after = (await mine(app.url, creator.token)).edges.map((e: any) => e.node).find((n: any) => n.id === closed.id);
    expect(after).toMatchObject({ read: true, readAt: expect.any(String) });

    const firmUnread = (await mine(app.url, firm.token, { unreadOnly: true })).edges.length;
    expect(firmUnread).toBeGreaterThan(0);
    expect((await ok(app.url, MARK, { all: true }, firm.token)).markNotificationsRead).toBe(firmUnread);
    expect((await mine(app.url, firm.token, { unreadOnly: true })).edges).toEqual([]);
    expect((await ok(app.url, '{ unreadNotificationCount }', {}, firm.token)).unreadNotificationCount).toBe(0);
  });

  it('notifies the other party of evidence, never the party that acted', async () => {
    const { creator, firm, work, system } = await parties(app.url);
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }));
    await waitFor(async () => (await getCase(app.url, creator.token, filed.id, 'status')).status === 'NOTICE_SENT', 'the notice');
    const added = await ok(app.url, 'mutation($id: ID!, $input: EvidenceInput!) { addEvidence(caseId: $id, input: $input) { id } }', {
      id: filed.id, input: { kind: 'OUTPUT_SAMPLE', description: 'Output generated on 1 May with my name in the prompt' },
    }, creator.token);
    const got = await waitFor(async () => (await mine(app.url, firm.token)).edges.map((e: any) => e.node).find((n: any) => n.type === 'EVIDENCE_ADDED'),
      'the firm to hear of the evidence');
    expect(got.payload).toMatchObject({ caseId: filed.id, evidenceId: added.addEvidence.id, by: 'COMPLAINANT', kind: 'OUTPUT_SAMPLE' });
    expect(JSON.stringify(got.payload)).not.toMatch(/1 May/);
    const own = (await mine(app.url, creator.token)).edges.map((e: any) => e.node.type);
    expect(own).not.toContain('EVIDENCE_ADDED');
  });

  it('tells the assigned mediator of the review, and the firm of the notice that follows it', async () => {
    const m = await mediator(app, (await admin(app)).token);
    const { creator, firm, work, system } = await parties(app.url);
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], {
      aiSystemId: system.id, facts: { workInTrainingData: 'YES', outputServedInJapan: true },
    }));
    const assigned = await waitFor(async () => (await mine(app.url, m.token)).edges.map((e: any) => e.node)
      .find((n: any) => n.caseId === filed.id && n.type === 'MEDIATOR_ASSIGNED'), 'the mediator to hear of the assignment');
    expect(assigned.payload).toMatchObject({ caseId: filed.id, mediatorAccountId: m.id });
    await waitFor(async () => (await getCase(app.url, creator.token, filed.id, 'status')).status === 'MEDIATOR_REVIEW', 'the review');
    expect((await mine(app.url, firm.token)).edges.filter((e: any) => e.node.caseId === filed.id)).toEqual([]);
    await ok(app.url, 'mutation($id: ID!) { decideReview(caseId: $id, proceed: true, reason: "The output sample shows the design") { status } }', { id: filed.id }, m.token);
    const notice = await waitFor(async () => (await mine(app.url, firm.token)).edges.map((e: any) => e.node).find((n: any) => n.caseId === filed.id),
      'the firm to hear of the notice');
    expect(notice).toMatchObject({ type: 'REVIEW_PROCEEDED', payload: expect.objectContaining({ status: 'NOTICE_SENT' }) });
    expect(JSON.stringify(notice.payload)).not.toMatch(/design/);
  });

  it('pages newest first and checks its arguments', async () => {
    const firm = await signUpFirm(app.url);
    for (let i = 0; i < 3; i++) {
      await app.db.transaction((tx) => app.services.notifications.notifyFirm(tx, { firmId: firm.firmId, caseId: null, type: `PING_${i}`, payload: {} },
        new Date(Date.now() + i * 1000)));
    }
    const page1 = await mine(app.url, firm.token, { first: 2 });
    expect(page1.edges.map((e: any) => e.node.type)).toEqual(['PING_2', 'PING_1']);
    const page2 = await mine(app.url, firm.token, { first: 2, after: page1.pageInfo.endCursor });
    expect(page2.edges.map((e: any) => e.node.type)).toEqual(['PING_0']);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect((await fails(app.url, MINE, { first: 101 }, firm.token)).code).toBe('BAD_USER_INPUT');
    expect((await fails(app.url, MINE, { after: 'garbage' }, firm.token)).code).toBe('BAD_USER_INPUT');
    expect((await fails(app.url, MARK, {}, firm.token)).extensions.fields[0].field).toBe('ids');
    expect((await fails(app.url, MINE, {})).code).toBe('UNAUTHENTICATED');
  });
});

describe('webhook URLs in production (no server-side request forgery)', () => {
  let prod: TestApp;
  beforeAll(async () => { prod = await startTestApp({ NODE_ENV: 'production' }); });
  afterAll(async () => { await prod?.stop(); });

  const SIGN_UP = 'mutation($input: SignUpInput!) { signUp(input: $input) { token account { firm { id } } } }';
  const firmInput = (webhookUrl: string, n: number) => ({
    email: `ssrf-${n}-${Date.now()}@example.com`, password: 'correct horse battery', displayName: 'Firm', role: 'AI_FIRM',
    firm: { legalName: 'Probe KK', country: 'JP', servesJapaneseUsers: true, webhookUrl },
  });

  it('refuses loopback, private, link-local (metadata), CGNAT and unique-local targets at sign-up and on update', async () => {
    const refused = ['http://127.0.0.1/hook', 'http://10.0.0.1/hook', 'https://169.254.169.254/latest/meta-data', 'http://100.64.1.2/',
      'http://192.168.1.10:8080/', 'http://172.20.0.5/', 'http://[::1]/', 'http://[fd00::1]/', 'http://[::ffff:127.0.0.1]/', 'http://localhost:4000/',
      'http://0x7f.1/', 'http://2130706433/'];
    let n = 0;
    for (const url of refused) {
      const result = await gql(prod.url, SIGN_UP, { input: firmInput(url, n++) });
      expect({ url, code: result.errors?.[0]?.extensions?.code, field: result.errors?.[0]?.extensions?.fields?.[0]?.field })
        .toEqual({ url, code: 'BAD_USER_INPUT', field: 'firm.webhookUrl' });
    }
    const accepted = await ok(prod.url, SIGN_UP, { input: firmInput('https://hooks.example.com/chotei', n++) });
    const token = accepted.signUp.token;
    for (const url of ['http://127.0.0.1:9/x', 'http://10.0.0.1/x']) {
      const error = await fails(prod.url, 'mutation($u: String) { updateWebhookUrl(url: $u) { id } }', { u: url }, token);
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.fields[0]).toMatchObject({ field: 'url', message: expect.stringMatching(/loopback|private/) });
    }
  });

  it('checks the address again at delivery: a URL that points inside is never called', async () => {
    const hook = await startReceiver();
    try {
      const firm = await signUpFirm(prod.url, { webhookUrl: 'https://hooks.example.com/chotei' });
      // As if the URL had been accepted and now pointed inside (changed DNS, older data): the delivery refuses it.
      await prod.db.transaction((tx) => tx.em.update(AiFirmEntity, { id: firm.firmId }, { webhookUrl: hook.url }));
      const sent = await prod.db.transaction((tx) => prod.services.notifications.notifyFirm(tx, { firmId: firm.firmId, caseId: null, type: 'TEST_PING', payload: {} }));
      const [delivery] = await waitFor(async () => {
        const list = (await ok(prod.url, '{ webhookDeliveries { edges { node { id status attempts { statusCode error } } } } }', {}, firm.token))
          .webhookDeliveries.edges.map((e: any) => e.node);
        return list[0]?.attempts.length && list;
      }, 'the refused attempt');
      expect(delivery.id).toBe(sent!.delivery!.id);
      // The firm learns why, not how the name resolved (no address, no address class).
      expect(delivery.attempts[0]).toEqual({ statusCode: null, error: expect.stringMatching(/^refused: .*public/) });
      expect(delivery.attempts[0].error).not.toMatch(/127\.0\.0\.1|loopback|::1/);
      expect(hook.received).toEqual([]);
    } finally {
      await hook.close();
    }
  });
});
