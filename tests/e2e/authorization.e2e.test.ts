import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { gql } from '../support/client';
import { complaintInput, fileComplaint, getCase, parties, registerWork, signUpCreator, signUpFirm } from '../support/factories';
import { admin, mediator } from '../support/staff';
import { createLoaders } from '../../src/graphql/loaders';

/**
 * The authorization matrix of the foundation's queries and mutations: each
 * role against its own and another party's objects. Another party's object
 * answers NOT_FOUND exactly like a missing one; no token answers UNAUTHENTICATED.
 */
let app: TestApp;
const tokens: Record<string, string | null> = {};
let ids: { caseId: string; reviewCaseId: string; workId: string; firmId: string; systemId: string; otherFirmApiKeyId: string; apiKeyId: string };

beforeAll(async () => {
  app = await startTestApp();
  const adm = await admin(app);
  const med = await mediator(app, adm.token);
  const { creator, firm, work, system } = await parties(app.url);
  const otherCreator = await signUpCreator(app.url);
  const otherFirm = await signUpFirm(app.url);
  const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }));
  await waitFor(async () => (await getCase(app.url, creator.token, filed.id, 'status')).status === 'NOTICE_SENT', 'notice');
  // A second case that goes to mediator review (assigned to `med`), not yet visible to the firm.
  const work2 = await registerWork(app.url, creator.token);
  const weak = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work2.id], { facts: {} }));
  await waitFor(async () => (await getCase(app.url, creator.token, weak.id, 'status')).status === 'MEDIATOR_REVIEW', 'review');
  const key = await gql(app.url, 'mutation { createApiKey(name: "ci") { secret apiKey { id } } }', {}, firm.token);
  const otherKey = await gql(app.url, 'mutation { createApiKey(name: "other") { secret apiKey { id } } }', {}, otherFirm.token);
  Object.assign(tokens, {
    anonymous: null, creator: creator.token, otherCreator: otherCreator.token, firm: firm.token, firmApiKey: key.data.createApiKey.secret,
    otherFirm: otherFirm.token, mediator: med.token, admin: adm.token,
  });
  ids = { caseId: filed.id, reviewCaseId: weak.id, workId: work.id, firmId: firm.firmId, systemId: system.id, apiKeyId: key.data.createApiKey.apiKey.id,
    otherFirmApiKeyId: otherKey.data.createApiKey.apiKey.id };
});
afterAll(async () => { await app?.stop(); });

type Expect = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT';
type Row = { name: string; query: string; vars: () => Record<string, unknown>; expect: Record<string, Expect> };

const ROLES = ['anonymous', 'creator', 'otherCreator', 'firm', 'firmApiKey', 'otherFirm', 'mediator', 'admin'] as const;
const all = (e: Expect, overrides: Partial<Record<(typeof ROLES)[number], Expect>>) => Object.fromEntries(ROLES.map((r) => [r, overrides[r] ?? e])) as Record<string, Expect>;

