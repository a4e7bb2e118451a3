import { WebhookDeliveryStatus } from '../../src/domain/enums';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { gql, GqlResult, ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, registerAiSystem, registerWork, signUpCreator, signUpFirm } from '../support/factories';
import { admin, mediator } from '../support/staff';
import { watch, wsClient } from '../support/subscriptions';
import { startReceiver } from '../support/webhook-receiver';

/**
 * The API as an attacker who signed up a minute ago sees it: every role
 * against another party's cases, nested fields, lists with filters that try
 * to widen their scope, and the caseEvents subscription. (The basic matrix of
 * tests/e2e/authorization.e2e.test.ts is not repeated here.)
 *
 * Three cases: A (creator vs firm, noticed, in MEDIATION with `mediator`,
 * with offers, a sealed bid, evidence, a note and a session), R (creator vs
 * firm, at MEDIATOR_REVIEW with `mediator`: not yet the firm's) and B
 * (otherCreator vs otherFirm, noticed). `freshFirm` signs up last.
 */

const ROLES = ['anonymous', 'creator', 'otherCreator', 'firm', 'firmApiKey', 'otherFirm', 'freshFirm', 'freshFirmApiKey', 'mediator', 'otherMediator', 'admin'] as const;
type RoleName = (typeof ROLES)[number];
const MISSING = '00000000-0000-4000-8000-000000000000';
const STATUSES = ['FILED', 'SCREENING', 'MEDIATOR_REVIEW', 'NOTICE_SENT', 'NEGOTIATION', 'MEDIATION', 'RECOMMENDATION_ISSUED', 'REMEDY_IN_PROGRESS', 'VERIFICATION', 'CLOSED'];
const CLAIM_TYPES = ['TRAINING_WITHOUT_PERMISSION', 'OPT_OUT_IGNORED', 'OUTPUT_REPRODUCES_WORK', 'TARGETED_FINE_TUNING', 'RAG_REPRODUCTION', 'TRANSPARENCY_FAILURE'];

let app: TestApp;
let hook: Awaited<ReturnType<typeof startReceiver>>;
const tokens = {} as Record<RoleName, string | null>;
const ids = {} as {
  caseA: string; caseR: string; caseB: string; firm: string; otherFirm: string; freshFirm: string; mediator: string; otherMediator: string;
  offerA: string; creatorWork: string; otherCreatorOptOut: string; otherFirmSystem: string;
};
/** Which of the three cases each role may see. */
let visible: Record<RoleName, string[]>;
const clients: Client[] = [];

const mutate = (query: string, vars: Record<string, unknown>, token: string | null) => ok(app.url, query, vars, token);

