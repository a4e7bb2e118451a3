import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../support/harness';
import { fails, ok } from '../support/client';
import { parties, registerWork, signUpCreator } from '../support/factories';

/**
 * Issue 15 over HTTP: a rights office gives the signal value it saw (an XMP Data Mining value, a CAWG assertion, a
 * Content-Usage header) instead of translating it into a scope by hand; Chōtei reads it, checks the scope against it
 * and adds the signal. readOptOutSignal says what a value reserves, in the viewer's language.
 */
let app: TestApp;
let p: Awaited<ReturnType<typeof parties>>;
beforeAll(async () => {
  app = await startTestApp();
  p = await parties(app.url); // English accounts
});
afterAll(async () => { await app?.stop(); });

const REGISTER = 'mutation($input: OptOutInput!) { registerOptOut(input: $input) { id scope signals } }';
const READ = 'query($signal: OptOutSignal!, $value: String!) { readOptOutSignal(signal: $signal, value: $value) { signal value scope uses generativeOnly reservesAnything explanation } }';
const CAWG_GENERATIVE = JSON.stringify({ entries: { 'cawg.ai_generative_training': { use: 'notAllowed' }, 'cawg.ai_training': { use: 'allowed' } } });

/** A query as a client in `language` sends it (Accept-Language). */
async function inLanguage(language: string, query: string, variables: Record<string, unknown>, token: string) {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'accept-language': language },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
}

const fieldOf = (extensions: Record<string, any>, field: string) => (extensions.fields as Array<{ field: string; argument: string; message: string }>).find((f) => f.field === field);

describe('registering an opt-out with the signal values seen', () => {
  it('reads an IPTC value (full URI) and a CAWG assertion, and adds their signals once each', async () => {
    const { registerOptOut } = await ok(app.url, REGISTER, { input: {
      workId: p.work.id, scope: 'GENERATIVE_TRAINING', signals: ['REGISTRY', 'CAWG'],
      signalValues: [
        { signal: 'IPTC_DMI', value: 'http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-GENAIMLTRAINING' },
        { signal: 'CAWG', value: CAWG_GENERATIVE },
      ],
    } }, p.creator.token);
    expect(registerOptOut).toMatchObject({ scope: 'GENERATIVE_TRAINING', signals: ['REGISTRY', 'CAWG', 'IPTC_DMI'] });
  });

  it('refuses a scope that leaves open a use the values reserve, naming input.scope and the scope they call for', async () => {
    const work = await registerWork(app.url, p.creator.token);
    const e = await fails(app.url, REGISTER, { input: {
      workId: work.id, scope: 'GENERATIVE_TRAINING',
      signalValues: [{ signal: 'IPTC_DMI', value: 'DMI-PROHIBITED-AIMLTRAINING' }, { signal: 'AI_PREFERENCES', value: 'Content-Usage: ai-use=n' }],
    } }, p.creator.token);
    expect(e.code).toBe('BAD_USER_INPUT');
    const scope = fieldOf(e.extensions, 'scope');
    expect(scope).toMatchObject({ argument: 'input', message: 'does not cover every use that signalValues reserve (TRAINING, INFERENCE): they call for ALL_AI_USE_EXCEPT_SEARCH' });
    expect(e.message).toContain('scope: does not cover');

    // The scope they call for is accepted.
    const { registerOptOut } = await ok(app.url, REGISTER, { input: {
      workId: work.id, scope: 'ALL_AI_USE_EXCEPT_SEARCH',
      signalValues: [{ signal: 'IPTC_DMI', value: 'DMI-PROHIBITED-AIMLTRAINING' }, { signal: 'AI_PREFERENCES', value: 'Content-Usage: ai-use=n' }],
    } }, p.creator.token);
    expect(registerOptOut.signals).toEqual(['REGISTRY', 'IPTC_DMI', 'AI_PREFERENCES']);
  });

  it('refuses a value that reserves nothing (DMI-ALLOWED) and one outside its vocabulary, on input.signalValues[i].value', async () => {
    const e = await fails(app.url, REGISTER, { input: {
      allWorks: true, scope: 'ALL_AI_TRAINING',
      signalValues: [{ signal: 'IPTC_DMI', value: 'DMI-ALLOWED' }, { signal: 'CONTENT_SIGNAL', value: 'ai-train=never' }],
    } }, p.creator.token);
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(fieldOf(e.extensions, 'signalValues[0].value')?.message).toMatch(/^reserves no AI use: not an opt-out \(PLUS Data Mining "Allowed"/);
    expect(fieldOf(e.extensions, 'signalValues[1].value')?.message).toMatch(/^is not a value of CONTENT_SIGNAL that Chōtei can read: "ai-train=never" is not a content signal/);
    // Nothing was registered: the scope is free for an opt-out of all works.
    expect(fieldOf(e.extensions, 'scope')).toBeUndefined();
  });

  it('refuses more than 10 values in the validation layer', async () => {
    const e = await fails(app.url, REGISTER, { input: {
      allWorks: true, scope: 'ALL_AI_USE', signalValues: Array.from({ length: 11 }, () => ({ signal: 'TDMREP', value: '1' })),
    } }, p.creator.token);
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(e.extensions.fields)).toContain('signalValues');
  });

  it('in Japanese for a Japanese account', async () => {
    const creator = await signUpCreator(app.url, { locale: 'ja' });
    const e = await fails(app.url, REGISTER, { input: { allWorks: true, scope: 'ALL_AI_TRAINING', signalValues: [{ signal: 'TDMREP', value: '0' }] } }, creator.token);
    expect(fieldOf(e.extensions, 'signalValues[0].value')?.message).toBe('AI による利用を何も留保していないため、オプトアウトではありません（W3C TDMRep: tdm-reservation 0（留保なし）。AI による利用を何も留保していません。）');
  });
});

