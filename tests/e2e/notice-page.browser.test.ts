import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { complaintInput, fileComplaint, getCase, registerWork, signUpCreator } from '../support/factories';

/**
 * The notice page as the respondent's staff see it: the link from the notice
 * mail opened in a real headless Chromium (Debian's `chromium` package, which
 * .ci/run installs). Skipped, saying so, where no Chromium is installed.
 */
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
if (!CHROMIUM) console.warn('notice-page.browser.test.ts: no Chromium installed (apt-get install chromium, or CHROMIUM_PATH): skipped');

describe.skipIf(!CHROMIUM)('the notice page in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  let mailDir: string;
  let link: string;
  let reference: string;
  let citations: string[];
  const title = `<script>alert("x")</script> Harbour at dusk ${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'chotei-notice-page-'));
    app = await startTestApp({ MAIL_DIR: mailDir, PUBLIC_URL: 'http://placeholder.invalid' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    // A creator files against a firm that is not on Chōtei; the notice is served by email with the page's link.
    const creator = await signUpCreator(app.url, { displayName: 'Secret Complainant Name' });
    const work = await registerWork(app.url, creator.token, { title });
    const { respondentFirmId: _none, ...input } = complaintInput('', [work.id]);
    const contact = `legal-${randomBytes(3).toString('hex')}@browser.example`;
    const filed = await fileComplaint(app.url, creator.token, {
      ...input, statement: 'A private statement that only the parties read.',
      respondent: { legalName: 'Browser Labs KK', country: 'JP', contactEmail: contact, trainingServerInJapan: true },
    });
    const served = await waitFor(async () => {
      const row = await getCase(app.url, creator.token, filed.id, 'reference notice { servedAt } assessment { citations }');
      return row.notice?.servedAt && row;
    }, 'the notice served by email');
    reference = served.reference;
    citations = served.assessment.citations;
    const file = await waitFor(async () => (await readdir(mailDir)).find((f) => f.endsWith('.eml') && f.includes('-notice-served-')), 'the notice mail');
    const mail = await simpleParser(await readFile(join(mailDir, file)));
    const code = mail.text!.match(/\/notices\/([A-Za-z0-9_-]{40,})/)![1];
    // The mail links to PUBLIC_URL; the browser opens the same path on the test server.
    link = `${new URL(app.url).origin}/notices/${code}`;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (mailDir) await rm(mailDir, { recursive: true, force: true });
  });

  it('shows a Japanese reader the notice: reference, the work, the cited criteria, the deadlines and how to respond — and runs no script', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    const response = await page.goto(link);
    expect(response!.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await expect(page.title()).resolves.toContain(reference);
    expect(await page.locator('h1').innerText()).toContain('申立ての通知');
    const text = await page.locator('body').innerText();
    expect(text).toContain(title); // shown as text, never run
    expect(text).toContain('Browser Labs KK');
    for (const citation of citations.slice(0, 3)) expect(text).toContain(citation);
    expect(await page.locator('table tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('time').count()).toBeGreaterThan(0);
    expect(await page.locator('ol li').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('claimRespondent')]));
    // Nothing a notice would not show.
    expect(text).not.toMatch(/Secret Complainant Name|private statement|@browser\.example/);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate('document.querySelectorAll("script").length')).toBe(0);
    await context.close();
  });

  it('answers an English-speaking browser in English, and reads on a phone without sideways scrolling', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 375, height: 740 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(link);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').innerText()).toContain('Notice of complaint');
    expect(await page.locator('h2').allInnerTexts()).toEqual(expect.arrayContaining(['How to respond']));
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    // ?lang=ja wins over the browser's language.
    await page.goto(`${link}?lang=ja`);
    expect(await page.locator('h1').innerText()).toContain('申立ての通知');
    await context.close();
  });

  it('shows a mistyped link the same not-found page, with no detail', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    const response = await page.goto(`${link.slice(0, -4)}AAAA`);
    expect(response!.status()).toBe(404);
    expect(await page.locator('body').innerText()).toContain('この通知は見つかりません');
    await context.close();
  });
});