beforeAll(async () => {
  app = await startTestApp();
  hook = await startReceiver();
  const adm = await admin(app);
  // One mediator while the cases are set up, so every automatic assignment picks it.
  const med = await mediator(app, adm.token);
  const creator = await signUpCreator(app.url);
  const otherCreator = await signUpCreator(app.url);
  const firm = await signUpFirm(app.url, { webhookUrl: hook.url });
  const otherFirm = await signUpFirm(app.url);
  const work = await registerWork(app.url, creator.token, { contentHash: 'a'.repeat(64) });
  const work2 = await registerWork(app.url, creator.token);
  const otherWork = await registerWork(app.url, otherCreator.token, { contentHash: 'b'.repeat(64) });
  const system = await registerAiSystem(app.url, firm.token);
  const otherSystem = await registerAiSystem(app.url, otherFirm.token);

  const a = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }));
  const r = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work2.id], { facts: {} }));
  const b = await fileComplaint(app.url, otherCreator.token, complaintInput(otherFirm.firmId, [otherWork.id], { aiSystemId: otherSystem.id }));
  const reach = (token: string, id: string, status: string) =>
    waitFor(async () => (await getCase(app.url, token, id, 'status')).status === status, `${id} to reach ${status}`);
  await Promise.all([reach(creator.token, a.id, 'NOTICE_SENT'), reach(creator.token, r.id, 'MEDIATOR_REVIEW'), reach(otherCreator.token, b.id, 'NOTICE_SENT')]);

  // Case A: contested, an offer, a sealed demand, evidence, then mediation with a note and a session.
  await mutate('mutation($id: ID!) { respondToNotice(caseId: $id, input: { kind: CONTEST, statement: "We contest." }) { status } }', { id: a.id }, firm.token);
  const offer = await mutate('mutation($id: ID!) { makeOffer(caseId: $id, input: { amountJpy: 120000, message: "A first offer." }) { id } }', { id: a.id }, firm.token);
  await mutate('mutation($id: ID!) { submitBlindBid(caseId: $id, amountJpy: 4444444) { status } }', { id: a.id }, creator.token);
  await mutate('mutation($id: ID!) { addEvidence(caseId: $id, input: { kind: OTHER, description: "A screenshot of the output." }) { id } }', { id: a.id }, creator.token);
  await mutate('mutation($id: ID!) { requestMediation(caseId: $id) { status } }', { id: a.id }, creator.token);
  await waitFor(async () => (await getCase(app.url, creator.token, a.id, 'mediator { id }')).mediator?.id === med.id, 'the mediator of case A');
  await mutate('mutation($id: ID!) { addMediatorNote(caseId: $id, text: "Private: the firm seems open to a license.") { id } }', { id: a.id }, med.token);
  await mutate('mutation($id: ID!, $at: DateTime!) { scheduleMediationSession(caseId: $id, at: $at, channel: VIDEO) { id } }',
    { id: a.id, at: new Date(Date.now() + 7 * 86_400_000).toISOString() }, med.token);
  await waitFor(async () => hook.received.length > 0, 'a webhook delivery to the firm');

  const otherMed = await mediator(app, adm.token);
  const optOut = await mutate('mutation($id: ID) { registerOptOut(input: { workId: $id, scope: ALL_AI_TRAINING }) { id } }', { id: otherWork.id }, otherCreator.token);
  const key = async (token: string) => (await mutate('mutation { createApiKey(name: "attacker") { secret } }', {}, token)).createApiKey.secret as string;
  // The attacker: a firm account made a moment ago, with an API key too.
  const fresh = await signUpFirm(app.url);

  Object.assign(tokens, {
    anonymous: null, creator: creator.token, otherCreator: otherCreator.token, firm: firm.token, firmApiKey: await key(firm.token),
    otherFirm: otherFirm.token, freshFirm: fresh.token, freshFirmApiKey: await key(fresh.token), mediator: med.token, otherMediator: otherMed.token, admin: adm.token,
  });
  Object.assign(ids, {
    caseA: a.id, caseR: r.id, caseB: b.id, firm: firm.firmId, otherFirm: otherFirm.firmId, freshFirm: fresh.firmId, mediator: med.id, otherMediator: otherMed.id,
    offerA: offer.makeOffer.id, creatorWork: work.id, otherCreatorOptOut: optOut.registerOptOut.id, otherFirmSystem: otherSystem.id,
  });
  visible = {
    anonymous: [], creator: [a.id, r.id], otherCreator: [b.id], firm: [a.id], firmApiKey: [a.id], otherFirm: [b.id], freshFirm: [], freshFirmApiKey: [],
    mediator: [a.id, r.id], otherMediator: [], admin: [a.id, r.id, b.id],
  };
}, 120_000);
afterEach(async () => { await Promise.all(clients.splice(0).map((c) => c.dispose())); });
afterAll(async () => {
  await hook?.close();
  await app?.stop();
});

const codeOf = (r: GqlResult) => (r.errors?.length ? String(r.errors[0].extensions?.code) : 'OK');
const allCases = () => [ids.caseA, ids.caseR, ids.caseB];
/** An error as a client reads it, with the id it names replaced, to compare another party's object with a missing one. */
const shape = (r: GqlResult, id: string) => JSON.stringify((r.errors ?? []).map((e) => {
  const { requestId: _perRequest, ...extensions } = e.extensions ?? {};
  return { message: e.message, extensions };
})).split(id).join('<id>');

