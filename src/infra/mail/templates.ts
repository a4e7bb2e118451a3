import { notificationTitle, translate } from '../i18n/i18n';

/**
 * Mail templates, Japanese and English, by the recipient's locale ('ja' by
 * default). Plain text plus an escaped HTML copy; only what the notice itself
 * shows (reference, claim, works, remedies, deadlines) and the link.
 * Every sentence comes from the message catalogue (src/infra/i18n: `mail.*`, and `notification.*` for what a
 * notification says happened, shared with Notification.title); the layout of each mail is here.
 */

export type MailLocale = 'ja' | 'en';

export interface NoticeMailData {
  reference: string; claimType: string; stage: string; works: { title: string; kind: string }[]; requestedRemedies: string[];
  claimedAmountJpy: number | null; respondentName: string;
  /** When each response window ends, counted from this service. */
  deadlines: { kind: string; dueAt: string }[];
  /** `{PUBLIC_URL}/notices/{claimCode}` for a respondent not on Chōtei; null for an enrolled firm (it answers in Chōtei). */
  noticeUrl: string | null;
  claimCode: string | null;
  publicUrl: string;
}

export interface RenderedMail { subject: string; text: string; html: string }

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' }[c]!));

function render(subject: string, lines: string[]): RenderedMail {
  const text = `${lines.join('\n')}\n`;
  const html = `<!doctype html><html><body><pre style="font-family:sans-serif;white-space:pre-wrap">${escapeHtml(text)}</pre></body></html>`;
  return { subject, text, html };
}

export function noticeServedMail(locale: MailLocale, d: NoticeMailData): RenderedMail {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(locale, key, params);
  const works = d.works.map((w) => `  - ${w.title} (${w.kind})`);
  const deadlines = d.deadlines.map((x) => `  - ${x.kind}: ${x.dueAt}`);
  const amount = d.claimedAmountJpy == null ? null : `¥${d.claimedAmountJpy.toLocaleString('en-US')}`;
  return render(t('mail.notice.subject', { reference: d.reference }), [
    t('mail.notice.to', { name: d.respondentName }), '',
    t('mail.notice.intro'), '',
    t('mail.caseReference', { reference: d.reference }),
    t('mail.notice.claim', { claimType: d.claimType, stage: d.stage }),
    t('mail.notice.works'), ...works,
    t('mail.notice.remedies', { remedies: d.requestedRemedies.join(t('mail.listSeparator')) || '-' }),
    ...(amount ? [t('mail.notice.amount', { amount })] : []),
    '', t('mail.notice.windows'), ...(deadlines.length ? deadlines : ['  -']), '',
    ...(d.noticeUrl ? [
      t('mail.notice.read', { url: d.noticeUrl }), '',
      t('mail.notice.enrol'),
      t('mail.notice.claimCode', { code: d.claimCode ?? '' }), t('mail.notice.keepCode'),
    ] : [t('mail.notice.signIn', { url: d.publicUrl })]),
    '', t('mail.notice.default'),
  ]);
}

export interface PasswordResetMailData { displayName: string; resetUrl: string; validMinutes: number }

/** The link of a password reset ({PUBLIC_URL}/reset-password?token=T): once, for validMinutes. */
export function passwordResetMail(locale: MailLocale, d: PasswordResetMailData): RenderedMail {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(locale, key, params);
  return render(t('mail.reset.subject'), [
    t('mail.greeting', { name: d.displayName }), '',
    t('mail.reset.intro'), '',
    d.resetUrl, '',
    t('mail.reset.validity', { minutes: d.validMinutes }),
    t('mail.reset.ignore'),
  ]);
}

export interface EmailVerificationMailData { displayName: string; verifyUrl: string; validDays: number }

/** The link that confirms an account's address ({PUBLIC_URL}/verify-email?token=T), valid for validDays. */
export function emailVerificationMail(locale: MailLocale, d: EmailVerificationMailData): RenderedMail {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(locale, key, params);
  return render(t('mail.verify.subject'), [
    t('mail.greeting', { name: d.displayName }), '',
    t('mail.verify.intro'), '',
    d.verifyUrl, '',
    t('mail.verify.validity', { days: d.validDays }),
    t('mail.verify.ignore'),
  ]);
}

export interface NotificationMailData {
  displayName: string;
  /** The notification's type (a case event type or another stable name). */
  type: string;
  caseReference: string | null;
  /** The case status the notification carries, if any. */
  status: string | null;
  /** For deadline reminders and windows: the deadline's kind, when it is due, which reminder. */
  deadlineKind: string | null; dueAt: string | null; reminder: number | null;
  publicUrl: string;
  /** How to turn these mails off (the group of the notification). */
  group: string;
}

/** A notification by email: what happened, in which case, and a link to Chōtei; never names or statements of the other party. */
export function notificationMail(locale: MailLocale, d: NotificationMailData): RenderedMail {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(locale, key, params);
  const what = notificationTitle(locale, d.type, d.status);
  const deadline = d.deadlineKind ? t('mail.notification.deadline', {
    kind: d.deadlineKind,
    due: d.dueAt ? t('mail.notification.due', { dueAt: d.dueAt }) : '',
    reminder: d.reminder ? t('mail.notification.reminder', { n: d.reminder }) : '',
  }) : null;
  return render(t('mail.notification.subject', { what, reference: d.caseReference ? ` ${d.caseReference}` : '' }), [
    t('mail.greeting', { name: d.displayName }), '',
    t('mail.notification.what', { what }), '',
    ...(d.caseReference ? [t('mail.caseReference', { reference: d.caseReference })] : []),
    ...(d.status === 'CLOSED' ? [t('mail.notification.closed')] : d.status ? [t('mail.notification.status', { status: d.status })] : []),
    ...(deadline ? [deadline] : []),
    '', t('mail.notification.signIn', { url: d.publicUrl }), '',
    t('mail.notification.why', { group: d.group }),
  ]);
}
