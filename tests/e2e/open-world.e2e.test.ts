import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { fails, ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, registerWork, signUpCreator, signUpFirm } from '../support/factories';
import { admin } from '../support/staff';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.stop(); });

const uniq = () => randomBytes(4).toString('hex');
const FILE = 'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id status } }';
const RESPONDENT = 'respondent { id legalName country enrolled aiSystemName contactEmail }';

/** A creator with one work, and a complaint against a firm that has no account. */
async function creatorWithWork() {
  const creator = await signUpCreator(app.url);
  const work = await registerWork(app.url, creator.token);
  return { creator, work };
}

function respondentComplaint(workId: string, respondent: Record<string, unknown>) {
  const { respondentFirmId: _none, ...rest } = complaintInput('', [workId]);
  return { ...rest, respondent };
}

describe('complaints against a firm that is not on Chōtei', () => {
  it('creates one respondent record per legal name and country, reused by later filings, and screens the case as usual', async () => {
    const name = `Sora Labs ${uniq()}`;
    const a = await creatorWithWork();
    const b = await creatorWithWork();
    const first = await fileComplaint(app.url, a.creator.token, respondentComplaint(a.work.id, {
      legalName: `  ${name}   Inc. `, country: 'us', contactEmail: 'copyright@soralabs.example', website: 'https://soralabs.example',
      aiSystemName: 'Sora Video 2', servesJapaneseUsers: true, trainingServerInJapan: false,
    }));
    const second = await fileComplaint(app.url, b.creator.token, respondentComplaint(b.work.id, {
      legalName: `${name.toUpperCase()} inc.`, country: 'US', contactEmail: 'legal@soralabs.example',
    }));
    const one = await getCase(app.url, a.creator.token, first.id, `status ${RESPONDENT}`);
    const two = await getCase(app.url, b.creator.token, second.id, `status ${RESPONDENT}`);
    expect(one.respondent).toMatchObject({ legalName: `${name} Inc.`, country: 'US', enrolled: false, aiSystemName: 'Sora Video 2' });
    expect(two.respondent.id).toBe(one.respondent.id);
    // The contact address is not shown to the parties.
    expect(one.respondent.contactEmail).toBeNull();
    const boss = await admin(app);
    const seen = await getCase(app.url, boss.token, first.id, RESPONDENT);
    expect(seen.respondent.contactEmail).toBe('copyright@soralabs.example');

    // Intake and screening run: the case leaves FILED and SCREENING on its own.
    const screened = await waitFor(async () => {
      const row = await getCase(app.url, a.creator.token, first.id, 'status assessment { id } events(first: 20) { edges { node { type detail } } }');
      return !['FILED', 'SCREENING'].includes(row.status) && row;
    }, 'screening of a complaint against an unenrolled respondent');
    expect(screened.assessment).not.toBeNull();
    expect(screened.events.edges[0].node.detail.respondentEnrolled).toBe(false);
  });

  it('never shows the contact address to another firm or anonymously', async () => {
    const { creator, work } = await creatorWithWork();
    const filed = await fileComplaint(app.url, creator.token, respondentComplaint(work.id, {
      legalName: `Quiet Models ${uniq()}`, country: 'GB', contactEmail: 'secret-contact@quiet.example',
    }));
    const other = await signUpFirm(app.url);
    const answer = await fails(app.url, `query($id: ID!) { case(id: $id) { ${RESPONDENT} } }`, { id: filed.id }, other.token);
    expect(answer.code).toBe('NOT_FOUND');
    const mine = await getCase(app.url, creator.token, filed.id, RESPONDENT);
    expect(JSON.stringify(mine)).not.toContain('secret-contact');
  });

  it('previews the assessment of a complaint against a firm that is not on Chōtei', async () => {
    const { creator, work } = await creatorWithWork();
    const data = await ok(app.url, 'query($input: FileComplaintInput!) { previewAssessment(input: $input) { decision missingFacts } }', {
      input: respondentComplaint(work.id, { legalName: `Preview AI ${uniq()}`, country: 'JP', contactEmail: 'a@preview.example', trainingServerInJapan: true }),
    }, creator.token);
    expect(data.previewAssessment.decision).toBeTruthy();
  });

  it('takes exactly one of respondentFirmId and respondent, and checks the respondent', async () => {
    const { creator, work } = await creatorWithWork();
    const firm = await signUpFirm(app.url);
    const respondent = { legalName: 'Both Ways KK', country: 'JP', contactEmail: 'x@both.example' };
    const both = await fails(app.url, FILE, { input: { ...complaintInput(firm.firmId, [work.id]), respondent } }, creator.token);
    expect(both.code).toBe('BAD_USER_INPUT');
    expect(both.extensions.fields.map((f: any) => f.field)).toContain('respondent');
    const neither = await fails(app.url, FILE, { input: respondentComplaint(work.id, null as any) }, creator.token);
    expect(neither.code).toBe('BAD_USER_INPUT');
    expect(neither.extensions.fields.map((f: any) => f.field)).toContain('respondentFirmId');
    const bad = await fails(app.url, FILE, { input: respondentComplaint(work.id, { legalName: '  ', country: 'ZZ', contactEmail: 'not an email', website: 'ftp://x' }) }, creator.token);
    expect(bad.code).toBe('BAD_USER_INPUT');
    expect(bad.extensions.fields.map((f: any) => f.field).sort()).toEqual(['respondent.contactEmail', 'respondent.country', 'respondent.legalName', 'respondent.website']);
    const tooLong = await fails(app.url, FILE, { input: respondentComplaint(work.id, { ...respondent, contactEmail: `${'a'.repeat(400)}@x.example` }) }, creator.token);
    expect(tooLong.code).toBe('BAD_USER_INPUT');
    const mine = await ok(app.url, '{ cases(first: 10) { edges { node { id } } } }', {}, creator.token);
    expect(mine.cases.edges).toHaveLength(0);
  });
});