describe('readOptOutSignal', () => {
  it('says what a value reserves and the scope for it, in English', async () => {
    const r = await inLanguage('en', READ, { signal: 'AI_PREFERENCES', value: 'train-ai=n, ai-use=n, search=y' }, p.firm.token);
    expect(r.errors).toBeUndefined();
    expect(r.data.readOptOutSignal).toMatchObject({
      signal: 'AI_PREFERENCES', value: 'train-ai=n, ai-use=n, search=y', scope: 'ALL_AI_USE_EXCEPT_SEARCH',
      uses: ['TRAINING', 'INFERENCE'], generativeOnly: true, reservesAnything: true,
    });
    expect(r.data.readOptOutSignal.explanation).toContain('the narrowest that covers it is ALL_AI_USE_EXCEPT_SEARCH, which also reserves non-generative training');
  });

  it('in Japanese when the request asks for it', async () => {
    const r = await inLanguage('ja', READ, { signal: 'CAWG', value: CAWG_GENERATIVE }, p.creator.token);
    expect(r.data.readOptOutSignal).toMatchObject({ scope: 'GENERATIVE_TRAINING', uses: ['TRAINING'], generativeOnly: true });
    expect(r.data.readOptOutSignal.explanation).toBe('CAWG の学習・データマイニング・アサーション（1.1）。留保する利用: 学習（生成 AI の学習のみ）。これをちょうど留保するスコープは GENERATIVE_TRAINING です。');
  });

  it('a value that reserves nothing is a reading, not an error', async () => {
    const { readOptOutSignal } = await ok(app.url, READ, { signal: 'IPTC_DMI', value: 'DMI-ALLOWED' }, p.creator.token);
    expect(readOptOutSignal).toMatchObject({ scope: null, uses: [], reservesAnything: false });
  });

  it('refuses an unreadable value on value, in the viewer\'s language, and needs a signed-in viewer', async () => {
    const en = await inLanguage('en', READ, { signal: 'IPTC_DMI', value: 'DMI-ALLOWED-WITHCONSTRAINTS' }, p.creator.token);
    expect(en.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(en.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ argument: 'value', field: 'value' })]);
    expect(en.errors?.[0].message).toContain('value: is not a value of IPTC_DMI that Chōtei can read: not a PLUS Data Mining value');

    const ja = await inLanguage('ja', READ, { signal: 'RSL', value: '<rsl/>' }, p.creator.token);
    expect(ja.errors?.[0].extensions?.fields[0].message).toBe('Chōtei が読み取れる RSL の値ではありません: RSL のライセンスは XML 文書で、単一の値ではありません。Chōtei はこのシグナルの値を読みません。代わりにスコープを指定してください。');

    const anonymous = await fails(app.url, READ, { signal: 'TDMREP', value: '1' }, null);
    expect(anonymous.code).toBe('UNAUTHENTICATED');
  });
});
