import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORT_WINDOWS, startTestApp, TestApp, waitFor } from '../support/harness';
import { fails, ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, parties, signUpCreator, signUpFirm } from '../support/factories';
import { admin, mediator } from '../support/staff';
import { processIntake } from '../../src/jobs/intake-case.job';
import type { JobContext } from '../../src/jobs/job-context';

/**
 * Every path of DESIGN.md "Case lifecycle" to CLOSED, through the API, as the
 * parties, mediators and admins use it. Moves made by jobs (intake, screening,
 * mediator assignment, deadlines) are waited for, never slept for.
 */

const FIELDS = `id status outcome resolution defaulted version mediator { id }
  deadlines { kind dueAt }
  offers { id side status amountJpy licenseTemplateCode remedies message licenseTemplate { code } madeBy { id } }
  settlement { via amountJpy offerId licenseTemplateCode remedies }
  licenseAgreements { templateCode amountJpy licensorAccountId licenseeFirmId template { code titleEn } }
  recommendation { id finding remedies amountJpy reasoning mediatorId acceptedByComplainantAt acceptedByRespondentAt rejectedAt }
  remedyCertifications { certifiedById actions { remedy description datasetIds completedAt paymentReference } }
  mediationSessions { id channel scheduledAt }
  mediatorNotes { id text }
  referral
  events(first: 100) { edges { node { seq type fromStatus toStatus detail actor { kind } } } }`;

const RESPOND = 'mutation($id: ID!, $input: NoticeResponseInput!) { respondToNotice(caseId: $id, input: $input) { status outcome } }';
const MAKE_OFFER = 'mutation($id: ID!, $input: OfferInput!) { makeOffer(caseId: $id, input: $input) { id side status amountJpy licenseTemplateCode } }';
const RESPOND_OFFER = 'mutation($id: ID!, $accept: Boolean!) { respondToOffer(offerId: $id, accept: $accept) { id status } }';
const BID = 'mutation($id: ID!, $amount: SafeInt!) { submitBlindBid(caseId: $id, amountJpy: $amount) { status round roundsLeft settledAmountJpy bidsSubmitted } }';
const REQUEST_MEDIATION = 'mutation($id: ID!) { requestMediation(caseId: $id) { status } }';
const ISSUE = 'mutation($id: ID!, $input: RecommendationInput!) { issueRecommendation(caseId: $id, input: $input) { status } }';
const ANSWER_REC = 'mutation($id: ID!, $accept: Boolean!, $reason: String) { respondToRecommendation(caseId: $id, accept: $accept, reason: $reason) { status outcome resolution } }';
const CERTIFY = 'mutation($id: ID!, $input: RemedyCertificationInput!) { certifyRemedy(caseId: $id, input: $input) { status } }';
const CONFIRM = 'mutation($id: ID!) { confirmRemedy(caseId: $id) { status outcome resolution } }';
const DISPUTE = 'mutation($id: ID!, $reason: String!) { disputeRemedy(caseId: $id, reason: $reason) { status } }';
const WITHDRAW = 'mutation($id: ID!) { withdrawComplaint(caseId: $id, reason: "Settled privately") { status outcome } }';
const ASSIGN = 'mutation($id: ID!, $m: ID!) { assignMediator(caseId: $id, mediatorId: $m) { status mediator { id } } }';

const RECOMMENDATION = {
  finding: 'INFRINGEMENT', remedies: ['OUTPUT_FILTER', 'COMPENSATION'], amountJpy: 400000,
  reasoning: 'Outputs for prompts naming the creator reproduce the essential features of the illustration.',
};
const past = () => new Date(Date.now() - 3600_000).toISOString();
const types = (c: any): string[] => c.events.edges.map((e: any) => e.node.type);
const event = (c: any, type: string) => c.events.edges.map((e: any) => e.node).find((e: any) => e.type === type);

type Parties = Awaited<ReturnType<typeof parties>> & { caseId: string };

