import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { ok } from '../support/client';
import { complaintInput, fileComplaint, parties, registerWork, signUpCreator } from '../support/factories';
import { startReceiver } from '../support/webhook-receiver';
import { watch, wsClient } from '../support/subscriptions';

/**
 * The bad-input suite, as an attacker sends it: every string, list, number,
 * date and cursor of every query, mutation and subscription, over real HTTP
 * (and graphql-ws), on SQLite or PostgreSQL (TEST_DATABASE_URL). The probes
 * are generated from the API's own introspection, so a new argument is probed
 * the day it appears. Every answer of the whole suite is recorded: none may be
 * HTTP 500 or INTERNAL_SERVER_ERROR.
 */

let app: TestApp;
let p: Awaited<ReturnType<typeof parties>>;
let hook: Awaited<ReturnType<typeof startReceiver>>;
let caseId: string;

// ---------- transport: raw JSON bodies, every answer recorded ----------

interface Answer { status: number; body: any }
const answers: Array<{ what: string; status: number; codes: string[] }> = [];

/** POSTs a JSON text as it is (so "\ud800" escapes reach the server as sent) and records the answer. */
async function sendRaw(what: string, body: string, token?: string | null): Promise<Answer> {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const text = await res.text();
  let parsed: any;
  try { parsed = JSON.parse(text); } catch { parsed = { unparsed: text.slice(0, 200) }; }
  answers.push({ what, status: res.status, codes: (parsed.errors ?? []).map((e: any) => String(e.extensions?.code)) });
  return { status: res.status, body: parsed };
}

/** JSON text; a lone surrogate is written as the \\udXXX escape an attacker's JSON carries (well-formed JSON.stringify). */
const json = (value: unknown): string => JSON.stringify(value);

async function send(what: string, query: string, variables: Record<string, unknown> = {}, token?: string | null): Promise<Answer> {
  return sendRaw(what, json({ query, variables }), token);
}

/** The answer must refuse with BAD_USER_INPUT naming this argument and field, at HTTP 400, and run nothing. */
function expectRefused(what: string, answer: Answer, argument: string, field: string) {
  const error = answer.body.errors?.[0];
  expect(error?.extensions?.code, `${what}: ${JSON.stringify(answer.body).slice(0, 400)}`).toBe('BAD_USER_INPUT');
  const fields = (error.extensions.fields ?? []) as Array<{ argument: string; field: string; message: string }>;
  const hit = fields.find((f) => f.argument === argument && f.field === field);
  expect(hit, `${what}: fields were ${JSON.stringify(fields).slice(0, 400)}`).toBeTruthy();
  expect(hit!.message.length, what).toBeGreaterThan(5);
  expect(answer.body.data ?? null, what).toBeNull();
  expect(answer.status, what).not.toBe(500);
}

// ---------- the schema as a client sees it (introspection) ----------

interface TypeRef { kind: string; name: string | null; ofType: TypeRef | null }
interface InputValue { name: string; type: TypeRef; defaultValue: string | null }
interface FullType { kind: string; name: string; fields: Array<{ name: string; args: InputValue[]; type: TypeRef }> | null; inputFields: InputValue[] | null; enumValues: Array<{ name: string }> | null }

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
let types: Map<string, FullType>;

const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);
const print = (t: TypeRef): string => (t.kind === 'NON_NULL' ? `${print(t.ofType!)}!` : t.kind === 'LIST' ? `[${print(t.ofType!)}]` : t.name!);
const required = (v: InputValue) => v.type.kind === 'NON_NULL' && v.defaultValue == null;

const SAMPLE: Record<string, unknown> = {
  String: 'x', ID: '00000000-0000-0000-0000-000000000000', Int: 1, Float: 0.5, Boolean: true, DateTime: '2026-01-01T00:00:00Z', SafeInt: 1,
};

/** A value of the type with every required field filled. */
function sample(t: TypeRef): unknown {
  if (t.kind === 'NON_NULL') return sample(t.ofType!);
  if (t.kind === 'LIST') return [sample(t.ofType!)];
  const type = types.get(t.name!)!;
  if (type.kind === 'ENUM') return type.enumValues![0].name;
  if (type.kind === 'INPUT_OBJECT') return Object.fromEntries(type.inputFields!.filter(required).map((f) => [f.name, sample(f.type)]));
  return SAMPLE[t.name!] ?? 'x';
}

