import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hammingDistance, imagePerceptualHash } from '../../src/infra/similarity/phash';
import { fails, ok } from '../support/client';
import { registerWork, signUpCreator, signUpFirm } from '../support/factories';
import { startTestApp, TestApp } from '../support/harness';
import { jpegHalf, sceneImage, toPng } from '../support/test-images';

/**
 * Opt-out matching that survives transformation (issue 17 item 3): a creator registers an image — as a work's
 * reference file or as a perceptual hash — with an opt-out; a firm that holds a re-encoded (JPEG quality 50),
 * half-size copy computes the documented perceptual hash and finds the opt-out with checkOptOutsPerceptual.
 */
let app: TestApp;
let firm: Awaited<ReturnType<typeof signUpFirm>>;
beforeAll(async () => {
  app = await startTestApp();
  firm = await signUpFirm(app.url);
});
afterAll(async () => { await app?.stop(); });

const CHECK = `query($h: [String!]!, $d: Int) { checkOptOutsPerceptual(hashes: $h, maxDistance: $d) {
  hash distance optOut { id scope allWorks recognised effectiveFrom perceptualHashes } } }`;
const REGISTER = 'mutation($input: OptOutInput!) { registerOptOut(input: $input) { id allWorks perceptualHashes } }';

async function upload(token: string, bytes: Buffer, name: string, type: string): Promise<{ id: string }> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  const res = await fetch(app.url.replace(/\/graphql$/, '/files'), { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json() as Promise<{ id: string }>;
}

describe('checkOptOutsPerceptual', () => {
  it('finds the opt-out of a work whose reference image a firm holds as a re-encoded, resized copy; an unrelated image finds nothing', async () => {
    const creator = await signUpCreator(app.url);
    const original = await toPng(sceneImage(101));
    const file = await upload(creator.token, original, 'original.png', 'image/png');
    const work = await registerWork(app.url, creator.token, { referenceFileId: file.id });
    const optOut = (await ok(app.url, REGISTER, { input: { workId: work.id, scope: 'ALL_AI_TRAINING' } }, creator.token)).registerOptOut;
    const registered = await imagePerceptualHash(original);
    expect(optOut.perceptualHashes).toEqual([registered]);

    // The firm's copy: JPEG quality 50 at half the size, hashed in the firm's pipeline as the README documents.
    const copy = await imagePerceptualHash(await jpegHalf(original));
    const distance = hammingDistance(copy, registered);
    expect(distance).toBeLessThanOrEqual(10);
    const unrelated = await imagePerceptualHash(await toPng(sceneImage(202)));
    expect(hammingDistance(unrelated, registered)).toBeGreaterThan(10);

    const matches = (await ok(app.url, CHECK, { h: [copy, unrelated] }, firm.token)).checkOptOutsPerceptual;
    expect(matches).toEqual([{ hash: copy, distance, optOut: expect.objectContaining({ id: optOut.id, scope: 'ALL_AI_TRAINING', allWorks: false, recognised: true }) }]);
    // A tighter distance than the copy's leaves it out.
    if (distance > 0) expect((await ok(app.url, CHECK, { h: [copy], d: distance - 1 }, firm.token)).checkOptOutsPerceptual).toEqual([]);
  });

  it('matches a perceptual hash the creator gave with an allWorks opt-out, and stops once it is withdrawn', async () => {
    const creator = await signUpCreator(app.url);
    const original = await toPng(sceneImage(303, 640, 480));
    const given = await imagePerceptualHash(original);
    const optOut = (await ok(app.url, REGISTER, { input: { allWorks: true, scope: 'GENERATIVE_TRAINING', perceptualHash: given } }, creator.token)).registerOptOut;
    expect(optOut).toMatchObject({ allWorks: true, perceptualHashes: [given] });

    const copy = await imagePerceptualHash(await jpegHalf(original));
    const [match] = (await ok(app.url, CHECK, { h: [copy] }, firm.token)).checkOptOutsPerceptual;
    expect(match).toMatchObject({ hash: copy, distance: hammingDistance(copy, given), optOut: { id: optOut.id, allWorks: true, perceptualHashes: [given] } });

    await ok(app.url, 'mutation($id: ID!) { withdrawOptOut(id: $id) { id } }', { id: optOut.id }, creator.token);
    expect((await ok(app.url, CHECK, { h: [copy] }, firm.token)).checkOptOutsPerceptual).toEqual([]);
  });

  it('covers an image registered after the creator\'s allWorks opt-out with that opt-out', async () => {
    const creator = await signUpCreator(app.url);
    const optOut = (await ok(app.url, REGISTER, { input: { allWorks: true, scope: 'ALL_AI_TRAINING' } }, creator.token)).registerOptOut;
    expect(optOut.perceptualHashes).toEqual([]);
    const original = await toPng(sceneImage(404));
    const file = await upload(creator.token, original, 'later.png', 'image/png');
    await registerWork(app.url, creator.token, { referenceFileId: file.id });

    const copy = await imagePerceptualHash(await jpegHalf(original));
    const [match] = (await ok(app.url, CHECK, { h: [copy] }, firm.token)).checkOptOutsPerceptual;
    expect(match).toMatchObject({ hash: copy, optOut: { id: optOut.id, allWorks: true, perceptualHashes: [await imagePerceptualHash(original)] } });
  });

  it('is for AI firms only', async () => {
    const creator = await signUpCreator(app.url);
    expect((await fails(app.url, CHECK, { h: ['0123456789abcdef'] }, creator.token)).code).toBe('FORBIDDEN');
    expect((await fails(app.url, CHECK, { h: ['0123456789abcdef'] }, null)).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a malformed hash or distance with BAD_USER_INPUT naming the item', async () => {
    const bad = await fails(app.url, CHECK, { h: ['0123456789abcdef', 'XYZ3456789abcdef', '0123456789ABCDEF'] }, firm.token);
    expect(bad.code).toBe('BAD_USER_INPUT');
    const fields = (bad.extensions.fields as Array<{ field: string; argument: string }>).map((f) => `${f.argument}/${f.field}`);
    expect(fields).toEqual(['hashes/hashes[1]', 'hashes/hashes[2]']);

    const tooLong = await fails(app.url, CHECK, { h: ['0123456789abcdef0'] }, firm.token);
    expect(tooLong.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(tooLong.extensions.fields)).toContain('hashes[0]');

    for (const d of [-1, 17]) {
      const far = await fails(app.url, CHECK, { h: ['0123456789abcdef'], d }, firm.token);
      expect(far.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(far.extensions.fields)).toContain('maxDistance');
    }

    const creator = await signUpCreator(app.url);
    const registering = await fails(app.url, REGISTER, { input: { allWorks: true, scope: 'ALL_AI_TRAINING', perceptualHash: 'not-a-hash' } }, creator.token);
    expect(registering.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(registering.extensions.fields)).toContain('perceptualHash');
  });
});
