import { randomUUID } from 'node:crypto';
import express from 'express';
import type { AccountService } from '../services/account.service';
import type { RequestContext } from '../policies/context';
import { AppError } from '../domain/errors';
import { escapeHtml, htmlPage, type Lang, pickLang } from './html-page';

export interface AccountPagesDeps { accounts: Pick<AccountService, 'verifyEmail' | 'resetPassword' | 'passwordResetTokenUsable'> }

/** A token as the links carry it (base64url); anything else is refused without asking the database. */
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
/** The longest password the API accepts (RULES.password). */
const MAX_PASSWORD = 200;

const T = {
  ja: {
    verifyTitle: 'メールアドレスの確認', verified: 'メールアドレスを確認しました。ありがとうございます。', verifiedNext: '通知や期限のお知らせをメールで受け取れるようになりました。このページは閉じてかまいません。',
    linkInvalid: 'このリンクは無効か、有効期限が切れています。', verifyAgain: 'ログインして、確認メールの再送（resendEmailVerification）を申請してください。',
    resetTitle: 'パスワードの再設定', resetIntro: '新しいパスワードを入力してください（10文字以上）。再設定すると、このアカウントのすべてのセッションが終了します。',
    password: '新しいパスワード', confirm: '新しいパスワード（確認）', submit: 'パスワードを再設定する',
    resetAgain: 'ログイン画面からパスワードの再設定（requestPasswordReset）をもう一度申請してください。',
    mismatch: '2つのパスワードが一致しません。', tooShort: 'パスワードは10文字以上にしてください。', tooLong: `パスワードは${MAX_PASSWORD}文字以内にしてください。`,
    resetDone: 'パスワードを再設定しました。', resetDoneNext: 'すべてのセッションが終了しました。新しいパスワードでログインしてください。',
    busy: '試行回数が多すぎます。しばらくしてからもう一度お試しください。', failed: '処理できませんでした。しばらくしてからもう一度お試しください。',
  },
  en: {
    verifyTitle: 'Confirm your email address', verified: 'Your email address is confirmed. Thank you.', verifiedNext: 'Chōtei can now send you notices and deadline reminders by email. You may close this page.',
    linkInvalid: 'This link is not valid, or no longer valid.', verifyAgain: 'Sign in and ask for a new confirmation mail (resendEmailVerification).',
    resetTitle: 'Reset your password', resetIntro: 'Choose a new password (at least 10 characters). Resetting it ends every session of the account.',
    password: 'New password', confirm: 'New password (again)', submit: 'Reset the password',
    resetAgain: 'Ask for a new reset link (requestPasswordReset) from the sign-in page.',
    mismatch: 'The two passwords differ.', tooShort: 'The password must be at least 10 characters.', tooLong: `The password must be at most ${MAX_PASSWORD} characters.`,
    resetDone: 'Your password was reset.', resetDoneNext: 'Every session has ended: sign in with the new password.',
    busy: 'Too many attempts; try again in a while.', failed: 'This could not be done; try again in a while.',
  },
} as const;

/** The headers of every page here: nothing cached or indexed, no referrer (the URL holds the token), no script, no framing. */
function pageHeaders(res: express.Response, lang: Lang, formAction: 'none' | 'self'): void {
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Robots-Tag', 'noindex');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', `default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action '${formAction}'; frame-ancestors 'none'`);
  res.setHeader('Content-Language', lang);
}

const STYLE = 'body{font-family:sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.6;overflow-wrap:anywhere}'
  + 'label{display:block;margin-top:1rem}input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}'
  + 'button{margin-top:1.5rem;padding:.5rem 1rem;font-size:1rem}.error{color:#a00}';

const page = (lang: Lang, title: string, body: string): string => htmlPage(lang, title, body, STYLE);

const message = (title: string, lines: string[], role: 'status' | 'alert' = 'status') =>
  `<h1>${escapeHtml(title)}</h1>${lines.map((l) => `<p role="${role}">${escapeHtml(l)}</p>`).join('')}`;

/** The request context of a page: anonymous (the token is the credential), the client's address for the throttle. */
const contextOf = (req: express.Request, lang: Lang): RequestContext => ({ viewer: null, requestId: randomUUID(), locale: lang, address: req.ip });

/** The fields a BAD_USER_INPUT names (src/domain/errors.ts badInput). */
function refusedFields(error: unknown): string[] {
  if (!(error instanceof AppError) || error.code !== 'BAD_USER_INPUT') return [];
  const fields = (error.details.fields ?? []) as Array<{ field?: string }>;
  return fields.map((f) => String(f.field ?? ''));
}

/**
 * The two pages the account mails link to (API.md "Second round"), each working pasted into any browser, without
 * JavaScript, calling AccountService only:
 *
 * - `GET /verify-email?token=T` confirms the address (AccountService.verifyEmail, the same as the verifyEmail
 *   mutation: idempotent for the same token) and says so; a wrong or expired link answers 400 with one page that
 *   does not say which.
 * - `GET /reset-password?token=T` shows a plain HTML form (new password twice) that POSTs to `/reset-password`,
 *   which calls AccountService.resetPassword and shows the outcome: a password refused by the rules shows the
 *   form again with the reason; a wrong, expired or used token shows one page that does not say which.
 *
 * Japanese by default, English with ?lang=en or Accept-Language: en (the form keeps the language). Every page is
 * no-store, no-referrer, noindex, with a CSP that allows no script and no framing (form-action 'self' on the form
 * only). CSRF is moot: the token in the form is itself the secret.
 */
