import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORT_WINDOWS, startTestApp, TestApp, waitFor } from '../support/harness';
import { fails, gql, ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, parties, signUpCreator } from '../support/factories';
import { admin, mediator } from '../support/staff';
import { startReceiver } from '../support/webhook-receiver';
import { watch, wsClient } from '../support/subscriptions';
import { CaseEventEntity, NotificationEntity, OutboxEntity, WebhookDeliveryEntity } from '../../src/persistence/entities';

/**
 * Double-blind bidding: the creator's demand and the firm's offer stay sealed.
 * The figures are distinctive numbers, so that any leak (in a response, an
 * error, the history, notifications, webhooks, live events or a job payload)
 * shows up as a plain substring of what the other party can read.
 */

// Round 1 does not settle (too far apart); round 2 does (within 10%), at the midpoint.
const DEMAND_1 = 7_777_777;
const OFFER_1 = 3_141_592;
const OFFER_2 = 5_858_585;
const DEMAND_2 = 6_262_626;
const MIDPOINT_1 = Math.floor((DEMAND_1 + OFFER_1) / 2); // would leak both figures to either party: must never appear
const SETTLED = Math.floor((DEMAND_2 + OFFER_2) / 2); // 6,060,605

const CASE_SURFACE = `id reference status outcome resolution claimedAmountJpy defaulted version statement requestedRemedies
  complainant { id displayName } respondent { id legalName } mediator { id }
  deadlines { kind dueAt state }
  notice { summary responseKind responseStatement }
  assessment { decision findings { code finding explanation data } }
  offers { id side status amountJpy licenseTemplateCode remedies message }
  settlement { via amountJpy offerId licenseTemplateCode remedies }
  licenseAgreements { templateCode amountJpy }
  recommendation { id amountJpy reasoning }
  remedyCertifications { actions { remedy description paymentReference } }
  mediationSessions { id }
  mediatorNotes { id text }
  referral
  events(first: 100) { edges { node { seq type fromStatus toStatus detail actor { kind accountId displayName } at } } }`;
const STATUS = 'query($id: ID!) { blindBidStatus(caseId: $id) { status round roundsLeft settledAmountJpy bidsSubmitted } }';
const BID = 'mutation($id: ID!, $amount: SafeInt!) { submitBlindBid(caseId: $id, amountJpy: $amount) { status round roundsLeft settledAmountJpy bidsSubmitted } }';
const CASE_EVENTS = 'subscription($id: ID!) { caseEvents(caseId: $id) { seq type fromStatus toStatus detail } }';

const digits = (n: number) => [String(n), n.toLocaleString('en-US'), n.toLocaleString('ja-JP')];

let app: TestApp;
let adminToken: string;
beforeAll(async () => {
  app = await startTestApp({ ...SHORT_WINDOWS } as Record<string, string>);
  adminToken = (await admin(app)).token;
  await mediator(app, adminToken, { capacity: 100 });
});
afterAll(async () => { await app?.stop(); });

/** Everything a party (or anyone else) can read about the case through the API, as one string. */
async function readableSurface(token: string, caseId: string): Promise<string> {
  const [c, list, status, notes] = await Promise.all([
    gql(app.url, `query($id: ID!) { case(id: $id) { ${CASE_SURFACE} } }`, { id: caseId }, token),
    gql(app.url, `query { cases(first: 10) { edges { node { ${CASE_SURFACE} } } } }`, {}, token),
    gql(app.url, STATUS, { id: caseId }, token),
    gql(app.url, '{ myNotifications(first: 100) { edges { node { id type caseId payload } } } unreadNotificationCount }', {}, token),
  ]);
  expect(c.errors).toBeUndefined();
  expect(list.errors).toBeUndefined();
  expect(notes.errors).toBeUndefined();
  return JSON.stringify([c, list, status, notes]);
}

function expectNone(surface: string, figures: number[], who: string) {
  for (const figure of figures) {
    for (const form of digits(figure)) expect(surface.includes(form), `${who} can read ${form}`).toBe(false);
  }
}

async function negotiating(firmWebhook?: string) {
  const p = await parties(app.url, firmWebhook ? { firm: { webhookUrl: firmWebhook } } : {});
  const filed = await fileComplaint(app.url, p.creator.token, complaintInput(p.firm.firmId, [p.work.id], { aiSystemId: p.system.id }));
  await waitFor(async () => (await getCase(app.url, p.creator.token, filed.id, 'status')).status === 'NOTICE_SENT', 'the notice');
  await ok(app.url, 'mutation($id: ID!) { respondToNotice(caseId: $id, input: { kind: CONTEST, statement: "We contest." }) { status } }', { id: filed.id }, p.firm.token);
  return { ...p, caseId: filed.id };
}

