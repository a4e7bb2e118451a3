import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { fails, gql, ok } from '../support/client';
import { signUpCreator } from '../support/factories';

/** A real SMTP server that parses every message it accepts. */
const inbox: ParsedMail[] = [];
const smtp = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream).then((mail) => { inbox.push(mail); callback(); }, callback);
  },
});

let app: TestApp;
/** The same, with reset links that expire after one second. */
let shortLived: TestApp;
/** The same, allowing three requests per email per day. */
let strict: TestApp;
beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  const env = { SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: 'https://chotei.test' };
  [app, shortLived, strict] = await Promise.all([
    startTestApp(env), startTestApp({ ...env, PASSWORD_RESET_TTL: 'PT1S' }), startTestApp({ ...env, LOGIN_FAILURES_PER_ACCOUNT: '3' }),
  ]);
});
afterAll(async () => {
  await Promise.all([app?.stop(), shortLived?.stop(), strict?.stop()]);
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const uniq = () => randomBytes(4).toString('hex');
/** Reset mails to an address (a sign-up also mails a verification link, which is not counted here). */
const mailsTo = (address: string) => inbox.filter((m) => JSON.stringify(m.to).includes(address) && !m.messageId?.startsWith('<verify-email-'));
const mailTo = (address: string, n = 1) => waitFor(async () => mailsTo(address).length >= n && mailsTo(address)[n - 1], `mail ${n} to ${address}`);
const LINK = /https:\/\/chotei\.test\/reset-password\?token=([A-Za-z0-9_-]+)/;
const tokenIn = (mail: ParsedMail) => LINK.exec(mail.text ?? '')![1];

const REQUEST = 'mutation($email: String!) { requestPasswordReset(email: $email) }';
const RESET = 'mutation($token: String!, $password: String!) { resetPassword(token: $token, password: $password) }';
const LOG_IN = 'mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }';
const ME = '{ me { id email } }';
const OLD = 'correct horse battery';
const NEW = 'a brand new passphrase';

describe('password reset by email', () => {
  it('mails a link that sets a new password once, and ends every old session', async () => {
    const { token: signUpJwt, account } = await signUpCreator(app.url, { locale: 'ja' });
    const { logIn: { token: logInJwt } } = await ok(app.url, LOG_IN, { email: account.email, password: OLD });
    expect(await ok(app.url, REQUEST, { email: account.email.toUpperCase() })).toEqual({ requestPasswordReset: true });

    const mail = await mailTo(account.email);
    expect(mail.subject).toContain('パスワード');
    expect(mail.text).toMatch(LINK);
    const token = tokenIn(mail);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);

    // The password rules of signUp apply, and a refused password leaves the token usable.
    const short = await fails(app.url, RESET, { token, password: 'short' });
    expect(short.code).toBe('BAD_USER_INPUT');
    expect(short.extensions.fields).toEqual([expect.objectContaining({ argument: 'password', field: 'password' })]);
    // A wrong token with a too-short password: both are named, the token with the one refusal message.
    const both = await fails(app.url, RESET, { token: 'nope', password: 'short' });
    expect(both.extensions.fields).toEqual([expect.objectContaining({ argument: 'token', field: 'token' }), expect.objectContaining({ argument: 'password' })]);

    expect(await ok(app.url, RESET, { token, password: NEW })).toEqual({ resetPassword: true });
    for (const jwt of [signUpJwt, logInJwt]) expect((await fails(app.url, ME, {}, jwt)).code).toBe('UNAUTHENTICATED');
    expect((await fails(app.url, LOG_IN, { email: account.email, password: OLD })).code).toBe('UNAUTHENTICATED');
    const { logIn: { token: fresh } } = await ok(app.url, LOG_IN, { email: account.email, password: NEW });
    expect((await ok(app.url, ME, {}, fresh)).me.id).toBe(account.id);

    // Once only: the same token is refused like a wrong one, and the password stays the one it set.
    const again = await fails(app.url, RESET, { token, password: 'yet another passphrase' });
    const wrong = await fails(app.url, RESET, { token: randomBytes(32).toString('base64url'), password: 'yet another passphrase' });
    for (const refused of [again, wrong]) {
      expect(refused.code).toBe('BAD_USER_INPUT');
      expect(refused.extensions.fields).toEqual([expect.objectContaining({ argument: 'token', field: 'token' })]);
    }
    expect(again.message).toBe(wrong.message);
    expect(again.extensions.fields).toEqual(wrong.extensions.fields);
    await ok(app.url, LOG_IN, { email: account.email, password: NEW });
  });

  it('mails in English to an English account, and a newer request ends the older link', async () => {
    const { account } = await signUpCreator(app.url, { locale: 'en' });
    await ok(app.url, REQUEST, { email: account.email });
    const first = tokenIn(await mailTo(account.email));
    await ok(app.url, REQUEST, { email: account.email });
    const second = await mailTo(account.email, 2);
    expect(second.subject).toBe('[Chōtei] Reset your password');
    expect((await fails(app.url, RESET, { token: first, password: NEW })).code).toBe('BAD_USER_INPUT');
    expect(await ok(app.url, RESET, { token: tokenIn(second), password: NEW })).toEqual({ resetPassword: true });
  });

  it('refuses an expired token exactly like a wrong one', async () => {
    const { account } = await signUpCreator(shortLived.url);
    await ok(shortLived.url, REQUEST, { email: account.email });
    const token = tokenIn(await mailTo(account.email));
    // Probed with a password too short to be set: the answer names the token only once it has expired.
    const refusesToken = (result: Awaited<ReturnType<typeof gql>>) => (result.errors?.[0]?.extensions?.fields ?? []).some((f: any) => f.argument === 'token');
    await waitFor(async () => refusesToken(await gql(shortLived.url, RESET, { token, password: 'short' })), 'the token to expire');
    const expired = await gql(shortLived.url, RESET, { token, password: NEW });
    const wrong = await gql(shortLived.url, RESET, { token: randomBytes(32).toString('base64url'), password: NEW });
    expect(expired.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(expired.errors![0].message).toBe(wrong.errors![0].message);
    expect(expired.errors![0].extensions!.fields).toEqual(wrong.errors![0].extensions!.fields);
    await ok(shortLived.url, LOG_IN, { email: account.email, password: OLD });
  });

  it('answers an unknown email exactly like a known one, and sends it nothing', async () => {
    const { account } = await signUpCreator(app.url);
    const unknown = `nobody-${uniq()}@example.jp`;
    const forUnknown = await gql(app.url, REQUEST, { email: unknown });
    const forKnown = await gql(app.url, REQUEST, { email: account.email });
    expect(forUnknown).toEqual(forKnown);
    expect(forKnown).toMatchObject({ data: { requestPasswordReset: true }, status: 200 });
    expect(forKnown.errors).toBeUndefined();
    // The known account's mail, asked for after, arrives; none ever went to the unknown address.
    await mailTo(account.email);
    expect(mailsTo(unknown)).toEqual([]);
  });

  it('throttles requests per email, for known and unknown emails alike, without touching log-ins', async () => {
    const { account } = await signUpCreator(strict.url);
    const unknown = `nobody-${uniq()}@example.jp`;
    for (const email of [account.email, unknown]) {
      for (let i = 0; i < 3; i += 1) expect(await ok(strict.url, REQUEST, { email })).toEqual({ requestPasswordReset: true });
      const blocked = await fails(strict.url, REQUEST, { email });
      expect(blocked.code).toBe('RATE_LIMITED');
      expect(blocked.message).toMatch(/^Too many password-reset requests; retry in \d+ s$/);
    }
    await ok(strict.url, LOG_IN, { email: account.email, password: OLD });
  });

  it('refuses oversized input in the validation layer', async () => {
    const long = await fails(app.url, RESET, { token: 'x'.repeat(5000), password: NEW });
    expect(long.code).toBe('BAD_USER_INPUT');
    expect(long.extensions.fields).toEqual([expect.objectContaining({ argument: 'token' })]);
  });
});
