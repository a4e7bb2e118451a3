import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, registerAiSystem, registerWork, signUpCreator, signUpFirm } from '../support/factories';
import { admin, mediator } from '../support/staff';

/**
 * The case dossier (issue 17 item 5) as a court receives it: GET /cases/{id}/dossier.pdf, read back with
 * poppler's pdftotext and pdffonts (installed by .ci/run). A case is driven through notice, evidence (an
 * uploaded file), offers, blind bids, mediation and a rejected recommendation to CLOSED / REFERRED.
 */

const run = promisify(execFile);
const PUBLIC_URL = 'https://chotei.example';
/** Sealed blind-bid figures: far apart, so the round does not settle and neither may ever be shown. */
const DEMAND = 987_654;
const BID = 123_457;

let app: TestApp;
let dir: string;
beforeAll(async () => {
  app = await startTestApp({ PUBLIC_URL });
  dir = mkdtempSync(join(tmpdir(), 'chotei-dossier-'));
});
afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const origin = () => app.url.replace(/\/graphql$/, '');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** pdftotext wraps lines where the PDF does (CJK text anywhere): compare without whitespace. */
const squash = (s: string) => s.replace(/\s+/g, '');

async function dossier(caseId: string, token: string | null, query = '', headers: Record<string, string> = {}) {
  const res = await fetch(`${origin()}/cases/${caseId}/dossier.pdf${query}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

let n = 0;
/** The PDF's text (pdftotext, layout order) and its fonts (pdffonts rows). */
async function read(pdf: Buffer): Promise<{ text: string; fonts: string[] }> {
  const file = join(dir, `d${++n}.pdf`);
  writeFileSync(file, pdf);
  const [{ stdout: text }, { stdout: fonts }] = await Promise.all([run('pdftotext', ['-enc', 'UTF-8', file, '-']), run('pdffonts', [file])]);
  return { text, fonts: fonts.split('\n').slice(2).filter((l) => l.trim()) };
}

const EVENTS = 'events(first: 100) { edges { node { seq type detail } } }';
const eventsOf = async (caseId: string, token: string) =>
  (await getCase(app.url, token, caseId, EVENTS)).events.edges.map((e: any) => e.node) as Array<{ seq: number; type: string; detail: any }>;

/** The creator's poem (the work's reference file) and the output that reproduces it: text triage scores them. */
const POEM = 'The harbour lamps go out one by one while the tide keeps counting the stones it borrowed from the hill, '
  + 'and the gulls that never learned our names fold the blue morning into the nets the fishermen left behind.\n';

async function uploadText(token: string, text: string, name: string): Promise<{ id: string; sha256: string }> {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(text)], { type: 'text/plain' }), name);
  const res = await fetch(`${origin()}/files`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(201);
  return await res.json() as { id: string; sha256: string };
}

describe('the case dossier: GET /cases/{id}/dossier.pdf', () => {
  let p: { creator: Awaited<ReturnType<typeof signUpCreator>>; firm: Awaited<ReturnType<typeof signUpFirm>>; work: { id: string; title: string } };
  let caseId: string;
  let reference: string;
  let mediatorToken: string;
  let upload: { id: string; sha256: string };
  const FILE_NAME = 'output-sample-2026.txt';

  beforeAll(async () => {
    const adminToken = (await admin(app)).token;
    const m = await mediator(app, adminToken, { capacity: 50 });
    mediatorToken = m.token;
    const creator = await signUpCreator(app.url);
    const firm = await signUpFirm(app.url);
    const system = await registerAiSystem(app.url, firm.token);
    const original = await uploadText(creator.token, POEM, 'harbour-poem.txt');
    p = { creator, firm, work: await registerWork(app.url, creator.token, { kind: 'LITERATURE', referenceFileId: original.id }) };
    const filed = await fileComplaint(app.url, p.creator.token, complaintInput(p.firm.firmId, [p.work.id], {
      aiSystemId: system.id, statement: 'プロンプトに私の名前を入れると、私のイラストがほぼそのまま出力されます。',
    }));
    caseId = filed.id;
    reference = filed.reference;
    await waitFor(async () => (await getCase(app.url, p.creator.token, caseId, 'status')).status === 'NOTICE_SENT', 'the notice');

    // Evidence with an uploaded file (POST /files) and evidence that is a URL and a hash.
    // What the model printed for a prompt naming the creator: the poem, with a line of its own (other bytes than the original).
    upload = await uploadText(p.creator.token, `Sure! Here is a poem in that style:\n${POEM}`, FILE_NAME);
    const ADD = 'mutation($id: ID!, $input: EvidenceInput!) { addEvidence(caseId: $id, input: $input) { id } }';
    await ok(app.url, ADD, { id: caseId, input: { kind: 'OUTPUT_SAMPLE', description: 'The output, saved as text', fileId: upload.id } }, p.creator.token);
    await ok(app.url, ADD, { id: caseId, input: { kind: 'PROMPT_LOG', description: 'Prompt log', url: 'https://evidence.example/log/1', sha256: 'ab'.repeat(32) } }, p.creator.token);
    // The output file is triaged against the poem, and the re-assessment cites the score (as triage, never a finding).
    await waitFor(async () => (await getCase(app.url, p.creator.token, caseId, 'assessment { triage { score } }')).assessment?.triage?.length, 'the assessment to cite triage', 30_000);

    // Bargaining: a visible offer, then sealed blind bids that do not meet, then mediation and a recommendation the firm rejects.
    await ok(app.url, 'mutation($id: ID!, $input: NoticeResponseInput!) { respondToNotice(caseId: $id, input: $input) { status } }',
      { id: caseId, input: { kind: 'CONTEST', statement: 'Our model learned a style, not the work.' } }, p.firm.token);
    await ok(app.url, 'mutation($id: ID!, $input: OfferInput!) { makeOffer(caseId: $id, input: $input) { id } }',
      { id: caseId, input: { amountJpy: 250000, remedies: ['OUTPUT_FILTER'], message: 'A filter and a payment.' } }, p.firm.token);
    const BIDQ = 'mutation($id: ID!, $a: SafeInt!) { submitBlindBid(caseId: $id, amountJpy: $a) { status } }';
    await ok(app.url, BIDQ, { id: caseId, a: DEMAND }, p.creator.token);
    expect((await ok(app.url, BIDQ, { id: caseId, a: BID }, p.firm.token)).submitBlindBid.status).not.toBe('SETTLED');
    await ok(app.url, 'mutation($id: ID!) { requestMediation(caseId: $id) { status } }', { id: caseId }, p.creator.token);
    await waitFor(async () => (await getCase(app.url, p.creator.token, caseId, 'mediator { id }')).mediator, 'a mediator to be assigned');
    await ok(app.url, 'mutation($id: ID!, $input: RecommendationInput!) { issueRecommendation(caseId: $id, input: $input) { status } }', {
      id: caseId, input: { finding: 'INFRINGEMENT', remedies: ['OUTPUT_FILTER', 'COMPENSATION'], amountJpy: 400000, reasoning: 'The outputs reproduce the essential features of the work.' },
    }, mediatorToken);
    const r = await ok(app.url, 'mutation($id: ID!, $accept: Boolean!, $reason: String) { respondToRecommendation(caseId: $id, accept: $accept, reason: $reason) { status outcome } }',
      { id: caseId, accept: false, reason: 'We will go to court.' }, p.firm.token);
    expect(r.respondToRecommendation).toEqual({ status: 'CLOSED', outcome: 'REFERRED' });
  }, 90_000);

  it('in Japanese: the reference, parties, evidence files with their SHA-256, every finding\'s citation, the history, offers and the recommendation, page numbers — and its hash in the history', async () => {
    const c = await getCase(app.url, p.creator.token, caseId, `reference assessment { findings { code citation } triage { method score citation } } ${EVENTS}`);
    const before = c.events.edges.map((e: any) => e.node.type) as string[];
    const got = await dossier(caseId, p.creator.token, '?lang=ja');
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.bytes.subarray(0, 5).toString()).toBe('%PDF-');

    // The hash of the bytes received is the one the new DOSSIER_ISSUED event carries.
    const events = await eventsOf(caseId, p.creator.token);
    const issued = events[events.length - 1];
    expect(issued.type).toBe('DOSSIER_ISSUED');
    expect(issued.detail).toMatchObject({ sha256: sha256(got.bytes), lang: 'ja', by: 'COMPLAINANT', bytes: got.bytes.length });
    expect(got.headers.get('x-content-sha256')).toBe(sha256(got.bytes));

    const { text, fonts } = await read(got.bytes);
    const flat = squash(text);
    expect(flat).toContain(reference);
    for (const heading of ['事件記録', '調停', '当事者', '申立ての内容', '証拠', '審査', '経過', '提案と勧告', '調停人の勧告']) expect(flat).toContain(heading);
    expect(flat).toContain(squash('プロンプトに私の名前を入れると'));
    expect(flat).toContain(p.work.title.replace(/\s+/g, ''));
    // Evidence: the uploaded file's name and SHA-256, and the other piece's hash and URL.
    expect(flat).toContain(FILE_NAME);
    expect(flat).toContain(upload.sha256);
    expect(flat).toContain('ab'.repeat(32));
    // Every finding and its citation.
    const findings = c.assessment.findings as Array<{ code: string; citation: string | null }>;
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(flat).toContain(f.code);
      if (f.citation) expect(flat).toContain(squash(f.citation));
    }
    // The similarity triage the assessment cites, apart from the findings.
    expect(c.assessment.triage.length).toBeGreaterThan(0);
    for (const x of c.assessment.triage) {
      expect(flat).toContain(squash(`${x.score.toFixed(3)} (${x.method}`));
      expect(flat).toContain(squash(x.citation));
    }
    // The whole history as it stood, in order.
    let from = 0;
    for (const type of before) {
      const at = flat.indexOf(type, from);
      expect(at, `history lists ${type}`).toBeGreaterThanOrEqual(0);
      from = at + type.length;
    }
    // Offers and the recommendation, with their amounts; the sealed figures nowhere.
    expect(flat).toContain('250,000円');
    expect(flat).toContain('400,000円');
    expect(flat).toContain(squash('The outputs reproduce the essential features of the work.'));
    for (const secret of [DEMAND, BID]) {
      expect(flat).not.toContain(String(secret));
      expect(flat).not.toContain(secret.toLocaleString('en-US'));
    }
    // Page numbers "n / N" on every page, and the time it was made.
    const pages = Number(/ページ1\/(\d+)/.exec(flat)?.[1]);
    expect(pages).toBeGreaterThan(1);
    for (let i = 1; i <= pages; i++) expect(flat).toContain(`ページ${i}/${pages}`);
    expect(flat).toContain(squash(issued.detail.generatedAt.slice(0, 10)));
    // Noto Sans JP, embedded as subsets.
    expect(fonts.length).toBeGreaterThan(0);
    for (const row of fonts) {
      expect(row).toMatch(/^[A-Z]{6}\+NotoSansJP-/);
      expect(row).toMatch(/\byes\s+yes\s+yes\b/); // emb sub uni
    }
    expect(got.bytes.length).toBeLessThan(400_000);
  });

  it('in English for Accept-Language: en; what a party may not see of the other is not in it', async () => {
    const got = await dossier(caseId, p.firm.token, '', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(got.status).toBe(200);
    const { text } = await read(got.bytes);
    const flat = squash(text);
    for (const heading of ['Casedossier', 'Parties', 'Complainant', 'Respondent', 'Evidence', 'Assessment', 'Findings', 'History(everycaseevent)', 'Offersandrecommendation']) {
      expect(flat).toContain(heading);
    }
    expect(flat).toContain(reference);
    // The earlier dossier is in the history with its hash.
    const events = await eventsOf(caseId, p.firm.token);
    const issued = events.filter((e) => e.type === 'DOSSIER_ISSUED');
    expect(issued).toHaveLength(2);
    expect(flat).toContain(issued[0].detail.sha256);
    expect(issued[1].detail).toMatchObject({ sha256: sha256(got.bytes), lang: 'en', by: 'RESPONDENT' });
    // The complainant's email is masked for the firm (src/policies/fields.ts accountEmail), as the API shows it.
    const email = p.creator.account.email;
    expect(flat).not.toContain(email);
    expect(flat).toContain(`${email[0]}***@${email.split('@')[1]}`);
    expect(flat).toContain('JPY400,000');
    for (const secret of [DEMAND, BID]) expect(flat).not.toContain(secret.toLocaleString('en-US'));
  });

  it('?lang wins over Accept-Language; the mediator of the case may have it too', async () => {
    const got = await dossier(caseId, mediatorToken, '?lang=en', { 'accept-language': 'ja' });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-language')).toBe('en');
    expect(squash((await read(got.bytes)).text)).toContain('Casedossier');
  });

  it('404 to whoever may not read the case (another creator, another firm), 401 without credentials', async () => {
    const stranger = await signUpCreator(app.url);
    const otherFirm = await signUpFirm(app.url);
    const count = (await eventsOf(caseId, p.creator.token)).length;
    for (const token of [stranger.token, otherFirm.token]) {
      const got = await dossier(caseId, token);
      expect(got.status).toBe(404);
      expect(JSON.parse(got.bytes.toString()).errors[0].extensions.code).toBe('NOT_FOUND');
    }
    expect((await dossier('00000000-0000-4000-8000-000000000000', p.creator.token)).status).toBe(404);
    expect((await dossier(caseId, null)).status).toBe(401);
    expect((await dossier(caseId, 'not-a-token')).status).toBe(401);
    // HEAD would make a dossier nobody receives: refused.
    expect((await fetch(`${origin()}/cases/${caseId}/dossier.pdf`, { method: 'HEAD', headers: { authorization: `Bearer ${p.creator.token}` } })).status).toBe(405);
    // Nothing was recorded for the refused requests.
    expect((await eventsOf(caseId, p.creator.token)).length).toBe(count);
  });

  it('the referral summary links to the dossier', async () => {
    const c = await getCase(app.url, p.creator.token, caseId, 'outcome referral');
    expect(c.outcome).toBe('REFERRED');
    expect(c.referral.dossierUrl).toBe(`${PUBLIC_URL}/cases/${caseId}/dossier.pdf`);
  });
});
