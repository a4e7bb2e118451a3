import { existsSync } from 'node:fs';
import { Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../support/harness';
import { signUpCreator } from '../support/factories';

/**
 * The IDE at GET /graphql as a developer meets it, in a real headless Chromium with every request to anywhere
 * but the service cut off (offline, or behind a proxy that lets nothing else through). Skipped, saying so,
 * where no Chromium is installed.
 */
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
if (!CHROMIUM) console.warn('graphiql.browser.test.ts: no Chromium installed (apt-get install chromium, or CHROMIUM_PATH): skipped');

describe.skipIf(!CHROMIUM)('GraphiQL at GET /graphql, offline', () => {
  let app: TestApp;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    app = await startTestApp();
    origin = new URL(app.url).origin;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('renders from the service alone and runs a walkthrough query with the token typed in the headers pane', async () => {
    const creator = await signUpCreator(app.url, { displayName: 'Aoi in the IDE' });
    const context = await browser.newContext();
    const page = await context.newPage();
    const service = new URL(origin).host;
    const requested: string[] = [];
    const cutOff: string[] = [];
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      requested.push(url);
      if (new URL(url).host === service) await route.continue();
      else { cutOff.push(url); await route.abort('internetdisconnected'); }
    });
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`); });

    const response = await page.goto(`${origin}/graphql`);
    expect(response!.status()).toBe(200);
    expect(response!.headers()['content-security-policy']).toMatch(/default-src 'self'/);

    // The editor renders, with the walkthrough as one tab per role.
    await page.locator('.graphiql-query-editor .CodeMirror').first().waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('.graphiql-tab').count(), { timeout: 10_000 }).toBe(5);
    expect(await page.locator('.graphiql-tab').allInnerTexts()).toEqual(['WhoAmI', 'Creator', 'AiFirm', 'Mediator', 'Admin'].map((t) => expect.stringContaining(t)));

    // The creator's tab: its headers pane holds the Authorization placeholder; the token replaces it.
    await page.locator('.graphiql-tab', { hasText: 'Creator' }).locator('.graphiql-tab-button').click();
    const headers = page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror');
    await expect.poll(() => headers.innerText(), { timeout: 10_000 }).toContain('Authorization');
    await headers.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${creator.token}` }));

    // Run the tab's first operation (Creator: who am I) from the run button's menu.
    await page.locator('.graphiql-execute-button').click();
    await page.getByRole('menuitem', { name: 'Creator' }).click();
    const result = page.locator('.result-window');
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain('Aoi in the IDE');
    const answer = await result.innerText();
    expect(answer).toContain('"role": "CREATOR"');
    expect(answer).not.toContain('errors');

    // Nothing left the service: no CDN, no font host, no telemetry.
    expect(cutOff).toEqual([]);
    expect(requested.every((u) => new URL(u).host === service)).toBe(true);
    expect(requested.some((u) => u.endsWith('/ide/graphiql.min.js'))).toBe(true);
    // The schema came from the service too (docs and completion), not from an introspection query the depth limit refuses.
    expect(requested.some((u) => u.endsWith('/ide/schema.json'))).toBe(true);
    await page.locator('[aria-label="Show Documentation Explorer"]').click();
    await expect.poll(() => page.locator('.graphiql-doc-explorer').innerText(), { timeout: 10_000 }).toContain('Query');
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('leaves JSON clients as they were: GET with a query, POST, and a GET asking for JSON reach GraphQL', async () => {
    const get = await fetch(`${app.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(await get.json()).toMatchObject({ data: { __typename: 'Query' } });
    // A GET query without a preflight header is still refused by Apollo's CSRF prevention.
    const simple = await fetch(`${app.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(simple.status).toBe(400);
    const post = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(await post.json()).toMatchObject({ data: { __typename: 'Query' } });
    const json = await fetch(app.url, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).not.toMatch(/text\/html/);
    // The vendored files are served from the packages, as scripts and styles.
    const js = await fetch(`${origin}/ide/react.production.min.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${origin}/ide/graphiql.min.css`)).headers.get('content-type')).toMatch(/text\/css/);
    expect((await fetch(`${origin}/ide/package.json`)).status).toBe(404);
  });
});
