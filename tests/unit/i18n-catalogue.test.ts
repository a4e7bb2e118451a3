import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/infra/i18n/catalogue';
import { PHRASES_JA } from '../../src/infra/i18n/phrases';
import { localize, pickLocale, translate } from '../../src/infra/i18n/i18n';
import { AppError, badInput, notFound } from '../../src/domain/errors';
import { localizeAppError } from '../../src/graphql/format-error';

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const ROOT = join(__dirname, '../..');
const sources = (dir: string): string[] => readdirSync(join(ROOT, dir), { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

describe('the message catalogue', () => {
  it('has every key in both languages, with the same placeholders', () => {
    expect(Object.keys(CATALOGUE.ja).sort()).toEqual(Object.keys(CATALOGUE.en).sort());
    for (const [key, english] of Object.entries(CATALOGUE.en)) {
      const japanese = (CATALOGUE.ja as Record<string, string>)[key];
      expect(japanese.trim(), key).not.toBe('');
      expect(placeholders(japanese), key).toEqual(placeholders(english));
    }
  });

  it('translates only sentences that src still throws, and none of them is left empty', () => {
    const code = sources('src').filter((f) => !f.startsWith(join('src', 'infra', 'i18n'))).map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');
    for (const [english, japanese] of Object.entries(PHRASES_JA)) {
      const written = [english, english.replace(/'/g, "\\'")];
      expect(written.some((w) => code.includes(w)), `no file in src says: ${english}`).toBe(true);
      expect(japanese.trim(), english).not.toBe('');
      expect(placeholders(japanese), english).toEqual([]);
    }
  });

  it('fills placeholders, translating the names of things', () => {
    expect(translate('ja', 'error.notFound', { what: { key: 'resource.Case' }, id: 'c-1' })).toBe('事件（c-1）が見つかりません');
    expect(translate('en', 'error.notFound', { what: { key: 'resource.AI firm' }, id: 'f-1' })).toBe('AI firm f-1 was not found');
    expect(translate('en', 'validation.tooLong', { max: 5, got: 7 })).toBe('must be at most 5 characters (got 7)');
    // Values are never read as markup: a name that looks like a placeholder or a nested key stays as it is.
    expect(translate('ja', 'mail.greeting', { name: '$t(mail.notice.intro) {{name}}' })).toBe('$t(mail.notice.intro) {{name}} 様');
  });

  it('keeps English errors exactly as thrown, and renders Japanese ones from their key, their sentence or their code', () => {
    const missing = notFound('Case', 'c-1');
    expect(localizeAppError(missing, 'en').message).toBe('Case c-1 was not found');
    expect(localizeAppError(missing, 'ja').message).toBe('事件（c-1）が見つかりません');
    expect(localize('ja', 'The email or the password is wrong')).toBe('メールアドレスまたはパスワードが違います');
    // A sentence the catalogue does not have yet: the code's gist in Japanese, then the English.
    expect(localizeAppError(new AppError('FORBIDDEN', 'Something new'), 'ja').message).toBe('この操作は許可されていません（Something new）');

    const refused = badInput([{ field: 'statement', message: 'must not be empty: say what happened' }, { field: 'workIds[0]', message: 'no work of yours has the id w', i18n: { key: 'validation.noWorkWithId', params: { id: 'w' } } }]);
    const en = localizeAppError(refused, 'en');
    expect(en.message).toBe('Invalid input — statement: must not be empty: say what happened; workIds[0]: no work of yours has the id w');
    expect(en.details.fields).toEqual([
      { argument: 'input', field: 'statement', message: 'must not be empty: say what happened' },
      { argument: 'input', field: 'workIds[0]', message: 'no work of yours has the id w' },
    ]);
    const ja = localizeAppError(refused, 'ja');
    expect(ja.details.fields).toEqual([
      { argument: 'input', field: 'statement', message: '空にはできません: 何があったかを書いてください' },
      { argument: 'input', field: 'workIds[0]', message: 'ID が w のあなたの作品はありません' },
    ]);
    expect(ja.message).toMatch(/^入力が正しくありません — statement: 空にはできません/);
  });

  it('renders throttles and refused case moves in Japanese from their key or reason', () => {
    const throttled = new AppError('RATE_LIMITED', 'Too many failed log-ins; retry in 30 s', { retryAfterSeconds: 30 },
      { key: 'error.retryIn', params: { what: { key: 'Too many failed log-ins' }, seconds: 30 } });
    expect(localizeAppError(throttled, 'en').message).toBe('Too many failed log-ins; retry in 30 s');
    expect(translate('en', 'error.retryIn', { what: { key: 'Too many failed log-ins' }, seconds: 30 })).toBe(throttled.message);
    expect(localizeAppError(throttled, 'ja').message).toBe('ログインの失敗が多すぎます。30 秒後に再度お試しください');

    const unverified = new AppError('FORBIDDEN', 'Confirm your email address before you file a complaint: open the link mailed to you at sign-up (resendEmailVerification sends a new one)',
      { reason: 'EMAIL_NOT_VERIFIED' }, { key: 'error.emailNotVerified', params: { what: { key: 'file a complaint' } } });
    expect(translate('en', 'error.emailNotVerified', { what: { key: 'file a complaint' } })).toBe(unverified.message);
    expect(localizeAppError(unverified, 'ja').message).toMatch(/^申立ての前に、メールアドレスを確認してください/);

    const moved = new AppError('INVALID_TRANSITION', 'SETTLE is not possible while the case is FILED; possible now: nothing', { status: 'FILED', allowed: [], reason: 'NOT_FROM_THIS_STATUS' });
    expect(localizeAppError(moved, 'en').message).toBe(moved.message);
    expect(localizeAppError(moved, 'ja').message).toBe('事件の状態が FILED のため、この操作はできません。現在可能な操作: なし');
    const notYours = new AppError('FORBIDDEN', 'RESPONDENT may not ISSUE_RECOMMENDATION (only MEDIATOR)', { status: 'MEDIATION', allowed: ['MAKE_OFFER'], reason: 'ACTOR_NOT_ALLOWED' });
    expect(localizeAppError(notYours, 'ja').message).toBe('この事件でのあなたの立場ではこの操作はできません。現在可能な操作: MAKE_OFFER');
  });
});

describe('the language of a request', () => {
  it('is Accept-Language first, then the account\'s locale, then English', () => {
    expect(pickLocale('ja', 'en')).toBe('ja');
    expect(pickLocale('en-US,en;q=0.9', 'ja')).toBe('en');
    expect(pickLocale('fr-FR, ja;q=0.5', 'en')).toBe('ja');
    expect(pickLocale('ja;q=0.2, en;q=0.8', 'ja')).toBe('en');
    expect(pickLocale('*', 'ja')).toBe('ja');
    expect(pickLocale('fr', 'ja')).toBe('ja');
    expect(pickLocale(undefined, 'en')).toBe('en');
    expect(pickLocale(undefined, null)).toBe('en');
    expect(pickLocale('', 'xx')).toBe('en');
    // Content (license template titles …) falls back to Japanese; error messages to English.
    expect(pickLocale(undefined, null, 'ja')).toBe('ja');
    expect(pickLocale('en', null, 'ja')).toBe('en');
  });
});
