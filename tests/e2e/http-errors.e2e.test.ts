import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../support/harness';
import { ok } from '../support/client';
import { signUpCreator } from '../support/factories';

let app: TestApp;
beforeAll(async () => { app = await startTestApp({ ROLE: 'api', MAX_BODY_BYTES: '65536' }); });
afterAll(async () => { await app?.stop(); });

interface Answer { status: number; contentType: string; text: string; body: any }

async function send(path: string, body: string | Buffer, headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(new URL(path, app.url), { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: unknown = null;
  try { parsed = JSON.parse(text); } catch { /* checked by the caller */ }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, body: parsed };
}

/** What a client must be able to rely on for every refused body: GraphQL-shaped JSON, never express's HTML page or a stack. */
function expectJsonError(answer: Answer, status: number, message: RegExp): void {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toMatch(/^application\/json/);
  expect(answer.text).not.toMatch(/<!DOCTYPE|<html|<pre|SyntaxError|at .+\.(ts|js):\d+/i);
  expect(answer.body).toEqual({ errors: [expect.objectContaining({ message: expect.stringMatching(message), extensions: expect.objectContaining({ code: 'BAD_REQUEST' }) })] });
}

describe('malformed and oversized bodies answer JSON over real HTTP', () => {
  it('/graphql: a body that is not JSON is 400, one over MAX_BODY_BYTES is 413 with the limit', async () => {
    for (const body of ['{"query": "{ me { id } }", ', '{query: me}', 'null x', '\u0000\u0001']) {
      expectJsonError(await send('/graphql', body, { 'content-type': 'application/json' }), 400, /not valid JSON/);
    }
    const big = JSON.stringify({ query: '{ countries { code } }', variables: { pad: 'x'.repeat(70_000) } });
    const answer = await send('/graphql', big, { 'content-type': 'application/json' });
    expectJsonError(answer, 413, /over the limit of 65536 bytes/);
    expect(answer.body.errors[0].extensions.limit).toBe(65536);
    // A gzip body that does not inflate is a malformed body too.
    expectJsonError(await send('/graphql', Buffer.from('not gzip at all'), { 'content-type': 'application/json', 'content-encoding': 'gzip' }), 400, /./);
  });

  it('the other routes: an oversized form, and JSON sent where no route is, answer JSON too', async () => {
    // POST /reset-password reads a small form (8 kB): more is refused as JSON, not as an HTML error page.
    const form = `token=${'t'.repeat(10_000)}&password=correct+horse+battery`;
    expectJsonError(await send('/reset-password', form, { 'content-type': 'application/x-www-form-urlencoded' }), 413, /over the limit/);
    const nowhere = await send('/nowhere', '{"broken": ', { 'content-type': 'application/json' });
    expect(nowhere.status).toBe(404);
    expect(nowhere.contentType).toMatch(/^application\/json/);
    expect(nowhere.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('a good request after bad ones still works, with the token sent as the README says', async () => {
    const creator = await signUpCreator(app.url, { email: 'readme-token@example.jp' });
    const login = await ok(app.url, 'mutation { logIn(email: "readme-token@example.jp", password: "correct horse battery") { token } }');
    const me = await ok(app.url, '{ me { id role } }', {}, login.logIn.token);
    expect(me.me).toEqual({ id: creator.account.id, role: 'CREATOR' });
    const refused = await send('/graphql', JSON.stringify({ query: '{ me { id } }' }), { 'content-type': 'application/json', authorization: 'Bearer not-a-token' });
    expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const publicWithBadToken = await send('/graphql', JSON.stringify({ query: '{ countries { code } }' }), { 'content-type': 'application/json', authorization: 'Bearer not-a-token' });
    expect(publicWithBadToken.body.data.countries.length).toBeGreaterThan(0); // public data answers whoever asks
  });
});
