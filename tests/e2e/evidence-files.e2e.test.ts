import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { fails, ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, registerAiSystem, signUpCreator, signUpFirm } from '../support/factories';
import { admin, mediator } from '../support/staff';
import { jpegHalf, sceneImage, toPng } from '../support/test-images';

/** Small, so the over-limit upload stays quick. */
const MAX_BYTES = 3 * 1024 * 1024;

let app: TestApp;
let mediatorAccount: { token: string; id: string };
beforeAll(async () => {
  app = await startTestApp({ FILE_MAX_BYTES: String(MAX_BYTES) });
  mediatorAccount = await mediator(app, (await admin(app)).token);
});
afterAll(async () => { await app?.stop(); });

const origin = () => app.url.replace(/\/graphql$/, '');

async function upload(token: string | null, bytes: Buffer, name: string, type = 'application/octet-stream') {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  const res = await fetch(`${origin()}/files`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: await res.json() as any };
}

async function download(token: string, id: string) {
  const res = await fetch(`${origin()}/files/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Every file under FILE_STORE_DIR, relative paths (temporary files included). */
async function storeFiles(): Promise<string[]> {
  const dir = app.config.files.dir;
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? (e as any).path, e.name).slice(dir.length + 1)).sort();
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const CASE_FIELDS = `status mediator { id }
  evidence { id kind sha256 file { id sha256 size mediaType fileName perceptualHash } similarity { score method computedAt work { id title } } }
  assessment { decision triage { code evidenceId workId method score band citation } findings { code finding } }
  events(first: 100) { edges { node { type detail } } }`;

async function until(token: string, id: string, status: string) {
  return waitFor(async () => {
    const c = await getCase(app.url, token, id, CASE_FIELDS);
    return c.status === status && c;
  }, `case ${id} to reach ${status}`, 30_000);
}

/** A creator whose work has a reference image, and a firm with an AI system. */
async function creatorWithReferenceImage(seed: number) {
  const creator = await signUpCreator(app.url);
  const firm = await signUpFirm(app.url);
  const system = await registerAiSystem(app.url, firm.token);
  const original = await toPng(sceneImage(seed));
  const ref = await upload(creator.token, original, 'original.png', 'image/png');
  expect(ref.status).toBe(201);
  const work = await ok(app.url, `mutation($input: RegisterWorkInput!) { registerWork(input: $input) { id title referenceFile { id sha256 mediaType perceptualHash } } }`, {
    input: { title: `Harbour ${seed}`, kind: 'ILLUSTRATION', firstPublishedAt: '2020-04-01T00:00:00Z', firstPublicationCountry: 'JP', referenceFileId: ref.body.id },
  }, creator.token);
  return { creator, firm, system, original, work: work.registerWork, referenceFileId: ref.body.id as string };
}

describe('evidence files: POST /files and GET /files/{id}', () => {
  it('stores a PNG by its SHA-256 and answers 201 with id, sha256, size and the sniffed type', async () => {
    const creator = await signUpCreator(app.url);
    const png = await toPng(sceneImage(101, 64, 48));
    const res = await upload(creator.token, png, 'sample.png', 'image/png');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), sha256: sha(png), size: png.length, mediaType: 'image/png' });
    expect(await storeFiles()).toContain(join(sha(png).slice(0, 2), sha(png).slice(2, 4), sha(png)));
    // Anonymous uploads are refused.
    expect((await upload(null, png, 'sample.png')).status).toBe(401);
  });

  it('keeps one blob for the same bytes: the same id for the same uploader, a row of its own for another', async () => {
    const a = await signUpCreator(app.url);
    const b = await signUpCreator(app.url);
    const text = Buffer.from(`A poem about the sea, ${randomBytes(4).toString('hex')}\nwith two lines.\n`);
    const first = await upload(a.token, text, 'poem.txt');
    const again = await upload(a.token, text, 'poem-copy.txt');
    const other = await upload(b.token, text, 'poem.txt');
    expect(first.status).toBe(201);
    expect(first.body.mediaType).toBe('text/plain');
    expect(again.body.id).toBe(first.body.id);
    expect(other.body.id).not.toBe(first.body.id);
    expect(other.body.sha256).toBe(first.body.sha256);
    expect((await storeFiles()).filter((f) => f.endsWith(first.body.sha256))).toHaveLength(1);
    // Each uploader reads its own; neither reads the other's (nothing attaches it anywhere).
    expect((await download(a.token, first.body.id)).status).toBe(200);
    expect((await download(a.token, other.body.id)).status).toBe(404);
  });

  it('sniffs the type from the content: an executable or an HTML page named .png is refused with 415, and nothing is kept', async () => {
    const creator = await signUpCreator(app.url);
    const before = await storeFiles();
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'), randomBytes(512)]);
    const asExe = await upload(creator.token, exe, 'cute-cat.png', 'image/png');
    expect(asExe.status).toBe(415);
    expect(asExe.body.errors[0].extensions).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', mediaType: 'application/x-msdownload' });
    expect(asExe.body.errors[0].message).toContain('application/x-msdownload');
    const html = Buffer.from('<!DOCTYPE html><html><body><script>fetch("/graphql")</script></body></html>');
    const asHtml = await upload(creator.token, html, 'cute-cat.png', 'image/png');
    expect(asHtml.status).toBe(415);
    expect(asHtml.body.errors[0].extensions.mediaType).toBe('text/html');
    expect(await storeFiles()).toEqual(before);
  });

  it('answers 400 to a body that is not multipart, or has no part named file', async () => {
    const creator = await signUpCreator(app.url);
    const auth = { authorization: `Bearer ${creator.token}` };
    const json = await fetch(`${origin()}/files`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"file":"x"}' });
    expect(json.status).toBe(400);
    const form = new FormData();
    form.append('other', new Blob([Buffer.from('hello')]), 'a.txt');
    const wrongField = await fetch(`${origin()}/files`, { method: 'POST', headers: auth, body: form });
    expect(wrongField.status).toBe(400);
    expect((await wrongField.json() as any).errors[0].message).toContain('"file"');
  });

  it('answers 413 over FILE_MAX_BYTES and leaves nothing in the store, temporary files included', async () => {
    const creator = await signUpCreator(app.url);
    const before = await storeFiles();
    const res = await upload(creator.token, randomBytes(MAX_BYTES + 1024), 'huge.bin');
    expect(res.status).toBe(413);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', maxBytes: MAX_BYTES });
    expect(await storeFiles()).toEqual(before);
  });

  it('leaves nothing behind when the client goes away mid-upload', async () => {
    const creator = await signUpCreator(app.url);
    const before = await storeFiles();
    const boundary = `----chotei${randomBytes(8).toString('hex')}`;
    const { port } = new URL(origin());
    const req = http.request({
      host: '127.0.0.1', port: Number(port), path: '/files', method: 'POST',
      headers: { authorization: `Bearer ${creator.token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(MAX_BYTES) },
    });
    req.on('error', () => undefined);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="part.txt"\r\nContent-Type: text/plain\r\n\r\n`);
    req.write(Buffer.alloc(512 * 1024, 'a'));
    // The upload has reached the store as a temporary file…
    await waitFor(async () => (await storeFiles()).some((f) => f.startsWith('.upload-')), 'the temporary file of the upload', 10_000);
    req.destroy();
    // …and is gone once the connection is.
    await waitFor(async () => JSON.stringify(await storeFiles()) === JSON.stringify(before), 'the store to be as before the aborted upload', 10_000);
  });
});

describe('similarity triage', () => {
  it('scores a re-encoded, resized copy of the reference image high: the case goes to the firm, which may download the evidence; others may not', async () => {
    const { creator, firm, system, original, work, referenceFileId } = await creatorWithReferenceImage(7);
    expect(work.referenceFile).toMatchObject({ id: referenceFileId, sha256: sha(original), mediaType: 'image/png', perceptualHash: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const output = await jpegHalf(original);
    const sample = await upload(creator.token, output, 'output.jpg', 'image/jpeg');
    expect(sample.body.mediaType).toBe('image/jpeg');
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], {
      aiSystemId: system.id, evidence: [{ kind: 'OUTPUT_SAMPLE', description: 'The output for a prompt naming me', fileId: sample.body.id }],
    }));
    const c = await until(creator.token, filed.id, 'NOTICE_SENT');
    const [evidence] = c.evidence;
    expect(evidence.sha256).toBe(sha(output));
    expect(evidence.file).toMatchObject({ id: sample.body.id, size: output.length, mediaType: 'image/jpeg', fileName: 'output.jpg' });
    expect(evidence.similarity.method).toBe('image-phash-dct64');
    expect(evidence.similarity.score).toBeGreaterThanOrEqual(0.84);
    expect(evidence.similarity.work.id).toBe(work.id);
    // The assessment cites it as TRIAGE, apart from the findings; SIMILARITY stays the human finding given in the facts.
    expect(c.assessment.triage).toEqual([expect.objectContaining({
      code: 'TRIAGE', evidenceId: evidence.id, workId: work.id, method: 'image-phash-dct64', band: 'STRONG', score: evidence.similarity.score,
    })]);
    expect(c.assessment.triage[0].citation).toContain('triage only, not a finding');
    expect(c.assessment.findings.find((f: any) => f.code === 'SIMILARITY').finding).toBe('MET');
    const triaged = c.events.edges.map((e: any) => e.node).find((e: any) => e.type === 'TRIAGED');
    expect(triaged.detail).toMatchObject({ evidenceId: evidence.id, method: 'image-phash-dct64', band: 'STRONG' });

    // The firm, now noticed, downloads the evidence: the exact bytes, as an attachment a browser never runs.
    const got = await download(firm.token, sample.body.id);
    expect(got.status).toBe(200);
    expect(sha(got.bytes)).toBe(sha(output));
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename="output.jpg"/);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-security-policy')).toContain("default-src 'none'");
    // So is the work's reference file, the original it is weighed against.
    expect((await download(firm.token, referenceFileId)).status).toBe(200);
    // Another firm and another creator are told it does not exist.
    const otherFirm = await signUpFirm(app.url);
    const otherCreator = await signUpCreator(app.url);
    for (const token of [otherFirm.token, otherCreator.token]) {
      const refused = await download(token, sample.body.id);
      expect(refused.status).toBe(404);
      expect(JSON.parse(refused.bytes.toString()).errors[0].extensions.code).toBe('NOT_FOUND');
      expect((await download(token, referenceFileId)).status).toBe(404);
    }
    // Attaching someone else's upload is refused like a missing file.
    const theirs = await upload(otherCreator.token, Buffer.from('my own notes\n'), 'notes.txt');
    const refused = await fails(app.url, 'mutation($id: ID!, $input: EvidenceInput!) { addEvidence(caseId: $id, input: $input) { id } }', {
      id: filed.id, input: { kind: 'OTHER', description: 'not mine', fileId: theirs.body.id },
    }, creator.token);
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.extensions?.fields?.[0]?.field ?? refused.message).toContain('fileId');
  });

  it('scores an unrelated image low: the case goes to mediator review, and the assigned mediator (then the noticed firm) may download it', async () => {
    const { creator, firm, system, work } = await creatorWithReferenceImage(11);
    const unrelated = await toPng(sceneImage(12345));
    const sample = await upload(creator.token, unrelated, 'output.png', 'image/png');
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], {
      aiSystemId: system.id, evidence: [{ kind: 'OUTPUT_SAMPLE', description: 'The output', fileId: sample.body.id }],
    }));
    const c = await until(creator.token, filed.id, 'MEDIATOR_REVIEW');
    expect(c.evidence[0].similarity.score).toBeLessThan(0.7);
    expect(c.assessment.decision).toBe('ACTIONABLE');
    expect(c.assessment.triage[0]).toMatchObject({ code: 'TRIAGE', band: 'WEAK' });
    const review = c.events.edges.map((e: any) => e.node).find((e: any) => e.type === 'SENT_TO_MEDIATOR_REVIEW');
    expect(JSON.stringify(review.detail)).toContain('TRIAGE');
    expect(c.mediator.id).toBe(mediatorAccount.id);
    expect((await download(mediatorAccount.token, sample.body.id)).status).toBe(200);
    // The firm has not been noticed: for it the file does not exist, until the mediator sends the case on.
    expect((await download(firm.token, sample.body.id)).status).toBe(404);
    await ok(app.url, 'mutation($id: ID!) { decideReview(caseId: $id, proceed: true, reason: "The sample is a crop of the work") { status } }', { id: filed.id }, mediatorAccount.token);
    expect((await download(firm.token, sample.body.id)).status).toBe(200);
  });

  it('triages text by shingles: an edited excerpt of the reference novel scores high, as text-minhash-w3', async () => {
    const creator = await signUpCreator(app.url);
    const firm = await signUpFirm(app.url);
    const novel = Array.from({ length: 40 }, (_, i) => `Chapter ${i}. The harbour lay quiet under a sky the colour of old pewter while boat ${i} rocked `
      + `against its ropes, and Mariko counted gulls number ${i * 7} along the sea wall as her grandmother had taught her long ago.`).join('\n');
    const ref = await upload(creator.token, Buffer.from(novel), 'novel.md');
    expect(ref.body.mediaType).toBe('text/plain');
    const work = await ok(app.url, 'mutation($input: RegisterWorkInput!) { registerWork(input: $input) { id } }', {
      input: { title: 'Harbour Days', kind: 'LITERATURE', firstPublishedAt: '2020-04-01T00:00:00Z', firstPublicationCountry: 'JP', referenceFileId: ref.body.id },
    }, creator.token);
    const excerpt = novel.split('\n').slice(10, 14).join(' ').replace('old pewter', 'dull pewter');
    const sample = await upload(creator.token, Buffer.from(excerpt), 'chatbot-answer.txt');
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.registerWork.id], {
      evidence: [{ kind: 'OUTPUT_SAMPLE', description: 'The chatbot recited my chapters', fileId: sample.body.id }],
    }));
    const c = await until(creator.token, filed.id, 'NOTICE_SENT');
    expect(c.evidence[0].similarity).toMatchObject({ method: 'text-minhash-w3', work: { id: work.registerWork.id } });
    expect(c.evidence[0].similarity.score).toBeGreaterThanOrEqual(0.6);
    expect(c.assessment.triage[0]).toMatchObject({ band: 'STRONG', method: 'text-minhash-w3' });
    // Text is served as UTF-8 plain text, never as the markup it might contain.
    const got = await download(creator.token, sample.body.id);
    expect(got.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('triages evidence added after the notice through the job, and the re-assessment cites it', async () => {
    const { creator, firm, system, original, work } = await creatorWithReferenceImage(21);
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }));
    await until(creator.token, filed.id, 'NOTICE_SENT');
    const sample = await upload(creator.token, await jpegHalf(original), 'later.jpg', 'image/jpeg');
    await ok(app.url, 'mutation($id: ID!, $input: EvidenceInput!) { addEvidence(caseId: $id, input: $input) { id } }', {
      id: filed.id, input: { kind: 'OUTPUT_SAMPLE', description: 'Another output', fileId: sample.body.id },
    }, creator.token);
    const c = await waitFor(async () => {
      const row = await getCase(app.url, creator.token, filed.id, CASE_FIELDS);
      return row.assessment.triage.length === 1 && row;
    }, 'the re-assessment citing the triage', 30_000);
    expect(c.status).toBe('NOTICE_SENT');
    expect(c.evidence[0].similarity.score).toBeGreaterThanOrEqual(0.84);
  });
});

describe('a triage job that Redis lost', () => {
  let healing: TestApp;
  beforeAll(async () => { healing = await startTestApp({ SWEEP_INTERVAL: 'PT1S', RECONCILE_GRACE: 'PT1S' }); });
  afterAll(async () => { await healing?.stop(); });

  it('is re-created by the reconciler under the same id, and the evidence is triaged', async () => {
    const base = healing.url.replace(/\/graphql$/, '');
    const send = async (token: string, bytes: Buffer, name: string) => {
      const form = new FormData();
      form.append('file', new Blob([bytes]), name);
      return (await (await fetch(`${base}/files`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })).json()) as any;
    };
    const creator = await signUpCreator(healing.url);
    const firm = await signUpFirm(healing.url);
    const original = await toPng(sceneImage(31));
    const ref = await send(creator.token, original, 'original.png');
    const work = await ok(healing.url, 'mutation($input: RegisterWorkInput!) { registerWork(input: $input) { id } }', {
      input: { title: 'Lost and found', kind: 'ILLUSTRATION', firstPublishedAt: '2020-04-01T00:00:00Z', firstPublicationCountry: 'JP', referenceFileId: ref.id },
    }, creator.token);
    const filed = await fileComplaint(healing.url, creator.token, complaintInput(firm.firmId, [work.registerWork.id]));
    await waitFor(async () => (await getCase(healing.url, creator.token, filed.id, 'status')).status === 'NOTICE_SENT', 'the notice', 30_000);

    const screen = healing.workers.find((w) => w.name === 'screen')!;
    await screen.pause();
    const sample = await send(creator.token, await jpegHalf(original), 'output.jpg');
    const added = await ok(healing.url, 'mutation($id: ID!, $input: EvidenceInput!) { addEvidence(caseId: $id, input: $input) { id } }', {
      id: filed.id, input: { kind: 'OUTPUT_SAMPLE', description: 'The output', fileId: sample.id },
    }, creator.token);
    const jobId = `triage-${added.addEvidence.id}`;
    const queue = healing.queues.get('screen' as never);
    const queued = await waitFor(async () => queue.getJob(jobId), 'the triage job in Redis');
    await queued.remove(); // Redis lost it
    screen.resume();
    const c = await waitFor(async () => {
      const row = await getCase(healing.url, creator.token, filed.id, CASE_FIELDS);
      return row.evidence[0]?.similarity && row;
    }, 'the evidence to be triaged after the repair', 30_000);
    expect(c.evidence[0].similarity.score).toBeGreaterThanOrEqual(0.8);
    const repaired = c.events.edges.map((e: any) => e.node).find((e: any) => e.type === 'JOB_REPAIRED');
    expect(repaired.detail).toMatchObject({ jobId, reason: 'missing' });
  });
});