/** A value of the type that holds `value` at `path` (list positions are index 0), the rest filled as sample() does. */
function build(t: TypeRef, path: Array<string | number>, value: unknown): unknown {
  if (!path.length) return value;
  if (t.kind === 'NON_NULL') return build(t.ofType!, path, value);
  if (t.kind === 'LIST') return [build(t.ofType!, path.slice(1), value)];
  const type = types.get(t.name!)!;
  const object = sample(t) as Record<string, unknown>;
  const field = type.inputFields!.find((f) => f.name === path[0])!;
  object[field.name] = build(field.type, path.slice(1), value);
  return object;
}

interface Position {
  root: 'Query' | 'Mutation'; field: string; arg: InputValue; path: Array<string | number>;
  /** The named type at the position, and whether the position is a list. */
  leaf: string; list: boolean; key: string;
}

/** Every input position of every query and mutation: strings, lists, numbers, dates, down every input object and list. */
function positions(): Position[] {
  const out: Position[] = [];
  const walk = (base: Omit<Position, 'path' | 'leaf' | 'list' | 'key'>, t: TypeRef, path: Array<string | number>, key: string, seen: Set<string>) => {
    if (t.kind === 'NON_NULL') return walk(base, t.ofType!, path, key, seen);
    if (t.kind === 'LIST') {
      out.push({ ...base, path, leaf: named(t).name!, list: true, key });
      return walk(base, t.ofType!, [...path, 0], key, seen);
    }
    const type = types.get(t.name!)!;
    if (type.kind === 'INPUT_OBJECT') {
      if (seen.has(type.name)) return;
      for (const f of type.inputFields!) walk(base, f.type, [...path, f.name], f.name, new Set([...seen, type.name]));
      return;
    }
    out.push({ ...base, path, leaf: type.name, list: false, key });
  };
  for (const root of ['Query', 'Mutation'] as const) {
    for (const field of types.get(root)!.fields!) {
      for (const arg of field.args) walk({ root, field: field.name, arg }, arg.type, [], arg.name, new Set());
    }
  }
  return out;
}

