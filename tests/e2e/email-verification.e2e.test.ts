import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { fails, gql, ok } from '../support/client';
import { complaintInput, getCase, registerAiSystem, registerWork, signUpCreator, signUpFirm } from '../support/factories';

/** A real SMTP server that parses every message it accepts. */
const inbox: ParsedMail[] = [];
const smtp = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream).then((mail) => { inbox.push(mail); callback(); }, callback);
  },
});

let app: TestApp;
/** Links that expire after one second. */
let shortLived: TestApp;
/** Links that work 30 seconds: a new one may be asked for after 3 seconds (a tenth of the lifetime). */
let quick: TestApp;
/** The default of a real deployment: an unconfirmed address may look around but not file or act on a case. */
let gated: TestApp;
beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  const env = { SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: 'https://chotei.test' };
  [app, shortLived, quick, gated] = await Promise.all([
    startTestApp(env), startTestApp({ ...env, EMAIL_VERIFICATION_TTL: 'PT1S' }), startTestApp({ ...env, EMAIL_VERIFICATION_TTL: 'PT30S' }),
    startTestApp({ ...env, EMAIL_VERIFICATION_REQUIRED: 'true' }),
  ]);
});
afterAll(async () => {
  await Promise.all([app?.stop(), shortLived?.stop(), quick?.stop(), gated?.stop()]);
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const VERIFY_LINK = /https:\/\/chotei\.test\/verify-email\?token=([A-Za-z0-9_-]+)/;
const RESET_LINK = /https:\/\/chotei\.test\/reset-password\?token=([A-Za-z0-9_-]+)/;
const to = (m: ParsedMail, address: string) => JSON.stringify(m.to).includes(address);
const verifyMails = (address: string) => inbox.filter((m) => to(m, address) && VERIFY_LINK.test(m.text ?? ''));
const verifyMail = (address: string, n = 1) => waitFor(async () => verifyMails(address)[n - 1], `verification mail ${n} to ${address}`);
const verifyToken = (m: ParsedMail) => VERIFY_LINK.exec(m.text ?? '')![1];
/** The link of a mail opened on the test server (the mail's links start with PUBLIC_URL, as a browser pasting them would). */
const onServer = (server: TestApp, link: string) => `${new URL(server.url).origin}${new URL(link).pathname}${new URL(link).search}`;

const VERIFY = 'mutation($token: String!) { verifyEmail(token: $token) { id emailVerified } }';
const ME = '{ me { id emailVerified } }';
const RESEND = 'mutation { resendEmailVerification }';
const LOG_IN = 'mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }';
const OLD = 'correct horse battery';

describe('email verification', () => {
  it('mails a link at sign-up, in Japanese by default, whose token verifies through the mutation, and again with the same answer', async () => {
    const { token: jwt, account } = await signUpCreator(app.url, { locale: 'ja' });
    expect((await ok(app.url, ME, {}, jwt)).me).toEqual({ id: account.id, emailVerified: false });
    const mail = await verifyMail(account.email);
    expect(mail.subject).toBe('【調停】メールアドレスの確認');
    expect(mail.text).toContain('Aoi Tanaka 様');
    const token = verifyToken(mail);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    // The mail says nothing but the link: no password, no other account's data.
    expect(mail.text).not.toContain(OLD);

    expect((await ok(app.url, VERIFY, { token })).verifyEmail).toEqual({ id: account.id, emailVerified: true });
    expect((await ok(app.url, ME, {}, jwt)).me.emailVerified).toBe(true);
    // Idempotent: the same token again (a second click, a mail scanner) answers the same.
    expect((await ok(app.url, VERIFY, { token })).verifyEmail).toEqual({ id: account.id, emailVerified: true });
    // Verified already: nothing more is sent.
    expect(await ok(app.url, RESEND, {}, jwt)).toEqual({ resendEmailVerification: false });
  });

  it('verifies through the page the link opens, in English for an English reader, with the headers of a page holding a secret', async () => {
    const { token: jwt, account } = await signUpCreator(app.url, { locale: 'en' });
    const mail = await verifyMail(account.email);
    expect(mail.subject).toBe('[Chōtei] Confirm your email address');
    const link = VERIFY_LINK.exec(mail.text!)![0];
    const res = await fetch(onServer(app, link), { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-language')).toBe('en');
    expect(html).toContain('Your email address is confirmed');
    expect(html).not.toContain('<script');
    expect((await ok(app.url, ME, {}, jwt)).me.emailVerified).toBe(true);
    // Japanese by default; the same link opened again still says it is confirmed.
    const again = await fetch(onServer(app, link));
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('メールアドレスを確認しました');
  });

  it('refuses a wrong, an expired and a replaced token alike, through the mutation and the page', async () => {
    const wrongToken = randomBytes(32).toString('base64url');
    const wrong = await fails(app.url, VERIFY, { token: wrongToken });
    expect(wrong.code).toBe('BAD_USER_INPUT');
    expect(wrong.extensions.fields).toEqual([expect.objectContaining({ argument: 'token', field: 'token' })]);

    // Expired: a link of the one-second app, used once its second has passed.
    const { token: jwt, account } = await signUpCreator(shortLived.url);
    const mail = await verifyMail(account.email);
    const receivedAt = Date.now();
    await waitFor(async () => Date.now() > receivedAt + 1_100, 'the link to expire');
    const expired = await fails(shortLived.url, VERIFY, { token: verifyToken(mail) });
    expect(expired.code).toBe('BAD_USER_INPUT');
    expect(expired.message).toBe(wrong.message);
    expect(expired.extensions.fields).toEqual(wrong.extensions.fields);
    expect((await ok(shortLived.url, ME, {}, jwt)).me.emailVerified).toBe(false);
    const page = await fetch(onServer(shortLived, VERIFY_LINK.exec(mail.text!)![0]), { headers: { 'accept-language': 'en' } });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('This link is not valid, or no longer valid.');
    const wrongPage = await fetch(`${new URL(app.url).origin}/verify-email?token=${wrongToken}&lang=en`);
    expect(wrongPage.status).toBe(400);
    expect(await wrongPage.text()).toContain('This link is not valid, or no longer valid.');

    // Replaced: a new link (asked for once a tenth of the lifetime has passed) ends the first, still unexpired, one.
    const q = await signUpCreator(quick.url);
    const first = verifyToken(await verifyMail(q.account.email));
    const tooSoon = await fails(quick.url, RESEND, {}, q.token);
    expect(tooSoon.code).toBe('RATE_LIMITED');
    await waitFor(async () => (await gql(quick.url, RESEND, {}, q.token)).data?.resendEmailVerification === true, 'a new link to be allowed', 10_000, 250);
    const second = verifyToken(await verifyMail(q.account.email, 2));
    expect(second).not.toBe(first);
    const replaced = await fails(quick.url, VERIFY, { token: first });
    expect(replaced.message).toBe(wrong.message);
    expect(replaced.extensions.fields).toEqual(wrong.extensions.fields);
    expect((await ok(quick.url, VERIFY, { token: second })).verifyEmail).toEqual({ id: q.account.id, emailVerified: true });
    // The used one stays good for the same answer; the replaced one stays refused.
    expect((await ok(quick.url, VERIFY, { token: second })).verifyEmail.emailVerified).toBe(true);
    expect((await fails(quick.url, VERIFY, { token: first })).code).toBe('BAD_USER_INPUT');
  });

  it('refuses an oversized token in the validation layer', async () => {
    const long = await fails(app.url, VERIFY, { token: 'x'.repeat(5000) });
    expect(long.code).toBe('BAD_USER_INPUT');
    expect(long.extensions.fields).toEqual([expect.objectContaining({ argument: 'token' })]);
  });

  it('verifies an AI firm\'s address the same way', async () => {
    const firm = await signUpFirm(app.url);
    const token = verifyToken(await verifyMail(firm.account.email));
    expect((await ok(app.url, VERIFY, { token })).verifyEmail).toEqual({ id: firm.account.id, emailVerified: true });
  });
});

describe('an address not yet confirmed (EMAIL_VERIFICATION_REQUIRED, on by default)', () => {
  const FILE = 'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id status } }';
  const ACK = 'mutation($id: ID!) { acknowledgeNotice(caseId: $id) { id status } }';
  const RESPOND = 'mutation($id: ID!, $input: NoticeResponseInput!) { respondToNotice(caseId: $id, input: $input) { status } }';
  const confirm = async (email: string) => ok(gated.url, VERIFY, { token: verifyToken(await verifyMail(email)) });

  it('lets a creator look around and prepare, but file only once the address is confirmed (the same session files at once)', async () => {
    const creator = await signUpCreator(gated.url);
    const firm = await signUpFirm(gated.url);
    const system = await registerAiSystem(gated.url, firm.token);
    // Looking around and preparing: the profile, a work.
    expect((await ok(gated.url, ME, {}, creator.token)).me.emailVerified).toBe(false);
    const work = await registerWork(gated.url, creator.token);
    const input = complaintInput(firm.firmId, [work.id], { aiSystemId: system.id });

    const refused = await fails(gated.url, FILE, { input }, creator.token);
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.extensions.reason).toBe('EMAIL_NOT_VERIFIED');
    expect(refused.message).toMatch(/Confirm your email address before you file a complaint/);
    expect(refused.message).toMatch(/resendEmailVerification/);
    expect((await ok(gated.url, '{ cases(first: 10) { edges { node { id } } } }', {}, creator.token)).cases.edges).toEqual([]);

    await confirm(creator.account.email);
    const filed = (await ok(gated.url, FILE, { input }, creator.token)).fileComplaint;
    expect(filed.status).toBe('FILED');
  });

  it('lets an unconfirmed firm read the notice served on it, but not acknowledge or answer it until it confirms', async () => {
    const creator = await signUpCreator(gated.url);
    await confirm(creator.account.email);
    const firm = await signUpFirm(gated.url);
    const system = await registerAiSystem(gated.url, firm.token);
    const work = await registerWork(gated.url, creator.token);
    const { id } = (await ok(gated.url, FILE, { input: complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }) }, creator.token)).fileComplaint;
    await waitFor(async () => (await getCase(gated.url, creator.token, id)).status === 'NOTICE_SENT', 'the notice');

    // The firm reads the case (looking around) …
    expect((await getCase(gated.url, firm.token, id)).status).toBe('NOTICE_SENT');
    // … but does not act on it.
    for (const [query, variables] of [[ACK, { id }], [RESPOND, { id, input: { kind: 'ACCEPT', statement: 'We will filter.' } }]] as const) {
      const refused = await fails(gated.url, query, variables, firm.token);
      expect(refused.code).toBe('FORBIDDEN');
      expect(refused.extensions.reason).toBe('EMAIL_NOT_VERIFIED');
    }
    expect((await getCase(gated.url, creator.token, id)).status).toBe('NOTICE_SENT');

    await confirm(firm.account.email);
    await ok(gated.url, ACK, { id }, firm.token);
    expect((await ok(gated.url, RESPOND, { id, input: { kind: 'CONTEST', statement: 'Not similar.' } }, firm.token)).respondToNotice.status).toBe('NEGOTIATION');
  });
});

describe('the reset-password page', () => {
  const REQUEST = 'mutation($email: String!) { requestPasswordReset(email: $email) }';
  const resetMail = (address: string) => waitFor(async () => inbox.find((m) => to(m, address) && RESET_LINK.test(m.text ?? '')), `reset mail to ${address}`);
  const NEW = 'a brand new passphrase';
  /** The form of a page: where it posts and its fields, as a browser reads them. */
  const formOf = (html: string) => ({
    method: /<form[^>]*method="([^"]+)"/.exec(html)?.[1],
    action: /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&'),
    token: /<input type="hidden" name="token" value="([^"]*)"/.exec(html)?.[1],
    fields: [...html.matchAll(/<input[^>]*name="([^"]+)"/g)].map((m) => m[1]),
  });
  const post = (server: TestApp, action: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${new URL(server.url).origin}${action}`, { method: 'POST', body: new URLSearchParams(fields), headers, redirect: 'manual' });

  it('shows a form that posts the new password over plain HTTP, and the outcome: once, ending every session', async () => {
    const { token: jwt, account } = await signUpCreator(app.url, { locale: 'ja' });
    await ok(app.url, REQUEST, { email: account.email });
    const link = RESET_LINK.exec((await resetMail(account.email)).text!)![0];

    const res = await fetch(onServer(app, link));
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('script-src');
    expect(html).not.toContain('<script');
    expect(html).toContain('パスワードの再設定');
    const form = formOf(html);
    expect(form).toEqual({ method: 'post', action: '/reset-password?lang=ja', token: RESET_LINK.exec(link)![1], fields: ['token', 'password', 'confirm'] });

    // Two different passwords, then one too short: the form again with the reason; the token stays usable.
    const mismatch = await post(app, form.action!, { token: form.token!, password: NEW, confirm: `${NEW}!` });
    expect(mismatch.status).toBe(400);
    const mismatchHtml = await mismatch.text();
    expect(mismatchHtml).toContain('2つのパスワードが一致しません');
    expect(formOf(mismatchHtml).token).toBe(form.token);
    const short = await post(app, form.action!, { token: form.token!, password: 'short', confirm: 'short' });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('10文字以上');
    await ok(app.url, LOG_IN, { email: account.email, password: OLD });

    const done = await post(app, form.action!, { token: form.token!, password: NEW, confirm: NEW });
    expect(done.status).toBe(200);
    expect(done.headers.get('cache-control')).toBe('no-store');
    expect(await done.text()).toContain('パスワードを再設定しました');
    expect((await fails(app.url, ME, {}, jwt)).code).toBe('UNAUTHENTICATED');
    expect((await fails(app.url, LOG_IN, { email: account.email, password: OLD })).code).toBe('UNAUTHENTICATED');
    await ok(app.url, LOG_IN, { email: account.email, password: NEW });

    // Used: the link and the form both answer the one page for a link that does not work.
    const reopened = await fetch(onServer(app, link));
    expect(reopened.status).toBe(400);
    expect(await reopened.text()).toContain('このリンクは無効か、有効期限が切れています');
    const again = await post(app, form.action!, { token: form.token!, password: 'yet another passphrase', confirm: 'yet another passphrase' });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('このリンクは無効か、有効期限が切れています');
    await ok(app.url, LOG_IN, { email: account.email, password: NEW });
  });

  it('speaks English to an English reader, and refuses a wrong token with the same page', async () => {
    const { account } = await signUpCreator(app.url, { locale: 'en' });
    await ok(app.url, REQUEST, { email: account.email });
    const link = RESET_LINK.exec((await resetMail(account.email)).text!)![0];
    const res = await fetch(onServer(app, link), { headers: { 'accept-language': 'en-US' } });
    const html = await res.text();
    expect(html).toContain('Reset your password');
    const form = formOf(html);
    expect(form.action).toBe('/reset-password?lang=en');
    const done = await post(app, form.action!, { token: form.token!, password: NEW, confirm: NEW });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Your password was reset.');
    await ok(app.url, LOG_IN, { email: account.email, password: NEW });

    const wrong = await post(app, '/reset-password?lang=en', { token: randomBytes(32).toString('base64url'), password: NEW, confirm: NEW });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('This link is not valid, or no longer valid.');
    const wrongPage = await fetch(`${new URL(app.url).origin}/reset-password?token=${randomBytes(32).toString('base64url')}&lang=en`);
    expect(wrongPage.status).toBe(400);
    expect(await wrongPage.text()).toContain('This link is not valid, or no longer valid.');
  });
});