/** Drives cases through one running app. */
function driver(appOf: () => TestApp) {
  const mediatorTokens = new Map<string, string>();
  const url = () => appOf().url;

  const get = (token: string, id: string, fields = FIELDS) => getCase(url(), token, id, fields);
  const until = (token: string, id: string, test: (c: any) => boolean, what: string, timeoutMs?: number) =>
    waitFor(async () => { const c = await get(token, id); return test(c) && c; }, what, timeoutMs);
  const untilStatus = (token: string, id: string, status: string, timeoutMs?: number) =>
    until(token, id, (c) => c.status === status, `case ${id} to reach ${status}`, timeoutMs);

  async function noticed(): Promise<Parties> {
    const p = await parties(url());
    const filed = await fileComplaint(url(), p.creator.token, complaintInput(p.firm.firmId, [p.work.id], { aiSystemId: p.system.id }));
    await untilStatus(p.creator.token, filed.id, 'NOTICE_SENT');
    return { ...p, caseId: filed.id };
  }

  async function negotiating(): Promise<Parties> {
    const p = await noticed();
    const r = await ok(url(), RESPOND, { id: p.caseId, input: { kind: 'CONTEST', statement: 'The outputs are our own model\'s style, not a copy.' } }, p.firm.token);
    expect(r.respondToNotice.status).toBe('NEGOTIATION');
    return p;
  }

  /** In MEDIATION with the mediator the assignment job picked; returns that mediator's token. */
  async function inMediation(): Promise<Parties & { mediatorId: string; mediatorToken: string }> {
    const p = await negotiating();
    expect((await ok(url(), REQUEST_MEDIATION, { id: p.caseId }, p.creator.token)).requestMediation.status).toBe('MEDIATION');
    const c = await until(p.creator.token, p.caseId, (row) => !!row.mediator, 'the assignment job to assign a mediator');
    return { ...p, mediatorId: c.mediator.id, mediatorToken: mediatorTokens.get(c.mediator.id)! };
  }

  async function recommended() {
    const p = await inMediation();
    expect((await ok(url(), ISSUE, { id: p.caseId, input: RECOMMENDATION }, p.mediatorToken)).issueRecommendation.status).toBe('RECOMMENDATION_ISSUED');
    return p;
  }

  /** Settled by an accepted offer: REMEDY_IN_PROGRESS. */
  async function remedying(): Promise<Parties> {
    const p = await negotiating();
    const offer = await ok(url(), MAKE_OFFER, { id: p.caseId, input: { amountJpy: 300000, remedies: ['OUTPUT_FILTER'] } }, p.firm.token);
    expect((await ok(url(), RESPOND_OFFER, { id: offer.makeOffer.id, accept: true }, p.creator.token)).respondToOffer.status).toBe('ACCEPTED');
    return p;
  }

  const certification = (remedies = ['OUTPUT_FILTER', 'COMPENSATION']) => ({
    actions: remedies.map((remedy) => ({
      remedy, description: `${remedy} done`, completedAt: past(),
      ...(remedy === 'COMPENSATION' ? { paymentReference: 'MUFG-2026-000451' } : {}),
      ...(remedy === 'DATASET_REMOVAL' ? { datasetIds: ['laion-ja-2025-shard-17'] } : {}),
    })),
  });

  async function verifying(): Promise<Parties> {
    const p = await remedying();
    expect((await ok(url(), CERTIFY, { id: p.caseId, input: certification() }, p.firm.token)).certifyRemedy.status).toBe('VERIFICATION');
    return p;
  }

  return { mediatorTokens, get, until, untilStatus, noticed, negotiating, inMediation, recommended, remedying, verifying, certification };
}

