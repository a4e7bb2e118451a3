/**
 * Mail templates, Japanese and English, by the recipient's locale ('ja' by
 * default). Plain text plus an escaped HTML copy; only what the notice itself
 * shows (reference, claim, works, remedies, deadlines) and the link.
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
  const works = d.works.map((w) => `  - ${w.title} (${w.kind})`);
  const deadlines = d.deadlines.map((x) => `  - ${x.kind}: ${x.dueAt}`);
  const amount = d.claimedAmountJpy == null ? null : `¥${d.claimedAmountJpy.toLocaleString('en-US')}`;
  if (locale === 'en') {
    return render(`[Chōtei] Notice of complaint ${d.reference}`, [
      `To ${d.respondentName},`, '',
      `A complaint concerning your AI system has been filed with Chōtei, the mediation service for AI and copyright disputes under Japanese law.`, '',
      `Case reference: ${d.reference}`,
      `Claim: ${d.claimType} (stage: ${d.stage})`,
      'Works concerned:', ...works,
      `Remedies requested: ${d.requestedRemedies.join(', ') || '-'}`,
      ...(amount ? [`Amount claimed: ${amount}`] : []),
      '', 'Response windows (counted from this notice):', ...(deadlines.length ? deadlines : ['  -']), '',
      ...(d.noticeUrl ? [
        `Read the notice: ${d.noticeUrl}`, '',
        'To respond, enrol as an AI firm on Chōtei and claim this case with the code below (claimRespondent).',
        `Claim code: ${d.claimCode}`, 'Keep this code: it works once and only for this notice.',
      ] : [`Sign in to Chōtei (${d.publicUrl}) to read the notice and respond.`]),
      '', 'If you do not respond, the case follows the default path: the complaint is not decided in the complainant\'s favour automatically.',
    ]);
  }
  return render(`【調停】申立ての通知 ${d.reference}`, [
    `${d.respondentName} 御中`, '',
    '貴社のAIシステムに関する申立てが、日本法に基づくAIと著作権の紛争調停サービス「調停（Chōtei）」に提出されました。', '',
    `事件番号: ${d.reference}`,
    `申立ての内容: ${d.claimType}（段階: ${d.stage}）`,
    '対象の著作物:', ...works,
    `求める措置: ${d.requestedRemedies.join('、') || '-'}`,
    ...(amount ? [`請求額: ${amount}`] : []),
    '', '回答期限（本通知の送達時から起算）:', ...(deadlines.length ? deadlines : ['  -']), '',
    ...(d.noticeUrl ? [
      `通知の内容: ${d.noticeUrl}`, '',
      '回答するには、AI事業者として調停に登録し、下記のコードでこの事件を引き継いでください（claimRespondent）。',
      `引継ぎコード: ${d.claimCode}`, 'このコードは本通知専用で、一度だけ使えます。',
    ] : [`調停（${d.publicUrl}）にログインして通知を確認し、回答してください。`]),
    '', '回答がない場合も、申立人の主張が自動的に認められることはありません（既定の手続に従います）。',
  ]);
}

export interface PasswordResetMailData { displayName: string; resetUrl: string; validMinutes: number }

/** The link of a password reset ({PUBLIC_URL}/reset-password?token=T): once, for validMinutes. */
export function passwordResetMail(locale: MailLocale, d: PasswordResetMailData): RenderedMail {
  if (locale === 'en') {
    return render('[Chōtei] Reset your password', [
      `${d.displayName},`, '',
      'Someone (we hope you) asked to reset the password of your Chōtei account. To choose a new password, open this link:', '',
      d.resetUrl, '',
      `The link works once, for ${d.validMinutes} minutes. Resetting the password ends every session of the account.`,
      'If you did not ask for this, ignore this message: your password stays as it is.',
    ]);
  }
  return render('【調停】パスワードの再設定', [
    `${d.displayName} 様`, '',
    '調停（Chōtei）のアカウントのパスワード再設定が申請されました。新しいパスワードを設定するには、次のリンクを開いてください。', '',
    d.resetUrl, '',
    `このリンクは${d.validMinutes}分間、一度だけ使えます。パスワードを再設定すると、このアカウントのすべてのセッションが終了します。`,
    'お心当たりがない場合は、このメールを無視してください。パスワードは変更されません。',
  ]);
}

export interface EmailVerificationMailData { displayName: string; verifyUrl: string; validDays: number }