/** The document and variables that put `value` at the position, and the field name the refusal must give. */
function probe(pos: Position, value: unknown) {
  const field = types.get(pos.root)!.fields!.find((f) => f.name === pos.field)!;
  const args = field.args.filter((a) => required(a) || a.name === pos.arg.name);
  const variables = Object.fromEntries(args.map((a) => [a.name, a.name === pos.arg.name ? build(a.type, pos.path, value) : sample(a.type)]));
  const returns = types.get(named(field.type).name!)!;
  const selection = ['OBJECT', 'INTERFACE', 'UNION'].includes(returns.kind) ? ' { __typename }' : '';
  const query = `${pos.root === 'Query' ? 'query' : 'mutation'}(${args.map((a) => `$${a.name}: ${print(a.type)}`).join(', ')}) `
    + `{ ${field.name}(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})${selection} }`;
  const isObjectArg = types.get(named(pos.arg.type).name!)!.kind === 'INPUT_OBJECT' && pos.arg.type.kind !== 'LIST'
    && !(pos.arg.type.kind === 'NON_NULL' && pos.arg.type.ofType!.kind === 'LIST');
  const fieldPath = pos.path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${k}` : k), isObjectArg ? '' : pos.arg.name);
  return { query, variables, argument: pos.arg.name, field: fieldPath || pos.arg.name, what: `${pos.field}(${pos.arg.name}) ${fieldPath}` };
}

/** Long free text: newlines and tabs are allowed there, and bidi controls (quoted right-to-left text). */
const LONG_TEXT = new Set(['statement', 'description', 'textExcerpt', 'reasoning', 'message', 'reason', 'text']);

// ---------- setup ----------

beforeAll(async () => {
  // The introspection below reads the whole schema at once: far over the cost a client's query may have.
  app = await startTestApp({ QUERY_MAX_COST: '100000000' });
  hook = await startReceiver();
  const schema = await ok(app.url, `{ __schema { types { kind name enumValues { name } inputFields { name defaultValue type { ${TYPE_REF} } }
    fields { name type { ${TYPE_REF} } args { name defaultValue type { ${TYPE_REF} } } } } } }`);
  types = new Map((schema.__schema.types as FullType[]).map((t) => [t.name, t]));
  p = await parties(app.url, { firm: { webhookUrl: hook.url } });
  caseId = (await fileComplaint(app.url, p.creator.token, complaintInput(p.firm.firmId, [p.work.id]))).id;
});
afterAll(async () => {
  await hook?.close();
  await app?.stop();
});

describe('strings', () => {
  const BAD: Array<[string, string, (key: string) => boolean]> = [
    ['a NUL byte', 'abc\u0000def', () => true],
    ['a bell (C0 control)', 'abc\u0007def', () => true],
    ['an escape (C0 control)', '\u001b[31mred', () => true],
    ['DEL', 'abc\u007f', () => true],
    ['a C1 control (NEL)', 'abc\u0085def', () => true],
    ['a lone high surrogate', 'abc\ud800def', () => true],
    ['a lone low surrogate', 'abc\udc00', () => true],
    ['a newline outside long text', 'abc\ndef', (key) => !LONG_TEXT.has(key)],
    ['a tab outside long text', 'abc\tdef', (key) => !LONG_TEXT.has(key)],
    ['a right-to-left override outside long text', 'abc\u202Efdp.exe', (key) => !LONG_TEXT.has(key) && key !== 'password'],
    ['a first-strong isolate outside long text', '\u2068admin\u2069', (key) => !LONG_TEXT.has(key) && key !== 'password'],
    ['20,001 characters', 'x'.repeat(20_001), () => true],
  ];

  it('every string of every query and mutation refuses control characters, lone surrogates, bidi controls in names, and overlong values', async () => {
    const strings = positions().filter((pos) => !pos.list && (pos.leaf === 'String' || pos.leaf === 'ID'));
    // The API has dozens of string inputs; a generator that found few would prove nothing.
    expect(strings.length).toBeGreaterThan(60);
    for (const pos of strings) {
      for (const [name, value, applies] of BAD) {
        if (!applies(pos.key)) continue;
        const pr = probe(pos, value);
        expectRefused(`${pr.what} with ${name}`, await send(pr.what, pr.query, pr.variables, p.creator.token), pr.argument, pr.field);
      }
    }
    // About a thousand requests one after another (28 s alone on PostgreSQL): room for a loaded CI machine.
  }, 180_000);

  it('the lone surrogate really travels as a JSON escape, and is refused', async () => {
    const body = '{"query":"mutation($t: String!) { registerWork(input: { title: $t, kind: MANGA }) { id } }","variables":{"t":"Blue \\ud800 Harbour"}}';
    expect(body).toContain('\\ud800');
    expectRefused('raw surrogate', await sendRaw('raw surrogate', body, p.creator.token), 'input', 'title');
  });

  it('refuses bad strings written as literals in the document too', async () => {
    const answer = await send('literal NUL', 'mutation { registerWork(input: { title: "T\\u0000", kind: MANGA }) { id } }', {}, p.creator.token);
    expectRefused('literal NUL', answer, 'input', 'title');
    const name = await send('literal bidi', 'mutation { createApiKey(name: "key\\u202Egnp.exe") { secret } }', {}, p.firm.token);
    expectRefused('literal bidi', name, 'name', 'name');
  });

  it('refuses a bad string in a subscription argument over graphql-ws', async () => {
    const client = wsClient(app.url, p.creator.token);
    try {
      const w = watch(client, 'subscription($id: ID!) { caseEvents(caseId: $id) { seq } }', { id: `${caseId}\u0000` });
      await waitFor(async () => w.done || w.errors.length > 0, 'the refusal');
      expect(w.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(w.errors[0]?.extensions?.fields).toEqual([expect.objectContaining({ argument: 'caseId', field: 'caseId' })]);
    } finally {
      await client.dispose();
    }
  });
});

describe('lists', () => {
  it('every list of every query and mutation has a bound (10,001 items are refused naming the first one over)', async () => {
    const lists = positions().filter((pos) => pos.list);
    expect(lists.length).toBeGreaterThan(15);
    for (const pos of lists) {
      const element = pos.leaf === 'String' ? 'x' : sample({ kind: 'NON_NULL', name: null, ofType: { kind: types.get(pos.leaf)!.kind, name: pos.leaf, ofType: null } });
      const pr = probe(pos, Array.from({ length: 10_001 }, () => element));
      const answer = await send(pr.what, pr.query, pr.variables, p.creator.token);
      const error = answer.body.errors?.[0];
      expect(error?.extensions?.code, `${pr.what}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBe('BAD_USER_INPUT');
      const hit = (error.extensions.fields as Array<{ argument: string; field: string }>).find((f) => f.argument === pr.argument && f.field.startsWith(`${pr.field}[`));
      expect(hit, `${pr.what}: ${JSON.stringify(error.extensions.fields).slice(0, 300)}`).toBeTruthy();
    }
  });

  it('checkOptOuts takes 10,000 hashes and refuses 10,001 at contentHashes[10000]', async () => {
    const hashes = Array.from({ length: 10_000 }, (_, i) => i.toString(16).padStart(64, '0'));
    const fine = await send('10,000 hashes', 'query($h: [String!]!) { checkOptOuts(contentHashes: $h) { contentHash } }', { h: hashes }, p.firm.token);
    expect(fine.body.errors).toBeUndefined();
    const over = await send('10,001 hashes', 'query($h: [String!]!) { checkOptOuts(contentHashes: $h) { contentHash } }', { h: [...hashes, hashes[0]] }, p.firm.token);
    expectRefused('10,001 hashes', over, 'contentHashes', 'contentHashes[10000]');
  });

  it('a complaint names at most 1,000 works (a collective\'s, for its principals)', async () => {
    const ids = Array.from({ length: 1001 }, () => p.work.id);
    const answer = await send('1,001 works', 'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id } }',
      { input: complaintInput(p.firm.firmId, ids) }, p.creator.token);
    expectRefused('1,001 works', answer, 'input', 'workIds[1000]');
  });
});