const MATRIX: Row[] = [
  { name: 'me', query: '{ me { id role } }', vars: () => ({}), expect: all('OK', { anonymous: 'UNAUTHENTICATED' }) },
  { name: 'aiSystems (public)', query: '{ aiSystems { id } }', vars: () => ({}), expect: all('OK', {}) },
  { name: 'myWorks', query: '{ myWorks { edges { node { id } } } }', vars: () => ({}),
    expect: all('FORBIDDEN', { anonymous: 'UNAUTHENTICATED', creator: 'OK', otherCreator: 'OK' }) },
  { name: 'registerWork', query: 'mutation { registerWork(input: { title: "T", kind: MANGA }) { id } }', vars: () => ({}),
    expect: all('FORBIDDEN', { anonymous: 'UNAUTHENTICATED', creator: 'OK', otherCreator: 'OK' }) },
  { name: 'registerAiSystem', query: 'mutation { registerAiSystem(input: { name: "S", modality: TEXT, purpose: RESEARCH, trainingServerInJapan: false, servesJapaneseUsers: true }) { id } }',
    vars: () => ({}), expect: all('FORBIDDEN', { anonymous: 'UNAUTHENTICATED', firm: 'OK', firmApiKey: 'OK', otherFirm: 'OK' }) },
  { name: 'createApiKey', query: 'mutation { createApiKey(name: "k") { secret } }', vars: () => ({}),
    expect: all('FORBIDDEN', { anonymous: 'UNAUTHENTICATED', firm: 'OK', firmApiKey: 'OK', otherFirm: 'OK' }) },
  { name: "revokeApiKey (another firm's key)", query: 'mutation($id: ID!) { revokeApiKey(id: $id) }', vars: () => ({ id: ids.otherFirmApiKeyId }),
    expect: all('FORBIDDEN', { anonymous: 'UNAUTHENTICATED', firm: 'NOT_FOUND', firmApiKey: 'NOT_FOUND', otherFirm: 'OK' }) },
  { name: 'createMediator', query: 'mutation($e: String!) { createMediator(input: { email: $e, password: "mediator pass", displayName: "M", languages: ["ja"], capacity: 3 }) { id } }',
    vars: () => ({ e: `m-${Math.random().toString(36).slice(2)}@x.jp` }), expect: all('FORBIDDEN', { anonymous: 'UNAUTHENTICATED', admin: 'OK' }) },
  { name: 'case (noticed case)', query: 'query($id: ID!) { case(id: $id) { id } }', vars: () => ({ id: ids.caseId }),
    expect: all('NOT_FOUND', { anonymous: 'UNAUTHENTICATED', creator: 'OK', firm: 'OK', firmApiKey: 'OK', admin: 'OK' }) },
  { name: 'case (under mediator review: not yet the firm\'s)', query: 'query($id: ID!) { case(id: $id) { id } }', vars: () => ({ id: ids.reviewCaseId }),
    expect: all('NOT_FOUND', { anonymous: 'UNAUTHENTICATED', creator: 'OK', mediator: 'OK', admin: 'OK' }) },
  { name: 'case (missing id)', query: 'query($id: ID!) { case(id: $id) { id } }', vars: () => ({ id: '00000000-0000-0000-0000-000000000000' }),
    expect: all('NOT_FOUND', { anonymous: 'UNAUTHENTICATED' }) },
  { name: 'cases', query: '{ cases { edges { node { id } } } }', vars: () => ({}), expect: all('OK', { anonymous: 'UNAUTHENTICATED' }) },
  { name: 'addEvidence', query: 'mutation($id: ID!) { addEvidence(caseId: $id, input: { kind: OTHER, description: "d" }) { id } }', vars: () => ({ id: ids.caseId }),
    expect: all('NOT_FOUND', { anonymous: 'UNAUTHENTICATED', creator: 'OK', firm: 'OK', firmApiKey: 'OK', admin: 'FORBIDDEN' }) },
  { name: "fileComplaint (another creator's work)", query: 'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id } }',
    vars: () => ({ input: complaintInput(ids.firmId, [ids.workId]) }),
    expect: all('FORBIDDEN', { anonymous: 'UNAUTHENTICATED', otherCreator: 'BAD_USER_INPUT', creator: 'OK' }) },
];