export function accountPageRoutes(app: express.Express, deps: AccountPagesDeps): void {
  app.get('/verify-email', async (req, res) => {
    const lang = pickLang(req);
    const t = T[lang];
    pageHeaders(res, lang, 'none');
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    try {
      if (!TOKEN.test(token)) {
        res.status(400).send(page(lang, t.verifyTitle, message(t.verifyTitle, [t.linkInvalid, t.verifyAgain], 'alert')));
        return;
      }
      await deps.accounts.verifyEmail(contextOf(req, lang), token);
      res.status(200).send(page(lang, t.verifyTitle, message(t.verifyTitle, [t.verified, t.verifiedNext])));
    } catch (error) {
      if (refusedFields(error).includes('token')) {
        res.status(400).send(page(lang, t.verifyTitle, message(t.verifyTitle, [t.linkInvalid, t.verifyAgain], 'alert')));
      } else if (error instanceof AppError && error.code === 'RATE_LIMITED') {
        res.status(429).send(page(lang, t.verifyTitle, message(t.verifyTitle, [t.busy], 'alert')));
      } else {
        res.status(error instanceof AppError && error.code === 'SERVICE_UNAVAILABLE' ? 503 : 500).send(page(lang, t.verifyTitle, message(t.verifyTitle, [t.failed], 'alert')));
      }
    }
  });

  const form = (lang: Lang, token: string, error: string | null) => {
    const t = T[lang];
    return [
      `<h1>${escapeHtml(t.resetTitle)}</h1>`,
      `<p>${escapeHtml(t.resetIntro)}</p>`,
      error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '',
      `<form method="post" action="/reset-password?lang=${lang}">`,
      `<input type="hidden" name="token" value="${escapeHtml(token)}">`,
      `<label for="password">${escapeHtml(t.password)}</label>`,
      `<input type="password" id="password" name="password" autocomplete="new-password" minlength="10" maxlength="${MAX_PASSWORD}" required>`,
      `<label for="confirm">${escapeHtml(t.confirm)}</label>`,
      `<input type="password" id="confirm" name="confirm" autocomplete="new-password" minlength="10" maxlength="${MAX_PASSWORD}" required>`,
      `<button type="submit">${escapeHtml(t.submit)}</button>`,
      '</form>',
    ].join('\n');
  };
  const invalidLink = (lang: Lang) => page(lang, T[lang].resetTitle, message(T[lang].resetTitle, [T[lang].linkInvalid, T[lang].resetAgain], 'alert'));

  app.get('/reset-password', async (req, res) => {
    const lang = pickLang(req);
    const t = T[lang];
    pageHeaders(res, lang, 'self');
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    try {
      if (!TOKEN.test(token) || !(await deps.accounts.passwordResetTokenUsable(token))) {
        res.status(400).send(invalidLink(lang));
        return;
      }
      res.status(200).send(page(lang, t.resetTitle, form(lang, token, null)));
    } catch {
      res.status(500).send(page(lang, t.resetTitle, message(t.resetTitle, [t.failed], 'alert')));
    }
  });

  app.post('/reset-password', express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 10 }), async (req, res) => {
    const lang = pickLang(req);
    const t = T[lang];
    pageHeaders(res, lang, 'self');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const token = typeof body.token === 'string' ? body.token : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const confirm = typeof body.confirm === 'string' ? body.confirm : '';
    if (!TOKEN.test(token)) {
      res.status(400).send(invalidLink(lang));
      return;
    }
    if (password.length > MAX_PASSWORD) {
      res.status(400).send(page(lang, t.resetTitle, form(lang, token, t.tooLong)));
      return;
    }
    if (password !== confirm) {
      res.status(400).send(page(lang, t.resetTitle, form(lang, token, t.mismatch)));
      return;
    }
    try {
      await deps.accounts.resetPassword(contextOf(req, lang), token, password);
      res.status(200).send(page(lang, t.resetTitle, message(t.resetTitle, [t.resetDone, t.resetDoneNext])));
    } catch (error) {
      const fields = refusedFields(error);
      if (fields.includes('token')) res.status(400).send(invalidLink(lang));
      else if (fields.includes('password')) res.status(400).send(page(lang, t.resetTitle, form(lang, token, t.tooShort)));
      else if (error instanceof AppError && error.code === 'RATE_LIMITED') res.status(429).send(page(lang, t.resetTitle, message(t.resetTitle, [t.busy], 'alert')));
      else res.status(error instanceof AppError && error.code === 'SERVICE_UNAVAILABLE' ? 503 : 500).send(page(lang, t.resetTitle, message(t.resetTitle, [t.failed], 'alert')));
    }
  });
}
