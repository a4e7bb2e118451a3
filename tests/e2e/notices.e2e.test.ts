import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORT_WINDOWS, startTestApp, TestApp, waitFor } from '../support/harness';
import { fails, ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, parties, signUpFirm } from '../support/factories';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ ...SHORT_WINDOWS, WINDOW_ACKNOWLEDGE: 'PT1S', WINDOW_RESPOND: 'PT3S', WINDOW_RESPOND_EXTENSION: 'PT4S', SWEEP_INTERVAL: 'PT1S' });
});
afterAll(async () => { await app?.stop(); });

const FIELDS = 'status outcome defaulted deadlines { kind dueAt } events(first: 100) { edges { node { type fromStatus toStatus detail actor { kind } } } }';
const RESPOND = 'mutation($id: ID!, $input: NoticeResponseInput!) { respondToNotice(caseId: $id, input: $input) { status outcome } }';

async function noticed() {
  const p = await parties(app.url);
  const filed = await fileComplaint(app.url, p.creator.token, complaintInput(p.firm.firmId, [p.work.id], { aiSystemId: p.system.id }));
  await waitFor(async () => (await getCase(app.url, p.creator.token, filed.id, 'status')).status === 'NOTICE_SENT', 'the notice');
  return { ...p, caseId: filed.id };
}
const types = (c: any) => c.events.edges.map((e: any) => e.node.type);

describe('notices and responses', () => {
  it('moves an unanswered notice to NEGOTIATION with defaulted: true — no automatic win', async () => {
    const p = await noticed();
    const c = await waitFor(async () => {
      const row = await getCase(app.url, p.creator.token, p.caseId, FIELDS);
      return row.status === 'NEGOTIATION' && row;
    }, 'the response window to pass');
    expect(c.defaulted).toBe(true);
    expect(c.outcome).toBeNull();
    const defaulted = c.events.edges.map((e: any) => e.node).find((e: any) => e.type === 'RESPONSE_DEFAULTED');
    expect(defaulted).toMatchObject({ fromStatus: 'NOTICE_SENT', toStatus: 'NEGOTIATION', actor: { kind: 'SYSTEM' } });
    expect(types(c)).toContain('ACKNOWLEDGEMENT_OVERDUE');
    expect(c.deadlines.map((d: any) => d.kind)).toEqual(['NEGOTIATION']);
  });

  it('honours one extension request and refuses a second with a reason', async () => {
    const p = await noticed();
    const before = await getCase(app.url, p.firm.token, p.caseId, FIELDS);
    const due = new Date(before.deadlines.find((d: any) => d.kind === 'RESPOND').dueAt).getTime();
    await ok(app.url, RESPOND, { id: p.caseId, input: { kind: 'REQUEST_EXTENSION', statement: 'We need to check our datasets.' } }, p.firm.token);
    const after = await getCase(app.url, p.firm.token, p.caseId, FIELDS);
    const moved = new Date(after.deadlines.find((d: any) => d.kind === 'RESPOND').dueAt).getTime();
    expect(moved - due).toBe(4000);
    expect(after.status).toBe('NOTICE_SENT');
    const second = await fails(app.url, RESPOND, { id: p.caseId, input: { kind: 'REQUEST_EXTENSION', statement: 'More time please.' } }, p.firm.token);
    expect(second.code).toBe('INVALID_TRANSITION');
    expect(second.message).toMatch(/extension was already used/);
    expect(second.extensions.status).toBe('NOTICE_SENT');
  });

  it('leads each response where DESIGN.md says', async () => {
    const cases = await Promise.all([noticed(), noticed(), noticed(), noticed()]);
    const [accept, contest, offer, decline] = cases;
    expect((await ok(app.url, RESPOND, { id: accept.caseId, input: { kind: 'ACCEPT', statement: 'We will filter and pay.' } }, accept.firm.token)).respondToNotice)
      .toEqual({ status: 'REMEDY_IN_PROGRESS', outcome: null });
    expect((await ok(app.url, RESPOND, { id: contest.caseId, input: { kind: 'CONTEST', statement: 'Not similar.' } }, contest.firm.token)).respondToNotice.status).toBe('NEGOTIATION');
    expect((await ok(app.url, RESPOND, { id: offer.caseId, input: { kind: 'OFFER_LICENSE', statement: 'We offer a license.', offer: { amountJpy: 300000, message: 'Standard terms' } } },
      offer.firm.token)).respondToNotice.status).toBe('NEGOTIATION');
    expect(types(await getCase(app.url, offer.creator.token, offer.caseId, FIELDS))).toContain('OFFER_MADE');
    expect((await ok(app.url, RESPOND, { id: decline.caseId, input: { kind: 'DECLINE_PROCESS', statement: 'We prefer court.' } }, decline.firm.token)).respondToNotice)
      .toEqual({ status: 'CLOSED', outcome: 'REFERRED' });
    const referral = await ok(app.url, 'query($id: ID!) { case(id: $id) { referral } }', { id: decline.caseId }, decline.creator.token);
    expect(referral.case.referral).toMatchObject({ outcome: 'REFERRED', claimType: 'OUTPUT_REPRODUCES_WORK' });
    expect(referral.case.referral.works).toHaveLength(1);
    expect(referral.case.referral.assessment.findings.length).toBeGreaterThan(5);
    expect(referral.case.referral.history.map((h: any) => h.type)).toContain('PROCESS_DECLINED');
  });

  it('answers NOT_FOUND to the wrong party and INVALID_TRANSITION in the wrong status', async () => {
    const p = await noticed();
    const other = await signUpFirm(app.url);
    expect((await fails(app.url, RESPOND, { id: p.caseId, input: { kind: 'ACCEPT', statement: 'x' } }, other.token)).code).toBe('NOT_FOUND');
    expect((await fails(app.url, RESPOND, { id: p.caseId, input: { kind: 'ACCEPT', statement: 'x' } }, p.creator.token)).code).toBe('FORBIDDEN');
    await ok(app.url, RESPOND, { id: p.caseId, input: { kind: 'CONTEST', statement: 'No.' } }, p.firm.token);
    const wrong = await fails(app.url, RESPOND, { id: p.caseId, input: { kind: 'ACCEPT', statement: 'Changed our mind' } }, p.firm.token);
    expect(wrong.code).toBe('INVALID_TRANSITION');
    expect(wrong.extensions).toMatchObject({ status: 'NEGOTIATION' });
  });

  it('records the acknowledgement and stops its window', async () => {
    const p = await noticed();
    const r = await ok(app.url, 'mutation($id: ID!) { acknowledgeNotice(caseId: $id) { notice { acknowledgedAt } deadlines { kind } } }', { id: p.caseId }, p.firm.token);
    expect(r.acknowledgeNotice.notice.acknowledgedAt).toBeTruthy();
    expect(r.acknowledgeNotice.deadlines.map((d: any) => d.kind)).toEqual(['RESPOND']);
  });

  it('reminds the firm before the response window ends', async () => {
    const p = await noticed();
    const c = await waitFor(async () => {
      const row = await getCase(app.url, p.creator.token, p.caseId, FIELDS);
      return row.status === 'NEGOTIATION' && row;
    }, 'the window to pass');
    const reminders = c.events.edges.map((e: any) => e.node).filter((e: any) => e.type === 'DEADLINE_REMINDER' && e.detail.kind === 'RESPOND');
    expect(reminders.map((r: any) => r.detail.reminder)).toEqual([1, 2, 3]);
    expect(reminders[0].detail.parties).toEqual(['RESPONDENT']);
  });
});
