import { createHash } from 'node:crypto';
import type express from 'express';
import type { NoticeService } from '../services/notice.service';
import { escapeHtml, htmlPage, type Lang, pickLang } from './html-page';
import { storageUnavailableAnswer } from '../graphql/unavailable';

export interface NoticePageDeps { notices: Pick<NoticeService, 'noticePage'> }

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

const T = {
  ja: {
    title: '申立ての通知', notFound: 'この通知は見つかりません。メールに記載されたリンクをそのまま開いてください。', reference: '事件番号', claim: '申立ての内容',
    stage: '段階', respondent: '相手方', works: '対象の著作物', remedies: '求める措置', amount: '請求額', assessment: '審査の要旨',
    decision: '判断', strength: '強さ', tier: '区分', finding: '基準', citation: '根拠', deadlines: '回答期限', served: '送達日時',
    notServed: 'まだ送達されていません', how: '回答の方法',
    steps: ['調停（Chōtei）にAI事業者として登録してください（signUp、role: AI_FIRM）。',
      'ログインしたアカウントで、メールに記載された引継ぎコードを使ってこの事件を引き継いでください（claimRespondent(claimCode)）。',
      '引き継いだ事件は貴社の事件となり、期限と経過はそのまま保たれます。その後、通知に回答してください（respondToNotice）。'],
    claimed: 'この通知の相手方記録は、登録済みのAI事業者に引き継がれています。ログインして事件をご確認ください。',
    default: '回答がない場合も、申立人の主張が自動的に認められることはありません（既定の手続に従います）。',
  },
  en: {
    title: 'Notice of complaint', notFound: 'This notice was not found. Open the link exactly as the email gives it.', reference: 'Case reference', claim: 'Claim',
    stage: 'Stage', respondent: 'Respondent', works: 'Works concerned', remedies: 'Remedies requested', amount: 'Amount claimed', assessment: 'Assessment summary',
    decision: 'Decision', strength: 'Strength', tier: 'Tier', finding: 'Criterion', citation: 'Citation', deadlines: 'Response deadlines', served: 'Served at',
    notServed: 'not served yet', how: 'How to respond',
    steps: ['Enrol on Chōtei as an AI firm (signUp with role AI_FIRM).',
      'Signed in with that account, claim this case with the claim code from the email (claimRespondent(claimCode)).',
      'The case becomes your firm\'s with its deadlines and history intact; then answer the notice (respondToNotice).'],
    claimed: 'The respondent record of this notice has been claimed by a firm on Chōtei: sign in to see the case.',
    default: 'If you do not respond, the case follows the default path: the complaint is not decided in the complainant\'s favour automatically.',
  },
} as const;

// Long citations, codes and titles wrap, and the criteria table fits a phone's width (checked in a browser at 375 px).
const STYLE = 'body{font-family:sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.6;overflow-wrap:anywhere}'
  + 'table{border-collapse:collapse;width:100%;table-layout:fixed}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}';

const page = (lang: Lang, title: string, body: string): string => htmlPage(lang, title, body, STYLE);

/**
 * `GET /notices/{token}`: the served notice as a web page, for a respondent
 * not on Chōtei (the token is the claim code its email carried; only its
 * SHA-256 is stored). Japanese by default, English with ?lang=en or
 * Accept-Language: en. It shows what the notice shows (reference, claim,
 * works, remedies, the assessment's decision and cited criteria, deadlines)
 * and how to enrol and claim; never the complainant, the statement or the
 * findings' explanations. Every value is HTML-escaped. An unknown token
 * answers 404 with the same page whatever is wrong with it.
 */
export function noticePageRoutes(app: express.Express, deps: NoticePageDeps): void {
  app.get('/notices/:token', async (req, res) => {
    const lang = pickLang(req);
    const t = T[lang];
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Robots-Tag', 'noindex');
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    res.setHeader('Content-Language', lang);
    try {
      const token = req.params.token;
      const hash = TOKEN.test(token) ? createHash('sha256').update(token, 'utf8').digest('hex') : null;
      const found = hash ? await deps.notices.noticePage(hash) : null;
      if (!found) {
        res.status(404).send(page(lang, t.title, `<h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.notFound)}</p>`));
        return;
      }
      const { notice, row, firm, assessment } = found;
      const summary = notice.summary as Record<string, any>;
      const works = (summary.works ?? []) as { title: string; kind: string }[];
      const deadlines = (summary.deadlines ?? []) as { kind: string; dueAt: string }[];
      const dl = (label: string, value: unknown) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`;
      const body = [
        `<h1>${escapeHtml(t.title)} ${escapeHtml(row.reference)}</h1>`,
        notice.claimedAt ? `<p><strong>${escapeHtml(t.claimed)}</strong></p>` : '',
        '<dl>',
        dl(t.reference, row.reference),
        dl(t.respondent, firm?.legalName ?? ''),
        dl(t.claim, summary.claimType ?? row.claimType),
        dl(t.stage, summary.stage ?? row.stage),
        dl(t.remedies, (summary.requestedRemedies ?? row.requestedRemedies ?? []).join(', ')),
        summary.claimedAmountJpy != null ? dl(t.amount, `¥${Number(summary.claimedAmountJpy).toLocaleString('en-US')}`) : '',
        dl(t.served, notice.servedAt ? notice.servedAt.toISOString() : t.notServed),
        '</dl>',
        `<h2>${escapeHtml(t.works)}</h2><ul>${works.map((w) => `<li>${escapeHtml(w.title)} (${escapeHtml(w.kind)})</li>`).join('')}</ul>`,
        assessment ? [
          `<h2>${escapeHtml(t.assessment)}</h2><dl>`,
          dl(t.decision, assessment.decision), dl(t.strength, assessment.strength ?? '-'), dl(t.tier, assessment.tier ?? '-'),
          '</dl><table><thead><tr>', `<th>${escapeHtml(t.finding)}</th><th></th><th>${escapeHtml(t.citation)}</th></tr></thead><tbody>`,
          ...assessment.findings.map((f) => `<tr><td>${escapeHtml(f.code)}</td><td>${escapeHtml(f.finding)}</td><td>${escapeHtml(f.citation ?? '')}</td></tr>`),
          '</tbody></table>',
        ].join('') : '',
        `<h2>${escapeHtml(t.deadlines)}</h2><ul>${deadlines.map((d) => `<li>${escapeHtml(d.kind)}: <time datetime="${escapeHtml(d.dueAt)}">${escapeHtml(d.dueAt)}</time></li>`).join('')}</ul>`,
        `<h2>${escapeHtml(t.how)}</h2><ol>${t.steps.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ol>`,
        `<p>${escapeHtml(t.default)}</p>`,
      ].join('\n');
      res.status(200).send(page(lang, `${t.title} ${row.reference}`, body));
    } catch (error) {
      // The database or its disk failing: 503 with Retry-After (the link works again later), not a bug's 500.
      if (storageUnavailableAnswer(res, error) === null) res.status(500);
      res.send(page(lang, t.title, `<h1>${escapeHtml(t.title)}</h1>`));
    }
  });
}
