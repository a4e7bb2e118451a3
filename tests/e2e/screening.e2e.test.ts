import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { ok, fails } from '../support/client';
import { complaintInput, fileComplaint, getCase, parties, registerWork, signUpCreator } from '../support/factories';
import { admin, mediator } from '../support/staff';

let app: TestApp;
let adminToken: string;
beforeAll(async () => {
  app = await startTestApp();
  adminToken = (await admin(app)).token;
});
afterAll(async () => { await app?.stop(); });

const FIELDS = `status outcome mediator { id } assessment { decision strength tier ruleSetVersion missingFacts citations findings { code finding explanation citation } }
  assessments { id trigger decision } events(first: 100) { edges { node { type fromStatus toStatus detail } } }`;

async function until(token: string, id: string, status: string) {
  return waitFor(async () => {
    const c = await getCase(app.url, token, id, FIELDS);
    return c.status === status && c;
  }, `case ${id} to reach ${status}`);
}

describe('screening', () => {
  it('sends an actionable complaint to the firm (NOTICE_SENT) with no human action, with every criterion cited', async () => {
    const { creator, firm, work, system } = await parties(app.url);
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }));
    const c = await until(creator.token, filed.id, 'NOTICE_SENT');
    expect(c.assessment.decision).toBe('ACTIONABLE');
    expect(c.assessment.ruleSetVersion).toBe('jp-2024.2');
    const codes = c.assessment.findings.map((f: any) => f.code);
    for (const code of ['PROTECTED_WORK', 'APPLICABLE_LAW', 'NON_ENJOYMENT', 'UNREASONABLE_PREJUDICE', 'SIMILARITY', 'RELIANCE', 'INFRINGEMENT', 'LIABILITY', 'TIER']) {
      expect(codes).toContain(code);
    }
    expect(c.assessment.findings.every((f: any) => f.citation && f.explanation)).toBe(true);
    const types = c.events.edges.map((e: any) => e.node.type);
    expect(types).toEqual(expect.arrayContaining(['FILED', 'INTAKE_ACCEPTED', 'ASSESSED', 'NOTICE_SENT']));
    // The firm now sees the case and its notice, with running deadlines.
    const seen = await ok(app.url, 'query($id: ID!) { case(id: $id) { status notice { sentAt summary } deadlines { kind dueAt } } }', { id: filed.id }, firm.token);
    expect(seen.case.notice.summary.reference).toBe(filed.reference);
    expect(seen.case.notice.summary.assessment.decision).toBe('ACTIONABLE');
    expect(seen.case.notice.summary.deadlines.map((d: any) => d.kind)).toEqual(['ACKNOWLEDGE', 'RESPOND']);
    expect(seen.case.deadlines.map((d: any) => d.kind).sort()).toEqual(['ACKNOWLEDGE', 'RESPOND']);
  });

  it('closes a North Korean creator\'s complaint about a work first published in North Korea as INELIGIBLE, naming PROTECTED_WORK', async () => {
    const creator = await signUpCreator(app.url, {}, { nationality: 'KP' });
    const { firm, system } = await parties(app.url);
    const work = await registerWork(app.url, creator.token, { firstPublicationCountry: 'KP' });
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }));
    const c = await until(creator.token, filed.id, 'CLOSED');
    expect(c.outcome).toBe('INELIGIBLE');
    const closing = c.events.edges.map((e: any) => e.node).find((e: any) => e.toStatus === 'CLOSED');
    expect(closing.type).toBe('SCREENED_INELIGIBLE');
    expect(closing.detail.reasons.join(' ')).toMatch(/PROTECTED_WORK/);
    expect(closing.detail.reasons.join(' ')).toMatch(/KP/);
    // The firm never learns of a case that was never noticed.
    expect((await fails(app.url, 'query($id: ID!) { case(id: $id) { id } }', { id: filed.id }, firm.token)).code).toBe('NOT_FOUND');
  });

  it('sends a weak complaint to MEDIATOR_REVIEW with a mediator assigned, whose decision moves it on', async () => {
    const m = await mediator(app, adminToken);
    const { creator, firm, work, system } = await parties(app.url);
    const weak = complaintInput(firm.firmId, [work.id], {
      aiSystemId: system.id, facts: { workInTrainingData: 'YES', outputServedInJapan: true }, // similarity not stated: a human must decide
    });
    const filed = await fileComplaint(app.url, creator.token, weak);
    const c = await until(creator.token, filed.id, 'MEDIATOR_REVIEW');
    expect(['NEEDS_HUMAN_REVIEW', 'NOT_ACTIONABLE']).toContain(c.assessment.decision);
    expect(c.assessment.missingFacts).toContain('facts.essentialFeaturesPerceivable');
    expect(c.mediator?.id).toBe(m.id);
    // The mediator sees it; another creator does not; the firm does not yet.
    await ok(app.url, 'query($id: ID!) { case(id: $id) { id } }', { id: filed.id }, m.token);
    expect((await fails(app.url, 'query($id: ID!) { case(id: $id) { id } }', { id: filed.id }, firm.token)).code).toBe('NOT_FOUND');
    const stranger = await signUpCreator(app.url);
    expect((await fails(app.url, 'mutation($id: ID!) { decideReview(caseId: $id, proceed: true, reason: "x") { id } }', { id: filed.id }, stranger.token)).code).toBe('FORBIDDEN');
    const moved = await ok(app.url, 'mutation($id: ID!) { decideReview(caseId: $id, proceed: true, reason: "Output sample shows the character design") { status } }', { id: filed.id }, m.token);
    expect(moved.decideReview.status).toBe('NOTICE_SENT');
    await ok(app.url, 'query($id: ID!) { case(id: $id) { id notice { sentAt } } }', { id: filed.id }, firm.token);
  });

  it('dismisses at review with the reason in the history', async () => {
    await mediator(app, adminToken);
    const { creator, firm, work } = await parties(app.url);
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], { facts: {} }));
    const c = await until(creator.token, filed.id, 'MEDIATOR_REVIEW');
    const mediatorId = c.mediator.id;
    expect(mediatorId).toBeTruthy();
    const result = await ok(app.url, 'mutation($id: ID!) { decideReview(caseId: $id, proceed: false, reason: "Style only; no expression taken") { status outcome } }', { id: filed.id }, adminToken);
    expect(result.decideReview).toEqual({ status: 'CLOSED', outcome: 'DISMISSED' });
  });

  it('re-assesses when evidence is added, keeping the earlier assessment', async () => {
    const { creator, firm, work, system } = await parties(app.url);
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }));
    await until(creator.token, filed.id, 'NOTICE_SENT');
    await ok(app.url, 'mutation($id: ID!, $input: EvidenceInput!) { addEvidence(caseId: $id, input: $input) { id } }', {
      id: filed.id, input: { kind: 'OUTPUT_SAMPLE', description: 'Output for the prompt "in the style of Aoi Tanaka"', similarityScore: 0.93, sha256: 'a'.repeat(64) },
    }, creator.token);
    const c = await waitFor(async () => {
      const row = await getCase(app.url, creator.token, filed.id, FIELDS);
      return row.assessments.length === 2 && row;
    }, 'a second assessment');
    expect(c.assessments.map((a: any) => a.trigger)).toEqual(['SCREENING', 'EVIDENCE_ADDED']);
    expect(c.status).toBe('NOTICE_SENT');
  });

  it('answers eligibility and previewAssessment before filing', async () => {
    const e = await ok(app.url, `query { eligibility(input: { creatorNationality: "US", claimType: OPT_OUT_IGNORED, respondentCountry: "JP", workFirstPublicationCountry: "US" }) {
      eligible protections rules { code finding explanation citation } } }`);
    expect(e.eligibility.eligible).toBe(false);
    expect(e.eligibility.protections).toEqual(['COPYRIGHT']);
    const refusal = e.eligibility.rules.find((r: any) => r.code === 'CLAIM_ACCESS');
    expect(refusal.finding).toBe('NOT_MET');
    expect(refusal.explanation).toMatch(/OPT_OUT_RECOGNITION|opt-out/i);
    const { creator, firm, work, system } = await parties(app.url);
    const p = await ok(app.url, 'query($input: FileComplaintInput!) { previewAssessment(input: $input) { decision missingFacts findings { code finding } } }', {
      input: complaintInput(firm.firmId, [work.id], { aiSystemId: system.id, facts: { outputServedInJapan: true } }),
    }, creator.token);
    expect(p.previewAssessment.missingFacts.length).toBeGreaterThan(0);
    expect(p.previewAssessment.decision).not.toBe('ACTIONABLE');
  });
});

