import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { fails, gql, ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, registerWork, signUpCreator, signUpFirm } from '../support/factories';

/**
 * Mandates (issue 14 point 7), over real HTTP on SQLite or PostgreSQL
 * (TEST_DATABASE_URL): creators grant a collective mandates and revoke them;
 * the collective files one complaint for two principals; filings outside a
 * mandate in force are refused naming the principal and why; each principal
 * reads the case (case(id), the cases list, nested fields) but makes no move;
 * an offer splits its amount among the principals and the settlement keeps
 * the split; revoking a mandate leaves the cases already filed readable to
 * the principal and says so in their history.
 */

const MANDATE_FIELDS = 'id allWorks claimTypes validFrom validUntil revokedAt inForce principal { id } agent { id } works { id }';
const GRANT = `mutation($input: MandateInput!) { grantMandate(input: $input) { ${MANDATE_FIELDS} } }`;
const REVOKE = `mutation($id: ID!) { revokeMandate(id: $id) { ${MANDATE_FIELDS} } }`;
const LIST = `query($first: Int, $after: String) { mandates(first: $first, after: $after) { edges { cursor node { ${MANDATE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const FILE = 'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id reference status principals { id } } }';
const CASE_VIEW = `id reference status complainant { id } principals { id displayName } works { id } mediatorNotes { id }
  offers { id amountJpy splits { principalId amountJpy } } settlement { via amountJpy splits { principalId amountJpy } }
  events(first: 100) { edges { node { type detail actor { kind accountId } } } }`;
const LIST_CASES = 'query($filter: CaseFilter) { cases(first: 100, filter: $filter) { edges { node { id principals { id } works { id } } } } }';

type Account = Awaited<ReturnType<typeof signUpCreator>>;
let app: TestApp;
let collective: Account;
let alice: Account;
let bob: Account;
let carol: Account;
let outsider: Account;
let firm: Awaited<ReturnType<typeof signUpFirm>>;
const works = {} as Record<'alice1' | 'alice2' | 'bob1' | 'bob2' | 'carol1' | 'collective1', string>;
const mandates = {} as Record<'alice' | 'bob', string>;

/** The BAD_USER_INPUT fields of a refused call. */
async function refusedFields(query: string, variables: Record<string, unknown>, token: string) {
  const error = await fails(app.url, query, variables, token);
  expect(error.code, JSON.stringify(error.all)).toBe('BAD_USER_INPUT');
  return error.extensions.fields as Array<{ field: string; message: string }>;
}

const fieldNamed = (fields: Array<{ field: string; message: string }>, field: string) => fields.find((f) => f.field === field);

beforeAll(async () => {
  app = await startTestApp();
  collective = await signUpCreator(app.url, { displayName: 'Manga Rights Collective' }, { kind: 'COLLECTIVE', nationality: 'JP' });
  [alice, bob, carol, outsider] = await Promise.all(['Alice', 'Bob', 'Carol', 'Outsider'].map((name) => signUpCreator(app.url, { displayName: name })));
  firm = await signUpFirm(app.url);
  works.alice1 = (await registerWork(app.url, alice.token)).id;
  works.alice2 = (await registerWork(app.url, alice.token)).id;
  works.bob1 = (await registerWork(app.url, bob.token)).id;
  works.bob2 = (await registerWork(app.url, bob.token)).id;
  works.carol1 = (await registerWork(app.url, carol.token)).id;
  works.collective1 = (await registerWork(app.url, collective.token)).id;
});
afterAll(async () => { await app?.stop(); });

describe('grantMandate, mandates, revokeMandate', () => {
  it('a creator grants a collective a mandate over all works, another over one work and one claim type until a date', async () => {
    const a = (await ok(app.url, GRANT, { input: { agentId: collective.account.id, allWorks: true } }, alice.token)).grantMandate;
    expect(a).toMatchObject({ allWorks: true, claimTypes: [], validUntil: null, revokedAt: null, inForce: true, principal: { id: alice.account.id }, agent: { id: collective.account.id }, works: [] });
    mandates.alice = a.id;
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const b = (await ok(app.url, GRANT, { input: { agentId: collective.account.id, workIds: [works.bob1], claimTypes: ['OUTPUT_REPRODUCES_WORK'], validUntil: until } }, bob.token)).grantMandate;
    expect(b).toMatchObject({ allWorks: false, claimTypes: ['OUTPUT_REPRODUCES_WORK'], inForce: true, works: [{ id: works.bob1 }] });
    expect(new Date(b.validUntil).toISOString()).toBe(until);
    mandates.bob = b.id;
  });

  it('mandates lists those you hold and those you granted, paged by cursor; nobody else sees them', async () => {
    const held = (await ok(app.url, LIST, {}, collective.token)).mandates.edges.map((e: any) => e.node.id);
    expect(held).toEqual([mandates.alice, mandates.bob]);
    expect((await ok(app.url, LIST, {}, alice.token)).mandates.edges.map((e: any) => e.node.id)).toEqual([mandates.alice]);
    expect((await ok(app.url, LIST, {}, outsider.token)).mandates.edges).toEqual([]);
    const page1 = (await ok(app.url, LIST, { first: 1 }, collective.token)).mandates;
    expect(page1.edges.map((e: any) => e.node.id)).toEqual([mandates.alice]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await ok(app.url, LIST, { first: 1, after: page1.pageInfo.endCursor }, collective.token)).mandates;
    expect(page2.edges.map((e: any) => e.node.id)).toEqual([mandates.bob]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    // Another list's cursor is refused.
    expect((await fails(app.url, LIST, { first: 1, after: Buffer.from('cases|CH-2026-000001').toString('base64url') }, collective.token)).code).toBe('BAD_USER_INPUT');
    // Firms hold no mandates.
    expect((await fails(app.url, LIST, {}, firm.token)).code).toBe('FORBIDDEN');
  });

  it('refuses a mandate that names no works or both, another creator\'s work, yourself, a firm account, or a past end', async () => {
    const both = await refusedFields(GRANT, { input: { agentId: collective.account.id, allWorks: true, workIds: [works.carol1] } }, carol.token);
    expect(fieldNamed(both, 'workIds')?.message).toMatch(/exactly one of workIds/);
    const none = await refusedFields(GRANT, { input: { agentId: collective.account.id } }, carol.token);
    expect(fieldNamed(none, 'allWorks')).toBeTruthy();
    const foreign = await refusedFields(GRANT, { input: { agentId: collective.account.id, workIds: [works.carol1, works.alice1] } }, carol.token);
    expect(fieldNamed(foreign, 'workIds[1]')?.message).toMatch(/no work of yours/);
    expect(fieldNamed(foreign, 'workIds[0]')).toBeUndefined();
    expect(fieldNamed(await refusedFields(GRANT, { input: { agentId: carol.account.id, allWorks: true } }, carol.token), 'agentId')).toBeTruthy();
    expect(fieldNamed(await refusedFields(GRANT, { input: { agentId: firm.account.id, allWorks: true } }, carol.token), 'agentId')).toBeTruthy();
    const past = await refusedFields(GRANT, { input: { agentId: collective.account.id, allWorks: true, validUntil: '2020-01-01T00:00:00Z' } }, carol.token);
    expect(fieldNamed(past, 'validUntil')?.message).toMatch(/future/);
    expect((await fails(app.url, GRANT, { input: { agentId: collective.account.id, allWorks: true } }, firm.token)).code).toBe('FORBIDDEN');
  });

  it('only the principal revokes: the agent is FORBIDDEN, anyone else NOT_FOUND like a missing mandate', async () => {
    expect((await fails(app.url, REVOKE, { id: mandates.bob }, collective.token)).code).toBe('FORBIDDEN');
    expect((await fails(app.url, REVOKE, { id: mandates.bob }, outsider.token)).code).toBe('NOT_FOUND');
    expect((await fails(app.url, REVOKE, { id: '00000000-0000-4000-8000-000000000000' }, outsider.token)).code).toBe('NOT_FOUND');
    const list = (await ok(app.url, LIST, {}, bob.token)).mandates.edges.map((e: any) => e.node);
    expect(list).toEqual([expect.objectContaining({ id: mandates.bob, revokedAt: null, inForce: true })]);
  });
});

describe('filing for principals', () => {
  let caseId: string;

  it('the collective files one complaint over works of two principals; the case lists them', async () => {
    const filed = (await ok(app.url, FILE, { input: complaintInput(firm.firmId, [works.alice1, works.bob1], { principalIds: [alice.account.id, bob.account.id] }) }, collective.token)).fileComplaint;
    caseId = filed.id;
    expect(filed.principals.map((p: any) => p.id).sort()).toEqual([alice.account.id, bob.account.id].sort());
    const view = await getCase(app.url, collective.token, caseId, CASE_VIEW);
    const filedEvent = view.events.edges.map((e: any) => e.node).find((e: any) => e.type === 'FILED');
    expect(filedEvent.detail.principals).toEqual([
      { principalId: alice.account.id, mandateId: mandates.alice }, { principalId: bob.account.id, mandateId: mandates.bob },
    ]);
    // Intake counts the principals' works as the complaint's: the case goes on to the notice.
    await waitFor(async () => (await getCase(app.url, collective.token, caseId, 'status')).status === 'NOTICE_SENT', 'the case to reach NOTICE_SENT');
  });

  it('a complaint filed for yourself keeps you as its only principal', async () => {
    const own = (await ok(app.url, FILE, { input: complaintInput(firm.firmId, [works.carol1]) }, carol.token)).fileComplaint;
    expect(own.principals).toEqual([{ id: carol.account.id }]);
  });

  it('refuses a principal who granted no mandate, naming principalIds[i] (and a work of someone not listed, naming workIds[j])', async () => {
    const fields = await refusedFields(FILE, { input: complaintInput(firm.firmId, [works.alice2, works.carol1], { principalIds: [alice.account.id, carol.account.id] }) }, collective.token);
    expect(fieldNamed(fields, 'principalIds[1]')?.message).toMatch(/has not granted you a mandate/);
    expect(fieldNamed(fields, 'principalIds[0]')).toBeUndefined();
    const unlisted = await refusedFields(FILE, { input: complaintInput(firm.firmId, [works.alice2, works.carol1], { principalIds: [alice.account.id] }) }, collective.token);
    expect(fieldNamed(unlisted, 'workIds[1]')?.message).toMatch(/no work of yours or of the principals you named/);
    // Without principalIds, only the filer's own works.
    const plain = await refusedFields(FILE, { input: complaintInput(firm.firmId, [works.alice2]) }, collective.token);
    expect(fieldNamed(plain, 'workIds[0]')?.message).toMatch(/no work of yours/);
  });

  it('refuses a work the mandate does not list, naming the principal and the work', async () => {
    const fields = await refusedFields(FILE, { input: complaintInput(firm.firmId, [works.bob2], { principalIds: [bob.account.id] }) }, collective.token);
    expect(fieldNamed(fields, 'principalIds[0]')?.message).toContain(works.bob2);
    expect(fieldNamed(fields, 'workIds[0]')?.message).toMatch(/not covered by a mandate in force/);
  });

  it('refuses a claim type the mandate does not cover', async () => {
    const fields = await refusedFields(FILE, { input: complaintInput(firm.firmId, [works.bob1], { principalIds: [bob.account.id], claimType: 'TRAINING_WITHOUT_PERMISSION', stage: 'TRAINING' }) }, collective.token);
    expect(fieldNamed(fields, 'principalIds[0]')?.message).toMatch(/TRAINING_WITHOUT_PERMISSION/);
  });

  it('refuses under a revoked mandate and under an expired one', async () => {
    const dave = await signUpCreator(app.url, { displayName: 'Dave' });
    const daveWork = (await registerWork(app.url, dave.token)).id;
    const m = (await ok(app.url, GRANT, { input: { agentId: collective.account.id, allWorks: true } }, dave.token)).grantMandate;
    const revoked = (await ok(app.url, REVOKE, { id: m.id }, dave.token)).revokeMandate;
    expect(revoked.revokedAt).toBeTruthy();
    expect(revoked.inForce).toBe(false);
    const fields = await refusedFields(FILE, { input: complaintInput(firm.firmId, [daveWork], { principalIds: [dave.account.id] }) }, collective.token);
    expect(fieldNamed(fields, 'principalIds[0]')?.message).toMatch(/revoked/);

    const erin = await signUpCreator(app.url, { displayName: 'Erin' });
    const erinWork = (await registerWork(app.url, erin.token)).id;
    await ok(app.url, GRANT, { input: { agentId: collective.account.id, allWorks: true, validUntil: new Date(Date.now() + 1500).toISOString() } }, erin.token);
    // Once its end has passed (waited for, bounded), it is no longer in force and a filing under it is refused.
    await waitFor(async () => (await ok(app.url, LIST, {}, erin.token)).mandates.edges[0]?.node.inForce === false, 'the mandate to expire', 10_000);
    const expired = await fails(app.url, FILE, { input: complaintInput(firm.firmId, [erinWork], { principalIds: [erin.account.id] }) }, collective.token);
    expect(expired.code).toBe('BAD_USER_INPUT');
    expect((expired.extensions.fields as any[]).find((f) => f.field === 'principalIds[0]')?.message).toMatch(/expired/);
  });

  it('each principal reads the case, in case(id) and in the cases list, with its nested fields; no one else does', async () => {
    for (const principal of [alice, bob]) {
      const view = await getCase(app.url, principal.token, caseId, CASE_VIEW);
      expect(view.id).toBe(caseId);
      expect(view.complainant.id).toBe(collective.account.id);
      expect(view.works.map((w: any) => w.id).sort()).toEqual([works.alice1, works.bob1].sort());
      expect(view.events.edges.length).toBeGreaterThan(0);
      // Not the mediator's private notes.
      expect(view.mediatorNotes).toBeNull();
      const listed = (await ok(app.url, LIST_CASES, {}, principal.token)).cases.edges.map((e: any) => e.node);
      expect(listed.map((c: any) => c.id)).toEqual([caseId]);
      expect(listed[0].works.length).toBe(2);
      expect(listed[0].principals.length).toBe(2);
      // A filter narrows the principal's scope, never widens it.
      expect((await ok(app.url, LIST_CASES, { filter: { status: ['NOTICE_SENT'] } }, principal.token)).cases.edges.map((e: any) => e.node.id)).toEqual([caseId]);
      expect((await ok(app.url, LIST_CASES, { filter: { status: ['CLOSED'] } }, principal.token)).cases.edges).toEqual([]);
    }
    for (const stranger of [carol, outsider]) {
      const answer = await gql(app.url, 'query($id: ID!) { case(id: $id) { id } }', { id: caseId }, stranger.token);
      expect(answer.data?.case ?? null).toBeNull();
      const listed = (await ok(app.url, LIST_CASES, { filter: { respondentFirmId: firm.firmId } }, stranger.token)).cases.edges.map((e: any) => e.node.id);
      expect(listed).not.toContain(caseId);
    }
    // The firm sees the principals of the case against it.
    expect((await getCase(app.url, firm.token, caseId, 'principals { id }')).principals.length).toBe(2);
  });

  it('a principal makes no move: offers, evidence, withdrawal and bids stay with the filer', async () => {
    await ok(app.url, 'mutation($id: ID!) { respondToNotice(caseId: $id, input: { kind: CONTEST, statement: "We contest." }) { status } }', { id: caseId }, firm.token);
    const tries = [
      ['mutation($id: ID!) { makeOffer(caseId: $id, input: { amountJpy: 1000 }) { id } }', {}],
      ['mutation($id: ID!) { addEvidence(caseId: $id, input: { kind: OTHER, description: "x" }) { id } }', {}],
      ['mutation($id: ID!) { withdrawComplaint(caseId: $id) { id } }', {}],
      ['mutation($id: ID!) { submitBlindBid(caseId: $id, amountJpy: 1000) { status } }', {}],
      ['mutation($id: ID!) { requestMediation(caseId: $id) { id } }', {}],
    ] as const;
    for (const [query] of tries) {
      const error = await fails(app.url, query, { id: caseId }, alice.token);
      expect(error.code, `${query}: ${error.message}`).toBe('FORBIDDEN');
    }
    expect((await getCase(app.url, collective.token, caseId, 'status')).status).toBe('NEGOTIATION');
  });

  it('an offer splits its amount among the principals; wrong splits are refused; the settlement keeps the split', async () => {
    const OFFER = 'mutation($id: ID!, $input: OfferInput!) { makeOffer(caseId: $id, input: $input) { id amountJpy splits { principalId amountJpy } } }';
    const wrongSum = await refusedFields(OFFER, { id: caseId, input: { amountJpy: 300000, splits: [{ principalId: alice.account.id, amountJpy: 200000 }, { principalId: bob.account.id, amountJpy: 50000 }] } }, collective.token);
    expect(fieldNamed(wrongSum, 'splits')?.message).toMatch(/sum to 250000/);
    const stranger = await refusedFields(OFFER, { id: caseId, input: { amountJpy: 300000, splits: [{ principalId: alice.account.id, amountJpy: 200000 }, { principalId: carol.account.id, amountJpy: 100000 }] } }, collective.token);
    expect(fieldNamed(stranger, 'splits[1].principalId')?.message).toMatch(/not a principal/);
    const twice = await refusedFields(OFFER, { id: caseId, input: { amountJpy: 300000, splits: [{ principalId: alice.account.id, amountJpy: 150000 }, { principalId: alice.account.id, amountJpy: 150000 }] } }, collective.token);
    expect(fieldNamed(twice, 'splits[1].principalId')).toBeTruthy();
    const noAmount = await refusedFields(OFFER, { id: caseId, input: { remedies: ['OUTPUT_FILTER'], splits: [{ principalId: alice.account.id, amountJpy: 1 }] } }, collective.token);
    expect(fieldNamed(noAmount, 'splits')?.message).toMatch(/amountJpy/);

    const split = [{ principalId: alice.account.id, amountJpy: 200000 }, { principalId: bob.account.id, amountJpy: 100000 }];
    const offer = (await ok(app.url, OFFER, { id: caseId, input: { amountJpy: 300000, splits: split } }, collective.token)).makeOffer;
    expect(offer.splits).toEqual(split);
    // The principals read the offer and its split, and cannot accept it for the filer.
    const aliceView = await getCase(app.url, alice.token, caseId, CASE_VIEW);
    expect(aliceView.offers.find((o: any) => o.id === offer.id).splits).toEqual(split);
    const ANSWER = 'mutation($id: ID!, $accept: Boolean!) { respondToOffer(offerId: $id, accept: $accept) { status } }';
    expect((await fails(app.url, ANSWER, { id: offer.id, accept: true }, alice.token)).code).toBe('FORBIDDEN');
    await ok(app.url, ANSWER, { id: offer.id, accept: true }, firm.token);
    for (const reader of [collective, alice, bob, firm]) {
      const settled = await getCase(app.url, reader.token, caseId, CASE_VIEW);
      expect(settled.settlement).toEqual({ via: 'OFFER', amountJpy: 300000, splits: split });
    }
  });

  it('revoking a mandate stops new filings but leaves the filed case to its principal, and its history says so', async () => {
    await ok(app.url, REVOKE, { id: mandates.alice }, alice.token);
    const fields = await refusedFields(FILE, { input: complaintInput(firm.firmId, [works.alice2], { principalIds: [alice.account.id] }) }, collective.token);
    expect(fieldNamed(fields, 'principalIds[0]')?.message).toMatch(/revoked/);
    const view = await getCase(app.url, alice.token, caseId, CASE_VIEW);
    expect(view.principals.map((p: any) => p.id).sort()).toEqual([alice.account.id, bob.account.id].sort());
    const revoked = view.events.edges.map((e: any) => e.node).find((e: any) => e.type === 'MANDATE_REVOKED');
    expect(revoked).toMatchObject({ actor: { kind: 'PRINCIPAL', accountId: alice.account.id }, detail: { mandateId: mandates.alice, principalId: alice.account.id } });
    expect((await ok(app.url, LIST_CASES, {}, alice.token)).cases.edges.map((e: any) => e.node.id)).toEqual([caseId]);
    // The filer still acts for the principals of the case.
    expect((await getCase(app.url, collective.token, caseId, 'status')).status).toBe('REMEDY_IN_PROGRESS');
  });
});
