import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../support/harness';
import { fails, gql, ok } from '../support/client';
import { complaintInput, parties, registerWork, signUpCreator } from '../support/factories';

let app: TestApp;
let p: Awaited<ReturnType<typeof parties>>;
beforeAll(async () => {
  app = await startTestApp({ QUERY_MAX_DEPTH: '6', QUERY_MAX_COST: '5000' });
  p = await parties(app.url);
});
afterAll(async () => { await app?.stop(); });

const FILE = 'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id } }';

/** The error must be BAD_USER_INPUT and name the field. */
async function refusedField(query: string, vars: Record<string, unknown>, token: string | null, field: string) {
  const error = await fails(app.url, query, vars, token);
  expect(error.code, error.message).toBe('BAD_USER_INPUT');
  const fields = (error.extensions.fields ?? []) as Array<{ field: string; message: string }>;
  const hit = fields.find((f) => f.field === field);
  expect(hit, `fields were ${JSON.stringify(fields)}`).toBeTruthy();
  expect(hit!.message.length).toBeGreaterThan(5);
  return hit!;
}

describe('bad input names the field and says why', () => {
  it('an unknown work', async () => {
    await refusedField(FILE, { input: complaintInput(p.firm.firmId, ['00000000-0000-0000-0000-000000000000']) }, p.creator.token, 'workIds[0]');
  });
  it("another creator's work, reported like a missing one", async () => {
    const other = await signUpCreator(app.url);
    const theirs = await registerWork(app.url, other.token);
    const hit = await refusedField(FILE, { input: complaintInput(p.firm.firmId, [p.work.id, theirs.id]) }, p.creator.token, 'workIds[1]');
    expect(hit.message).toMatch(/no work of yours/);
  });
  it('an AI system of another firm', async () => {
    const { system } = await parties(app.url);
    await refusedField(FILE, { input: complaintInput(p.firm.firmId, [p.work.id], { aiSystemId: system.id }) }, p.creator.token, 'aiSystemId');
  });
  it('goodFaithDeclaration not true', async () => {
    await refusedField(FILE, { input: complaintInput(p.firm.firmId, [p.work.id], { goodFaithDeclaration: false }) }, p.creator.token, 'goodFaithDeclaration');
  });
  it('an empty statement and an oversized one', async () => {
    await refusedField(FILE, { input: complaintInput(p.firm.firmId, [p.work.id], { statement: '   ' }) }, p.creator.token, 'statement');
    await refusedField(FILE, { input: complaintInput(p.firm.firmId, [p.work.id], { statement: 'x'.repeat(20_001) }) }, p.creator.token, 'statement');
  });
  it('a negative amount', async () => {
    await refusedField(FILE, { input: complaintInput(p.firm.firmId, [p.work.id], { claimedAmountJpy: -1 }) }, p.creator.token, 'claimedAmountJpy');
  });
  it('an unknown respondent firm', async () => {
    await refusedField(FILE, { input: complaintInput('00000000-0000-0000-0000-000000000000', [p.work.id]) }, p.creator.token, 'respondentFirmId');
  });
  it('an unknown country code at sign-up and in a work', async () => {
    await refusedField('mutation($input: SignUpInput!) { signUp(input: $input) { token } }', { input: {
      email: 'x-country@example.jp', password: 'long enough password', displayName: 'X', role: 'CREATOR', creator: { kind: 'INDIVIDUAL', nationality: 'XX' },
    } }, null, 'creator.nationality');
    await refusedField('mutation { registerWork(input: { title: "T", kind: MANGA, firstPublicationCountry: "ZZ" }) { id } }', {}, p.creator.token, 'firstPublicationCountry');
  });
  it('a similarity score outside 0..1 and a malformed SHA-256', async () => {
    const { creator, firm, work } = await parties(app.url);
    const filed = await ok(app.url, FILE, { input: complaintInput(firm.firmId, [work.id]) }, creator.token);
    const add = 'mutation($id: ID!, $input: EvidenceInput!) { addEvidence(caseId: $id, input: $input) { id } }';
    await refusedField(add, { id: filed.fileComplaint.id, input: { kind: 'OUTPUT_SAMPLE', description: 'd', similarityScore: 1.5 } }, creator.token, 'similarityScore');
    await refusedField(add, { id: filed.fileComplaint.id, input: { kind: 'OUTPUT_SAMPLE', description: 'd', sha256: 'ABC' } }, creator.token, 'sha256');
    await refusedField('mutation { registerWork(input: { title: "T", kind: MANGA, contentHash: "not-a-hash" }) { id } }', {}, creator.token, 'contentHash');
  });
  it('a sign-up with the wrong profile for its role, and a short password', async () => {
    await refusedField('mutation($input: SignUpInput!) { signUp(input: $input) { token } }', { input: {
      email: 'firm-no-profile@example.jp', password: 'long enough password', displayName: 'F', role: 'AI_FIRM',
    } }, null, 'firm');
    await refusedField('mutation($input: SignUpInput!) { signUp(input: $input) { token } }', { input: {
      email: 'short@example.jp', password: 'short', displayName: 'S', role: 'CREATOR', creator: { kind: 'INDIVIDUAL', nationality: 'JP' },
    } }, null, 'password');
  });
  it('a page size over 100', async () => {
    await refusedField('{ cases(first: 500) { edges { node { id } } } }', {}, p.creator.token, 'first');
  });
});

describe('limits and unknown ids', () => {
  it('refuses a query over the depth limit with QUERY_TOO_COMPLEX', async () => {
    // QUERY_MAX_DEPTH=6 for this app: kind sits at depth 7.
    const error = await fails(app.url, '{ cases { edges { node { events { edges { node { actor { kind } } } } } } } }', {}, p.creator.token);
    expect(error.code).toBe('QUERY_TOO_COMPLEX');
    expect(error.message).toMatch(/depth/);
    await ok(app.url, '{ cases { edges { node { events { edges { node { type } } } } } } }', {}, p.creator.token);
  });
  it('refuses a query over the cost limit with QUERY_TOO_COMPLEX before running it', async () => {
    const error = await fails(app.url, '{ cases(first: 100) { edges { node { events(first: 100) { edges { node { seq type } } } } } } }', {}, p.creator.token);
    expect(error.code).toBe('QUERY_TOO_COMPLEX');
    expect(error.message).toMatch(/limit/);
  });
  it('answers NOT_FOUND for unknown ids', async () => {
    expect((await fails(app.url, 'query { case(id: "nope") { id } }', {}, p.creator.token)).code).toBe('NOT_FOUND');
    expect((await fails(app.url, 'mutation { withdrawComplaint(caseId: "nope") { id } }', {}, p.creator.token)).code).toBe('NOT_FOUND');
    expect((await fails(app.url, 'mutation { addEvidence(caseId: "nope", input: { kind: OTHER, description: "d" }) { id } }', {}, p.creator.token)).code).toBe('NOT_FOUND');
  });
  it('masks unexpected errors but gives the request id', async () => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'test-request-0001' }, body: JSON.stringify({ query: '{ me { id } }' }) });
    const body = await res.json() as any;
    expect(body.errors[0].extensions.requestId).toBe('test-request-0001');
    expect(res.headers.get('x-request-id')).toBe('test-request-0001');
  });
});

describe('bad variables', () => {
  it('answer BAD_USER_INPUT naming the variable, not an internal error', async () => {
    const r = await gql(app.url, 'query($k: ClaimType!) { eligibility(input: { creatorNationality: "JP", claimType: $k, respondentCountry: "JP" }) { eligible } }', { k: 'NOPE' });
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].message).toMatch(/\$k/);
  });
});