describe('numbers', () => {
  it('every Int and SafeInt refuses a value outside its type', async () => {
    for (const pos of positions().filter((x) => !x.list && (x.leaf === 'Int' || x.leaf === 'SafeInt'))) {
      const pr = probe(pos, pos.leaf === 'Int' ? 2 ** 31 : 2 ** 53);
      expectRefused(`${pr.what} overflow`, await send(pr.what, pr.query, pr.variables, p.creator.token), pr.argument, pr.field);
      const fraction = probe(pos, 1.5);
      expectRefused(`${pr.what} fraction`, await send(pr.what, fraction.query, fraction.variables, p.creator.token), pr.argument, pr.field);
    }
  });

  const DOMAIN: Array<[string, string, Array<string | number>, unknown]> = [
    ['fileComplaint', 'input', ['claimedAmountJpy'], -1],
    ['previewAssessment', 'input', ['claimedAmountJpy'], -1],
    ['makeOffer', 'input', ['amountJpy'], -1],
    ['respondToNotice', 'input', ['offer', 'amountJpy'], -1],
    ['issueRecommendation', 'input', ['amountJpy'], -5],
    ['submitBlindBid', 'amountJpy', [], 0],
    ['addEvidence', 'input', ['similarityScore'], 1.5],
    ['addEvidence', 'input', ['similarityScore'], -0.1],
    ['createMediator', 'input', ['capacity'], 0],
    ['createMediator', 'input', ['capacity'], 1_000_000],
    ['registerWork', 'input', ['authorDeathYear'], 99_999],
    ['registerWork', 'input', ['authorDeathYear'], -1],
    ['eligibility', 'input', ['authorDeathYear'], 10_000],
    ['updateCountry', 'input', ['termYearsAfterDeath'], 1000],
    ['updateCountry', 'input', ['wartimeExtensionDays'], -1],
  ];
  it('numbers out of their domain (negative amounts, scores past 1, impossible years) are refused naming the field', async () => {
    for (const [field, arg, path, value] of DOMAIN) {
      const pos = positions().find((x) => x.field === field && x.arg.name === arg && JSON.stringify(x.path) === JSON.stringify(path));
      expect(pos, `${field}.${arg}.${path.join('.')}`).toBeTruthy();
      const pr = probe(pos!, value);
      expectRefused(`${pr.what} = ${value}`, await send(pr.what, pr.query, pr.variables, p.creator.token), pr.argument, pr.field);
    }
  });

  it('a SafeInt literal past 2^53 is refused naming the argument', async () => {
    const answer = await send('literal', `mutation { submitBlindBid(caseId: "${caseId}", amountJpy: 9007199254740993) { __typename } }`, {}, p.creator.token);
    expectRefused('literal SafeInt', answer, 'amountJpy', 'amountJpy');
  });
});