describe('authorization matrix', () => {
  for (const row of MATRIX) {
    for (const role of ROLES) {
      it(`${row.name} as ${role} → ${row.expect[role]}`, async () => {
        const result = await gql(app.url, row.query, row.vars(), tokens[role]);
        const code = result.errors?.[0]?.extensions?.code ?? 'OK';
        expect(code, JSON.stringify(result.errors)).toBe(row.expect[role]);
      });
    }
  }

  it('lists for each role only what it may see', async () => {
    const seen = async (role: string) => (await gql(app.url, '{ cases(first: 100) { edges { node { id } } } }', {}, tokens[role])).data.cases.edges.map((e: any) => e.node.id);
    expect(await seen('creator')).toEqual(expect.arrayContaining([ids.caseId, ids.reviewCaseId]));
    expect(await seen('otherCreator')).toEqual([]);
    const firmSees = await seen('firm');
    expect(firmSees).toContain(ids.caseId);
    expect(firmSees).not.toContain(ids.reviewCaseId);
    expect(await seen('otherFirm')).toEqual([]);
    expect(await seen('mediator')).toEqual([ids.reviewCaseId]);
    expect(await seen('admin')).toEqual(expect.arrayContaining([ids.caseId, ids.reviewCaseId]));
  });

  it('masks a party\'s email to the other party and shows it to its owner', async () => {
    const q = 'query($id: ID!) { case(id: $id) { complainant { email } } }';
    const own = await gql(app.url, q, { id: ids.caseId }, tokens.creator);
    const firmView = await gql(app.url, q, { id: ids.caseId }, tokens.firm);
    expect(own.data.case.complainant.email).toMatch(/^creator-/);
    expect(firmView.data.case.complainant.email).toMatch(/^c\*\*\*@/);
  });

  it('rejects a revoked API key and a forged token with UNAUTHENTICATED', async () => {
    const { token } = await signUpFirm(app.url);
    const key = await gql(app.url, 'mutation { createApiKey(name: "short-lived") { secret key id apiKey { id prefix } } }', {}, token);
    expect(key.data.createApiKey.key).toBe(key.data.createApiKey.secret);
    expect(key.data.createApiKey.id).toBe(key.data.createApiKey.apiKey.id);
    expect(key.data.createApiKey.secret.startsWith(key.data.createApiKey.apiKey.prefix)).toBe(true);
    expect((await gql(app.url, '{ me { role } }', {}, key.data.createApiKey.secret)).data.me.role).toBe('AI_FIRM');
    await gql(app.url, 'mutation($id: ID!) { revokeApiKey(id: $id) }', { id: key.data.createApiKey.apiKey.id }, token);
    expect((await gql(app.url, '{ me { role } }', {}, key.data.createApiKey.secret)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const forged = `${token.split('.').slice(0, 2).join('.')}.AAAA`;
    expect((await gql(app.url, '{ me { role } }', {}, forged)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('logs in with the right password only, and no per-request read carries the password hash', async () => {
    const email = `login-${Date.now()}@example.jp`;
    const { account } = await signUpCreator(app.url, { email });
    const logIn = 'mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { account { id email } } }';
    expect((await gql(app.url, logIn, { e: email, p: 'wrong password!' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const right = await gql(app.url, logIn, { e: email.toUpperCase(), p: 'correct horse battery' });
    expect(right.errors).toBeUndefined();
    expect(right.data.logIn.account.id).toBe(account.id);
    // Its answer shows the account as its owner sees it, though the request carried no token.
    expect(right.data.logIn.account.email).toBe(email);
    const loaded = await createLoaders(app.db).account.load(account.id);
    expect(loaded?.id).toBe(account.id);
    expect(loaded?.passwordHash).toBeUndefined();
  });

  it('answers signUp and logIn with the new account as its owner sees it: full email, own webhook URL, own mediator profile', async () => {
    const email = `owner-${Date.now()}@example.com`;
    const firm = await gql(app.url, `mutation($input: SignUpInput!) { signUp(input: $input) { account { email firm { webhookUrl } } } }`, { input: {
      email, password: 'correct horse battery', displayName: 'Owner KK', role: 'AI_FIRM',
      firm: { legalName: 'Owner KK', country: 'JP', servesJapaneseUsers: true, webhookUrl: 'https://hooks.example.com/chotei' } } });
    expect(firm.errors).toBeUndefined();
    expect(firm.data.signUp.account).toEqual({ email, firm: { webhookUrl: 'https://hooks.example.com/chotei' } });
    const adm = await admin(app);
    const mediatorEmail = `med-${Date.now()}@chotei.example`;
    await gql(app.url, 'mutation($input: CreateMediatorInput!) { createMediator(input: $input) { id } }', {
      input: { email: mediatorEmail, password: 'mediator password', displayName: 'Mediator Ito', languages: ['ja'], capacity: 3 } }, adm.token);
    const med = await gql(app.url, 'mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { account { email mediator { capacity } } } }',
      { e: mediatorEmail, p: 'mediator password' });
    expect(med.data.logIn.account).toEqual({ email: mediatorEmail, mediator: { capacity: 3 } });
  });
});