/** The link that confirms an account's address ({PUBLIC_URL}/verify-email?token=T), valid for validDays. */
export function emailVerificationMail(locale: MailLocale, d: EmailVerificationMailData): RenderedMail {
  if (locale === 'en') {
    return render('[Chōtei] Confirm your email address', [
      `${d.displayName},`, '',
      'Welcome to Chōtei. To confirm that this address is yours, open this link:', '',
      d.verifyUrl, '',
      `The link works for ${d.validDays} day(s). Once the address is confirmed, Chōtei can send you notices and deadline reminders by email.`,
      'If you did not create a Chōtei account, ignore this message.',
    ]);
  }
  return render('【調停】メールアドレスの確認', [
    `${d.displayName} 様`, '',
    '調停（Chōtei）へのご登録ありがとうございます。このメールアドレスがご本人のものであることを確認するため、次のリンクを開いてください。', '',
    d.verifyUrl, '',
    `このリンクの有効期間は${d.validDays}日間です。確認が済むと、通知や期限のお知らせをメールでお送りできるようになります。`,
    'お心当たりがない場合は、このメールを無視してください。',
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

const NOTIFICATION_LABELS: Record<string, { ja: string; en: string }> = {
  NOTICE_SERVED: { ja: '申立ての通知が相手方に送達されました', en: 'The notice was served on the respondent' },
  NOTICE_SERVICE_FAILED: { ja: '申立ての通知を相手方に送達できませんでした', en: 'The notice could not be served on the respondent' },
  RESPONDENT_CLAIMED: { ja: '相手方が調停に登録し、事件を引き継ぎました', en: 'The respondent enrolled on Chōtei and took over the case' },
  DEADLINE_REMINDER: { ja: '期限が近づいています', en: 'A deadline is approaching' },
  ACKNOWLEDGEMENT_OVERDUE: { ja: '受領確認の期限が過ぎました', en: 'The acknowledgement deadline has passed' },
  RECOMMENDATION_DUE: { ja: '勧告の期限が来ました', en: 'The recommendation is due' },
  REMEDY_OVERDUE: { ja: '是正措置の期限が過ぎました', en: 'The remedy deadline has passed' },
  NOTICE_ACCEPTED: { ja: '相手方が申立てを受け入れました', en: 'The respondent accepted the complaint' },
  NOTICE_CONTESTED: { ja: '相手方が申立てを争いました', en: 'The respondent contested the complaint' },
  LICENSE_OFFERED: { ja: '相手方がライセンスを提案しました', en: 'The respondent offered a licence' },
  RESPONSE_DEFAULTED: { ja: '回答期限までに回答がありませんでした', en: 'No response was given before the deadline' },
  OFFER_MADE: { ja: '新しい提案があります', en: 'A new offer was made' },
  BLIND_BID_SUBMITTED: { ja: '相手方が非公開の金額を提出しました', en: 'The other party submitted a blind bid' },
  SETTLED: { ja: '和解が成立しました', en: 'The case was settled' },
  MEDIATION_REQUESTED: { ja: '調停人による調停が申請されました', en: 'Mediation was requested' },
  NEGOTIATION_EXPIRED: { ja: '交渉期間が終了しました', en: 'The negotiation period ended' },
  MEDIATOR_ASSIGNED: { ja: '調停人が選任されました', en: 'A mediator was assigned' },
  SENT_TO_MEDIATOR_REVIEW: { ja: '事件が調停人の審査に回されました', en: 'The case was sent to a mediator for review' },
  RECOMMENDATION_ISSUED: { ja: '調停人の勧告が出されました', en: 'The mediator issued a recommendation' },
  RECOMMENDATION_ACCEPTED_BY_COMPLAINANT: { ja: '申立人が勧告を受け入れました', en: 'The complainant accepted the recommendation' },
  RECOMMENDATION_ACCEPTED_BY_RESPONDENT: { ja: '相手方が勧告を受け入れました', en: 'The respondent accepted the recommendation' },
  RECOMMENDATION_ACCEPTED: { ja: '双方が勧告を受け入れました', en: 'Both parties accepted the recommendation' },
  REMEDY_CERTIFIED: { ja: '相手方が是正措置の完了を証明しました', en: 'The respondent certified the remedy' },
  REMEDY_DISPUTED: { ja: '是正措置に異議が出されました', en: 'The remedy was disputed' },
  EVIDENCE_ADDED: { ja: '証拠が追加されました', en: 'Evidence was added' },
};

const CLOSED_LABEL = { ja: '事件が終結しました', en: 'The case was closed' };

/** A notification by email: what happened, in which case, and a link to Chōtei; never names or statements of the other party. */
export function notificationMail(locale: MailLocale, d: NotificationMailData): RenderedMail {
  const label = (d.status === 'CLOSED' && !NOTIFICATION_LABELS[d.type]) ? CLOSED_LABEL : NOTIFICATION_LABELS[d.type];
  const ref = d.caseReference ? ` ${d.caseReference}` : '';
  if (locale === 'en') {
    const what = label?.en ?? `Case update (${d.type})`;
    return render(`[Chōtei] ${what}${ref}`, [
      `${d.displayName},`, '',
      `${what}.`, '',
      ...(d.caseReference ? [`Case reference: ${d.caseReference}`] : []),
      ...(d.status === 'CLOSED' ? ['The case is now closed.'] : d.status ? [`Case status: ${d.status}`] : []),
      ...(d.deadlineKind ? [`Deadline: ${d.deadlineKind}${d.dueAt ? `, due ${d.dueAt}` : ''}${d.reminder ? ` (reminder ${d.reminder})` : ''}`] : []),
      '', `Sign in to Chōtei to see the case: ${d.publicUrl}`, '',
      `You receive this because email for "${d.group}" is on; change it with updateNotificationPreferences.`,
    ]);
  }
  const what = label?.ja ?? `事件の更新（${d.type}）`;
  return render(`【調停】${what}${ref}`, [
    `${d.displayName} 様`, '',
    `${what}。`, '',
    ...(d.caseReference ? [`事件番号: ${d.caseReference}`] : []),
    ...(d.status === 'CLOSED' ? ['この事件は終結しました。'] : d.status ? [`事件の状態: ${d.status}`] : []),
    ...(d.deadlineKind ? [`期限: ${d.deadlineKind}${d.dueAt ? `（${d.dueAt}まで）` : ''}${d.reminder ? `（${d.reminder}回目のお知らせ）` : ''}`] : []),
    '', `調停（Chōtei）にログインして事件をご確認ください: ${d.publicUrl}`, '',
    `「${d.group}」のメール通知が有効なため、このメールをお送りしています。設定は updateNotificationPreferences で変更できます。`,
  ]);
}
