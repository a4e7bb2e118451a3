import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { In } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORT_WINDOWS, startTestApp, TestApp, waitFor } from '../support/harness';
import { fails, ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, registerAiSystem, registerWork } from '../support/factories';
import { admin, mediator } from '../support/staff';
import { OutboxEntity } from '../../src/persistence/entities';

/** A real SMTP server that parses every message it accepts. */
const inbox: ParsedMail[] = [];
const smtp = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream).then((mail) => { inbox.push(mail); callback(); }, callback);
  },
});

let app: TestApp;
beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  // Short response windows, so that reminders fire, the acknowledgement passes and the response defaults within seconds.
  app = await startTestApp({
    ...SHORT_WINDOWS, WINDOW_ACKNOWLEDGE: 'PT2S', WINDOW_RESPOND: 'PT4S', SWEEP_INTERVAL: 'PT1S',
    SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: 'https://chotei.test',
  });
});
afterAll(async () => {
  await app?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const uniq = () => randomBytes(4).toString('hex');
const VERIFY_LINK = /https:\/\/chotei\.test\/verify-email\?token=([A-Za-z0-9_-]+)/;
const STATEMENT = 'The model reproduces my illustration when prompted with my name.';
const SIGN_UP = 'mutation($input: SignUpInput!) { signUp(input: $input) { token account { id email displayName firm { id } } } }';
const PREFS = 'mutation($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { id notificationPreferences { email emailGroups } } }';
const NOTES = '{ myNotifications(first: 100) { edges { node { id type caseId payload } } } }';

/** The notification mail of a notification (its Message-ID is the notification's). */
const mailsOf = (notificationId: string) => inbox.filter((m) => m.messageId === `<notification-${notificationId}@chotei.localhost>`);
const notificationMailsTo = (address: string) => inbox.filter((m) => JSON.stringify(m.to).includes(address) && m.messageId?.startsWith('<notification-'));

/** Signs up (CREATOR or AI_FIRM) in a language and confirms the address with the link the sign-up mailed. */
async function account(role: 'CREATOR' | 'AI_FIRM', locale: 'ja' | 'en', verify = true) {
  const email = `${role === 'CREATOR' ? 'creator' : 'firm'}-${uniq()}@mail.example`;
  const displayName = role === 'CREATOR' ? `Aoi Tanaka ${uniq()}` : 'Compliance team';
  const data = await ok(app.url, SIGN_UP, {
    input: {
      email, password: 'correct horse battery', displayName, role, locale,
      ...(role === 'CREATOR' ? { creator: { kind: 'INDIVIDUAL', nationality: 'JP' } } : { firm: { legalName: `Model Works ${uniq()} KK`, country: 'JP', servesJapaneseUsers: true } }),
    },
  });
  if (verify) {
    const mail = await waitFor(async () => inbox.find((m) => JSON.stringify(m.to).includes(email) && VERIFY_LINK.test(m.text ?? '')), `the verification mail to ${email}`);
    await ok(app.url, 'mutation($token: String!) { verifyEmail(token: $token) { id } }', { token: VERIFY_LINK.exec(mail.text!)![1] });
  }
  return { token: data.signUp.token as string, id: data.signUp.account.id as string, email, displayName, firmId: data.signUp.account.firm?.id as string | undefined };
}

/** A creator files against the firm; resolves once the response window has passed (the case is in NEGOTIATION). */
async function caseAgainst(firm: { token: string; firmId?: string }, creator?: Awaited<ReturnType<typeof account>>) {
  const complainant = creator ?? await account('CREATOR', 'ja', false);
  const work = await registerWork(app.url, complainant.token);
  const system = await registerAiSystem(app.url, firm.token);
  const filed = await fileComplaint(app.url, complainant.token, complaintInput(firm.firmId!, [work.id], { aiSystemId: system.id }));
  await waitFor(async () => (await getCase(app.url, complainant.token, filed.id, 'status')).status === 'NEGOTIATION', 'the response window to pass', 30_000, 100);
  return { complainant, caseId: filed.id, reference: filed.reference };
}

async function notificationsOf(token: string, caseId: string): Promise<Array<{ id: string; type: string; payload: Record<string, unknown> }>> {
  const data = await ok(app.url, NOTES, {}, token);
  return data.myNotifications.edges.map((e: any) => e.node).filter((n: any) => n.caseId === caseId);
}

/** How many mail jobs were ever queued for these notifications (written with the notification, in its transaction). */
async function mailJobsFor(notificationIds: string[]): Promise<number> {
  return app.db.reads.em.count(OutboxEntity, { where: { jobId: In(notificationIds.map((id) => `notification-mail-${id}`)) } });
}

/** Waits until the mail queue has nothing left to do (so that a mail that is not there will not come). */
async function mailQueueIdle() {
  const queue = app.queues.get('mail');
  await waitFor(async () => {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).every((n) => n === 0);
  }, 'the mail queue to be idle');
}

describe('notification mail', () => {
  it('mails each deadline reminder by default, in English, with the reference and a link, one message per notification', async () => {
    const firm = await account('AI_FIRM', 'en');
    expect((await ok(app.url, '{ me { emailVerified notificationPreferences { email emailGroups } } }', {}, firm.token)).me)
      .toEqual({ emailVerified: true, notificationPreferences: { email: true, emailGroups: ['NOTICES', 'DEADLINES'] } });
    const { complainant, caseId, reference } = await caseAgainst(firm);

    const notes = await notificationsOf(firm.token, caseId);
    const reminders = notes.filter((n) => n.type === 'DEADLINE_REMINDER');
    expect(reminders.length).toBeGreaterThanOrEqual(3);
    // DEADLINES: the reminders and the acknowledgement window that passed. The rest (the notice itself, served by its own mail; the default) is not mailed.
    const mailed = notes.filter((n) => ['DEADLINE_REMINDER', 'ACKNOWLEDGEMENT_OVERDUE'].includes(n.type));
    const notMailed = notes.filter((n) => !mailed.includes(n));
    expect(notMailed.map((n) => n.type)).toEqual(expect.arrayContaining(['NOTICE_SENT', 'RESPONSE_DEFAULTED']));
    await waitFor(async () => mailed.every((n) => mailsOf(n.id).length > 0), 'a mail for every reminder', 20_000);
    await mailQueueIdle();
    for (const n of mailed) expect(mailsOf(n.id), n.type).toHaveLength(1);
    expect(await mailJobsFor(notMailed.map((n) => n.id))).toBe(0);
    for (const n of notMailed) expect(mailsOf(n.id), n.type).toEqual([]);

    const reminder = mailsOf(reminders[0].id)[0];
    expect(JSON.stringify(reminder.to)).toContain(firm.email);
    expect(reminder.subject).toBe(`[Chōtei] A deadline is approaching ${reference}`);
    expect(reminder.text).toContain(`Case reference: ${reference}`);
    expect(reminder.text).toMatch(/Deadline: (ACKNOWLEDGE|RESPOND), due \d{4}-\d{2}-\d{2}T/);
    expect(reminder.text).toContain('https://chotei.test');
    // Nothing about the complainant beyond what the notification shows the firm.
    for (const m of mailed.flatMap((n) => mailsOf(n.id))) {
      for (const secret of [complainant.displayName, complainant.email, STATEMENT]) expect(`${m.subject}\n${m.text}\n${m.html}`).not.toContain(secret);
    }
    // The firm does not see the complainant's preferences.
    const seen = await ok(app.url, 'query($id: ID!) { case(id: $id) { complainant { id emailVerified notificationPreferences { email } } } }', { id: caseId }, firm.token);
    expect(seen.case.complainant).toEqual({ id: complainant.id, emailVerified: false, notificationPreferences: null });
  });

  it('follows the preferences: none with email off, only the chosen groups otherwise, in Japanese; never twice for one notification', async () => {
    const off = await account('AI_FIRM', 'ja');
    const responses = await account('AI_FIRM', 'ja');
    expect((await ok(app.url, PREFS, { input: { email: false } }, off.token)).updateNotificationPreferences)
      .toEqual({ id: off.id, notificationPreferences: { email: false, emailGroups: ['NOTICES', 'DEADLINES'] } });
    expect((await ok(app.url, PREFS, { input: { emailGroups: ['RESPONSES'] } }, responses.token)).updateNotificationPreferences)
      .toEqual({ id: responses.id, notificationPreferences: { email: true, emailGroups: ['RESPONSES'] } });
    expect((await ok(app.url, '{ me { notificationPreferences { email emailGroups } } }', {}, responses.token)).me.notificationPreferences)
      .toEqual({ email: true, emailGroups: ['RESPONSES'] });

    const [a, b] = await Promise.all([caseAgainst(off), caseAgainst(responses)]);
    const offNotes = await notificationsOf(off.token, a.caseId);
    const responseNotes = await notificationsOf(responses.token, b.caseId);
    expect(offNotes.map((n) => n.type)).toContain('DEADLINE_REMINDER');
    const defaulted = responseNotes.find((n) => n.type === 'RESPONSE_DEFAULTED')!;
    await waitFor(async () => mailsOf(defaulted.id).length > 0, 'the mail of RESPONSE_DEFAULTED');
    await mailQueueIdle();

    expect(await mailJobsFor(offNotes.map((n) => n.id))).toBe(0);
    expect(notificationMailsTo(off.email)).toEqual([]);
    // The service of the notice is mailed all the same: it cannot be turned off.
    await waitFor(async () => inbox.find((m) => JSON.stringify(m.to).includes(off.email) && m.messageId?.startsWith('<notice-')), 'the notice served on the firm by email');
    const others = responseNotes.filter((n) => n !== defaulted);
    expect(await mailJobsFor(others.map((n) => n.id))).toBe(0);
    expect(notificationMailsTo(responses.email)).toHaveLength(1);
    const mail = mailsOf(defaulted.id)[0];
    expect(mail.subject).toBe(`【調停】回答期限までに回答がありませんでした ${b.reference}`);
    expect(mail.text).toContain(`事件番号: ${b.reference}`);
    expect(mail.text).toContain('https://chotei.test');
    expect(mail.text).toContain(`${responses.displayName} 様`);

    // Once per notification: the job run again (a retry, a repair) sends nothing more.
    expect(await app.services.notifications.mailNotification(defaulted.id, 1, app.log)).toBe('skipped');
    expect(mailsOf(defaulted.id)).toHaveLength(1);
  });

  it('mails a complainant whose address is verified that its notice was served (NOTICES, on by default), and not an unverified one', async () => {
    const verified = await account('CREATOR', 'ja');
    const unverified = await account('CREATOR', 'en', false);
    const contact = (who: string) => `legal-${who}-${uniq()}@respondent.example`;
    const file = async (creator: Awaited<ReturnType<typeof account>>, to: string) => {
      const work = await registerWork(app.url, creator.token);
      const { respondentFirmId: _none, ...input } = complaintInput('', [work.id]);
      const filed = await fileComplaint(app.url, creator.token, { ...input, respondent: { legalName: `Far Away Labs ${uniq()}`, country: 'JP', contactEmail: to, trainingServerInJapan: true } });
      const served = await waitFor(async () => (await notificationsOf(creator.token, filed.id)).find((n) => n.type === 'NOTICE_SERVED'), 'the notice to be served');
      return { ...filed, served };
    };
    const vContact = contact('v');
    const [v, u] = await Promise.all([file(verified, vContact), file(unverified, contact('u'))]);

    const mail = await waitFor(async () => mailsOf(v.served.id)[0], 'the notice-served mail');
    expect(JSON.stringify(mail.to)).toContain(verified.email);
    expect(mail.subject).toBe(`【調停】申立ての通知が相手方に送達されました ${v.reference}`);
    expect(mail.text).not.toContain(vContact);
    await mailQueueIdle();
    expect(await mailJobsFor([u.served.id])).toBe(0);
    expect(notificationMailsTo(unverified.email)).toEqual([]);
  });

  /**
   * Every step a party hears of, in its own language, through the SMTP server: the firm's answer, the mediator
   * assigned, the recommendation issued, the remedy certified and the case closed (a mediated case, creator in
   * Japanese and firm in English), then a settlement by blind bids (languages the other way round).
   */
  it('mails each party every step it chose, in its own language: answer, mediator, recommendation, remedy, closing, settlement', async () => {
    const ALL = ['NOTICES', 'DEADLINES', 'RESPONSES', 'NEGOTIATION', 'MEDIATION', 'REMEDY', 'CASE_CLOSED', 'OTHER'];
    const adminToken = (await admin(app)).token;
    const m = await mediator(app, adminToken, { capacity: 50 });
    const run = async (creatorLocale: 'ja' | 'en', firmLocale: 'ja' | 'en') => {
      const creator = await account('CREATOR', creatorLocale);
      const firm = await account('AI_FIRM', firmLocale);
      for (const who of [creator, firm]) await ok(app.url, PREFS, { input: { emailGroups: ALL } }, who.token);
      const work = await registerWork(app.url, creator.token);
      const system = await registerAiSystem(app.url, firm.token);
      const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId!, [work.id], { aiSystemId: system.id }));
      await waitFor(async () => (await getCase(app.url, creator.token, filed.id, 'status')).status === 'NOTICE_SENT', 'the notice');
      await ok(app.url, 'mutation($id: ID!, $input: NoticeResponseInput!) { respondToNotice(caseId: $id, input: $input) { status } }',
        { id: filed.id, input: { kind: 'CONTEST', statement: 'Our model\'s own style.' } }, firm.token);
      return { creator, firm, caseId: filed.id, reference: filed.reference as string };
    };
    /** Waits for one mail per notification of these types to this party, each in the party's language and naming the case. */
    const mailed = async (party: Awaited<ReturnType<typeof account>>, locale: 'ja' | 'en', caseId: string, reference: string, expected: string[]) => {
      let kinds: string[] = [];
      const notes = await waitFor(async () => {
        const all = await notificationsOf(party.token, caseId);
        kinds = all.map((n) => (n.payload.status === 'CLOSED' ? 'CLOSED' : n.type));
        return expected.every((t) => kinds.includes(t)) && all;
      }, `notifications ${expected.join(', ')} to ${party.email}`).catch((error) => { throw new Error(`${error.message} (it has ${kinds.join(', ')})`); });
      const wanted = notes.filter((n) => expected.includes(n.payload.status === 'CLOSED' ? 'CLOSED' : n.type));
      await waitFor(async () => wanted.every((n) => mailsOf(n.id).length > 0), `a mail for each of ${expected.join(', ')} to ${party.email}`);
      for (const n of wanted) {
        const [mail] = mailsOf(n.id);
        expect(JSON.stringify(mail.to), n.type).toContain(party.email);
        const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
        if (locale === 'ja') expect(mail.subject, n.type).toMatch(/^【調停】/);
        else expect(mail.subject, n.type).toMatch(/^\[Chōtei\] [A-Z]/);
        expect(japanese.test(`${mail.subject?.replace('【調停】', '')}${mail.text}`), n.type).toBe(locale === 'ja');
        expect(mail.subject, n.type).toContain(reference);
        expect(mail.text, n.type).toContain(locale === 'ja' ? `事件番号: ${reference}` : `Case reference: ${reference}`);
      }
      return wanted;
    };

    // A mediated case: creator in Japanese, firm in English.
    const a = await run('ja', 'en');
    await ok(app.url, 'mutation($id: ID!) { requestMediation(caseId: $id) { status } }', { id: a.caseId }, a.creator.token);
    await waitFor(async () => (await getCase(app.url, a.creator.token, a.caseId, 'mediator { id }')).mediator, 'the mediator to be assigned');
    await ok(app.url, 'mutation($id: ID!, $input: RecommendationInput!) { issueRecommendation(caseId: $id, input: $input) { status } }', { id: a.caseId, input: {
      finding: 'INFRINGEMENT', remedies: ['OUTPUT_FILTER'], reasoning: 'Outputs reproduce the essential features of the illustration.' } }, m.token);
    for (const party of [a.creator, a.firm]) {
      await ok(app.url, 'mutation($id: ID!) { respondToRecommendation(caseId: $id, accept: true) { status } }', { id: a.caseId }, party.token);
    }
    await ok(app.url, 'mutation($id: ID!, $input: RemedyCertificationInput!) { certifyRemedy(caseId: $id, input: $input) { status } }', { id: a.caseId, input: {
      actions: [{ remedy: 'OUTPUT_FILTER', description: 'Filter deployed', completedAt: new Date(Date.now() - 60_000).toISOString() }] } }, a.firm.token);
    expect((await ok(app.url, 'mutation($id: ID!) { confirmRemedy(caseId: $id) { status } }', { id: a.caseId }, a.creator.token)).confirmRemedy.status).toBe('CLOSED');
    // The creator closed the case itself (confirmRemedy): nobody is told of its own act, the firm is.
    await mailed(a.creator, 'ja', a.caseId, a.reference, ['NOTICE_CONTESTED', 'MEDIATOR_ASSIGNED', 'RECOMMENDATION_ISSUED', 'REMEDY_CERTIFIED']);
    await mailed(a.firm, 'en', a.caseId, a.reference, ['MEDIATOR_ASSIGNED', 'RECOMMENDATION_ISSUED', 'CLOSED']);

    // Settled by blind bids: creator in English, firm in Japanese.
    const b = await run('en', 'ja');
    const BID = 'mutation($id: ID!, $amount: SafeInt!) { submitBlindBid(caseId: $id, amountJpy: $amount) { status } }';
    await ok(app.url, BID, { id: b.caseId, amount: 500_000 }, b.creator.token);
    expect((await ok(app.url, BID, { id: b.caseId, amount: 480_000 }, b.firm.token)).submitBlindBid.status).toBe('SETTLED');
    await mailed(b.creator, 'en', b.caseId, b.reference, ['NOTICE_CONTESTED', 'SETTLED']);
    // The firm's bid settled it: the firm hears of the creator's sealed bid (never its figure), the creator of the settlement.
    const [bid] = await mailed(b.firm, 'ja', b.caseId, b.reference, ['BLIND_BID_SUBMITTED']);
    for (const figure of ['500000', '500,000', '５００']) expect(`${mailsOf(bid.id)[0].text}${mailsOf(bid.id)[0].html}`).not.toContain(figure);
  });

  it('checks its input and who asks', async () => {
    const creator = await account('CREATOR', 'en', false);
    const empty = await fails(app.url, PREFS, { input: {} }, creator.token);
    expect(empty.code).toBe('BAD_USER_INPUT');
    const tooMany = await fails(app.url, PREFS, { input: { emailGroups: Array.from({ length: 21 }, () => 'NOTICES') } }, creator.token);
    expect(tooMany.code).toBe('BAD_USER_INPUT');
    expect(tooMany.extensions.fields).toEqual([expect.objectContaining({ argument: 'input' })]);
    expect((await fails(app.url, PREFS, { input: { email: false } })).code).toBe('UNAUTHENTICATED');
    // Duplicates are kept once; an empty list means no group.
    expect((await ok(app.url, PREFS, { input: { emailGroups: ['CASE_CLOSED', 'CASE_CLOSED'] } }, creator.token)).updateNotificationPreferences.notificationPreferences)
      .toEqual({ email: true, emailGroups: ['CASE_CLOSED'] });
    expect((await ok(app.url, PREFS, { input: { emailGroups: [] } }, creator.token)).updateNotificationPreferences.notificationPreferences)
      .toEqual({ email: true, emailGroups: [] });
  });
});
