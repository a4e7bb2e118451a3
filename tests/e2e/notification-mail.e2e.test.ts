import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { In } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORT_WINDOWS, startTestApp, TestApp, waitFor } from '../support/harness';
import { fails, ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, registerAiSystem, registerWork } from '../support/factories';
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
const NOTES = '{ myNotifications(first: 100) { edges { node { id type caseId } } } }';

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

async function notificationsOf(token: string, caseId: string): Promise<Array<{ id: string; type: string }>> {
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
