import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { complaintInput, parties, registerWork, signUpCreator } from '../support/factories';
import { watch, wsClient } from '../support/subscriptions';

/**
 * Errors in the viewer's language: the request's Accept-Language, then the account's locale, then English.
 * A Japanese account's errors are in Japanese; the field names in extensions.fields never change.
 */
let app: TestApp;
let p: Awaited<ReturnType<typeof parties>>;
let japanese: { token: string; workId: string };
beforeAll(async () => {
  app = await startTestApp();
  p = await parties(app.url); // English accounts (the factories sign up with locale "en")
  const creator = await signUpCreator(app.url, { locale: 'ja' });
  const work = await registerWork(app.url, creator.token);
  japanese = { token: creator.token, workId: work.id };
});
afterAll(async () => { await app?.stop(); });

interface Refusal { code: string; message: string; extensions: Record<string, any>; status: number }

/** One call that must fail, with the headers a client chooses (Accept-Language among them). */
async function refused(query: string, variables: Record<string, unknown>, token: string | null, acceptLanguage?: string): Promise<Refusal> {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { errors?: Array<{ message: string; extensions?: Record<string, any> }> };
  expect(body.errors?.length, JSON.stringify(body)).toBeGreaterThan(0);
  const [error] = body.errors!;
  return { code: error.extensions?.code, message: error.message, extensions: error.extensions ?? {}, status: res.status };
}

const FILE = 'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id } }';
const CASE = 'query($id: ID!) { case(id: $id) { id } }';
const SYSTEM = 'mutation { registerAiSystem(input: { name: "Kumo", modality: IMAGE, purpose: COMMERCIAL, trainingServerInJapan: true, servesJapaneseUsers: true }) { id } }';
const MISSING = '00000000-0000-0000-0000-000000000000';
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

const badComplaint = (workIds: string[]) => ({ input: complaintInput(p.firm.firmId, workIds, { goodFaithDeclaration: false, statement: '   ' }) });
const fieldsOf = (r: Refusal) => (r.extensions.fields as Array<{ field: string; message: string }>);

describe('a Japanese account', () => {
  it('is told what is wrong with its complaint in Japanese, field by field', async () => {
    const error = await refused(FILE, badComplaint([japanese.workId, MISSING]), japanese.token);
    expect(error.code).toBe('BAD_USER_INPUT');
    const byField = Object.fromEntries(fieldsOf(error).map((f) => [f.field, f.message]));
    expect(Object.keys(byField).sort()).toEqual(['goodFaithDeclaration', 'statement', 'workIds[1]']);
    expect(byField.goodFaithDeclaration).toMatch(/^true にしてください/);
    expect(byField.statement).toBe('空にはできません: 何があったかを書いてください');
    expect(byField['workIds[1]']).toBe(`ID が ${MISSING} のあなたの作品はありません`);
    expect(error.message).toMatch(/^入力が正しくありません — /);
    expect(error.message).toContain('workIds[1]: ID が');
  });

  it('is refused by the validation layer in Japanese', async () => {
    const error = await refused(FILE, { input: complaintInput(p.firm.firmId, [japanese.workId], { statement: 'x'.repeat(20_001) }) }, japanese.token);
    expect(error.code).toBe('BAD_USER_INPUT');
    const statement = fieldsOf(error).find((f) => f.field === 'statement');
    expect(statement?.message).toMatch(/文字以内にしてください（20001 文字あります）/);
    expect(error.message).toMatch(/^入力が正しくありません — statement: /);
  });

  it('gets NOT_FOUND and FORBIDDEN in Japanese', async () => {
    const missing = await refused(CASE, { id: MISSING }, japanese.token);
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toBe(`事件（${MISSING}）が見つかりません`);

    const forbidden = await refused(SYSTEM, {}, japanese.token);
    expect(forbidden.code).toBe('FORBIDDEN');
    expect(forbidden.message).toBe('この操作には AI_FIRM のアカウントが必要です（現在のアカウントは CREATOR です）');
  });

  it('is refused a subscription in Japanese too (graphql-ws)', async () => {
    const client = wsClient(app.url, japanese.token);
    try {
      const w = watch(client, 'subscription($id: ID!) { caseEvents(caseId: $id) { seq } }', { id: MISSING });
      await waitFor(async () => w.done && w.errors.length > 0, 'the subscription to be refused');
      expect(w.errors[0].extensions?.code).toBe('NOT_FOUND');
      expect(w.errors[0].message).toBe(`事件（${MISSING}）が見つかりません`);
    } finally {
      await client.dispose();
    }
  });

  it('gets English when its request asks for English (Accept-Language first)', async () => {
    const missing = await refused(CASE, { id: MISSING }, japanese.token, 'en-GB,en;q=0.9');
    expect(missing.message).toBe(`Case ${MISSING} was not found`);
    const bad = await refused(FILE, badComplaint([japanese.workId]), japanese.token, 'en');
    expect(fieldsOf(bad).find((f) => f.field === 'statement')?.message).toBe('must not be empty: say what happened');
    expect(bad.message).not.toMatch(JAPANESE);
  });
});

