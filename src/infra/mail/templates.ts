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