// ----------------------------------------------------------------------------------------------------------------
describe('lifecycle: paths driven by the parties', () => {
  let app: TestApp;
  let adminToken: string;
  const d = driver(() => app);

  beforeAll(async () => {
    app = await startTestApp({ ...SHORT_WINDOWS } as Record<string, string>, { countQueries: true });
    adminToken = (await admin(app)).token;
    const m = await mediator(app, adminToken, { capacity: 500 });
    d.mediatorTokens.set(m.id, m.token);
  });
  afterAll(async () => { await app?.stop(); });

  it('settles by an accepted offer (counter-offers supersede), then certify + confirm → RESOLVED / SETTLED', async () => {
    const p = await d.negotiating();
    const url = app.url;
    const demand = await ok(url, MAKE_OFFER, { id: p.caseId, input: { amountJpy: 900000, remedies: ['OUTPUT_FILTER'], message: 'Filter and pay.' } }, p.creator.token);
    expect(demand.makeOffer).toMatchObject({ side: 'COMPLAINANT', status: 'OPEN', amountJpy: 900000 });
    const first = await ok(url, MAKE_OFFER, { id: p.caseId, input: { amountJpy: 200000 } }, p.firm.token);
    const counter = await ok(url, MAKE_OFFER, { id: p.caseId, input: { amountJpy: 450000, remedies: ['OUTPUT_FILTER'] } }, p.firm.token);

    // Both parties see the offers with their amounts; the firm's earlier offer is superseded.
    let c = await d.get(p.creator.token, p.caseId);
    const byId = (id: string) => c.offers.find((o: any) => o.id === id);
    expect(byId(first.makeOffer.id).status).toBe('SUPERSEDED');
    expect(byId(counter.makeOffer.id)).toMatchObject({ status: 'OPEN', amountJpy: 450000, side: 'RESPONDENT' });
    const seenByFirm = await d.get(p.firm.token, p.caseId);
    expect(seenByFirm.offers.find((o: any) => o.id === demand.makeOffer.id).amountJpy).toBe(900000);
    expect(types(c).filter((t) => t === 'OFFER_MADE')).toHaveLength(3);

    // Nobody answers their own offer; a superseded offer cannot be taken; a stranger's answer is NOT_FOUND.
    expect((await fails(url, RESPOND_OFFER, { id: counter.makeOffer.id, accept: true }, p.firm.token)).code).toBe('FORBIDDEN');
    expect((await fails(url, RESPOND_OFFER, { id: first.makeOffer.id, accept: true }, p.creator.token)).code).toBe('INVALID_TRANSITION');
    const stranger = await signUpCreator(url);
    expect((await fails(url, RESPOND_OFFER, { id: counter.makeOffer.id, accept: true }, stranger.token)).code).toBe('NOT_FOUND');
    expect((await fails(url, MAKE_OFFER, { id: p.caseId, input: { licenseTemplateCode: 'NO_SUCH_TEMPLATE' } }, p.creator.token)).extensions.fields[0].field)
      .toBe('licenseTemplateCode');

    expect((await ok(url, RESPOND_OFFER, { id: counter.makeOffer.id, accept: true }, p.creator.token)).respondToOffer.status).toBe('ACCEPTED');
    c = await d.get(p.firm.token, p.caseId);
    expect(c.status).toBe('REMEDY_IN_PROGRESS');
    expect(c.offers.find((o: any) => o.id === demand.makeOffer.id).status).toBe('LAPSED');
    expect(c.settlement).toMatchObject({ via: 'OFFER', amountJpy: 450000, offerId: counter.makeOffer.id, licenseTemplateCode: null });
    expect(c.settlement.remedies.sort()).toEqual(['COMPENSATION', 'OUTPUT_FILTER']);
    expect(event(c, 'SETTLED').detail).toMatchObject({ kind: 'SETTLED', via: 'OFFER', offerId: counter.makeOffer.id });
    expect(c.deadlines.map((x: any) => x.kind)).toEqual(['REMEDY']);
    // Offers are over once settled.
    expect((await fails(url, MAKE_OFFER, { id: p.caseId, input: { amountJpy: 1 } }, p.creator.token)).code).toBe('INVALID_TRANSITION');

    // Certification: each action is checked, and the error names actions[i].field.
    const bad = await fails(url, CERTIFY, { id: p.caseId, input: { actions: [
      { remedy: 'COMPENSATION', description: 'Paid' },
      { remedy: 'DATASET_REMOVAL', description: 'Removed', completedAt: new Date(Date.now() + 86_400_000).toISOString() },
    ] } }, p.firm.token);
    expect(bad.code).toBe('BAD_USER_INPUT');
    expect(bad.extensions.fields.map((f: any) => f.field).sort()).toEqual(['actions[0].paymentReference', 'actions[1].completedAt', 'actions[1].datasetIds']);
    expect((await fails(url, CERTIFY, { id: p.caseId, input: d.certification() }, p.creator.token)).code).toBe('FORBIDDEN');
    expect((await ok(url, CERTIFY, { id: p.caseId, input: d.certification() }, p.firm.token)).certifyRemedy.status).toBe('VERIFICATION');
    expect((await fails(url, CONFIRM, { id: p.caseId }, p.firm.token)).code).toBe('FORBIDDEN');
    const closed = await ok(url, CONFIRM, { id: p.caseId }, p.creator.token);
    expect(closed.confirmRemedy).toEqual({ status: 'CLOSED', outcome: 'RESOLVED', resolution: 'SETTLED' });
    c = await d.get(p.creator.token, p.caseId);
    expect(c.remedyCertifications[0].actions.find((a: any) => a.remedy === 'COMPENSATION').paymentReference).toBe('MUFG-2026-000451');
    expect(c.deadlines).toEqual([]);
  });

  it('settles as LICENSED when the accepted offer names a license template, with a license agreement both parties see', async () => {
    const templates = await ok(app.url, '{ licenseTemplates { code title titleEn titleJa summary summaryEn summaryJa terms } }');
    const codes = templates.licenseTemplates.map((t: any) => t.code);
    expect(codes).toEqual(expect.arrayContaining(['NONEXCLUSIVE_TRAINING', 'OUTPUT_REVENUE_SHARE', 'RESEARCH_ONLY', 'STYLE_RESTRICTED']));
    for (const t of templates.licenseTemplates) {
      expect(t.titleEn && t.titleJa && t.summaryEn && t.summaryJa).toBeTruthy();
      expect(t.title).toBe(t.titleJa); // anonymous without Accept-Language: Japanese
    }

    const p = await d.noticed();
    expect((await ok(app.url, '{ licenseTemplates { code title } }', {}, p.creator.token)).licenseTemplates
      .find((t: any) => t.code === 'NONEXCLUSIVE_TRAINING').title).toBe('Non-exclusive training license'); // the creator's locale is en
    await ok(app.url, RESPOND, { id: p.caseId, input: { kind: 'OFFER_LICENSE', statement: 'We offer a training license.',
      offer: { licenseTemplateCode: 'NONEXCLUSIVE_TRAINING', amountJpy: 1200000, message: 'Three years, non-exclusive.' } } }, p.firm.token);
    let c = await d.get(p.creator.token, p.caseId);
    expect(c.status).toBe('NEGOTIATION');
    const offer = c.offers.find((o: any) => o.status === 'OPEN');
    expect(offer).toMatchObject({ side: 'RESPONDENT', licenseTemplateCode: 'NONEXCLUSIVE_TRAINING', amountJpy: 1200000, licenseTemplate: { code: 'NONEXCLUSIVE_TRAINING' } });
    await ok(app.url, RESPOND_OFFER, { id: offer.id, accept: true }, p.creator.token);

    c = await d.get(p.firm.token, p.caseId);
    expect(c.status).toBe('REMEDY_IN_PROGRESS');
    expect(c.settlement).toMatchObject({ via: 'OFFER', licenseTemplateCode: 'NONEXCLUSIVE_TRAINING', amountJpy: 1200000 });
    expect(c.licenseAgreements).toEqual([{ templateCode: 'NONEXCLUSIVE_TRAINING', amountJpy: 1200000, licensorAccountId: p.creator.account.id,
      licenseeFirmId: p.firm.firmId, template: { code: 'NONEXCLUSIVE_TRAINING', titleEn: 'Non-exclusive training license' } }]);
    expect((await d.get(p.creator.token, p.caseId)).licenseAgreements).toHaveLength(1);
    await ok(app.url, CERTIFY, { id: p.caseId, input: d.certification(['LICENSE', 'COMPENSATION']) }, p.firm.token);
    expect((await ok(app.url, CONFIRM, { id: p.caseId }, p.creator.token)).confirmRemedy).toEqual({ status: 'CLOSED', outcome: 'RESOLVED', resolution: 'LICENSED' });
  });

  it('settles by blind bids at the midpoint → RESOLVED / SETTLED', async () => {
    const p = await d.negotiating();
    expect((await ok(app.url, BID, { id: p.caseId, amount: 1_000_000 }, p.creator.token)).submitBlindBid)
      .toEqual({ status: 'WAITING_FOR_OTHER_PARTY', round: 1, roundsLeft: 3, settledAmountJpy: null, bidsSubmitted: 1 });
    expect((await ok(app.url, BID, { id: p.caseId, amount: 500_000 }, p.firm.token)).submitBlindBid)
      .toEqual({ status: 'NO_SETTLEMENT_THIS_ROUND', round: 1, roundsLeft: 2, settledAmountJpy: null, bidsSubmitted: 1 });
    await ok(app.url, BID, { id: p.caseId, amount: 800_000 }, p.firm.token);
    const settled = await ok(app.url, BID, { id: p.caseId, amount: 860_000 }, p.creator.token);
    expect(settled.submitBlindBid).toEqual({ status: 'SETTLED', round: 2, roundsLeft: 1, settledAmountJpy: 830_000, bidsSubmitted: 2 });
    const c = await d.get(p.firm.token, p.caseId);
    expect(c.status).toBe('REMEDY_IN_PROGRESS');
    expect(c.settlement).toMatchObject({ via: 'BLIND_BID', amountJpy: 830_000, remedies: ['COMPENSATION'] });
    expect(event(c, 'SETTLED').detail).toMatchObject({ via: 'BLIND_BID', amountJpy: 830_000, kind: 'SETTLED' });
    expect((await fails(app.url, BID, { id: p.caseId, amount: 1 }, p.firm.token)).code).toBe('INVALID_TRANSITION');
    await ok(app.url, CERTIFY, { id: p.caseId, input: d.certification(['COMPENSATION']) }, p.firm.token);
    expect((await ok(app.url, CONFIRM, { id: p.caseId }, p.creator.token)).confirmRemedy).toEqual({ status: 'CLOSED', outcome: 'RESOLVED', resolution: 'SETTLED' });
  });

  it('mediates: assignment job, sessions, private notes, one extension, recommendation accepted by both → RESOLVED / RECOMMENDATION_ACCEPTED', async () => {
    const p = await d.inMediation();
    let c = await d.get(p.creator.token, p.caseId);
    expect(types(c)).toEqual(expect.arrayContaining(['MEDIATION_REQUESTED', 'MEDIATOR_ASSIGNED']));
    expect(c.deadlines.map((x: any) => x.kind)).toEqual(['MEDIATION']); // MEDIATOR_ASSIGNMENT ended with the assignment

    // Offers and blind bids stay open in mediation.
    await ok(app.url, MAKE_OFFER, { id: p.caseId, input: { amountJpy: 100000 } }, p.firm.token);

    const at = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const session = await ok(app.url, 'mutation($id: ID!, $at: DateTime!) { scheduleMediationSession(caseId: $id, at: $at, channel: VIDEO) { id channel scheduledAt } }',
      { id: p.caseId, at }, p.mediatorToken);
    expect(session.scheduleMediationSession.channel).toBe('VIDEO');
    expect((await fails(app.url, 'mutation($id: ID!, $at: DateTime!) { scheduleMediationSession(caseId: $id, at: $at, channel: PHONE) { id } }',
      { id: p.caseId, at }, p.creator.token)).code).toBe('FORBIDDEN');

    const secret = 'Firm counsel privately conceded the prompt logs are genuine';
    await ok(app.url, 'mutation($id: ID!, $t: String!) { addMediatorNote(caseId: $id, text: $t) { id } }', { id: p.caseId, t: secret }, p.mediatorToken);
    expect((await d.get(p.mediatorToken, p.caseId)).mediatorNotes.map((n: any) => n.text)).toEqual([secret]);
    expect((await d.get(adminToken, p.caseId)).mediatorNotes).toHaveLength(1);
    for (const token of [p.creator.token, p.firm.token]) {
      const seen = await d.get(token, p.caseId);
      expect(seen.mediatorNotes).toBeNull();
      expect(seen.mediationSessions.map((s: any) => s.id)).toEqual([session.scheduleMediationSession.id]);
      const notes = await ok(app.url, '{ myNotifications(first: 100) { edges { node { type payload } } } }', {}, token);
      expect(JSON.stringify(seen) + JSON.stringify(notes)).not.toContain('conceded');
    }
    expect((await fails(app.url, 'mutation($id: ID!) { addMediatorNote(caseId: $id, text: "x") { id } }', { id: p.caseId }, p.creator.token)).code).toBe('FORBIDDEN');

    const EXTEND = 'mutation($id: ID!) { extendMediation(caseId: $id, reason: "Expert report on similarity pending") { status deadlines { kind dueAt } } }';
    const before = Date.parse(c.deadlines[0].dueAt);
    const extended = await ok(app.url, EXTEND, { id: p.caseId }, p.mediatorToken);
    expect(Date.parse(extended.extendMediation.deadlines.find((x: any) => x.kind === 'MEDIATION').dueAt)).toBeGreaterThan(before);
    const again = await fails(app.url, EXTEND, { id: p.caseId }, p.mediatorToken);
    expect(again.code).toBe('INVALID_TRANSITION');
    expect(again.extensions.reason).toBe('EXTENSION_ALREADY_USED');

    // Only the assigned mediator (or an admin) recommends; a party may not.
    expect((await fails(app.url, ISSUE, { id: p.caseId, input: RECOMMENDATION }, p.creator.token)).code).toBe('FORBIDDEN');
    const bad = await fails(app.url, ISSUE, { id: p.caseId, input: { ...RECOMMENDATION, remedies: [], reasoning: ' ' } }, p.mediatorToken);
    expect(bad.extensions.fields.map((f: any) => f.field).sort()).toEqual(['reasoning', 'remedies']);
    await ok(app.url, ISSUE, { id: p.caseId, input: RECOMMENDATION }, p.mediatorToken);
    c = await d.get(p.firm.token, p.caseId);
    expect(c.status).toBe('RECOMMENDATION_ISSUED');
    expect(c.recommendation).toMatchObject({ finding: 'INFRINGEMENT', amountJpy: 400000, mediatorId: p.mediatorId, acceptedByComplainantAt: null });
    expect(c.offers.every((o: any) => o.status !== 'OPEN')).toBe(true); // open offers lapse when the case leaves mediation

    expect((await ok(app.url, ANSWER_REC, { id: p.caseId, accept: true }, p.creator.token)).respondToRecommendation.status).toBe('RECOMMENDATION_ISSUED');
    const twice = await fails(app.url, ANSWER_REC, { id: p.caseId, accept: true }, p.creator.token);
    expect(twice.code).toBe('INVALID_TRANSITION');
    expect(twice.extensions.reason).toBe('ALREADY_ACCEPTED');
    expect((await ok(app.url, ANSWER_REC, { id: p.caseId, accept: true }, p.firm.token)).respondToRecommendation.status).toBe('REMEDY_IN_PROGRESS');
    c = await d.get(p.creator.token, p.caseId);
    expect(c.recommendation.acceptedByComplainantAt && c.recommendation.acceptedByRespondentAt).toBeTruthy();
    expect(c.settlement).toMatchObject({ via: 'RECOMMENDATION', amountJpy: 400000 });
    await ok(app.url, CERTIFY, { id: p.caseId, input: d.certification() }, p.firm.token);
    expect((await ok(app.url, CONFIRM, { id: p.caseId }, p.creator.token)).confirmRemedy)
      .toEqual({ status: 'CLOSED', outcome: 'RESOLVED', resolution: 'RECOMMENDATION_ACCEPTED' });
  });

  it('refers the case when a party rejects the recommendation (CLOSED / REFERRED, with the referral summary)', async () => {
    const p = await d.recommended();
    const r = await ok(app.url, ANSWER_REC, { id: p.caseId, accept: false, reason: 'We will take this to court.' }, p.firm.token);
    expect(r.respondToRecommendation).toEqual({ status: 'CLOSED', outcome: 'REFERRED', resolution: null });
    const c = await d.get(p.creator.token, p.caseId);
    expect(c.recommendation.rejectedAt).toBeTruthy();
    expect(event(c, 'RECOMMENDATION_REJECTED')).toMatchObject({ fromStatus: 'RECOMMENDATION_ISSUED', toStatus: 'CLOSED', actor: { kind: 'RESPONDENT' } });
    expect(c.referral.history.map((h: any) => h.type)).toContain('RECOMMENDATION_REJECTED');
  });

  it('refers the case when the firm declines the process', async () => {
    const p = await d.noticed();
    const r = await ok(app.url, RESPOND, { id: p.caseId, input: { kind: 'DECLINE_PROCESS', statement: 'We prefer the courts.' } }, p.firm.token);
    expect(r.respondToNotice).toEqual({ status: 'CLOSED', outcome: 'REFERRED' });
    expect((await d.get(p.creator.token, p.caseId)).referral.reference).toBeTruthy();
  });

  it('returns a disputed remedy to MEDIATION, where a mediator is assigned', async () => {
    const p = await d.verifying();
    expect((await fails(app.url, DISPUTE, { id: p.caseId, reason: ' ' }, p.creator.token)).code).toBe('BAD_USER_INPUT');
    expect((await ok(app.url, DISPUTE, { id: p.caseId, reason: 'The filter still lets my character through.' }, p.creator.token)).disputeRemedy.status).toBe('MEDIATION');
    const c = await d.until(p.creator.token, p.caseId, (row) => !!row.mediator, 'a mediator for the disputed case');
    expect(event(c, 'REMEDY_DISPUTED')).toMatchObject({ fromStatus: 'VERIFICATION', toStatus: 'MEDIATION', actor: { kind: 'COMPLAINANT' } });
    expect(types(c)).toContain('MEDIATOR_ASSIGNED');
  });

  it('honours REQUEST_EXTENSION once and refuses the second with INVALID_TRANSITION and a reason', async () => {
    const p = await d.noticed();
    const before = (await d.get(p.firm.token, p.caseId)).deadlines.find((x: any) => x.kind === 'RESPOND').dueAt;
    const input = { kind: 'REQUEST_EXTENSION', statement: 'Our counsel needs time.' };
    expect((await ok(app.url, RESPOND, { id: p.caseId, input }, p.firm.token)).respondToNotice.status).toBe('NOTICE_SENT');
    const after = (await d.get(p.firm.token, p.caseId)).deadlines.find((x: any) => x.kind === 'RESPOND').dueAt;
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
    const second = await fails(app.url, RESPOND, { id: p.caseId, input }, p.firm.token);
    expect(second.code).toBe('INVALID_TRANSITION');
    expect(second.extensions.reason).toBe('EXTENSION_ALREADY_USED');
    expect(second.message).toMatch(/already used/);
  });

  it('lets an admin override the assignment; conflicts of interest and non-mediators are refused with a reason', async () => {
    const p = await d.inMediation();
    const other = await mediator(app, adminToken, { capacity: 5 });
    d.mediatorTokens.set(other.id, other.token);
    const conflicted = await mediator(app, adminToken, { capacity: 5, conflicts: [p.firm.firmId] });
    d.mediatorTokens.set(conflicted.id, conflicted.token);

    const refused = await fails(app.url, ASSIGN, { id: p.caseId, m: conflicted.id }, adminToken);
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.extensions.fields[0]).toMatchObject({ field: 'mediatorId' });
    expect(refused.message).toMatch(/conflict of interest/);
    expect((await fails(app.url, ASSIGN, { id: p.caseId, m: p.creator.account.id }, adminToken)).extensions.fields[0].message).toMatch(/no mediator/);
    expect((await fails(app.url, ASSIGN, { id: p.caseId, m: other.id }, p.creator.token)).code).toBe('FORBIDDEN');

    const moved = await ok(app.url, ASSIGN, { id: p.caseId, m: other.id }, adminToken);
    expect(moved.assignMediator.mediator.id).toBe(other.id);
    // The new mediator works the case; the previous one no longer sees it.
    await ok(app.url, ISSUE, { id: p.caseId, input: RECOMMENDATION }, other.token);
    if (p.mediatorId !== other.id) expect((await fails(app.url, 'query($id: ID!) { case(id: $id) { id } }', { id: p.caseId }, p.mediatorToken)).code).toBe('NOT_FOUND');
  });

  it('withdraws from every open status from NOTICE_SENT to VERIFICATION', async () => {
    const setups: Array<[string, () => Promise<Parties>]> = [
      ['NOTICE_SENT', d.noticed], ['NEGOTIATION', d.negotiating], ['MEDIATION', d.inMediation], ['RECOMMENDATION_ISSUED', d.recommended],
      ['REMEDY_IN_PROGRESS', d.remedying], ['VERIFICATION', d.verifying],
    ];
    const results = await Promise.all(setups.map(async ([status, setup]) => {
      const p = await setup();
      expect((await d.get(p.creator.token, p.caseId)).status).toBe(status);
      expect((await fails(app.url, WITHDRAW, { id: p.caseId }, p.firm.token)).code).toBe('FORBIDDEN');
      const r = await ok(app.url, WITHDRAW, { id: p.caseId }, p.creator.token);
      const c = await d.get(p.creator.token, p.caseId);
      return { status, result: r.withdrawComplaint, from: event(c, 'WITHDRAWN').fromStatus, deadlines: c.deadlines };
    }));
    for (const r of results) {
      expect(r.result).toEqual({ status: 'CLOSED', outcome: 'WITHDRAWN' });
      expect(r.from).toBe(r.status);
      expect(r.deadlines).toEqual([]);
    }
  });

  it('reads offers, settlements, licenses, recommendations, sessions, notes and certifications of a page of cases in batches', async () => {
    const page = (n: number) => `{ cases(first: ${n}) { edges { node { id offers { id licenseTemplate { code } } settlement { via } licenseAgreements { template { code } }
      recommendation { id } mediationSessions { id } mediatorNotes { id } remedyCertifications { actions { remedy } } } } } }`;
    const statements = async (n: number) => {
      const counts: number[] = [];
      for (let i = 0; i < 10; i += 1) {
        const before = app.db.counter.queries;
        const data = await ok(app.url, page(n), {}, adminToken);
        counts.push(app.db.counter.queries - before);
        expect(data.cases.edges).toHaveLength(n);
      }
      return Math.min(...counts); // workers and the relay query too: take the least
    };
    const have = (await ok(app.url, '{ cases(first: 100) { edges { node { id } } } }', {}, adminToken)).cases.edges.length;
    await Promise.all(Array.from({ length: Math.max(0, 12 - have) }, () => d.verifying())); // when run alone
    expect(await statements(3)).toBe(await statements(12));
  });
});

