import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { CASE_FIELDS, complaintInput, parties, signUpCreator } from '../support/factories';

/** A POST /graphql with an optional Idempotency-Key, as a client that retries would send it. */
async function post(url: string, query: string, variables: Record<string, unknown>, token: string | null, key?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(key !== undefined ? { 'idempotency-key': key } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json() as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any>; path?: string[] }> };
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), retryAfter: res.headers.get('retry-after'), ...body };
}

const FILE = `mutation File($input: FileComplaintInput!) { fileComplaint(input: $input) { ${CASE_FIELDS} } }`;
const key = () => `key-${Math.random().toString(36).slice(2)}-${Date.now()}`;

async function caseIds(url: string, token: string): Promise<string[]> {
  const r = await post(url, '{ cases(first: 100) { edges { node { id } } } }', {}, token);
  expect(r.errors).toBeUndefined();
  return r.data.cases.edges.map((e: { node: { id: string } }) => e.node.id);
}

describe('Idempotency-Key on mutations that create rows', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp(); });
  afterAll(async () => { await app?.stop(); });

  it('runs a filing once: the retry with the same key and body gets the same case, marked as replayed', async () => {
    const { creator, firm, work } = await parties(app.url);
    const input = complaintInput(firm.firmId, [work.id]);
    const k = key();
    const first = await post(app.url, FILE, { input }, creator.token, k);
    expect(first.errors).toBeUndefined();
    expect(first.replayed).toBeNull();
    const again = await post(app.url, FILE, { input }, creator.token, k);
    expect(again.status).toBe(200);
    expect(again.replayed).toBe('true');
    expect(again.data).toEqual(first.data);
    expect(await caseIds(app.url, creator.token)).toEqual([first.data.fileComplaint.id]);
  });

  it('counts the same request the same however its variables are ordered or the document laid out', async () => {
    const { creator, firm, work } = await parties(app.url);
    const input = complaintInput(firm.firmId, [work.id]);
    const k = key();
    const first = await post(app.url, FILE, { input }, creator.token, k);
    const reordered = Object.fromEntries(Object.entries(input).reverse());
    const again = await post(app.url, FILE.replace(/ /g, '  '), { input: reordered }, creator.token, k);
    expect(again.replayed).toBe('true');
    expect(again.data.fileComplaint.id).toBe(first.data.fileComplaint.id);
  });

  it('refuses the same key with another body, saying the key was used for another request, and files nothing', async () => {
    const { creator, firm, work } = await parties(app.url);
    const k = key();
    const first = await post(app.url, FILE, { input: complaintInput(firm.firmId, [work.id]) }, creator.token, k);
    expect(first.errors).toBeUndefined();
    const other = await post(app.url, FILE, { input: complaintInput(firm.firmId, [work.id], { claimedAmountJpy: 999 }) }, creator.token, k);
    expect(other.status).toBe(400);
    expect(other.data ?? null).toBeNull();
    expect(other.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'Idempotency-Key' })] });
    expect(other.errors![0].message).toMatch(/Idempotency-Key.*used .*for another request/);
    expect(other.errors![0].extensions!.requestId).toEqual(expect.any(String));
    expect(await caseIds(app.url, creator.token)).toEqual([first.data.fileComplaint.id]);
  });

  it('runs one of concurrent requests with the same key: the others get its answer or CONFLICT (retry later), never a second case', async () => {
    const { creator, firm, work } = await parties(app.url);
    const input = complaintInput(firm.firmId, [work.id]);
    const k = key();
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(app.url, FILE, { input }, creator.token, k)));
    const filed = answers.filter((a) => a.data?.fileComplaint);
    const busy = answers.filter((a) => a.errors?.[0]?.extensions?.code === 'CONFLICT');
    expect(filed.length + busy.length).toBe(answers.length);
    expect(filed.length).toBeGreaterThanOrEqual(1);
    expect(new Set(filed.map((a) => a.data.fileComplaint.id)).size).toBe(1);
    for (const b of busy) {
      expect(b.status).toBe(409);
      expect(b.retryAfter).toBe('1');
      expect(b.errors![0].message).toMatch(/still running/);
    }
    // Once it finished, every retry gets its answer.
    const later = await post(app.url, FILE, { input }, creator.token, k);
    expect(later.data.fileComplaint.id).toBe(filed[0].data.fileComplaint.id);
    expect(await caseIds(app.url, creator.token)).toEqual([filed[0].data.fileComplaint.id]);
  });

  it('does not keep an answer that did nothing (refused input), so the corrected request runs with the same key', async () => {
    const { creator, firm, work } = await parties(app.url);
    const k = key();
    // Refused by the validation layer, before any resolver ran.
    const invalid = await post(app.url, FILE, { input: complaintInput(firm.firmId, [work.id], { claimedAmountJpy: -1 }) }, creator.token, k);
    expect(invalid.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    // Refused by the service, inside the resolver (its transaction never opened).
    const undeclared = await post(app.url, FILE, { input: complaintInput(firm.firmId, [work.id], { goodFaithDeclaration: false }) }, creator.token, k);
    expect(undeclared.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(undeclared.errors![0].message).toMatch(/goodFaithDeclaration/);
    expect(await caseIds(app.url, creator.token)).toEqual([]);
    const fixed = await post(app.url, FILE, { input: complaintInput(firm.firmId, [work.id]) }, creator.token, k);
    expect(fixed.errors).toBeUndefined();
    expect(fixed.replayed).toBeNull();
    expect(await caseIds(app.url, creator.token)).toEqual([fixed.data.fileComplaint.id]);
  });

  it('keeps keys per account: two accounts may use the same key', async () => {
    const k = key();
    const one = await signUpCreator(app.url);
    const two = await signUpCreator(app.url);
    const q = 'mutation($input: RegisterWorkInput!) { registerWork(input: $input) { id title } }';
    const input = { title: 'Same title', kind: 'ILLUSTRATION', firstPublishedAt: '2020-04-01T00:00:00Z', firstPublicationCountry: 'JP' };
    const a = await post(app.url, q, { input }, one.token, k);
    const b = await post(app.url, q, { input }, two.token, k);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(b.replayed).toBeNull();
    expect(b.data.registerWork.id).not.toBe(a.data.registerWork.id);
  });

  it('refuses a key on an anonymous request that creates rows, and a malformed key', async () => {
    const { firm, work } = await parties(app.url);
    const anonymous = await post(app.url, FILE, { input: complaintInput(firm.firmId, [work.id]) }, null, key());
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(anonymous.errors![0].message).toMatch(/Idempotency-Key needs a signed-in account/);
    const creator = await signUpCreator(app.url);
    const q = 'mutation($input: RegisterWorkInput!) { registerWork(input: $input) { id } }';
    const input = { title: 'Keyed', kind: 'ILLUSTRATION', firstPublishedAt: '2020-04-01T00:00:00Z', firstPublicationCountry: 'JP' };
    for (const bad of ['x'.repeat(256), 'tab\there']) {
      const r = await post(app.url, q, { input }, creator.token, bad);
      expect(r.status).toBe(400);
      expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'Idempotency-Key' })] });
    }
    const longest = await post(app.url, q, { input }, creator.token, '~'.repeat(255));
    expect(longest.errors).toBeUndefined();
  });

  it('ignores the header on queries and on mutations that create nothing', async () => {
    const creator = await signUpCreator(app.url);
    const k = key();
    const me1 = await post(app.url, '{ me { id } }', {}, creator.token, k);
    const me2 = await post(app.url, '{ me { id displayName } }', {}, creator.token, k);
    expect(me1.errors).toBeUndefined();
    expect(me2.errors).toBeUndefined();
    expect(me2.replayed).toBeNull();
    const read1 = await post(app.url, 'mutation { markNotificationsRead(all: true) }', {}, creator.token, k);
    expect(read1.errors).toBeUndefined();
    expect(read1.replayed).toBeNull();
    // The key was never taken: a mutation that creates a row may still use it.
    const w = await post(app.url, 'mutation($input: RegisterWorkInput!) { registerWork(input: $input) { id } }',
      { input: { title: 'After queries', kind: 'ILLUSTRATION', firstPublishedAt: '2020-04-01T00:00:00Z', firstPublicationCountry: 'JP' } }, creator.token, k);
    expect(w.errors).toBeUndefined();
    expect(w.replayed).toBeNull();
  });
});

describe('Idempotency-Key expiry (IDEMPOTENCY_TTL)', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp({ IDEMPOTENCY_TTL: 'PT1S' }); });
  afterAll(async () => { await app?.stop(); });

  it('runs the request again once its key has expired', async () => {
    const creator = await signUpCreator(app.url);
    const q = 'mutation($input: RegisterWorkInput!) { registerWork(input: $input) { id } }';
    const input = { title: 'Expiring', kind: 'ILLUSTRATION', firstPublishedAt: '2020-04-01T00:00:00Z', firstPublicationCountry: 'JP' };
    const k = key();
    const first = await post(app.url, q, { input }, creator.token, k);
    expect(first.errors).toBeUndefined();
    const rerun = await waitFor(async () => {
      const r = await post(app.url, q, { input }, creator.token, k);
      return r.replayed === null && r;
    }, 'the key to expire', 10_000, 200);
    expect(rerun.errors).toBeUndefined();
    expect(rerun.data.registerWork.id).not.toBe(first.data.registerWork.id);
  });
});