describe('dates', () => {
  const BAD_TIMES = ['2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:61:00Z', '2026-04-31T10:00:00+09:00', '2026-01-01T10:00:00', '2026-01-01',
    '0000-01-01T00:00:00Z', 'yesterday', ''];

  it('every DateTime refuses impossible calendar dates and times, and times without a zone, instead of shifting them', async () => {
    const times = positions().filter((x) => !x.list && x.leaf === 'DateTime');
    expect(times.length).toBeGreaterThan(8);
    for (const pos of times) {
      for (const value of BAD_TIMES) {
        const pr = probe(pos, value);
        expectRefused(`${pr.what} = ${value}`, await send(pr.what, pr.query, pr.variables, p.creator.token), pr.argument, pr.field);
      }
      const number = probe(pos, 1_700_000_000);
      expectRefused(`${number.what} = number`, await send(number.what, number.query, number.variables, p.creator.token), number.argument, number.field);
    }
  });

  it('refuses an impossible date written as a literal with BAD_USER_INPUT naming the argument', async () => {
    const answer = await send('literal date', '{ transparencyReport(from: "2026-02-30T00:00:00Z") { totalCases } }');
    expectRefused('literal date', answer, 'from', 'from');
  });

  it('a date written YYYY-MM-DD must exist', async () => {
    const answer = await send('membership date', 'mutation($input: CountryUpdateInput!) { updateCountry(input: $input) { code } }',
      { input: { code: 'FR', memberships: [{ treaty: types.get('Treaty')!.enumValues![0].name, inForceFrom: '2026-02-30' }] } });
    expectRefused('membership date', answer, 'input', 'memberships[0].inForceFrom');
  });

  it('accepts a real leap day and an offset, read into UTC', async () => {
    const work = await registerWork(app.url, p.creator.token, { firstPublishedAt: '2024-02-29T09:00:00+09:00' });
    const read = await ok(app.url, 'query($first: Int) { myWorks(first: $first) { edges { node { id firstPublishedAt } } } }', { first: 100 }, p.creator.token);
    expect(read.myWorks.edges.find((e: any) => e.node.id === work.id).node.firstPublishedAt).toBe('2024-02-29T00:00:00.000Z');
  });
});