describe('double-blind bidding', () => {
  it('never shows either party the other\'s figure — responses, errors, history, notifications, webhooks, live events — and settles at the midpoint', async () => {
    const hook = await startReceiver();
    try {
      const p = await negotiating(hook.url);
      const { creator, firm, caseId } = p;
      const base = app.services.caseEvents.subscriptionCount;
      const creatorLive = watch(wsClient(app.url, creator.token), CASE_EVENTS, { id: caseId });
      const firmLive = watch(wsClient(app.url, firm.token), CASE_EVENTS, { id: caseId });
      await waitFor(async () => app.services.caseEvents.subscriptionCount >= base + 2, 'both live subscriptions');

      const responses: string[] = [];
      const bid = async (token: string, amount: number) => {
        const r = await gql(app.url, BID, { id: caseId, amount }, token);
        responses.push(JSON.stringify(r));
        return r;
      };

      // Round 1: the creator's demand, then the firm's offer — too far apart.
      const r1 = await bid(creator.token, DEMAND_1);
      expect(r1.data.submitBlindBid).toEqual({ status: 'WAITING_FOR_OTHER_PARTY', round: 1, roundsLeft: 3, settledAmountJpy: null, bidsSubmitted: 1 });
      expectNone(await readableSurface(firm.token, caseId), [DEMAND_1], 'the firm (after the demand)');
      const firmView = (await ok(app.url, STATUS, { id: caseId }, firm.token)).blindBidStatus;
      expect(firmView).toEqual({ status: 'OPEN', round: 1, roundsLeft: 3, settledAmountJpy: null, bidsSubmitted: 0 });

      const f1 = await bid(firm.token, OFFER_1);
      expect(f1.data.submitBlindBid).toEqual({ status: 'NO_SETTLEMENT_THIS_ROUND', round: 1, roundsLeft: 2, settledAmountJpy: null, bidsSubmitted: 1 });
      expect((await ok(app.url, STATUS, { id: caseId }, creator.token)).blindBidStatus)
        .toEqual({ status: 'NO_SETTLEMENT_THIS_ROUND', round: 1, roundsLeft: 2, settledAmountJpy: null, bidsSubmitted: 1 });

      // Round 2: the firm bids first, then tries again (refused, without any figure in the error).
      expect((await bid(firm.token, OFFER_2)).data.submitBlindBid).toMatchObject({ status: 'WAITING_FOR_OTHER_PARTY', round: 2 });
      const twice = await bid(firm.token, OFFER_2 + 1);
      expect(twice.errors![0].extensions!.code).toBe('INVALID_TRANSITION');
      expect(twice.errors![0].extensions!.reason).toBe('ALREADY_BID_THIS_ROUND');
      expect((await bid(creator.token, 0)).errors![0].extensions!.code).toBe('BAD_USER_INPUT');

      expectNone(await readableSurface(firm.token, caseId), [DEMAND_1, MIDPOINT_1], 'the firm (after round 1)');
      expectNone(await readableSurface(creator.token, caseId), [OFFER_1, OFFER_2, MIDPOINT_1], 'the creator (after round 1)');

      // The creator's second demand is within 10% of the firm's second offer: settled at the midpoint.
      const settled = await bid(creator.token, DEMAND_2);
      expect(settled.data.submitBlindBid).toEqual({ status: 'SETTLED', round: 2, roundsLeft: 1, settledAmountJpy: SETTLED, bidsSubmitted: 2 });
      expect((await ok(app.url, STATUS, { id: caseId }, firm.token)).blindBidStatus)
        .toEqual({ status: 'SETTLED', round: 2, roundsLeft: 1, settledAmountJpy: SETTLED, bidsSubmitted: 2 });

      await waitFor(async () => firmLive.events.some((e) => e.caseEvents.type === 'SETTLED') && creatorLive.events.some((e) => e.caseEvents.type === 'SETTLED'),
        'both parties to see SETTLED live');
      const deliveredToFirm = await waitFor(async () => hook.received.some((r) => r.body?.type === 'SETTLED') && hook.received, 'the SETTLED webhook');

      const firmSurface = await readableSurface(firm.token, caseId);
      const creatorSurface = await readableSurface(creator.token, caseId);
      expectNone(firmSurface + JSON.stringify(firmLive.events) + deliveredToFirm.map((r) => r.raw).join('\n'), [DEMAND_1, DEMAND_2, MIDPOINT_1], 'the firm');
      expectNone(creatorSurface + JSON.stringify(creatorLive.events), [OFFER_1, OFFER_2, MIDPOINT_1], 'the creator');
      // The responses each party got never carried the other's figure (nor the refused duplicate's).
      expectNone(responses.join('\n'), [MIDPOINT_1], 'a blind-bid response');
      expectNone([f1, twice].map((r) => JSON.stringify(r)).join(), [DEMAND_1, DEMAND_2], 'the firm\'s responses');
      expectNone([r1, settled].map((r) => JSON.stringify(r)).join(), [OFFER_1, OFFER_2], 'the creator\'s responses');

      // The history says a bid was made for round n, by whom — no amount; the settlement carries the settled amount only.
      const c = (await ok(app.url, `query($id: ID!) { case(id: $id) { ${CASE_SURFACE} } }`, { id: caseId }, firm.token)).case;
      const events = c.events.edges.map((e: any) => e.node);
      const bids = events.filter((e: any) => e.type === 'BLIND_BID_SUBMITTED');
      expect(bids.map((e: any) => e.detail)).toEqual([
        { round: 1, by: 'COMPLAINANT' }, { round: 1, by: 'RESPONDENT' }, { round: 2, by: 'RESPONDENT' }, { round: 2, by: 'COMPLAINANT' },
      ]);
      expect(events.find((e: any) => e.type === 'SETTLED').detail).toMatchObject({ via: 'BLIND_BID', kind: 'SETTLED', amountJpy: SETTLED });
      expect(c.status).toBe('REMEDY_IN_PROGRESS');
      expect(c.settlement).toMatchObject({ via: 'BLIND_BID', amountJpy: SETTLED });
      expect(c.offers).toEqual([]);

      // Behind the API: no event, notification, webhook delivery or job payload holds a sealed figure either.
      const stored = JSON.stringify(await Promise.all([
        app.db.reader.find(CaseEventEntity, { where: { caseId } }),
        app.db.reader.find(NotificationEntity, { where: { caseId } }),
        app.db.reader.find(WebhookDeliveryEntity),
        app.db.reader.find(OutboxEntity),
      ]));
      expectNone(stored, [DEMAND_1, OFFER_1, OFFER_2, DEMAND_2, MIDPOINT_1], 'the stored events, notifications, deliveries and jobs');
      creatorLive.stop();
      firmLive.stop();
    } finally {
      await hook.close();
    }
  });

  it('ends after three rounds without a settlement; the case stays in negotiation and a fourth bid is refused', async () => {
    const p = await negotiating();
    for (let round = 1; round <= 3; round++) {
      await ok(app.url, BID, { id: p.caseId, amount: 9_000_000 + round }, p.creator.token);
      const r = await ok(app.url, BID, { id: p.caseId, amount: 1_000_000 + round }, p.firm.token);
      expect(r.submitBlindBid).toMatchObject({ round, roundsLeft: 3 - round, status: round === 3 ? 'ROUNDS_EXHAUSTED' : 'NO_SETTLEMENT_THIS_ROUND' });
    }
    const fourth = await fails(app.url, BID, { id: p.caseId, amount: 9_000_004 }, p.creator.token);
    expect(fourth.code).toBe('INVALID_TRANSITION');
    expect(fourth.extensions.reason).toBe('ROUNDS_EXHAUSTED');
    expect(JSON.stringify(fourth.all)).not.toMatch(/100000[123]/);
    const c = await getCase(app.url, p.creator.token, p.caseId, 'status events(first: 100) { edges { node { type detail } } }');
    expect(c.status).toBe('NEGOTIATION');
    expect(c.events.edges.filter((e: any) => e.node.type === 'BLIND_BID_ROUND_CLOSED').map((e: any) => e.node.detail))
      .toEqual([{ round: 1, settled: false, roundsLeft: 2 }, { round: 2, settled: false, roundsLeft: 1 }, { round: 3, settled: false, roundsLeft: 0 }]);
    expect((await ok(app.url, STATUS, { id: p.caseId }, p.firm.token)).blindBidStatus).toMatchObject({ status: 'ROUNDS_EXHAUSTED', bidsSubmitted: 3 });
  });

  it('continues in mediation, and is closed to anyone but the parties', async () => {
    const p = await negotiating();
    await ok(app.url, BID, { id: p.caseId, amount: 2_000_000 }, p.creator.token);
    await ok(app.url, 'mutation($id: ID!) { requestMediation(caseId: $id) { status } }', { id: p.caseId }, p.firm.token);
    const c = await waitFor(async () => {
      const row = await getCase(app.url, p.creator.token, p.caseId, 'status mediator { id }');
      return row.mediator && row;
    }, 'a mediator');
    expect(c.status).toBe('MEDIATION');
    // The admin (who sees every case) has no way to read a sealed figure, and may not bid.
    expectNone(await readableSurface(adminToken, p.caseId), [2_000_000], 'an admin');
    expect((await fails(app.url, STATUS, { id: p.caseId }, adminToken)).code).toBe('FORBIDDEN');
    const stranger = await signUpCreator(app.url);
    expect((await fails(app.url, BID, { id: p.caseId, amount: 5 }, stranger.token)).code).toBe('NOT_FOUND');
    expect((await fails(app.url, STATUS, { id: p.caseId }, stranger.token)).code).toBe('NOT_FOUND');
    const settled = await ok(app.url, BID, { id: p.caseId, amount: 1_900_000 }, p.firm.token);
    expect(settled.submitBlindBid).toMatchObject({ status: 'SETTLED', settledAmountJpy: 1_950_000 });
    expect((await getCase(app.url, p.firm.token, p.caseId, 'status')).status).toBe('REMEDY_IN_PROGRESS');
  });
});
