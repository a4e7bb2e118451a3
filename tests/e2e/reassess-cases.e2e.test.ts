import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { fails, ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, parties } from '../support/factories';
import { admin } from '../support/staff';

/** Issue 15: re-assessing open cases under a rule set is explicit (an admin mutation over a filter), and the event says what changed. */
let app: TestApp;
let adminToken: string;
beforeAll(async () => {
  app = await startTestApp();
  adminToken = (await admin(app)).token;
});
afterAll(async () => { await app?.stop(); });

const REASSESS = 'mutation($filter: CaseFilter, $v: String) { reassessCases(filter: $filter, ruleSetVersion: $v) }';
const FIELDS = `status assessment { ruleSetVersion decision findings { code finding } } assessments { trigger ruleSetVersion }
  events(first: 100) { edges { node { type detail } } }`;

async function noticedCase() {
  const p = await parties(app.url);
  const filed = await fileComplaint(app.url, p.creator.token, complaintInput(p.firm.firmId, [p.work.id], { aiSystemId: p.system.id }));
  await waitFor(async () => (await getCase(app.url, p.creator.token, filed.id, 'status')).status === 'NOTICE_SENT', 'the notice');
  return { ...p, caseId: filed.id };
}

describe('reassessCases', () => {
  it('re-assesses the selected open cases under the named rule set, and back, recording what changed finding by finding', async () => {
    const a = await noticedCase();
    const before = await getCase(app.url, a.creator.token, a.caseId, FIELDS);
    expect(before.assessment.ruleSetVersion).toBe('jp-2024.2');

    const queued = await ok(app.url, REASSESS, { filter: { respondentFirmId: a.firm.firmId }, v: 'jp-2024.1' }, adminToken);
    expect(queued.reassessCases).toBe(1);
    const old = await waitFor(async () => {
      const c = await getCase(app.url, a.creator.token, a.caseId, FIELDS);
      return c.assessments.length === 2 && c;
    }, 'the re-assessment under jp-2024.1');
    expect(old.status).toBe('NOTICE_SENT');
    expect(old.assessment.ruleSetVersion).toBe('jp-2024.1');
    expect(old.assessments.map((x: any) => x.trigger)).toEqual(['SCREENING', 'RULES_CHANGED']);
    const event = old.events.edges.map((e: any) => e.node).filter((e: any) => e.type === 'ASSESSED').at(-1);
    expect(event.detail).toMatchObject({ trigger: 'RULES_CHANGED', ruleSetVersion: 'jp-2024.1', previousRuleSetVersion: 'jp-2024.2' });
    // jp-2024.2's FAULT criterion does not exist in jp-2024.1: the change says so.
    const was = new Map(before.assessment.findings.map((f: any) => [f.code, f.finding]));
    const now = new Map(old.assessment.findings.map((f: any) => [f.code, f.finding]));
    const expected = [...new Set([...was.keys(), ...now.keys()])].filter((c) => (was.get(c) ?? null) !== (now.get(c) ?? null));
    expect(expected.length).toBeGreaterThan(0);
    expect(event.detail.changes.map((c: any) => c.code).sort()).toEqual(expected.sort());
    expect(event.detail.changes).toContainEqual({ code: 'FAULT', from: was.get('FAULT'), to: null });

    // Back to the current rule set (no version named).
    expect((await ok(app.url, REASSESS, { filter: { respondentFirmId: a.firm.firmId } }, adminToken)).reassessCases).toBe(1);
    const back = await waitFor(async () => {
      const c = await getCase(app.url, a.creator.token, a.caseId, FIELDS);
      return c.assessments.length === 3 && c;
    }, 'the re-assessment under the current set');
    expect(back.assessment.ruleSetVersion).toBe('jp-2024.2');
    const last = back.events.edges.map((e: any) => e.node).filter((e: any) => e.type === 'ASSESSED').at(-1);
    expect(last.detail.previousRuleSetVersion).toBe('jp-2024.1');
    expect(last.detail.changes).toContainEqual({ code: 'FAULT', from: null, to: was.get('FAULT') });
  });

  it('leaves closed cases alone and counts only what the filter selects', async () => {
    const a = await noticedCase();
    await ok(app.url, 'mutation($id: ID!) { withdrawComplaint(caseId: $id) { status } }', { id: a.caseId }, a.creator.token);
    expect((await ok(app.url, REASSESS, { filter: { respondentFirmId: a.firm.firmId } }, adminToken)).reassessCases).toBe(0);
    expect((await ok(app.url, REASSESS, { filter: { respondentFirmId: a.firm.firmId, status: ['NOTICE_SENT'] }, v: 'jp-2024.1' }, adminToken)).reassessCases).toBe(0);
  });

  it('is for admins only, and refuses a rule set that does not exist, naming the argument', async () => {
    const a = await noticedCase();
    expect((await fails(app.url, REASSESS, { filter: { respondentFirmId: a.firm.firmId } }, a.creator.token)).code).toBe('FORBIDDEN');
    expect((await fails(app.url, REASSESS, { filter: { respondentFirmId: a.firm.firmId } }, a.firm.token)).code).toBe('FORBIDDEN');
    const bad = await fails(app.url, REASSESS, { filter: { respondentFirmId: a.firm.firmId }, v: 'jp-1999.1' }, adminToken);
    expect(bad.code).toBe('BAD_USER_INPUT');
    expect(bad.extensions.fields[0]).toMatchObject({ argument: 'ruleSetVersion' });
    // Nothing was queued: the case still has its one assessment.
    expect((await getCase(app.url, a.creator.token, a.caseId, FIELDS)).assessments).toHaveLength(1);
  });
});