describe('without an account', () => {
  it('UNAUTHENTICATED follows Accept-Language, English by default', async () => {
    const ja = await refused(CASE, { id: MISSING }, null, 'ja-JP,ja;q=0.9,en;q=0.5');
    expect(ja.code).toBe('UNAUTHENTICATED');
    expect(ja.message).toMatch(/^ログインしてください/);
    const none = await refused(CASE, { id: MISSING }, null);
    expect(none.message).toBe('Log in first: send Authorization: Bearer <token or API key>');
  });

  it('a refusal without a translation yet shows its code\'s gist in Japanese, then the English', async () => {
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'ja', 'idempotency-key': 'i18n-anonymous-1' },
      body: JSON.stringify({ query: FILE, variables: badComplaint([japanese.workId]) }),
    });
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0].message).toMatch(/^ログインしてください（Idempotency-Key needs a signed-in account/);
  });

  it('a wrong password at logIn, in Japanese when asked', async () => {
    const error = await refused('mutation { logIn(email: "nobody@example.jp", password: "wrong password 1") { token } }', {}, null, 'ja');
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toBe('メールアドレスまたはパスワードが違います');
  });
});

describe('an English account', () => {
  it('gets English, and Japanese when its request asks for it', async () => {
    const missing = await refused(CASE, { id: MISSING }, p.creator.token);
    expect(missing.message).toBe(`Case ${MISSING} was not found`);
    const bad = await refused(FILE, badComplaint([p.work.id]), p.creator.token);
    expect(bad.message).toMatch(/^Invalid input — /);
    expect(bad.message).not.toMatch(JAPANESE);
    const forbidden = await refused(SYSTEM, {}, p.creator.token);
    expect(forbidden.message).toBe('This needs a AI_FIRM account; you are logged in as CREATOR');
    const asked = await refused(CASE, { id: MISSING }, p.creator.token, 'ja');
    expect(asked.message).toBe(`事件（${MISSING}）が見つかりません`);
  });
});

describe('the HTTP layer', () => {
  it('answers a malformed body in the language asked for', async () => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'ja' }, body: '{"query":' });
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(res.status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toBe('リクエストの本文が正しい JSON ではありません');
  });
});

describe('notifications', () => {
  it('say what happened in the reader\'s language', async () => {
    const filed = await fetch(app.url, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${japanese.token}` },
      body: JSON.stringify({ query: FILE, variables: { input: complaintInput(p.firm.firmId, [japanese.workId], { aiSystemId: p.system.id }) } }),
    }).then((r) => r.json()) as { data?: { fileComplaint: { id: string } }; errors?: unknown };
    expect(filed.errors, JSON.stringify(filed.errors)).toBeUndefined();
    const caseId = filed.data!.fileComplaint.id;
    const titles = async (acceptLanguage?: string) => {
      const res = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${p.firm.token}`, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
        body: JSON.stringify({ query: '{ myNotifications(first: 20) { edges { node { type caseId title } } } }' }),
      });
      const body = (await res.json()) as { data: { myNotifications: { edges: Array<{ node: { type: string; caseId: string; title: string } }> } } };
      return body.data.myNotifications.edges.map((e) => e.node).find((n) => n.caseId === caseId && n.type === 'NOTICE_SENT');
    };
    const english = await waitFor(() => titles(), 'the firm\'s NOTICE_SENT notification');
    expect(english.title).toBe('A complaint about your AI system was filed: read the notice and respond');
    expect((await titles('ja'))!.title).toBe('貴社の AI システムに関する申立てがありました。通知を確認して回答してください');
  });
});