// ----------------------------------------------------------------------------------------------------------------
describe('lifecycle: paths driven by the windows\' ends', () => {
  let app: TestApp;
  const d = driver(() => app);

  beforeAll(async () => {
    app = await startTestApp({
      ...SHORT_WINDOWS, WINDOW_RESPOND: 'PT2S', WINDOW_NEGOTIATION: 'PT2S', WINDOW_RECOMMENDATION: 'PT3S', WINDOW_REMEDY: 'PT3S', WINDOW_VERIFICATION: 'PT3S',
      SWEEP_INTERVAL: 'PT1S',
    } as Record<string, string>);
    const adminToken = (await admin(app)).token;
    const m = await mediator(app, adminToken, { capacity: 500 });
    d.mediatorTokens.set(m.id, m.token);
  });
  afterAll(async () => { await app?.stop(); });

  it('response window → NEGOTIATION (defaulted), negotiation window → MEDIATION, recommendation window → CLOSED / REFERRED', async () => {
    const p = await d.noticed();
    let c = await d.untilStatus(p.creator.token, p.caseId, 'NEGOTIATION');
    expect(c.defaulted).toBe(true);
    expect(c.outcome).toBeNull();
    expect(event(c, 'RESPONSE_DEFAULTED')).toMatchObject({ fromStatus: 'NOTICE_SENT', toStatus: 'NEGOTIATION', actor: { kind: 'SYSTEM' } });

    c = await d.until(p.creator.token, p.caseId, (row) => row.status === 'MEDIATION' && !!row.mediator, 'the negotiation window to end and a mediator to be assigned');
    expect(event(c, 'NEGOTIATION_EXPIRED')).toMatchObject({ fromStatus: 'NEGOTIATION', toStatus: 'MEDIATION', actor: { kind: 'SYSTEM' } });
    const mediatorToken = d.mediatorTokens.get(c.mediator.id)!;
    await ok(app.url, ISSUE, { id: p.caseId, input: RECOMMENDATION }, mediatorToken);
    await ok(app.url, ANSWER_REC, { id: p.caseId, accept: true }, p.creator.token); // the firm never answers

    c = await d.untilStatus(p.creator.token, p.caseId, 'CLOSED');
    expect(c.outcome).toBe('REFERRED');
    expect(event(c, 'RECOMMENDATION_EXPIRED')).toMatchObject({ fromStatus: 'RECOMMENDATION_ISSUED', toStatus: 'CLOSED', actor: { kind: 'SYSTEM' } });
    expect(c.referral.history.map((h: any) => h.type)).toContain('RECOMMENDATION_EXPIRED');
  });

  it('remedy window → back to MEDIATION for non-compliance; verification window → CLOSED / RESOLVED', async () => {
    const p = await d.noticed();
    await ok(app.url, RESPOND, { id: p.caseId, input: { kind: 'ACCEPT', statement: 'We accept and will filter outputs.' } }, p.firm.token);
    let c = await d.until(p.creator.token, p.caseId, (row) => row.status === 'MEDIATION' && !!row.mediator, 'the remedy window to end');
    expect(event(c, 'REMEDY_OVERDUE')).toMatchObject({ fromStatus: 'REMEDY_IN_PROGRESS', toStatus: 'MEDIATION', actor: { kind: 'SYSTEM' } });
    expect(c.settlement.via).toBe('NOTICE_ACCEPTED');

    const mediatorToken = d.mediatorTokens.get(c.mediator.id)!;
    await ok(app.url, ISSUE, { id: p.caseId, input: RECOMMENDATION }, mediatorToken);
    await ok(app.url, ANSWER_REC, { id: p.caseId, accept: true }, p.firm.token);
    await ok(app.url, ANSWER_REC, { id: p.caseId, accept: true }, p.creator.token);
    await ok(app.url, CERTIFY, { id: p.caseId, input: d.certification() }, p.firm.token);
    c = await d.untilStatus(p.creator.token, p.caseId, 'CLOSED');
    expect(c).toMatchObject({ outcome: 'RESOLVED', resolution: 'RECOMMENDATION_ACCEPTED' });
    expect(event(c, 'VERIFICATION_EXPIRED')).toMatchObject({ fromStatus: 'VERIFICATION', toStatus: 'CLOSED', actor: { kind: 'SYSTEM' } });
  });
});

