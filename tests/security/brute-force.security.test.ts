import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { signUpCreator } from '../support/factories';

/**
 * Password guessing and request floods as an attacker tries them, over HTTP: junk credentials, many
 * aliases in one document, spoofed X-Forwarded-For, many addresses against one account and one address
 * against many accounts. Block durations are shortened so a test can wait a block out (waitFor, no sleeps).
 */

const PASSWORD = 'correct horse battery';
const LOG_IN = 'mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }';

interface Answer { status: number; headers: Headers; body: { data?: any; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }> }; ms: number }

/** One POST /graphql with whatever headers an attacker chooses. */
async function post(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = await res.json() as Answer['body'];
  return { status: res.status, headers: res.headers, body, ms: performance.now() - started };
}

const code = (a: Answer) => a.body.errors?.[0]?.extensions?.code as string | undefined;
const uniq = () => randomBytes(4).toString('hex');
let lastOctet = 0;
/** A client address of its own for each caller (only believed where TRUST_PROXY is on). */
const address = () => `198.51.100.${(lastOctet += 1)}`;
const from = (ip: string) => ({ 'x-forwarded-for': ip });

/** Documents of 100 aliased logIns pass the query limits here (by default the alias limit refuses them first), to reach the rate limits. */
const LARGE_DOCUMENTS = { QUERY_MAX_ALIASES: '200', QUERY_MAX_TOKENS: '5000' };

function expectRateLimited(a: Answer) {
  expect(code(a)).toBe('RATE_LIMITED');
  expect(a.status).toBe(429);
  const retry = Number(a.headers.get('retry-after'));
  expect(retry).toBeGreaterThan(0);
  expect(a.body.errors![0].extensions!.retryAfterSeconds).toBe(retry);
}

