import { existsSync } from 'node:fs';
import { Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../support/harness';
import { ok } from '../support/client';
import { signUpCreator, signUpFirm } from '../support/factories';
import { admin } from '../support/staff';
import { QueueName } from '../../src/domain/queues';

/**
 * The queue dashboard (Bull Board at /admin/queues) as an admin opens it, and as everyone else is refused: the page,
 * its static files and its API alike, whether the credential comes as a Bearer header or as the log-in cookie.
 */
let app: TestApp;
let base: string;
let adminToken: string;
let firmApiKey: string;
let creatorToken: string;
let firmToken: string;
let asset: string;

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers, redirect: 'manual' });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  app = await startTestApp();
  base = app.url.replace(/\/graphql$/, '');
  adminToken = (await admin(app)).token;
  creatorToken = (await signUpCreator(app.url)).token;
  firmToken = (await signUpFirm(app.url)).token;
  firmApiKey = (await ok(app.url, 'mutation { createApiKey(name: "ops") { secret } }', {}, firmToken)).createApiKey.secret;
});
afterAll(async () => { await app?.stop(); });

describe('the queue dashboard', () => {
  it('opens for an ADMIN with a Bearer token: the page, its static files, and its API listing every queue', async () => {
    const page = await get('/admin/queues', bearer(adminToken));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    const html = await page.text();
    expect(html).toContain('<base href="/admin/queues/"');
    expect(html).toContain('Chōtei queues');
    const script = /<script defer src="(static\/js\/main\.[^"]+\.js)"/.exec(html);
    expect(script).not.toBeNull();
    asset = `/admin/queues/${script![1]}`;
    const js = await get(asset, bearer(adminToken));
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);

    const api = await get('/admin/queues/api/queues', bearer(adminToken));
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: Array<{ name: string }> };
    expect(body.queues.map((q) => q.name).sort()).toEqual(Object.values(QueueName).sort());
  });

  it('refuses a creator and an AI firm (403) and no or a bad token (401), for the page, the API and the static files', async () => {
    expect(asset).toBeTruthy();
    for (const path of ['/admin/queues', '/admin/queues/api/queues', asset, '/admin/queues/queue/intake', '/admin/queues/api/redis/stats']) {
      for (const [who, headers, status] of [
        ['creator', bearer(creatorToken), 403], ['AI firm', bearer(firmToken), 403], ['AI firm API key', bearer(firmApiKey), 403],
        ['no token', {}, 401], ['a forged token', bearer(`${adminToken.slice(0, -4)}AAAA`), 401], ['not Bearer', { authorization: `Basic ${adminToken}` }, 401],
      ] as const) {
        const res = await get(path, headers);
        expect({ path, who, status: res.status }).toEqual({ path, who, status });
        const text = await res.text();
        expect(text).not.toContain('static/js/main.');
        expect(text).not.toMatch(/"queues"\s*:/);
      }
    }
    // Mutations through the API are refused too.
    const retry = await fetch(`${base}/admin/queues/api/queues/intake/retry/failed`, { method: 'PUT', headers: bearer(creatorToken) });
    expect(retry.status).toBe(403);
  });

  it('lets a browser log in with a form: an HttpOnly, SameSite=Strict cookie scoped to /admin/queues, for ADMINs only', async () => {
    const form = await get('/admin/queues/login');
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('<form method="post" action="/admin/queues/login">');
    // A browser without a credential is shown the form (401), not the dashboard.
    const bare = await get('/admin/queues', { accept: 'text/html' });
    expect(bare.status).toBe(401);
    expect(await bare.text()).toContain('action="/admin/queues/login"');

    const post = (token: string) => fetch(`${base}/admin/queues/login`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }), redirect: 'manual',
    });
    const refused = await post(creatorToken);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect((await post('not-a-token')).status).toBe(401);

    const loggedIn = await post(adminToken);
    expect(loggedIn.status).toBe(303);
    expect(loggedIn.headers.get('location')).toBe('/admin/queues');
    const setCookie = loggedIn.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^chotei_admin_token=[^;]+; Path=\/admin\/queues; HttpOnly; SameSite=Strict/);
    const cookie = setCookie.split(';')[0];
    expect((await get('/admin/queues', { cookie })).status).toBe(200);
    expect((await get('/admin/queues/api/queues', { cookie })).status).toBe(200);
    // A creator's token in the cookie is no better than in the header.
    expect((await get('/admin/queues/api/queues', { cookie: `chotei_admin_token=${creatorToken}` })).status).toBe(403);

    const out = await fetch(`${base}/admin/queues/logout`, { method: 'POST', headers: { cookie }, redirect: 'manual' });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/^chotei_admin_token=; .*Max-Age=0/);
  });
});

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
if (!CHROMIUM) console.warn('queue-dashboard.e2e.test.ts: no Chromium installed (apt-get install chromium, or CHROMIUM_PATH): browser check skipped');

describe.skipIf(!CHROMIUM)('the queue dashboard in a browser', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] }); });
  afterAll(async () => { await browser?.close(); });

  it('an admin logs in with the form and sees every queue; the page works without the internet', async () => {
    const context = await browser.newContext();
    // Nothing outside the service: Bull Board's web fonts (fonts.googleapis.com) are cut off and the page still renders.
    await context.route((url) => !url.href.startsWith(base), (route) => route.abort());
    const page = await context.newPage();
    await page.goto(`${base}/admin/queues`);
    await page.fill('#token', adminToken);
    await Promise.all([page.waitForURL(`${base}/admin/queues`), page.click('button[type=submit]')]);
    for (const name of [QueueName.INTAKE, QueueName.SCREEN, QueueName.WEBHOOK]) {
      await page.getByText(name, { exact: true }).first().waitFor({ timeout: 15_000 });
    }
    await context.close();
  });
});