// ----------------------------------------------------------------------------------------------------------------
describe('lifecycle: withdrawal before the notice (an API-only process, so no job moves the case meanwhile)', () => {
  let app: TestApp;
  let jobs: JobContext;
  beforeAll(async () => {
    app = await startTestApp({ ...SHORT_WINDOWS, ROLE: 'api' } as Record<string, string>);
    jobs = { services: app.services, log: app.log, now: () => new Date() };
  });
  afterAll(async () => { await app?.stop(); });

  async function filed(facts?: Record<string, unknown>) {
    const p = await parties(app.url);
    const c = await fileComplaint(app.url, p.creator.token, complaintInput(p.firm.firmId, [p.work.id], { aiSystemId: p.system.id, ...(facts ? { facts } : {}) }));
    return { ...p, caseId: c.id };
  }

  it('withdraws from FILED, SCREENING and MEDIATOR_REVIEW', async () => {
    const atFiled = await filed();
    const atScreening = await filed();
    await processIntake(jobs, { caseId: atScreening.caseId }, { name: 'intake', attemptsMade: 0 });
    const atReview = await filed({ workInTrainingData: 'YES', outputServedInJapan: true });
    await processIntake(jobs, { caseId: atReview.caseId }, { name: 'intake', attemptsMade: 0 });
    await app.services.screening.screen(atReview.caseId, 'SCREENING', new Date(), `screen-${atReview.caseId}`);

    for (const [p, status] of [[atFiled, 'FILED'], [atScreening, 'SCREENING'], [atReview, 'MEDIATOR_REVIEW']] as const) {
      expect((await getCase(app.url, p.creator.token, p.caseId, 'status')).status).toBe(status);
      // The firm has not been noticed: the case does not exist for it.
      expect((await fails(app.url, WITHDRAW, { id: p.caseId }, p.firm.token)).code).toBe('NOT_FOUND');
      expect((await ok(app.url, WITHDRAW, { id: p.caseId }, p.creator.token)).withdrawComplaint).toEqual({ status: 'CLOSED', outcome: 'WITHDRAWN' });
      const c = await getCase(app.url, p.creator.token, p.caseId);
      expect(c.events.edges.map((e: any) => e.node).find((e: any) => e.type === 'WITHDRAWN').fromStatus).toBe(status);
    }
  });

  it('refuses a second withdrawal and any move of a closed case', async () => {
    const p = await filed();
    await ok(app.url, WITHDRAW, { id: p.caseId }, p.creator.token);
    const again = await fails(app.url, WITHDRAW, { id: p.caseId }, p.creator.token);
    expect(again.code).toBe('INVALID_TRANSITION');
    expect(again.extensions.status).toBe('CLOSED');
    expect((await fails(app.url, REQUEST_MEDIATION, { id: p.caseId }, p.creator.token)).code).toBe('INVALID_TRANSITION');
    const firm = await signUpFirm(app.url);
    expect((await fails(app.url, BID, { id: p.caseId, amount: 5 }, firm.token)).code).toBe('NOT_FOUND');
  });
});