describe('cursors', () => {
  interface List { name: string; query: string; token: () => string; variables?: () => Record<string, unknown>; read: (data: any) => any }
  const LISTS: List[] = [
    { name: 'cases', query: 'query($after: String) { cases(first: 1, after: $after) { pageInfo { endCursor } } }', token: () => p.creator.token, read: (d) => d.cases },
    { name: 'Case.events', query: 'query($id: ID!, $after: String) { case(id: $id) { events(first: 1, after: $after) { pageInfo { endCursor } } } }',
      token: () => p.creator.token, variables: () => ({ id: caseId }), read: (d) => d.case?.events },
    { name: 'myWorks', query: 'query($after: String) { myWorks(first: 1, after: $after) { pageInfo { endCursor } } }', token: () => p.creator.token, read: (d) => d.myWorks },
    { name: 'myOptOuts', query: 'query($after: String) { myOptOuts(first: 1, after: $after) { pageInfo { endCursor } } }', token: () => p.creator.token, read: (d) => d.myOptOuts },
    { name: 'optOutFeed', query: 'query($after: String) { optOutFeed(first: 1, after: $after) { pageInfo { endCursor } } }', token: () => p.firm.token, read: (d) => d.optOutFeed },
    { name: 'myNotifications', query: 'query($after: String) { myNotifications(first: 1, after: $after) { pageInfo { endCursor } } }', token: () => p.firm.token, read: (d) => d.myNotifications },
    { name: 'webhookDeliveries', query: 'query($after: String) { webhookDeliveries(first: 1, after: $after) { pageInfo { endCursor } } }', token: () => p.firm.token, read: (d) => d.webhookDeliveries },
  ];
  const real = new Map<string, string>();
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
  const unb64 = (s: string) => Buffer.from(s, 'base64url').toString('utf8');

  beforeAll(async () => {
    await registerWork(app.url, p.creator.token);
    await ok(app.url, 'mutation($input: OptOutInput!) { registerOptOut(input: $input) { id } }', { input: { workId: p.work.id, scope: 'ALL_AI_TRAINING' } }, p.creator.token);
    await app.db.transaction((tx) => app.services.notifications.notifyFirm(tx, { firmId: p.firm.firmId, caseId: null, type: 'TEST_PING', payload: {} }));
    for (const list of LISTS) {
      const cursor = await waitFor(async () => list.read(await ok(app.url, list.query, { ...list.variables?.(), after: null }, list.token()))?.pageInfo.endCursor,
        `a cursor of ${list.name}`);
      real.set(list.name, cursor);
    }
  });

  it('each list continues from its own cursor', async () => {
    for (const list of LISTS) {
      const answer = await send(list.name, list.query, { ...list.variables?.(), after: real.get(list.name) }, list.token());
      expect(answer.body.errors, `${list.name}: ${JSON.stringify(answer.body.errors)}`).toBeUndefined();
    }
  });

  it('garbage, foreign cursors, wrong part counts and parts of the wrong type answer BAD_USER_INPUT on after, for every list', async () => {
    for (const list of LISTS) {
      const own = unb64(real.get(list.name)!);
      const bad: Array<[string, string]> = [
        ['garbage', 'garbage'], ['punctuation', '!!!'], ['a percent-encoded NUL', '%00'], ['base64 of one letter', b64('a')], ['separators only', b64('|||')],
        ['a NUL byte', b64('\u0000')], ['a plain UUID', '00000000-0000-0000-0000-000000000000'], ['digits', '12345'], ['a negative number', b64('-1')],
        ['300 characters', 'A'.repeat(300)],
        ['one part more', b64(`${own}|1`)], ['one part less', b64(own.slice(0, own.lastIndexOf('|')))],
        ['parts of the wrong type', b64(own.replace(/[0-9]/g, 'z'))],
        ...LISTS.filter((other) => other.name !== list.name).map((other): [string, string] => [`a cursor of ${other.name}`, real.get(other.name)!]),
      ];
      for (const [name, cursor] of bad) {
        const answer = await send(`${list.name} after ${name}`, list.query, { ...list.variables?.(), after: cursor }, list.token());
        const error = answer.body.errors?.[0];
        expect(error?.extensions?.code, `${list.name} after ${name}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBe('BAD_USER_INPUT');
        expect(error.extensions.fields, `${list.name} after ${name}`).toEqual([expect.objectContaining({ argument: 'after', field: 'after' })]);
      }
    }
  });
});

describe('nothing partial is written', () => {
  it('a refused signUp leaves no account: logIn fails and the same email can then sign up', async () => {
    const email = `refused-${Date.now()}@example.jp`;
    const input = { email, password: 'correct horse battery', displayName: 'Aoi\u0000', role: 'CREATOR', creator: { kind: 'INDIVIDUAL', nationality: 'JP' } };
    const refused = await send('signUp NUL', 'mutation($input: SignUpInput!) { signUp(input: $input) { token } }', { input });
    expectRefused('signUp NUL', refused, 'input', 'displayName');
    const login = await send('logIn', 'mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }', { e: email, p: input.password });
    expect(login.body.data?.logIn ?? null).toBeNull();
    expect(login.body.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    const signedUp = await ok(app.url, 'mutation($input: SignUpInput!) { signUp(input: $input) { token } }', { input: { ...input, displayName: 'Aoi' } });
    expect(signedUp.signUp.token).toBeTruthy();
  });

  const WORKS = 'query { myWorks(first: 100) { edges { node { id title } } } }';
  it('a refused registerWork leaves myWorks unchanged, even when another mutation of the same document was fine', async () => {
    const creator = await signUpCreator(app.url);
    await registerWork(app.url, creator.token);
    const before = (await ok(app.url, WORKS, {}, creator.token)).myWorks.edges;
    const refused = await send('registerWork', 'mutation($t: String!) { registerWork(input: { title: $t, kind: MANGA }) { id } }', { t: 'Blue\u0000Harbour' }, creator.token);
    expectRefused('registerWork NUL', refused, 'input', 'title');
    const both = await send('two works', `mutation($good: RegisterWorkInput!, $bad: RegisterWorkInput!) {
      a: registerWork(input: $good) { id } b: registerWork(input: $bad) { id } }`,
    { good: { title: 'Fine', kind: 'MANGA' }, bad: { title: 'x'.repeat(501), kind: 'MANGA' } }, creator.token);
    expectRefused('second of two works', both, 'input', 'title');
    expect((await ok(app.url, WORKS, {}, creator.token)).myWorks.edges).toEqual(before);
  });

  it('a refused fileComplaint or addEvidence leaves the cases unchanged', async () => {
    const CASES = 'query { cases(first: 100) { edges { node { id evidence { id } } } } }';
    const before = (await ok(app.url, CASES, {}, p.creator.token)).cases.edges;
    const refused = await send('fileComplaint NUL', 'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id } }',
      { input: complaintInput(p.firm.firmId, [p.work.id], { claimType: 'TRAINING_WITHOUT_PERMISSION', statement: 'It copied\u0000 my work' }) }, p.creator.token);
    expectRefused('fileComplaint NUL', refused, 'input', 'statement');
    const evidence = await send('addEvidence', 'mutation($id: ID!, $input: EvidenceInput!) { addEvidence(caseId: $id, input: $input) { id } }',
      { id: caseId, input: { kind: 'OTHER', description: 'ok', textExcerpt: 'bad \udc00' } }, p.creator.token);
    expectRefused('addEvidence surrogate', evidence, 'input', 'textExcerpt');
    expect((await ok(app.url, CASES, {}, p.creator.token)).cases.edges).toEqual(before);
  });

  it('a complaint the service refuses inside its transaction (another creator\'s work) writes nothing either', async () => {
    const CASES = 'query { cases(first: 100) { edges { node { id } } } }';
    const before = (await ok(app.url, CASES, {}, p.creator.token)).cases.edges;
    const other = await signUpCreator(app.url);
    const theirs = await registerWork(app.url, other.token);
    const refused = await send('foreign work', 'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id } }',
      { input: complaintInput(p.firm.firmId, [p.work.id, theirs.id], { claimType: 'TARGETED_FINE_TUNING' }) }, p.creator.token);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'workIds[1]' })] });
    expect((await ok(app.url, CASES, {}, p.creator.token)).cases.edges).toEqual(before);
    expect((await ok(app.url, CASES, {}, other.token)).cases.edges).toEqual([]);
  });
});

describe('valid text is accepted and stored intact', () => {
  const STATEMENT = 'First line: the model drew my 海辺の青 illustration.\nSecond line,\tindented — with accents: Zoë, façade, crème brûlée.\r\n'
    + 'Emoji from outside the BMP: 🎨🌊👩🏽‍🎨 and a flag 🇯🇵.\n日本語の段落：生成物は私の作品に酷似しています。';

  it('a statement with newlines, tabs, Japanese, accents and emoji (surrogate pairs) reads back exactly', async () => {
    const work = await registerWork(app.url, p.creator.token);
    const filed = await fileComplaint(app.url, p.creator.token, complaintInput(p.firm.firmId, [work.id], { claimType: 'RAG_REPRODUCTION', statement: STATEMENT }));
    const read = await ok(app.url, 'query($id: ID!) { case(id: $id) { statement } }', { id: filed.id }, p.creator.token);
    expect(read.case.statement).toBe(STATEMENT);
    const added = await ok(app.url, 'mutation($id: ID!, $input: EvidenceInput!) { addEvidence(caseId: $id, input: $input) { id description textExcerpt } }',
      { id: filed.id, input: { kind: 'OTHER', description: '出力の比較\n— side by side 🖼️', textExcerpt: 'Zoë\tsaid: «ça suffit»\n' } }, p.creator.token);
    expect(added.addEvidence).toMatchObject({ description: '出力の比較\n— side by side 🖼️', textExcerpt: 'Zoë\tsaid: «ça suffit»\n' });
  });

  it('names in Japanese, with accents and emoji, read back exactly', async () => {
    const displayName = 'Zoë 田中あおい 🎨';
    const creator = await signUpCreator(app.url, { displayName });
    expect((await ok(app.url, '{ me { displayName } }', {}, creator.token)).me.displayName).toBe(displayName);
    const title = 'Crème brûlée — 海辺の青 🌊 Ⅱ';
    const work = await registerWork(app.url, creator.token, { title });
    expect(work.title).toBe(title);
    const longest = 'あ'.repeat(500);
    expect((await registerWork(app.url, creator.token, { title: longest })).title).toBe(longest);
  });
});

describe('the whole suite', () => {
  it('had no HTTP 500 and no INTERNAL_SERVER_ERROR', () => {
    expect(answers.length).toBeGreaterThan(1000);
    const broken = answers.filter((a) => a.status >= 500 || a.codes.includes('INTERNAL_SERVER_ERROR'));
    expect(broken, JSON.stringify(broken.slice(0, 10))).toEqual([]);
  });
});