describe('behind a proxy (TRUST_PROXY=1), 20 operations a minute', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      RATE_LIMIT_PER_MINUTE: '20', TRUST_PROXY: '1', ...LARGE_DOCUMENTS,
      LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS: '3', LOGIN_FAILURES_PER_ACCOUNT: '5', LOGIN_FAILURES_PER_ADDRESS: '4', LOGIN_BLOCK: 'PT1S', LOGIN_BLOCK_MAX: 'PT4S',
    });
  });
  afterAll(async () => { await app?.stop(); });

  it('gives a fresh junk token (or API key) no fresh allowance: unverifiable credentials count against the address', async () => {
    const ip = address();
    const answers: Answer[] = [];
    for (let i = 0; i < 24; i += 1) {
      const junk = i % 2 ? `chk_${uniq()}${uniq()}` : `eyJhbGciOiJIUzI1NiJ9.${uniq()}.${uniq()}`;
      answers.push(await post(app.url, '{ __typename }', {}, { ...from(ip), authorization: `Bearer ${junk}` }));
    }
    expect(answers.slice(0, 20).every((a) => a.status === 200)).toBe(true);
    for (const a of answers.slice(20)) expectRateLimited(a);
    // Another address is not affected.
    expect((await post(app.url, '{ __typename }', {}, from(address()))).status).toBe(200);
  });

  it('counts a verified account against itself, from whatever address it calls', async () => {
    const { token } = await signUpCreatorFrom(app.url, address());
    const answers: Answer[] = [];
    for (let i = 0; i < 22; i += 1) answers.push(await post(app.url, '{ me { id } }', {}, { ...from(address()), authorization: `Bearer ${token}` }));
    expect(answers.slice(0, 20).every((a) => a.status === 200 && !a.body.errors)).toBe(true);
    for (const a of answers.slice(20)) expectRateLimited(a);
  });

  it('sends the rate-limit headers on every response, and Retry-After with 429', async () => {
    const ip = address();
    const first = await post(app.url, '{ __typename }', {}, from(ip));
    expect(first.headers.get('ratelimit-limit')).toBe('20');
    expect(first.headers.get('ratelimit-remaining')).toBe('19');
    const reset = Number(first.headers.get('ratelimit-reset'));
    expect(reset).toBeGreaterThan(0);
    expect(reset).toBeLessThanOrEqual(60);
    expect(first.headers.get('retry-after')).toBeNull();
    // Also on answers that are errors: a bad document, a bad credential.
    const bad = await post(app.url, '{ nope }', {}, from(ip));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('ratelimit-remaining')).toBe('18');
    const junk = await post(app.url, '{ me { id } }', {}, { ...from(ip), authorization: 'Bearer junk' });
    expect(code(junk)).toBe('UNAUTHENTICATED');
    expect(junk.headers.get('ratelimit-remaining')).toBe('17');
    // A body that is not JSON is counted (and answered with the headers) before it is read.
    const malformed = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...from(ip) }, body: '{"query": ' });
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(malformed.headers.get('ratelimit-remaining')).toBe('16');
  });

  it('counts every root field of a document, aliases included, and refuses the whole document when over', async () => {
    const ip = address();
    const five = await post(app.url, '{ a: __typename b: __typename c: __typename ...F } fragment F on Query { d: __typename e: __typename }', {}, from(ip));
    expect(five.status).toBe(200);
    expect(five.headers.get('ratelimit-remaining')).toBe('15');
    const tooMany = await post(app.url, `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: __typename`).join(' ')} }`, {}, from(ip));
    expectRateLimited(tooMany);
    expect(tooMany.body.data).toBeUndefined();
    expect(tooMany.headers.get('ratelimit-remaining')).toBe('0');
  });

  it('refuses 100 aliased logIn calls in one document as 100 operations, fast, without trying a single password', async () => {
    const victim = await signUpCreatorFrom(app.url, address());
    const ip = address();
    const document = `mutation { ${Array.from({ length: 100 }, (_, i) => `a${i}: logIn(email: "${victim.email}", password: "guess-${i}-guess") { token }`).join(' ')} }`;
    const answer = await post(app.url, document, {}, from(ip));
    expectRateLimited(answer);
    expect(answer.ms).toBeLessThan(1000);
    // No logIn ran: the victim's failure counts are untouched, and the right password works at once.
    expect(code(await post(app.url, LOG_IN, { email: victim.email, password: PASSWORD }, from(address())))).toBeUndefined();
  });

  it('throttles guesses at one account spread over many addresses (per account), and lets the owner in after the block', async () => {
    const victim = await signUpCreatorFrom(app.url, address());
    // Five failures, each from an address of its own: no address reaches a limit of its own.
    for (let i = 0; i < 5; i += 1) expect(code(await post(app.url, LOG_IN, { email: victim.email, password: `wrong-${i}-wrong` }, from(address())))).toBe('UNAUTHENTICATED');
    const sixth = await post(app.url, LOG_IN, { email: victim.email, password: 'wrong-again-wrong' }, from(address()));
    expectRateLimited(sixth);
    // While blocked, even the right password from a new address is refused.
    expectRateLimited(await post(app.url, LOG_IN, { email: victim.email, password: PASSWORD }, from(address())));
    const ok = await waitFor(async () => {
      const a = await post(app.url, LOG_IN, { email: victim.email, password: PASSWORD }, from(address()));
      return code(a) === undefined && a;
    }, 'the block to end', 15_000, 200);
    expect(ok.body.data.logIn.token).toEqual(expect.any(String));
  });

  it('throttles one address guessing at many accounts (per address), other addresses unaffected', async () => {
    const ip = address();
    for (let i = 0; i < 4; i += 1) expect(code(await post(app.url, LOG_IN, { email: `someone-${uniq()}@example.jp`, password: 'wrong-wrong-wrong' }, from(ip)))).toBe('UNAUTHENTICATED');
    expectRateLimited(await post(app.url, LOG_IN, { email: `someone-${uniq()}@example.jp`, password: 'wrong-wrong-wrong' }, from(ip)));
    // Blocked for log-ins and sign-ups alike, whichever account it tries next …
    const account = await signUpCreatorFrom(app.url, address());
    expectRateLimited(await post(app.url, LOG_IN, { email: account.email, password: PASSWORD }, from(ip)));
    expectRateLimited(await post(app.url, SIGN_UP, signUpVariables(`new-${uniq()}@example.jp`), from(ip)));
    // … while another address logs in to that account.
    expect(code(await post(app.url, LOG_IN, { email: account.email, password: PASSWORD }, from(address())))).toBeUndefined();
  });

  it('signUp does not confirm that an email has an account, and refused sign-ups are throttled like log-ins', async () => {
    const taken = await signUpCreatorFrom(app.url, address());
    const ip = address();
    const refused = await post(app.url, SIGN_UP, signUpVariables(taken.email), from(ip));
    expect(code(refused)).toBe('BAD_USER_INPUT');
    expect(refused.body.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: 'email' })]);
    expect(JSON.stringify(refused.body)).not.toMatch(/exist|already|registered|taken/i);
    for (let i = 0; i < 3; i += 1) expect(code(await post(app.url, SIGN_UP, signUpVariables(taken.email), from(ip)))).toBe('BAD_USER_INPUT');
    expectRateLimited(await post(app.url, SIGN_UP, signUpVariables(taken.email), from(ip)));
    // Successful sign-ups do not use up an address's budget.
    const office = address();
    for (let i = 0; i < 6; i += 1) expect(code(await post(app.url, SIGN_UP, signUpVariables(`colleague-${uniq()}@example.jp`), from(office)))).toBeUndefined();
  });
});

describe('not behind a proxy (TRUST_PROXY off), no request limit', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      ...LARGE_DOCUMENTS,
      LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS: '3', LOGIN_FAILURES_PER_ACCOUNT: '50', LOGIN_FAILURES_PER_ADDRESS: '50', LOGIN_BLOCK: 'PT1S', LOGIN_BLOCK_MAX: 'PT4S',
    });
  });
  afterAll(async () => { await app?.stop(); });

  it('blocks guessing at an account from one address after 3 failures, whatever X-Forwarded-For and Authorization say; growing blocks; success resets', async () => {
    const victim = await signUpCreator(app.url);
    const email = victim.account.email;
    const disguise = () => ({ 'x-forwarded-for': address(), authorization: `Bearer junk-${uniq()}` });
    const guess = () => post(app.url, LOG_IN, { email, password: `wrong-${uniq()}` }, disguise());
    for (let i = 0; i < 3; i += 1) expect(code(await guess())).toBe('UNAUTHENTICATED');
    const blocked = await guess();
    expectRateLimited(blocked);
    const firstBlock = blocked.body.errors![0].extensions!.retryAfterSeconds;
    expect(firstBlock).toBe(1);
    // The right password is refused while blocked (no password is checked at all).
    expectRateLimited(await post(app.url, LOG_IN, { email, password: PASSWORD }, disguise()));

    // The block ends; three more failures block again, for longer.
    await waitFor(async () => code(await guess()) === 'UNAUTHENTICATED', 'the first block to end', 15_000, 200);
    for (let i = 0; i < 2; i += 1) expect(code(await guess())).toBe('UNAUTHENTICATED');
    const again = await guess();
    expectRateLimited(again);
    expect(again.body.errors![0].extensions!.retryAfterSeconds).toBe(2);

    // The owner gets in after the block, and that starts the count again.
    await waitFor(async () => code(await post(app.url, LOG_IN, { email, password: PASSWORD })) === undefined, 'the second block to end', 15_000, 200);
    for (let i = 0; i < 3; i += 1) expect(code(await guess())).toBe('UNAUTHENTICATED');
    expect((await guess()).body.errors![0].extensions!.retryAfterSeconds).toBe(1);
  });

  it('makes every aliased logIn of a document its own attempt: of 100 guesses, 3 check a password and the rest are refused at once', async () => {
    const victim = await signUpCreator(app.url);
    const document = `mutation { ${Array.from({ length: 100 }, (_, i) => `a${i}: logIn(email: "${victim.account.email}", password: "guess-${i}-guess") { token }`).join(' ')} }`;
    const answer = await post(app.url, document, {});
    expect(answer.body.data ?? null).toBeNull();
    expect(code(answer)).toBe('UNAUTHENTICATED');
    // 100 scrypt runs take many seconds here; 3 and 97 refusals do not (a generous bound on a shared machine).
    expect(answer.ms).toBeLessThan(4000);
    // The guesses were counted one by one: the account is now blocked, even for its owner's right password.
    expectRateLimited(await post(app.url, LOG_IN, { email: victim.account.email, password: PASSWORD }));
  });
});

const SIGN_UP = 'mutation($input: SignUpInput!) { signUp(input: $input) { token account { id } } }';

function signUpVariables(email: string) {
  return { input: { email, password: PASSWORD, displayName: 'Aoi Tanaka', role: 'CREATOR', locale: 'en', creator: { kind: 'INDIVIDUAL', nationality: 'JP' } } };
}

async function signUpCreatorFrom(url: string, ip: string): Promise<{ token: string; email: string }> {
  const email = `creator-${uniq()}@example.jp`;
  const answer = await post(url, SIGN_UP, signUpVariables(email), from(ip));
  if (answer.body.errors) throw new Error(JSON.stringify(answer.body.errors));
  return { token: answer.body.data.signUp.token, email };
}
