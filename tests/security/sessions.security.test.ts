import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../support/harness';
import { fails, gql, ok } from '../support/client';
import { signUpCreator, signUpFirm } from '../support/factories';

/**
 * Sessions as an attacker holding an old or forged-in-time token sees them: JWTs have a maximum age
 * counted from `iat` whatever their `exp` says, refuse an `iat` in the future, and endAllSessions
 * ends every token issued before it. (Tokens here are signed with the test app's own secret, as a
 * token the server issued would be: only their times differ.)
 */

const ME = '{ me { id } }';
const LOG_IN = 'mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }';
const DAY = 86_400;

let app: TestApp;
beforeAll(async () => { app = await startTestApp({ JWT_MAX_AGE: 'P30D' }); });
afterAll(async () => { await app?.stop(); });

/** A token like the ones logIn issues, with chosen times (seconds from now) and token version. */
function token(accountId: string, times: { iat: number; exp: number }, claims: Record<string, unknown> = { tv: 0 }) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: 'CREATOR', ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(accountId).setIssuer('chotei').setAudience('chotei-api').setJti(randomUUID())
    .setIssuedAt(now + times.iat).setExpirationTime(now + times.exp)
    .sign(new TextEncoder().encode(app.env.JWT_SECRET));
}

describe('JWT times', () => {
  it('accepts a well-formed token of the right age (the signing here is sound)', async () => {
    const { account } = await signUpCreator(app.url);
    expect((await ok(app.url, ME, {}, await token(account.id, { iat: -60, exp: 3600 }))).me.id).toBe(account.id);
    // A little clock skew between processes is tolerated.
    expect((await ok(app.url, ME, {}, await token(account.id, { iat: 30, exp: 3600 }))).me.id).toBe(account.id);
  });

  it('refuses a token whose iat lies in the future', async () => {
    const { account } = await signUpCreator(app.url);
    const future = await fails(app.url, ME, {}, await token(account.id, { iat: 600, exp: 7200 }));
    expect(future.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token older than JWT_MAX_AGE even when its exp is still ahead', async () => {
    const { account } = await signUpCreator(app.url);
    const old = await fails(app.url, ME, {}, await token(account.id, { iat: -31 * DAY, exp: 3600 }));
    expect(old.code).toBe('UNAUTHENTICATED');
    expect(old.message).toMatch(/too old/);
    // Just inside the maximum age it is still good.
    expect((await ok(app.url, ME, {}, await token(account.id, { iat: -29 * DAY, exp: 3600 }))).me.id).toBe(account.id);
  });

  it('refuses a token without iat', async () => {
    const { account } = await signUpCreator(app.url);
    const now = Math.floor(Date.now() / 1000);
    const noIat = await new SignJWT({ role: 'CREATOR', tv: 0 }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(account.id).setIssuer('chotei').setAudience('chotei-api').setExpirationTime(now + 3600)
      .sign(new TextEncoder().encode(app.env.JWT_SECRET));
    expect((await fails(app.url, ME, {}, noIat)).code).toBe('UNAUTHENTICATED');
  });
});

describe('endAllSessions', () => {
  it('ends every token issued before it at once, the caller\'s included; a new log-in works', async () => {
    const { token: fromSignUp, account } = await signUpCreator(app.url);
    const fromLogIn = (await ok(app.url, LOG_IN, { email: account.email, password: 'correct horse battery' })).logIn.token;
    // Both used (and so cached by the server) before the call.
    expect((await ok(app.url, ME, {}, fromSignUp)).me.id).toBe(account.id);
    expect((await ok(app.url, ME, {}, fromLogIn)).me.id).toBe(account.id);

    expect((await ok(app.url, 'mutation { endAllSessions }', {}, fromLogIn)).endAllSessions).toBe(true);

    for (const old of [fromSignUp, fromLogIn]) expect((await fails(app.url, ME, {}, old)).code).toBe('UNAUTHENTICATED');
    const fresh = (await ok(app.url, LOG_IN, { email: account.email, password: 'correct horse battery' })).logIn.token;
    expect((await ok(app.url, ME, {}, fresh)).me.id).toBe(account.id);
    // Ending sessions again ends the new one too.
    await ok(app.url, 'mutation { endAllSessions }', {}, fresh);
    expect((await fails(app.url, ME, {}, fresh)).code).toBe('UNAUTHENTICATED');
  });

  it('leaves other accounts\' sessions alone, and API keys working until revoked', async () => {
    const firm = await signUpFirm(app.url);
    const bystander = await signUpCreator(app.url);
    const key = (await ok(app.url, 'mutation { createApiKey(name: "ci") { secret } }', {}, firm.token)).createApiKey.secret as string;
    await ok(app.url, 'mutation { endAllSessions }', {}, firm.token);
    expect((await fails(app.url, ME, {}, firm.token)).code).toBe('UNAUTHENTICATED');
    expect((await ok(app.url, ME, {}, key)).me.id).toBe(firm.account.id);
    expect((await ok(app.url, ME, {}, bystander.token)).me.id).toBe(bystander.account.id);
  });

  it('needs a signed-in account', async () => {
    const anonymous = await gql(app.url, 'mutation { endAllSessions }');
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