describe('a fresh firm account sees none of another firm\'s cases', () => {
  const LIST = 'query($filter: CaseFilter, $first: Int, $after: String) { cases(filter: $filter, first: $first, after: $after) { edges { node { id respondent { id } } } pageInfo { hasNextPage endCursor } } }';

  /** Every case id a role can list with this filter, paging to the end one case at a time. */
  async function listAll(token: string | null, filter: Record<string, unknown> | null): Promise<string[]> {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const data: any = (await ok(app.url, LIST, { filter, first: 1, after }, token)).cases;
      seen.push(...data.edges.map((e: any) => e.node.id));
      if (!data.pageInfo.hasNextPage) return seen;
      after = data.pageInfo.endCursor;
    }
    throw new Error('more pages than cases');
  }

  const widening = () => [
    null,
    { respondentFirmId: ids.firm }, { respondentFirmId: ids.otherFirm }, { respondentFirmId: ids.freshFirm },
    { mediatorId: ids.mediator }, { mediatorId: ids.otherMediator },
    { status: STATUSES }, { claimType: CLAIM_TYPES }, { filedAfter: '2000-01-01T00:00:00Z' },
    { respondentFirmId: ids.otherFirm, mediatorId: ids.mediator, status: STATUSES, claimType: CLAIM_TYPES, filedAfter: '2000-01-01T00:00:00Z' },
  ];

  for (const role of ROLES.filter((r) => r !== 'anonymous')) {
    it(`cases: ${role} lists only what it may see, whatever the filter (respondentFirmId, mediatorId, status, claimType, filedAfter)`, async () => {
      const own = visible[role];
      const others = allCases().filter((id) => !own.includes(id));
      const unfiltered = await listAll(tokens[role], null);
      expect(unfiltered).toEqual(expect.arrayContaining(own));
      for (const filter of widening()) {
        const seen = await listAll(tokens[role], filter);
        for (const id of others) expect(seen, `${role} with ${JSON.stringify(filter)}`).not.toContain(id);
        if (role === 'freshFirm' || role === 'freshFirmApiKey' || role === 'otherMediator') expect(seen).toEqual([]);
      }
    });
  }

  it('cases: a filter naming another firm gives that firm\'s own view unchanged (the scope is not replaced, in either direction)', async () => {
    expect(await listAll(tokens.otherFirm, { respondentFirmId: ids.otherFirm })).toEqual([ids.caseB]);
    expect(await listAll(tokens.firm, { respondentFirmId: ids.firm })).toEqual([ids.caseA]);
    expect(await listAll(tokens.firm, { respondentFirmId: ids.otherFirm })).toEqual([]);
    expect(await listAll(tokens.mediator, { mediatorId: ids.otherMediator })).toEqual([]);
    expect(await listAll(tokens.otherMediator, { mediatorId: ids.mediator })).toEqual([]);
    expect(await listAll(tokens.otherCreator, { status: ['MEDIATION', 'MEDIATOR_REVIEW'] })).toEqual([]);
    expect((await listAll(tokens.admin, { respondentFirmId: ids.otherFirm }))).toEqual([ids.caseB]);
  });

  it('cases: anonymous is UNAUTHENTICATED with or without a filter', async () => {
    for (const filter of widening()) expect(codeOf(await gql(app.url, LIST, { filter }, null))).toBe('UNAUTHENTICATED');
  });
});

