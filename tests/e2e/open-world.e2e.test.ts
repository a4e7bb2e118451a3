import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORT_WINDOWS, startTestApp, TestApp, waitFor } from '../support/harness';
import { fails, ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, registerWork, signUpCreator, signUpFirm } from '../support/factories';
import { admin } from '../support/staff';
import { startReceiver } from '../support/webhook-receiver';

/** A real SMTP server: it refuses every recipient at refuse.example (550, with a reply naming an internal host) and parses what it accepts. */
const inbox: ParsedMail[] = [];
const smtp = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
  onRcptTo(address, _session, callback) {
    if (address.address.endsWith('@refuse.example')) {
      return callback(Object.assign(new Error('5.1.1 <x@refuse.example>: mailbox unknown at mx1.internal.corp [10.20.30.40]'), { responseCode: 550 }));
    }
    callback();
  },
  onData(stream, _session, callback) {
    simpleParser(stream).then((mail) => { inbox.push(mail); callback(); }, callback);
  },
});

let app: TestApp;
beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  app = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: 'https://chotei.test' });
});
afterAll(async () => {
  await app?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** The notice mail to an address (accounts also get a verification mail at sign-up). */
const mailTo = (address: string) => waitFor(async () => inbox.find((m) => JSON.stringify(m.to).includes(address) && m.messageId?.startsWith('<notice-')), `mail to ${address}`);
const NOTICE = 'status notice { servedAt servedVia serviceAttempts { channel at ok error } summary } deadlines { kind dueAt state } events(first: 50) { edges { node { type detail } } }';
const DAY = 24 * 3600 * 1000;

const uniq = () => randomBytes(4).toString('hex');
const FILE = 'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id status } }';
const RESPONDENT = 'respondent { id legalName country enrolled aiSystemName contactEmail }';

/** A creator with one work, and a complaint against a firm that has no account. */
async function creatorWithWork() {
  const creator = await signUpCreator(app.url);
  const work = await registerWork(app.url, creator.token);
  return { creator, work };
}

function respondentComplaint(workId: string, respondent: Record<string, unknown>) {
  const { respondentFirmId: _none, ...rest } = complaintInput('', [workId]);
  return { ...rest, respondent };
}

describe('complaints against a firm that is not on Chōtei', () => {
  it('creates one respondent record per legal name and country, reused by later filings, and screens the case as usual', async () => {
    const name = `Sora Labs ${uniq()}`;
    const a = await creatorWithWork();
    const b = await creatorWithWork();
    const first = await fileComplaint(app.url, a.creator.token, respondentComplaint(a.work.id, {
      legalName: `  ${name}   Inc. `, country: 'us', contactEmail: 'copyright@soralabs.example', website: 'https://soralabs.example',
      aiSystemName: 'Sora Video 2', servesJapaneseUsers: true, trainingServerInJapan: false,
    }));
    const second = await fileComplaint(app.url, b.creator.token, respondentComplaint(b.work.id, {
      legalName: `${name.toUpperCase()} inc.`, country: 'US', contactEmail: 'legal@soralabs.example',
    }));
    const one = await getCase(app.url, a.creator.token, first.id, `status ${RESPONDENT}`);
    const two = await getCase(app.url, b.creator.token, second.id, `status ${RESPONDENT}`);
    expect(one.respondent).toMatchObject({ legalName: `${name} Inc.`, country: 'US', enrolled: false, aiSystemName: 'Sora Video 2' });
    expect(two.respondent.id).toBe(one.respondent.id);
    // The contact address is not shown to the parties.
    expect(one.respondent.contactEmail).toBeNull();
    const boss = await admin(app);
    const seen = await getCase(app.url, boss.token, first.id, RESPONDENT);
    expect(seen.respondent.contactEmail).toBe('copyright@soralabs.example');

    // Intake and screening run: the case leaves FILED and SCREENING on its own.
    const screened = await waitFor(async () => {
      const row = await getCase(app.url, a.creator.token, first.id, 'status assessment { id } events(first: 20) { edges { node { type detail } } }');
      return !['FILED', 'SCREENING'].includes(row.status) && row;
    }, 'screening of a complaint against an unenrolled respondent');
    expect(screened.assessment).not.toBeNull();
    expect(screened.events.edges[0].node.detail.respondentEnrolled).toBe(false);
  });

  it('never shows the contact address to another firm or anonymously', async () => {
    const { creator, work } = await creatorWithWork();
    const filed = await fileComplaint(app.url, creator.token, respondentComplaint(work.id, {
      legalName: `Quiet Models ${uniq()}`, country: 'GB', contactEmail: 'secret-contact@quiet.example',
    }));
    const other = await signUpFirm(app.url);
    const answer = await fails(app.url, `query($id: ID!) { case(id: $id) { ${RESPONDENT} } }`, { id: filed.id }, other.token);
    expect(answer.code).toBe('NOT_FOUND');
    const mine = await getCase(app.url, creator.token, filed.id, RESPONDENT);
    expect(JSON.stringify(mine)).not.toContain('secret-contact');
  });

  it('previews the assessment of a complaint against a firm that is not on Chōtei', async () => {
    const { creator, work } = await creatorWithWork();
    const data = await ok(app.url, 'query($input: FileComplaintInput!) { previewAssessment(input: $input) { decision missingFacts } }', {
      input: respondentComplaint(work.id, { legalName: `Preview AI ${uniq()}`, country: 'JP', contactEmail: 'a@preview.example', trainingServerInJapan: true }),
    }, creator.token);
    expect(data.previewAssessment.decision).toBeTruthy();
  });

  it('takes exactly one of respondentFirmId and respondent, and checks the respondent', async () => {
    const { creator, work } = await creatorWithWork();
    const firm = await signUpFirm(app.url);
    const respondent = { legalName: 'Both Ways KK', country: 'JP', contactEmail: 'x@both.example' };
    const both = await fails(app.url, FILE, { input: { ...complaintInput(firm.firmId, [work.id]), respondent } }, creator.token);
    expect(both.code).toBe('BAD_USER_INPUT');
    expect(both.extensions.fields.map((f: any) => f.field)).toContain('respondent');
    const neither = await fails(app.url, FILE, { input: respondentComplaint(work.id, null as any) }, creator.token);
    expect(neither.code).toBe('BAD_USER_INPUT');
    expect(neither.extensions.fields.map((f: any) => f.field)).toContain('respondentFirmId');
    const bad = await fails(app.url, FILE, { input: respondentComplaint(work.id, { legalName: '  ', country: 'ZZ', contactEmail: 'not an email', website: 'ftp://x' }) }, creator.token);
    expect(bad.code).toBe('BAD_USER_INPUT');
    expect(bad.extensions.fields.map((f: any) => f.field).sort()).toEqual(['respondent.contactEmail', 'respondent.country', 'respondent.legalName', 'respondent.website']);
    const tooLong = await fails(app.url, FILE, { input: respondentComplaint(work.id, { ...respondent, contactEmail: `${'a'.repeat(400)}@x.example` }) }, creator.token);
    expect(tooLong.code).toBe('BAD_USER_INPUT');
    const mine = await ok(app.url, '{ cases(first: 10) { edges { node { id } } } }', {}, creator.token);
    expect(mine.cases.edges).toHaveLength(0);
  });
});

describe('service of the notice by email', () => {
  it('serves a firm not on Chōtei at its contact address with the claim link, and runs its windows from service', async () => {
    const { creator, work } = await creatorWithWork();
    const contact = `legal-${uniq()}@soralabs.example`;
    const filed = await fileComplaint(app.url, creator.token, respondentComplaint(work.id, {
      legalName: `Served Labs ${uniq()}`, country: 'US', contactEmail: contact, trainingServerInJapan: true, servesJapaneseUsers: true,
    }));
    const mail = await mailTo(contact);
    const c = await waitFor(async () => {
      const row = await getCase(app.url, creator.token, filed.id, `reference ${NOTICE}`);
      return row.notice?.servedAt && row;
    }, 'the notice to be served');
    // English for a firm outside Japan: the reference, the claim and the single-purpose link.
    expect(mail.subject).toContain(c.reference);
    expect(mail.text).toContain('OUTPUT_REPRODUCES_WORK');
    const link = mail.text!.match(/https:\/\/chotei\.test\/notices\/([A-Za-z0-9_-]{40,})/);
    expect(link).not.toBeNull();
    expect(mail.text).toContain(`Claim code: ${link![1]}`);
    expect(c.notice.servedVia).toEqual(['EMAIL']);
    expect(c.notice.serviceAttempts).toEqual([expect.objectContaining({ channel: 'EMAIL', ok: true, error: null })]);
    // The response windows run from service, not from the move to NOTICE_SENT.
    const served = Date.parse(c.notice.servedAt);
    const respond = c.deadlines.find((d: any) => d.kind === 'RESPOND' && d.state === 'PENDING');
    const acknowledge = c.deadlines.find((d: any) => d.kind === 'ACKNOWLEDGE' && d.state === 'PENDING');
    expect(Date.parse(respond.dueAt) - served).toBe(20 * DAY);
    expect(Date.parse(acknowledge.dueAt) - served).toBe(7 * DAY);
    expect(c.events.edges.map((e: any) => e.node.type)).toContain('NOTICE_SERVED');
    // The code itself is stored nowhere the API shows.
    expect(JSON.stringify(c)).not.toContain(link![1]);
  });

  it('makes a refused notice visible to the complainant, with no host details, and starts no window', async () => {
    const { creator, work } = await creatorWithWork();
    const filed = await fileComplaint(app.url, creator.token, respondentComplaint(work.id, {
      legalName: `Refusing Labs ${uniq()}`, country: 'JP', contactEmail: `nobody-${uniq()}@refuse.example`, trainingServerInJapan: true,
    }));
    const c = await waitFor(async () => {
      const row = await getCase(app.url, creator.token, filed.id, NOTICE);
      return row.notice?.serviceAttempts.length && row;
    }, 'the refused attempt');
    expect(c.notice.servedAt).toBeNull();
    expect(c.notice.servedVia).toEqual([]);
    expect(c.notice.serviceAttempts[0]).toMatchObject({ channel: 'EMAIL', ok: false });
    expect(c.notice.serviceAttempts[0].error).toContain('550');
    expect(JSON.stringify(c)).not.toMatch(/internal\.corp|10\.20\.30\.40/);
    const failed = c.events.edges.map((e: any) => e.node).find((e: any) => e.type === 'NOTICE_SERVICE_FAILED');
    expect(failed.detail.next).toMatch(/does not wait silently/);
    expect(c.deadlines.filter((d: any) => ['ACKNOWLEDGE', 'RESPOND'].includes(d.kind) && d.state === 'PENDING')).toEqual([]);
    const notes = await ok(app.url, '{ myNotifications(first: 50) { edges { node { type caseId } } } }', {}, creator.token);
    expect(notes.myNotifications.edges.map((e: any) => e.node)).toContainEqual({ type: 'NOTICE_SERVICE_FAILED', caseId: filed.id });
  });

  it('serves a refused notice again at a corrected address when the complainant asks: the windows start from that service', async () => {
    const AGAIN = 'mutation($id: ID!, $to: String) { serveNoticeAgain(caseId: $id, contactEmail: $to) { id status } }';
    const { creator, work } = await creatorWithWork();
    const other = await creatorWithWork();
    const filed = await fileComplaint(app.url, creator.token, respondentComplaint(work.id, {
      legalName: `Moved Labs ${uniq()}`, country: 'JP', contactEmail: `old-${uniq()}@refuse.example`, trainingServerInJapan: true,
    }));
    await waitFor(async () => (await getCase(app.url, creator.token, filed.id, NOTICE)).events.edges.some((e: any) => e.node.type === 'NOTICE_SERVICE_FAILED'), 'the refusal');

    // Who may ask, and with what.
    expect((await fails(app.url, AGAIN, { id: filed.id, to: 'legal@moved.example' }, other.creator.token)).code).toBe('NOT_FOUND');
    const badAddress = await fails(app.url, AGAIN, { id: filed.id, to: 'not an address' }, creator.token);
    expect(badAddress.code).toBe('BAD_USER_INPUT');
    expect(badAddress.extensions.fields).toEqual([expect.objectContaining({ field: 'contactEmail' })]);

    const to = `legal-${uniq()}@moved.example`;
    expect((await ok(app.url, AGAIN, { id: filed.id, to }, creator.token)).serveNoticeAgain).toEqual({ id: filed.id, status: 'NOTICE_SENT' });
    const mail = await mailTo(to);
    expect(mail.text).toContain('/notices/');
    const c = await waitFor(async () => {
      const row = await getCase(app.url, creator.token, filed.id, NOTICE);
      return row.notice.servedAt && row;
    }, 'the second service');
    expect(c.notice.servedVia).toEqual(['EMAIL']);
    expect(c.notice.serviceAttempts.map((a: any) => a.ok)).toEqual([false, true]);
    const types = c.events.edges.map((e: any) => e.node.type);
    expect(types.indexOf('NOTICE_SERVICE_FAILED')).toBeLessThan(types.indexOf('NOTICE_SERVICE_RETRIED'));
    expect(types.indexOf('NOTICE_SERVICE_RETRIED')).toBeLessThan(types.indexOf('NOTICE_SERVED'));
    expect(c.events.edges.map((e: any) => e.node).find((e: any) => e.type === 'NOTICE_SERVICE_RETRIED').detail).toEqual({ round: 1, contactChanged: true });
    // The windows run from the service that succeeded.
    const servedAt = Date.parse(c.notice.servedAt);
    const windows = c.deadlines.filter((d: any) => ['ACKNOWLEDGE', 'RESPOND'].includes(d.kind));
    expect(windows.map((d: any) => d.kind).sort()).toEqual(['ACKNOWLEDGE', 'RESPOND']);
    for (const d of windows) expect(Date.parse(d.dueAt)).toBeGreaterThan(servedAt);

    // Served: nothing to serve again.
    const again = await fails(app.url, AGAIN, { id: filed.id }, creator.token);
    expect(again.code).toBe('BAD_USER_INPUT');
    expect(again.message).toMatch(/served/);
  });

  it('serves an enrolled firm through the API at once, by its webhook and by email at its account address', async () => {
    const hook = await startReceiver();
    const firm = await signUpFirm(app.url, { webhookUrl: hook.url });
    const { creator, work } = await creatorWithWork();
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id]));
    const mail = await mailTo(firm.account.email);
    const c = await waitFor(async () => {
      const row = await getCase(app.url, creator.token, filed.id, NOTICE);
      return row.notice?.servedVia.includes('EMAIL') && row.notice.servedVia.includes('WEBHOOK') && row;
    }, 'the email and webhook attempts to be recorded');
    await hook.close();
    expect([...c.notice.servedVia].sort()).toEqual(['API', 'EMAIL', 'WEBHOOK']);
    expect(c.notice.serviceAttempts[0]).toMatchObject({ channel: 'API', ok: true });
    expect(mail.subject).toContain('[Chōtei]');
    expect(mail.text).not.toMatch(/\/notices\//);
  });

  it('writes a parseable .eml file when no SMTP server is configured', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chotei-mail-'));
    const local = await startTestApp({ MAIL_DIR: dir });
    try {
      const creator = await signUpCreator(local.url);
      const work = await registerWork(local.url, creator.token);
      const contact = `legal-${uniq()}@eml.example`;
      await fileComplaint(local.url, creator.token, respondentComplaint(work.id, { legalName: `Eml Labs ${uniq()}`, country: 'JP', contactEmail: contact, trainingServerInJapan: true }));
      const file = await waitFor(async () => (await readdir(dir)).find((f) => f.endsWith('.eml') && f.includes('-notice-served-')), 'an .eml file');
      const mail = await simpleParser(await readFile(join(dir, file)));
      expect(JSON.stringify(mail.to)).toContain(contact);
      expect(mail.subject).toContain('申立ての通知');
      expect(mail.text).toMatch(/http:\/\/localhost:\d+\/notices\/[A-Za-z0-9_-]{40,}/);
      expect(mail.from?.text).toContain('no-reply@chotei.localhost');
    } finally {
      await local.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('claiming a respondent record', () => {
  const CLAIM = 'mutation($code: String!) { claimRespondent(claimCode: $code) { id legalName enrolled } }';

  /** A complaint against a firm not on Chōtei, served by email: the case, its reference and the claim code from the mail. */
  async function servedOnUnenrolled(legalName = `Late Joiner ${uniq()}`, contact = `legal-${uniq()}@late.example`) {
    const { creator, work } = await creatorWithWork();
    const filed = await fileComplaint(app.url, creator.token, respondentComplaint(work.id, { legalName, country: 'JP', contactEmail: contact, trainingServerInJapan: true }));
    const before = await waitFor(async () => {
      const row = await getCase(app.url, creator.token, filed.id, `reference ${NOTICE}`);
      return row.notice?.servedAt && row;
    }, 'service');
    const mail = await waitFor(async () => inbox.find((m) => JSON.stringify(m.to).includes(contact) && m.subject?.includes(before.reference)), `the notice mail of ${before.reference}`);
    const code = mail.text!.match(/\/notices\/([A-Za-z0-9_-]{40,})/)![1];
    return { creator, filed, code, before, legalName, contact };
  }

  it('lets a firm that signs up later claim the record with the code from the mail and see the case, windows intact', async () => {
    const { creator, filed, code, before, legalName } = await servedOnUnenrolled();
    const firm = await signUpFirm(app.url, { legalName, country: 'JP' });
    // Before claiming, the firm cannot see the case.
    expect((await fails(app.url, `query($id: ID!) { case(id: $id) { id } }`, { id: filed.id }, firm.token)).code).toBe('NOT_FOUND');
    const claimed = await ok(app.url, CLAIM, { code }, firm.token);
    expect(claimed.claimRespondent).toMatchObject({ id: firm.firmId, enrolled: true });
    const seen = await getCase(app.url, firm.token, filed.id, `reference respondent { id } ${NOTICE}`);
    expect(seen.reference).toBe(before.reference);
    expect(seen.respondent.id).toBe(firm.firmId);
    expect(seen.deadlines).toEqual(before.deadlines);
    expect(seen.notice.servedAt).toBe(before.notice.servedAt);
    const event = seen.events.edges.map((e: any) => e.node).find((e: any) => e.type === 'RESPONDENT_CLAIMED');
    expect(event.detail).toMatchObject({ firmId: firm.firmId, claimedByAccountId: firm.account.id });
    expect(Date.parse(event.detail.claimedAt)).not.toBeNaN();
    // The history before the claim is intact, in order.
    const types = seen.events.edges.map((e: any) => e.node.type);
    expect(types.slice(0, before.events.edges.length)).toEqual(before.events.edges.map((e: any) => e.node.type));
    // The firm acts on it as its own.
    await ok(app.url, 'mutation($id: ID!) { acknowledgeNotice(caseId: $id) { id } }', { id: filed.id }, firm.token);
    // The complainant still sees the case, now against the enrolled firm.
    expect((await getCase(app.url, creator.token, filed.id, 'respondent { id enrolled }')).respondent).toEqual({ id: firm.firmId, enrolled: true });
    // A later filing against the same name lands on the firm.
    const other = await creatorWithWork();
    const again = await fileComplaint(app.url, other.creator.token, respondentComplaint(other.work.id, { legalName: legalName.toLowerCase(), country: 'JP', contactEmail: 'x@late.example' }));
    expect((await getCase(app.url, other.creator.token, again.id, 'respondent { id }')).respondent.id).toBe(firm.firmId);
  });

  it('refuses a wrong code, a used code, a second claim and a creator', async () => {
    const { code, legalName } = await servedOnUnenrolled();
    const firm = await signUpFirm(app.url, { legalName });
    const wrong = await fails(app.url, CLAIM, { code: `${code.slice(0, -2)}xx` }, firm.token);
    expect(wrong.code).toBe('BAD_USER_INPUT');
    expect(wrong.extensions.fields[0].field).toBe('claimCode');
    const creator = await signUpCreator(app.url);
    expect((await fails(app.url, CLAIM, { code }, creator.token)).code).toBe('FORBIDDEN');
    await ok(app.url, CLAIM, { code }, firm.token);
    const twice = await fails(app.url, CLAIM, { code }, firm.token);
    expect(twice.code).toBe('CONFLICT');
    expect(twice.message).toMatch(/already used/);
    const rival = await signUpFirm(app.url);
    expect((await fails(app.url, CLAIM, { code }, rival.token)).code).toBe('CONFLICT');
  });

  it('refuses the code of a second notice to the same record once the record was claimed', async () => {
    const first = await servedOnUnenrolled();
    // The record keeps the contact address its first filing gave: the second notice goes there too, with its own code.
    const second = await servedOnUnenrolled(first.legalName, first.contact);
    expect(second.code).not.toBe(first.code);
    const firm = await signUpFirm(app.url, { legalName: first.legalName });
    const claimed = await ok(app.url, CLAIM, { code: first.code }, firm.token);
    expect(claimed.claimRespondent.id).toBe(firm.firmId);
    // Both cases moved with the record.
    const cases = await ok(app.url, '{ cases(first: 10) { edges { node { id } } } }', {}, firm.token);
    expect(cases.cases.edges.map((e: any) => e.node.id).sort()).toEqual([first.filed.id, second.filed.id].sort());
    const again = await fails(app.url, CLAIM, { code: second.code }, firm.token);
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toMatch(/already holds this respondent record/);
  });
});

describe('the notice page', () => {
  const origin = () => new URL(app.url).origin;

  it('renders the served notice in Japanese by default and in English on request, escaped, with nothing a notice would not show', async () => {
    const creator = await signUpCreator(app.url, { displayName: 'Secret Complainant Name' });
    const work = await registerWork(app.url, creator.token, { title: `<script>alert("x")</script> & Harbour ${uniq()}` });
    const contact = `legal-${uniq()}@page.example`;
    const legalName = `Page <b>Labs</b> ${uniq()}`;
    const filed = await fileComplaint(app.url, creator.token, { ...respondentComplaint(work.id, { legalName, country: 'JP', contactEmail: contact, trainingServerInJapan: true }),
      statement: 'A private statement that only the parties read.' });
    const c = await waitFor(async () => {
      const row = await getCase(app.url, creator.token, filed.id, `reference ${NOTICE} assessment { citations }`);
      return row.notice?.servedAt && row;
    }, 'service');
    const mail = await waitFor(async () => inbox.find((m) => JSON.stringify(m.to).includes(contact)), 'the notice mail');
    const code = mail.text!.match(/\/notices\/([A-Za-z0-9_-]{40,})/)![1];

    const ja = await fetch(`${origin()}/notices/${code}`);
    expect(ja.status).toBe(200);
    expect(ja.headers.get('content-type')).toMatch(/^text\/html/);
    expect(ja.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await ja.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('申立ての通知');
    expect(html).toContain(c.reference);
    expect(html).toContain('OUTPUT_REPRODUCES_WORK');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Harbour');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Page &lt;b&gt;Labs&lt;/b&gt;');
    expect(html).toContain(c.assessment.citations[0].replace(/&/g, '&amp;'));
    expect(html).toContain('claimRespondent');
    for (const d of c.deadlines.filter((x: any) => x.state === 'PENDING')) expect(html).toContain(d.dueAt.slice(0, 10));
    // Nothing the notice does not show: not the complainant, not the statement, not the contact address.
    expect(html).not.toMatch(/Secret Complainant Name|private statement|@page\.example/);

    const en = await (await fetch(`${origin()}/notices/${code}?lang=en`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Notice of complaint');
    expect(en).toContain('How to respond');
    const byHeader = await (await fetch(`${origin()}/notices/${code}`, { headers: { 'accept-language': 'en-GB,en;q=0.9,ja;q=0.5' } })).text();
    expect(byHeader).toContain('Notice of complaint');
  });

  it('answers 404 to a wrong, malformed or guessed token, the same way', async () => {
    for (const token of ['x'.repeat(43), 'short', '%3Cscript%3E', 'A'.repeat(200)]) {
      const res = await fetch(`${origin()}/notices/${token}`);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain('この通知は見つかりません');
      expect(html).not.toContain('<script>');
    }
  });
});

describe('the transparency report', () => {
  it('counts a served respondent not on Chōtei with everyone else, and not a notice that never reached its firm', async () => {
    const served = `Counted Labs ${uniq()}`;
    const refused = `Unreached Labs ${uniq()}`;
    for (const [legalName, contactEmail] of [[served, `legal-${uniq()}@counted.example`], [refused, `x-${uniq()}@refuse.example`]]) {
      const { creator, work } = await creatorWithWork();
      const filed = await fileComplaint(app.url, creator.token, respondentComplaint(work.id, { legalName, country: 'JP', contactEmail, trainingServerInJapan: true }));
      await waitFor(async () => (await getCase(app.url, creator.token, filed.id, NOTICE)).notice?.serviceAttempts.length, 'a service attempt');
    }
    const report = await ok(app.url, '{ transparencyReport { firms { legalName enrolled casesNoticed casesAnswered responseRate } } }');
    const firms = report.transparencyReport.firms;
    expect(firms.find((f: any) => f.legalName === served)).toEqual({ legalName: served, enrolled: false, casesNoticed: 1, casesAnswered: 0, responseRate: 0 });
    expect(firms.find((f: any) => f.legalName === refused)).toBeUndefined();
    expect(JSON.stringify(report)).not.toContain('@counted.example');
  });
});

describe('a respondent that never claims', () => {
  it('follows the default path from service: the response window ends, the case is defaulted, nobody wins automatically', async () => {
    const local = await startTestApp({ ...SHORT_WINDOWS, WINDOW_RESPOND: 'PT2S', SWEEP_INTERVAL: 'PT1S' });
    try {
      const creator = await signUpCreator(local.url);
      const work = await registerWork(local.url, creator.token);
      const filed = await fileComplaint(local.url, creator.token, respondentComplaint(work.id, {
        legalName: `Silent Labs ${uniq()}`, country: 'JP', contactEmail: `legal-${uniq()}@silent.example`, trainingServerInJapan: true,
      }));
      const c = await waitFor(async () => {
        const row = await getCase(local.url, creator.token, filed.id, `defaulted outcome ${NOTICE}`);
        return row.status === 'NEGOTIATION' && row;
      }, 'the response window to end');
      expect(c.defaulted).toBe(true);
      expect(c.outcome).toBeNull();
      const types = c.events.edges.map((e: any) => e.node.type);
      expect(types.indexOf('NOTICE_SERVED')).toBeGreaterThan(-1);
      expect(types.indexOf('RESPONSE_DEFAULTED')).toBeGreaterThan(types.indexOf('NOTICE_SERVED'));
      // The window the notice announced ran from service (the fired window has left Case.deadlines).
      const respond = c.notice.summary.deadlines.find((d: any) => d.kind === 'RESPOND');
      expect(Date.parse(respond.dueAt) - Date.parse(c.notice.servedAt)).toBe(2000);
    } finally {
      await local.stop();
    }
  });
});
