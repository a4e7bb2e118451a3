import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, parties } from '../support/factories';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { watch, wsClient } from '../support/subscriptions';

/**
 * An anonymous attacker's documents against the default limits: each is
 * refused with HTTP 400 QUERY_TOO_COMPLEX, quickly, without a 500, while the
 * server keeps answering; ordinary client queries still pass and carry their
 * cost. Also the HTTP layer: malformed, oversized and mistyped bodies answer
 * GraphQL-shaped JSON; CORS follows CORS_ORIGINS.
 */
let app: TestApp;
beforeAll(async () => { app = await startTestApp({ CORS_ORIGINS: 'https://app.example.jp,https://admin.example.jp' }); });
afterAll(async () => { await app?.stop(); });

interface Answer { status: number; ms: number; contentType: string; body: any; text: string; headers: Headers }

async function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }, path = '/graphql'): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(new URL(path, app.url), { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: any = null;
  try { parsed = JSON.parse(text); } catch { /* asserted by the callers */ }
  return { status: res.status, ms: performance.now() - started, contentType: res.headers.get('content-type') ?? '', body: parsed, text, headers: res.headers };
}

const query = (q: string, variables: Record<string, unknown> = {}) => post(JSON.stringify({ query: q, variables }));

const nested = (depth: number) => `query { ${'a { '.repeat(depth - 1)}a${' }'.repeat(depth - 1)} }`;

/** The documents of the issue, and a few more of the same kind. */
const ABUSE: Record<string, string> = {
  '5,000 aliases of countries { code }': `{ ${Array.from({ length: 5000 }, (_, i) => `a${i}: countries { code }`).join(' ')} }`,
  'a fragment cycle': 'query { me { ...A } } fragment A on Account { id ...B } fragment B on Account { displayName ...A }',
  'a 1 MB document of one huge selection': `{ countries { ${'code '.repeat(200_000)} } }`,
  '10,000 directives': `{ countries { code ${'@include(if: true) '.repeat(10_000)} } }`,
  'depth 200': nested(200),
  'a very wide document (5,000 fields in one selection)': `{ countries { ${Array.from({ length: 5000 }, (_, i) => `f${i}`).join(' ')} } }`,
  '31 aliases (over the alias limit, under the token limit)': `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: country(code: "JP") { code }`).join(' ')} }`,
  '60 directives (over the directive limit, under the token limit)': `{ countries { code ${'@skip(if: false) '.repeat(60)} } }`,
  '25 copies of a plain list of up to 1,000 rows (cost)': `{ ${Array.from({ length: 25 }, (_, i) => `s${i}: aiSystems { id name modality purpose }`).join(' ')} }`,
  'fragments spread into thousands of fields': `query { ...F0 } ${Array.from({ length: 20 }, (_, i) => `fragment F${i} on Query { ${i < 19 ? `a: __typename ...F${i + 1} b: __typename ...F${i + 1}` : 'countries { code }'} }`).join(' ')}`,
};

function expectRefused(answer: Answer, what: string) {
  expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBe(400);
  expect(answer.contentType).toMatch(/application\/json/);
  expect(answer.body?.errors?.[0]?.extensions?.code, what).toBe('QUERY_TOO_COMPLEX');
  expect(answer.body.errors[0].message.length).toBeGreaterThan(10);
  expect(answer.body.data ?? null).toBeNull();
  expect(answer.text).not.toMatch(/at .+\.(ts|js):\d+/); // no stack trace
}

describe('abuse documents are refused fast with QUERY_TOO_COMPLEX, never a 500', () => {
  for (const [what, document] of Object.entries(ABUSE)) {
    it(`refuses ${what}`, async () => {
      const answer = await query(document);
      expectRefused(answer, what);
      expect(answer.ms, `${what} took ${answer.ms.toFixed(0)} ms`).toBeLessThan(1000);
      // Asked again (the verdict is cached, but a fresh text is examined anew): still refused.
      expectRefused(await query(`${document} `), what);
    });
  }

  it('names the limit that was hit', async () => {
    const aliases = (await query(ABUSE['31 aliases (over the alias limit, under the token limit)'])).body.errors[0];
    expect(aliases.extensions).toMatchObject({ rule: 'aliases', limit: 30, found: 31 });
    const depth = (await query(ABUSE['depth 200'])).body.errors[0];
    expect(depth.extensions).toMatchObject({ rule: 'depth', limit: 10 });
    expect(depth.message).toMatch(/depth/);
    const cost = (await query(ABUSE['25 copies of a plain list of up to 1,000 rows (cost)'])).body.errors[0];
    expect(cost.extensions.rule).toBe('cost');
    expect(cost.extensions.cost).toBeGreaterThan(cost.extensions.limit);
    expect((await query(ABUSE['a fragment cycle'])).body.errors[0].extensions.rule).toBe('fragmentCycle');
    expect((await query(ABUSE['a 1 MB document of one huge selection'])).body.errors[0].extensions.rule).toBe('bytes');
  });

  it('keeps /healthz answering during a burst of them', async () => {
    const documents = Object.values(ABUSE);
    const burst = Array.from({ length: 40 }, (_, i) => query(`${documents[i % documents.length]}${' '.repeat(i)}`));
    const health: Promise<{ status: number; ms: number }>[] = [];
    for (let i = 0; i < 10; i++) {
      health.push((async () => {
        const started = performance.now();
        const res = await fetch(new URL('/healthz', app.url));
        await res.text();
        return { status: res.status, ms: performance.now() - started };
      })());
    }
    const answers = await Promise.all(burst);
    for (const answer of answers) expectRefused(answer, 'burst');
    for (const h of await Promise.all(health)) {
      expect(h.status).toBe(200);
      expect(h.ms).toBeLessThan(2000);
    }
  });

  it('counts a plain list by its bound, so many aliases of a cheap-looking list cost what they read', async () => {
    // 30 aliases (at the alias limit) of countries, each with a nested list: refused by cost, not by count.
    const doc = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: countries { code memberships { treaty } }`).join(' ')} }`;
    const answer = await query(doc);
    expectRefused(answer, 'aliased lists');
    expect(answer.body.errors[0].extensions.rule).toBe('cost');
  });
});

describe('the same limits on WebSocket subscriptions', () => {
  it('refuses an over-deep, over-aliased or fragment-cycled subscription with QUERY_TOO_COMPLEX, and serves a normal one', async () => {
    const { creator, firm, work } = await parties(app.url);
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id]));
    const client = wsClient(app.url, creator.token);
    try {
      const deep = `subscription($id: ID!) { caseEvents(caseId: $id) { ${'actor { '.repeat(12)}kind${' }'.repeat(12)} } }`;
      const aliased = `subscription($id: ID!) { caseEvents(caseId: $id) { ${Array.from({ length: 40 }, (_, i) => `t${i}: type`).join(' ')} } }`;
      const cycle = 'subscription($id: ID!) { caseEvents(caseId: $id) { ...A } } fragment A on CaseEvent { type ...B } fragment B on CaseEvent { seq ...A }';
      for (const [what, document] of [['deep', deep], ['aliased', aliased], ['cycle', cycle]]) {
        const w = watch(client, document, { id: filed.id });
        await waitFor(async () => w.done, `the ${what} subscription to be refused`);
        expect(w.errors[0]?.extensions?.code, `${what}: ${JSON.stringify(w.errors)}`).toBe('QUERY_TOO_COMPLEX');
      }
      const base = app.services.caseEvents.subscriptionCount;
      const fine = watch(client, 'subscription($id: ID!) { caseEvents(caseId: $id) { seq type } }', { id: filed.id });
      await waitFor(async () => app.services.caseEvents.subscriptionCount > base, 'the ordinary subscription to start');
      await ok(app.url, 'mutation($id: ID!) { withdrawComplaint(caseId: $id, reason: "settled") { id } }', { id: filed.id }, creator.token);
      await waitFor(async () => fine.events.length > 0, 'an event on the ordinary subscription');
      expect(fine.errors).toEqual([]);
      fine.stop();
    } finally {
      await client.dispose();
    }
  });
});

describe('ordinary client queries pass and report their cost', () => {
  it('shows the cost in extensions, counting a plain list by its bound', async () => {
    const one = await query('{ country(code: "JP") { code name } }');
    expect(one.status).toBe(200);
    expect(one.body.extensions.cost).toEqual({ requestedQueryCost: expect.any(Number), maximumAvailable: 20000 });
    const list = await query('{ countries { code name } }');
    expect(list.status).toBe(200);
    expect(list.body.data.countries.length).toBeGreaterThan(100);
    expect(list.body.extensions.cost.requestedQueryCost).toBeGreaterThanOrEqual(250); // each country a row; its scalars are free
    expect(list.body.extensions.cost.requestedQueryCost).toBeGreaterThan(one.body.extensions.cost.requestedQueryCost * 100);
  });

  it('does not refuse the README walkthrough and the usual case queries', async () => {
    const { creator, firm, work, system } = await parties(app.url);
    const input = complaintInput(firm.firmId, [work.id], { aiSystemId: system.id });
    const preview = await ok(app.url, `query Preview($input: FileComplaintInput!) {
      previewAssessment(input: $input) { decision strength tier missingFacts findings { code finding citation } recommendedRemedies } }`, { input }, creator.token);
    expect(preview.previewAssessment.decision).toBeTruthy();
    const filed = await fileComplaint(app.url, creator.token, input);
    await getCase(app.url, creator.token, filed.id);
    const walkthrough = await gql(app.url, `query Case($id: ID!) {
      case(id: $id) {
        reference status deadlines { kind dueAt }
        assessment { decision strength tier ruleSetVersion findings { code finding citation } }
        events { edges { node { seq type fromStatus toStatus actor { kind } at } } }
      } }`, { id: filed.id }, creator.token);
    expect(walkthrough.errors).toBeUndefined();
    expect(walkthrough.status).toBe(200);
    const screen = await gql(app.url, `query($id: ID!) { case(id: $id) {
      id reference status outcome claimType complainant { id displayName } respondent { id legalName } aiSystem { id name }
      works { id title kind } evidence { id kind description } offers { id amountJpy status } deadlines { kind dueAt state }
      events(first: 100) { edges { cursor node { seq type at actor { kind } } } pageInfo { hasNextPage endCursor } } } }`, { id: filed.id }, creator.token);
    expect(screen.errors).toBeUndefined();
    const page = await gql(app.url, '{ cases(first: 100) { edges { node { id reference status works { id title } } } pageInfo { hasNextPage endCursor } } }', {}, creator.token);
    expect(page.errors).toBeUndefined();
    expect(page.data.cases.edges.length).toBe(1);
    const firmView = await gql(app.url, '{ me { id firm { id legalName aiSystems { id name } } } aiSystems { id name } countries { code name memberships { treaty inForceFrom } } }', {}, firm.token);
    expect(firmView.errors).toBeUndefined();
    expect(firmView.data.me.firm.aiSystems.length).toBe(1);
  });
});

describe('the HTTP layer answers GraphQL-shaped JSON', () => {
  it('malformed JSON: 400 BAD_REQUEST', async () => {
    const answer = await post('{"query": "{ me { id } }", ');
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/application\/json/);
    expect(answer.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(answer.body.errors[0].message).toMatch(/JSON/);
    expect(answer.text).not.toMatch(/<html|<pre|at .+\.(ts|js):\d+/i);
  });

  it('an oversized body: 413 with the limit', async () => {
    const body = JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(3 * 1024 * 1024) } });
    const answer = await post(body);
    expect(answer.status).toBe(413);
    expect(answer.contentType).toMatch(/application\/json/);
    expect(answer.body.errors[0].extensions).toMatchObject({ code: 'BAD_REQUEST', limit: 2 * 1024 * 1024 });
  });

  it('a wrong content type: 415 JSON, not a 500 or a text page', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const answer = await post(JSON.stringify({ query: '{ me { id } }' }), { 'content-type': contentType });
      expect(answer.status, contentType).toBe(415);
      expect(answer.contentType).toMatch(/application\/json/);
      expect(answer.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    }
  });

  it('a body that is JSON but not a GraphQL request, and a batch: 400 JSON', async () => {
    for (const body of ['"just a string"', '[{"query":"{ me { id } }"}]', '{"query": 42}', '{}']) {
      const answer = await post(body);
      expect(answer.status, body).toBe(400);
      expect(answer.body.errors[0].extensions.code, body).toBe('BAD_REQUEST');
    }
  });

  it('unknown paths and methods, and other routes, answer JSON', async () => {
    const unknown = await fetch(new URL('/nope', app.url));
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/application\/json/);
    expect(((await unknown.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
    const wrongMethod = await post('{}', { 'content-type': 'application/json' }, '/opt-outs.jsonl');
    expect(wrongMethod.status).toBe(404);
    expect(wrongMethod.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const feed = await fetch(new URL('/opt-outs.jsonl', app.url));
    expect(feed.status).toBe(200);
    await feed.text();
  });
});

describe('no stack trace in any answer, outside production too', () => {
  it('refused input, an unknown field, a parse error and a bad variable carry no stack trace (npm start runs in development)', async () => {
    const answers = await Promise.all([
      query('mutation($t: String!) { registerWork(input: { title: $t, kind: MANGA }) { id } }', { t: 'a\u0000b' }),
      query('{ nosuchfield }'),
      query('{ countries { code '),
      query('query($n: Int) { countries { code } myWorks(first: $n) { edges { cursor } } }', { n: 'many' }),
      post(JSON.stringify({ query: 'mutation { registerWork(input: { title: "t", kind: MANGA, firstPublishedAt: "2026-02-30T00:00:00Z" }) { id } }' })),
    ]);
    for (const answer of answers) {
      expect(answer.status, answer.text.slice(0, 200)).toBeLessThan(500);
      expect(answer.body?.errors?.length, answer.text.slice(0, 200)).toBeGreaterThan(0);
      expect(answer.text).not.toMatch(/stacktrace|at .+\.(ts|js):\d+/);
    }
  });
});

describe('CORS follows CORS_ORIGINS', () => {
  const preflight = (origin: string) => fetch(app.url, {
    method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
  });

  it('allows a listed origin', async () => {
    const res = await preflight('https://app.example.jp');
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.jp');
    const actual = await fetch(app.url, { method: 'POST', headers: { origin: 'https://admin.example.jp', 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ country(code: "JP") { code } }' }) });
    expect(actual.headers.get('access-control-allow-origin')).toBe('https://admin.example.jp');
  });

  it('gives no CORS header to any other origin', async () => {
    const res = await preflight('https://evil.example.com');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const actual = await fetch(app.url, { method: 'POST', headers: { origin: 'https://evil.example.com', 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ country(code: "JP") { code } }' }) });
    expect(actual.headers.get('access-control-allow-origin')).toBeNull();
  });
});