describe('another party\'s case answers exactly like a missing one', () => {
  const future = () => new Date(Date.now() + 86_400_000).toISOString();
  /** Every operation that names a case; the inputs are valid, so only who asks decides the answer. */
  const BY_CASE: Array<{ name: string; query: string; vars?: () => Record<string, unknown> }> = [
    { name: 'case', query: 'query($id: ID!) { case(id: $id) { id statement } }' },
    { name: 'blindBidStatus', query: 'query($id: ID!) { blindBidStatus(caseId: $id) { status bidsSubmitted } }' },
    { name: 'addEvidence', query: 'mutation($id: ID!) { addEvidence(caseId: $id, input: { kind: OTHER, description: "x" }) { id } }' },
    { name: 'withdrawComplaint', query: 'mutation($id: ID!) { withdrawComplaint(caseId: $id) { id } }' },
    { name: 'respondToNotice', query: 'mutation($id: ID!) { respondToNotice(caseId: $id, input: { kind: ACCEPT, statement: "ok" }) { id } }' },
    { name: 'acknowledgeNotice', query: 'mutation($id: ID!) { acknowledgeNotice(caseId: $id) { id } }' },
    { name: 'makeOffer', query: 'mutation($id: ID!) { makeOffer(caseId: $id, input: { amountJpy: 1 }) { id } }' },
    { name: 'submitBlindBid', query: 'mutation($id: ID!) { submitBlindBid(caseId: $id, amountJpy: 1) { status } }' },
    { name: 'requestMediation', query: 'mutation($id: ID!) { requestMediation(caseId: $id) { id } }' },
    { name: 'addMediatorNote', query: 'mutation($id: ID!) { addMediatorNote(caseId: $id, text: "x") { id } }' },
    { name: 'scheduleMediationSession', query: 'mutation($id: ID!, $at: DateTime!) { scheduleMediationSession(caseId: $id, at: $at, channel: PHONE) { id } }', vars: () => ({ at: future() }) },
    { name: 'extendMediation', query: 'mutation($id: ID!) { extendMediation(caseId: $id, reason: "more time") { id } }' },
    { name: 'issueRecommendation', query: 'mutation($id: ID!) { issueRecommendation(caseId: $id, input: { finding: NO_INFRINGEMENT, remedies: [], reasoning: "r" }) { id } }' },
    { name: 'respondToRecommendation', query: 'mutation($id: ID!) { respondToRecommendation(caseId: $id, accept: false) { id } }' },
    { name: 'certifyRemedy', query: 'mutation($id: ID!) { certifyRemedy(caseId: $id, input: { actions: [{ remedy: OUTPUT_FILTER, description: "filter" }] }) { id } }' },
    { name: 'confirmRemedy', query: 'mutation($id: ID!) { confirmRemedy(caseId: $id) { id } }' },
    { name: 'disputeRemedy', query: 'mutation($id: ID!) { disputeRemedy(caseId: $id, reason: "not done") { id } }' },
    { name: 'decideReview', query: 'mutation($id: ID!) { decideReview(caseId: $id, proceed: false, reason: "r") { id } }' },
    { name: 'assignMediator', query: 'mutation($id: ID!, $m: ID!) { assignMediator(caseId: $id, mediatorId: $m) { id } }', vars: () => ({ m: ids.otherMediator }) },
  ];

  for (const op of BY_CASE) {
    it(`${op.name}: every role that may not see a case gets the answer a missing id gets (never OK)`, async () => {
      for (const caseId of allCases()) {
        for (const role of ROLES.filter((r) => r !== 'admin' && !visible[r].includes(caseId))) {
          const extra = op.vars?.() ?? {};
          const real = await gql(app.url, op.query, { id: caseId, ...extra }, tokens[role]);
          const missing = await gql(app.url, op.query, { id: MISSING, ...extra }, tokens[role]);
          const who = `${op.name} on ${caseId === ids.caseA ? 'A' : caseId === ids.caseR ? 'R' : 'B'} as ${role}`;
          expect(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'], `${who}: ${JSON.stringify(real)}`).toContain(codeOf(real));
          expect(shape(real, caseId), who).toBe(shape(missing, MISSING));
          if (role === 'anonymous') expect(codeOf(real)).toBe('UNAUTHENTICATED');
        }
      }
      // Nothing changed behind the refusals.
      expect((await getCase(app.url, tokens.admin!, ids.caseA, 'status')).status).toBe('MEDIATION');
      expect((await getCase(app.url, tokens.admin!, ids.caseR, 'status')).status).toBe('MEDIATOR_REVIEW');
      expect((await getCase(app.url, tokens.admin!, ids.caseB, 'status')).status).toBe('NOTICE_SENT');
    });
  }

  it('respondToOffer: an offer on a case the viewer may not see is NOT_FOUND like a missing offer', async () => {
    const q = 'mutation($id: ID!) { respondToOffer(offerId: $id, accept: true) { id status } }';
    for (const role of ['otherCreator', 'otherFirm', 'freshFirm', 'freshFirmApiKey'] as const) {
      const real = await gql(app.url, q, { id: ids.offerA }, tokens[role]);
      const missing = await gql(app.url, q, { id: MISSING }, tokens[role]);
      expect(codeOf(real), role).toBe('NOT_FOUND');
      expect(shape(real, ids.offerA)).toBe(shape(missing, MISSING));
    }
    const offers = (await getCase(app.url, tokens.creator!, ids.caseA, 'offers { id status }')).offers;
    expect(offers).toEqual([{ id: ids.offerA, status: 'OPEN' }]);
  });

  it('other parties\' opt-outs, AI systems, API keys and notifications are NOT_FOUND or untouched', async () => {
    const withdraw = 'mutation($id: ID!) { withdrawOptOut(id: $id) { id withdrawnAt } }';
    const real = await gql(app.url, withdraw, { id: ids.otherCreatorOptOut }, tokens.creator);
    expect(codeOf(real)).toBe('NOT_FOUND');
    expect(shape(real, ids.otherCreatorOptOut)).toBe(shape(await gql(app.url, withdraw, { id: MISSING }, tokens.creator), MISSING));
    const disclose = 'mutation($id: ID!) { discloseTrainingData(aiSystemId: $id, input: { categories: [OTHER] }) { id } }';
    for (const role of ['firm', 'freshFirm', 'freshFirmApiKey'] as const) {
      const r = await gql(app.url, disclose, { id: ids.otherFirmSystem }, tokens[role]);
      expect(codeOf(r), role).toBe('NOT_FOUND');
      expect(shape(r, ids.otherFirmSystem)).toBe(shape(await gql(app.url, disclose, { id: MISSING }, tokens[role]), MISSING));
    }
    // Marking another account's notifications read changes nothing of theirs.
    const theirs = (await ok(app.url, '{ myNotifications(first: 100) { edges { node { id read } } } }', {}, tokens.creator)).myNotifications.edges.map((e: any) => e.node);
    expect(theirs.length).toBeGreaterThan(0);
    const unread = theirs.filter((n: any) => !n.read).map((n: any) => n.id);
    for (const role of ['otherCreator', 'freshFirm', 'otherMediator'] as const) {
      expect((await ok(app.url, 'mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }', { ids: theirs.map((n: any) => n.id) }, tokens[role])).markNotificationsRead).toBe(0);
    }
    const after = (await ok(app.url, '{ myNotifications(first: 100) { edges { node { id read } } } }', {}, tokens.creator)).myNotifications.edges.map((e: any) => e.node);
    expect(after.filter((n: any) => !n.read).map((n: any) => n.id)).toEqual(unread);
  });
});

describe('nested fields inherit the case, and what is stricter stays stricter', () => {
  const NESTED = `query($id: ID!) { case(id: $id) { id statement claimedAmountJpy
    complainant { id email } respondent { id webhookUrl } mediator { id email mediator { capacity } }
    works { id title } evidence { id description } assessment { decision } assessments { id } deadlines { kind }
    notice { id } offers { id amountJpy message } settlement { via } licenseAgreements { templateCode }
    mediationSessions { id } recommendation { id } remedyCertifications { id } mediatorNotes { id text }
    events(first: 100) { edges { node { type detail } } } } }`;

  it('the parties, the mediator and admins read case A\'s nested lists; only the mediator and admins its notes', async () => {
    for (const role of ['creator', 'firm', 'firmApiKey', 'mediator', 'admin'] as const) {
      const c = (await ok(app.url, NESTED, { id: ids.caseA }, tokens[role])).case;
      expect(c.evidence.length, role).toBe(1);
      expect(c.offers.map((o: any) => o.id), role).toEqual([ids.offerA]);
      expect(c.mediationSessions.length, role).toBe(1);
      expect(c.works.map((w: any) => w.id), role).toEqual([ids.creatorWork]);
      expect(c.events.edges.length, role).toBeGreaterThan(5);
      const notes = role === 'mediator' || role === 'admin';
      expect(c.mediatorNotes === null ? null : c.mediatorNotes.length, role).toBe(notes ? 1 : null);
      // The blind bid was made; no one reads its figure, anywhere.
      expect(JSON.stringify(c), role).not.toMatch(/4444444|4,444,444/);
      // Emails: the account itself and admins in full; everyone else masked.
      expect(c.complainant.email.includes('***'), `${role} reads the complainant's email`).toBe(role !== 'creator' && role !== 'admin');
      expect(c.mediator.email.includes('***'), `${role} reads the mediator's email`).toBe(role !== 'mediator' && role !== 'admin');
      // The mediator's profile (capacity, conflicts) and the firm's webhook URL are their own (and admins').
      expect(c.mediator.mediator === null, role).toBe(role !== 'mediator' && role !== 'admin');
      expect(c.respondent.webhookUrl === null, role).toBe(role !== 'firm' && role !== 'firmApiKey' && role !== 'admin');
    }
    // The parties do not even learn that notes exist: no event mentions them.
    const events = (await ok(app.url, NESTED, { id: ids.caseA }, tokens.firm)).case.events.edges.map((e: any) => e.node);
    expect(JSON.stringify(events)).not.toMatch(/note/i);
  });

  it('a party\'s sealed blind bid: the other party reads its own view only; the mediator and admins may not ask', async () => {
    const q = 'query($id: ID!) { blindBidStatus(caseId: $id) { status round bidsSubmitted settledAmountJpy } }';
    expect((await ok(app.url, q, { id: ids.caseA }, tokens.creator)).blindBidStatus).toMatchObject({ status: 'WAITING_FOR_OTHER_PARTY', bidsSubmitted: 1 });
    expect((await ok(app.url, q, { id: ids.caseA }, tokens.firm)).blindBidStatus).toMatchObject({ status: 'OPEN', bidsSubmitted: 0, settledAmountJpy: null });
    expect(codeOf(await gql(app.url, q, { id: ids.caseA }, tokens.mediator))).toBe('FORBIDDEN');
    expect(codeOf(await gql(app.url, q, { id: ids.caseA }, tokens.admin))).toBe('FORBIDDEN');
  });
});

describe('lists that belong to their viewer', () => {
  it('myWorks, myOptOuts, myNotifications, apiKeys and webhookDeliveries (with every status filter) hold only the viewer\'s own rows', async () => {
    const works = async (role: RoleName) => (await ok(app.url, '{ myWorks(first: 100) { edges { node { id } } } }', {}, tokens[role])).myWorks.edges.map((e: any) => e.node.id);
    expect(await works('creator')).toContain(ids.creatorWork);
    expect(await works('otherCreator')).not.toContain(ids.creatorWork);
    const optOuts = async (role: RoleName) => (await ok(app.url, '{ myOptOuts(first: 100) { edges { node { id } } } }', {}, tokens[role])).myOptOuts.edges.map((e: any) => e.node.id);
    expect(await optOuts('otherCreator')).toEqual([ids.otherCreatorOptOut]);
    expect(await optOuts('creator')).toEqual([]);

    const notified = async (role: RoleName, unreadOnly: boolean | null) => (await ok(app.url,
      'query($u: Boolean) { myNotifications(first: 100, unreadOnly: $u) { edges { node { caseId } } } }', { u: unreadOnly }, tokens[role])).myNotifications.edges.map((e: any) => e.node.caseId);
    for (const role of ROLES.filter((r) => r !== 'anonymous' && r !== 'admin')) {
      for (const unreadOnly of [null, true, false]) {
        const seen = await notified(role, unreadOnly);
        for (const id of allCases().filter((c) => !visible[role].includes(c))) expect(seen, `${role} notifications`).not.toContain(id);
      }
    }

    const deliveries = async (role: RoleName, status: string | null) => (await ok(app.url,
      'query($s: WebhookDeliveryStatus) { webhookDeliveries(first: 100, status: $s) { edges { node { id caseId } } } }', { s: status }, tokens[role])).webhookDeliveries.edges;
    expect((await deliveries('firm', null)).length).toBeGreaterThan(0);
    for (const role of ['otherFirm', 'freshFirm', 'freshFirmApiKey'] as const) {
      for (const status of [null, 'PENDING', 'DELIVERED', 'FAILED']) expect(await deliveries(role, status), `${role} ${status}`).toEqual([]);
    }
    for (const role of ['creator', 'mediator', 'admin'] as const) expect(codeOf(await gql(app.url, '{ webhookDeliveries { edges { cursor } } }', {}, tokens[role]))).toBe('FORBIDDEN');

    const keys = async (role: RoleName) => (await ok(app.url, '{ apiKeys { id name } }', {}, tokens[role])).apiKeys;
    expect(await keys('freshFirm')).toEqual([expect.objectContaining({ name: 'attacker' })]);
    expect((await keys('firm')).length).toBe(1);
  });
});

describe('caseEvents: only to whoever may read the case, for as long as they may', () => {
  const CASE_EVENTS = 'subscription($id: ID!) { caseEvents(caseId: $id) { caseId seq type detail } }';
  /** Subscriptions of the previous test close asynchronously on the server: start from none. */
  const settledCount = async () => { await waitFor(async () => app.services.caseEvents.subscriptionCount === 0, 'earlier subscriptions to close'); return 0; };
  const subscribe = (role: RoleName, caseId: string) => {
    const c = wsClient(app.url, tokens[role]);
    clients.push(c);
    return watch(c, CASE_EVENTS, { id: caseId });
  };

  it('every role subscribes to case A: its parties, mediator and admin get its events; everyone else NOT_FOUND (anonymous UNAUTHENTICATED)', async () => {
    const base = await settledCount();
    const watches = Object.fromEntries(ROLES.map((role) => [role, subscribe(role, ids.caseA)])) as Record<RoleName, ReturnType<typeof watch<any>>>;
    const allowed = ROLES.filter((r) => visible[r].includes(ids.caseA));
    const refused = ROLES.filter((r) => !visible[r].includes(ids.caseA));
    for (const role of refused) {
      await waitFor(async () => watches[role].done, `${role} to be refused`);
      expect(watches[role].errors[0]?.extensions?.code, role).toBe(role === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND');
    }
    await waitFor(async () => app.services.caseEvents.subscriptionCount >= base + allowed.length, 'the allowed subscriptions');
    await mutate('mutation($id: ID!) { addEvidence(caseId: $id, input: { kind: OTHER, description: "Live evidence." }) { id } }', { id: ids.caseA }, tokens.creator);
    for (const role of allowed) {
      await waitFor(async () => watches[role].events.some((e) => e.caseEvents.type === 'EVIDENCE_ADDED'), `${role} to see EVIDENCE_ADDED`);
    }
    for (const role of refused) expect(watches[role].events, role).toEqual([]);
  });

  it('the fresh firm is refused on every case; the firm is refused on R until its notice, then let in', async () => {
    for (const caseId of allCases()) {
      const w = subscribe('freshFirm', caseId);
      await waitFor(async () => w.done, 'the fresh firm to be refused');
      expect(w.errors[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(w.events).toEqual([]);
    }
    const early = subscribe('firm', ids.caseR);
    await waitFor(async () => early.done, 'the firm to be refused before the notice');
    expect(early.errors[0]?.extensions?.code).toBe('NOT_FOUND');
    // The mediator's watch sees the review decided; the firm's refused one never sees anything.
    const base = await settledCount();
    const med = subscribe('mediator', ids.caseR);
    await waitFor(async () => app.services.caseEvents.subscriptionCount >= base + 1, 'the mediator\'s subscription');
    await mutate('mutation($id: ID!) { decideReview(caseId: $id, proceed: true, reason: "Worth a notice.") { status } }', { id: ids.caseR }, tokens.mediator);
    await waitFor(async () => med.events.some((e) => e.caseEvents.type === 'REVIEW_PROCEEDED'), 'the review decision live');
    expect(early.events).toEqual([]);
    const late = subscribe('firm', ids.caseR);
    await waitFor(async () => app.services.caseEvents.subscriptionCount >= base + 2, 'the firm\'s subscription after the notice');
    expect(late.errors).toEqual([]);
    visible.firm = [...visible.firm, ids.caseR];
    visible.firmApiKey = [...visible.firmApiKey, ids.caseR];
  });

  it('ends a mediator\'s stream when another mediator is assigned, delivering nothing after', async () => {
    const base = await settledCount();
    const med = subscribe('mediator', ids.caseA);
    const creator = subscribe('creator', ids.caseA);
    await waitFor(async () => app.services.caseEvents.subscriptionCount >= base + 2, 'both subscriptions');
    await mutate('mutation($id: ID!, $m: ID!) { assignMediator(caseId: $id, mediatorId: $m) { id } }', { id: ids.caseA, m: ids.otherMediator }, tokens.admin);
    await waitFor(async () => med.done, 'the replaced mediator\'s stream to end');
    await mutate('mutation($id: ID!) { addEvidence(caseId: $id, input: { kind: OTHER, description: "After the change." }) { id } }', { id: ids.caseA }, tokens.creator);
    await waitFor(async () => creator.events.some((e) => e.caseEvents.type === 'EVIDENCE_ADDED'), 'the creator to see the new evidence');
    expect(med.events.some((e) => e.caseEvents.type === 'EVIDENCE_ADDED' || e.caseEvents.type === 'MEDIATOR_ASSIGNED')).toBe(false);
    // The replaced mediator has lost the case everywhere; the new one has it.
    expect(codeOf(await gql(app.url, 'query($id: ID!) { case(id: $id) { id } }', { id: ids.caseA }, tokens.mediator))).toBe('NOT_FOUND');
    expect((await ok(app.url, 'query($id: ID!) { case(id: $id) { mediatorNotes { id } } }', { id: ids.caseA }, tokens.otherMediator)).case.mediatorNotes).toHaveLength(1);
  });
});

describe('cases filed under mandates (issue 14): each principal reads them, nobody else, and revoking does not hide them', () => {
  const LIST = 'query($filter: CaseFilter, $first: Int, $after: String) { cases(filter: $filter, first: $first, after: $after) { edges { node { id principals { id } } } pageInfo { hasNextPage endCursor } } }';
  const people = {} as Record<'collective' | 'principal' | 'nonPrincipal' | 'firm', { token: string; id: string; firmId?: string }>;
  let caseM: string;
  let mandateId: string;

  async function listAll(token: string, filter: Record<string, unknown> | null): Promise<string[]> {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const data: any = (await ok(app.url, LIST, { filter, first: 1, after }, token)).cases;
      seen.push(...data.edges.map((e: any) => e.node.id));
      if (!data.pageInfo.hasNextPage) return seen;
      after = data.pageInfo.endCursor;
    }
    throw new Error('more pages than cases');
  }
  const filters = () => [
    null, { respondentFirmId: people.firm.firmId }, { status: STATUSES }, { claimType: CLAIM_TYPES }, { filedAfter: '2000-01-01T00:00:00Z' },
    { respondentFirmId: people.firm.firmId, status: STATUSES, claimType: CLAIM_TYPES, filedAfter: '2000-01-01T00:00:00Z' },
  ];

  beforeAll(async () => {
    const collective = await signUpCreator(app.url, { displayName: 'Rights Collective' }, { kind: 'COLLECTIVE', nationality: 'JP' });
    const principal = await signUpCreator(app.url);
    const nonPrincipal = await signUpCreator(app.url);
    const firm = await signUpFirm(app.url);
    Object.assign(people, {
      collective: { token: collective.token, id: collective.account.id }, principal: { token: principal.token, id: principal.account.id },
      nonPrincipal: { token: nonPrincipal.token, id: nonPrincipal.account.id }, firm: { token: firm.token, id: firm.account.id, firmId: firm.firmId },
    });
    const work = await registerWork(app.url, principal.token);
    mandateId = (await mutate('mutation($input: MandateInput!) { grantMandate(input: $input) { id } }',
      { input: { agentId: collective.account.id, allWorks: true } }, principal.token)).grantMandate.id;
    caseM = (await fileComplaint(app.url, collective.token, complaintInput(firm.firmId, [work.id], { principalIds: [principal.account.id] }))).id;
  }, 60_000);

  it('the principal lists and reads the case whatever the filter; a creator who is not a principal never does', async () => {
    for (const filter of filters()) {
      expect(await listAll(people.principal.token, filter), `principal with ${JSON.stringify(filter)}`).toEqual([caseM]);
      expect(await listAll(people.nonPrincipal.token, filter), `non-principal with ${JSON.stringify(filter)}`).toEqual([]);
      expect(await listAll(people.collective.token, filter)).toEqual([caseM]);
    }
    expect((await ok(app.url, 'query($id: ID!) { case(id: $id) { id principals { id } } }', { id: caseM }, people.principal.token)).case)
      .toEqual({ id: caseM, principals: [{ id: people.principal.id }] });
    const stranger = await gql(app.url, 'query($id: ID!) { case(id: $id) { id } }', { id: caseM }, people.nonPrincipal.token);
    const missing = await gql(app.url, 'query($id: ID!) { case(id: $id) { id } }', { id: MISSING }, people.nonPrincipal.token);
    expect(shape(stranger, caseM)).toBe(shape(missing, MISSING));
    // The creators of the first cases are not principals of it either.
    for (const role of ['creator', 'otherCreator'] as const) expect(await listAll(tokens[role]!, null)).not.toContain(caseM);
  });

  it('the principal may watch the case live; a creator who is not a principal is NOT_FOUND', async () => {
    const CASE_EVENTS = 'subscription($id: ID!) { caseEvents(caseId: $id) { caseId seq type } }';
    await waitFor(async () => (await getCase(app.url, people.collective.token, caseM, 'status')).status === 'NOTICE_SENT', 'case M to be noticed');
    await waitFor(async () => app.services.caseEvents.subscriptionCount === 0, 'earlier subscriptions to close');
    const mine = wsClient(app.url, people.principal.token);
    const theirs = wsClient(app.url, people.nonPrincipal.token);
    clients.push(mine, theirs);
    const watched = watch(mine, CASE_EVENTS, { id: caseM });
    const refused = watch(theirs, CASE_EVENTS, { id: caseM });
    await waitFor(async () => refused.done || refused.errors.length > 0, 'the refusal');
    expect(refused.errors[0]?.extensions?.code).toBe('NOT_FOUND');
    await waitFor(async () => app.services.caseEvents.subscriptionCount >= 1, 'the principal\'s subscription');
    await mutate('mutation($id: ID!) { respondToNotice(caseId: $id, input: { kind: CONTEST, statement: "We contest." }) { status } }', { id: caseM }, people.firm.token);
    await waitFor(async () => watched.events.some((e) => e.caseEvents.type === 'NOTICE_CONTESTED'), 'the principal to see the contest live');
    expect(watched.errors).toEqual([]);
  });

  it('a revoked mandate does not hide the case already filed under it', async () => {
    await mutate('mutation($id: ID!) { revokeMandate(id: $id) { revokedAt } }', { id: mandateId }, people.principal.token);
    for (const filter of filters()) expect(await listAll(people.principal.token, filter)).toEqual([caseM]);
    expect((await ok(app.url, 'query($id: ID!) { case(id: $id) { id } }', { id: caseM }, people.principal.token)).case).toEqual({ id: caseM });
    expect(await listAll(people.nonPrincipal.token, null)).toEqual([]);
  });
});