describe('reference data kept by admins', () => {
  it('lets an admin correct a country and an agreement, which eligibility then uses; others are refused', async () => {
    const before = await ok(app.url, 'query { country(code: "TW") { code memberships { treaty inForceFrom } termYearsAfterDeath } }');
    expect(before.country.memberships.map((m: any) => m.treaty)).toContain('TRIPS');
    const creator = await signUpCreator(app.url);
    const denied = await fails(app.url, 'mutation { updateCountry(input: { code: "TW", termYearsAfterDeath: 50 }) { code } }', {}, creator.token);
    expect(denied.code).toBe('FORBIDDEN');
    const bad = await fails(app.url, 'mutation { updateCountry(input: { code: "TW", memberships: [{ treaty: BERNE, inForceFrom: "someday" }] }) { code } }', {}, adminToken);
    expect(bad.extensions.fields[0].field).toBe('memberships[0].inForceFrom');
    const q = 'query { eligibility(input: { creatorNationality: "FR", claimType: OPT_OUT_IGNORED, respondentCountry: "JP", workFirstPublicationCountry: "FR" }) { eligible protections } }';
    expect((await ok(app.url, q)).eligibility.eligible).toBe(false);
    const agreement = await ok(app.url, `mutation { upsertReciprocityAgreement(input: { partnerCountry: "FR", inForceFrom: "2025-01-01T00:00:00Z",
      protections: [OPT_OUT_RECOGNITION, DISPUTE_ACCESS], title: "Test agreement (not real)", demo: true }) { id partnerCountry protections demo } }`, {}, adminToken);
    expect(agreement.upsertReciprocityAgreement.demo).toBe(true);
    const after = await ok(app.url, q);
    expect(after.eligibility.eligible).toBe(true);
    expect(after.eligibility.protections).toEqual(expect.arrayContaining(['COPYRIGHT', 'OPT_OUT_RECOGNITION', 'DISPUTE_ACCESS']));
    const refused = await fails(app.url, 'mutation { upsertReciprocityAgreement(input: { partnerCountry: "JP", inForceFrom: "2025-01-01T00:00:00Z", protections: [COPYRIGHT] }) { id } }', {}, adminToken);
    expect(refused.extensions.fields.map((f: any) => f.field)).toEqual(['partnerCountry', 'protections']);
  });
});
