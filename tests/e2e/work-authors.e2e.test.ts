import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { fails, ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, parties, signUpCreator } from '../support/factories';

/** Issue 15 point 4 over HTTP: works record their authors apart from the holder, and screening looks at the authors. */
let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.stop(); });

const REGISTER = `mutation($input: RegisterWorkInput!) { registerWork(input: $input) {
  id holderRole authors { name nationality habitualResidence deathYear anonymous corporate } } }`;

const publisher = () => signUpCreator(app.url, { displayName: 'Sakura Shuppan' }, { kind: 'PUBLISHER', nationality: 'JP', principalOfficeCountry: 'JP' });

describe('authors and holders', () => {
  it('a work registered with the shorthand has one author: the holder, as its profile describes it', async () => {
    const creator = await signUpCreator(app.url, { displayName: 'Aoi Tanaka' }, { nationality: 'FR' });
    const data = await ok(app.url, REGISTER, { input: { title: 'Blue Harbour', kind: 'ILLUSTRATION', authorDeathYear: null } }, creator.token);
    expect(data.registerWork.holderRole).toBe('AUTHOR');
    expect(data.registerWork.authors).toEqual([{ name: 'Aoi Tanaka', nationality: 'FR', habitualResidence: null, deathYear: null, anonymous: false, corporate: false }]);
  });

  it('a publisher records the authors and its role; the answer gives them back', async () => {
    const pub = await publisher();
    const data = await ok(app.url, REGISTER, { input: {
      title: 'Joint novel', kind: 'LITERATURE', holderRole: 'COPYRIGHT_HOLDER',
      authors: [{ name: 'Wang Li', nationality: 'cn', deathYear: 1975 }, { name: 'Anon', anonymous: true, habitualResidence: 'FR' }],
    } }, pub.token);
    expect(data.registerWork.holderRole).toBe('COPYRIGHT_HOLDER');
    expect(data.registerWork.authors).toEqual([
      { name: 'Wang Li', nationality: 'CN', habitualResidence: null, deathYear: 1975, anonymous: false, corporate: false },
      { name: 'Anon', nationality: null, habitualResidence: 'FR', deathYear: null, anonymous: true, corporate: false },
    ]);
  });

  it('refuses a holder that is not the author without authors, unknown country codes and mixing authors with the shorthand, naming the field', async () => {
    const pub = await publisher();
    const noAuthors = await fails(app.url, REGISTER, { input: { title: 'T', kind: 'MANGA', holderRole: 'EXCLUSIVE_LICENSEE' } }, pub.token);
    expect(noAuthors.code).toBe('BAD_USER_INPUT');
    expect(noAuthors.extensions.fields.map((f: any) => f.field)).toContain('authors');
    const badCode = await fails(app.url, REGISTER, { input: { title: 'T', kind: 'MANGA', authors: [{ name: 'A', nationality: 'ZZ' }] } }, pub.token);
    expect(badCode.extensions.fields.map((f: any) => f.field)).toContain('authors[0].nationality');
    const both = await fails(app.url, REGISTER, { input: { title: 'T', kind: 'MANGA', authorDeathYear: 1990, authors: [{ name: 'A', nationality: 'JP' }] } }, pub.token);
    expect(both.extensions.fields.map((f: any) => f.field)).toContain('authors');
  });

  it('a Japanese publisher\'s complaint about a Chinese author\'s work is screened on the Chinese author\'s term (Art. 58): ineligible, naming TERM', async () => {
    const { firm, system } = await parties(app.url);
    const pub = await publisher();
    const work = await ok(app.url, REGISTER, { input: {
      title: 'A Chinese novel', kind: 'LITERATURE', holderRole: 'COPYRIGHT_HOLDER', firstPublicationCountry: 'CN', firstPublishedAt: '1960-05-01T00:00:00Z',
      authors: [{ name: 'Wang Li', nationality: 'CN', deathYear: 1975 }],
    } }, pub.token);
    const filed = await fileComplaint(app.url, pub.token, complaintInput(firm.firmId, [work.registerWork.id], { aiSystemId: system.id }));
    const c = await waitFor(async () => {
      const x = await getCase(app.url, pub.token, filed.id);
      return x.status === 'CLOSED' && x;
    }, 'the case to close');
    expect(c.outcome).toBe('INELIGIBLE');
    const closing = c.events.edges.map((e: any) => e.node).find((e: any) => e.toStatus === 'CLOSED');
    expect(closing.detail.reasons.join(' ')).toMatch(/TERM/);

    // The same work held by the same publisher as its own (no authors recorded) is in term to 2045.
    const own = await ok(app.url, REGISTER, { input: {
      title: 'The same novel, described by the account', kind: 'LITERATURE', firstPublicationCountry: 'CN', firstPublishedAt: '1960-05-01T00:00:00Z', authorDeathYear: 1975,
    } }, pub.token);
    const filed2 = await fileComplaint(app.url, pub.token, complaintInput(firm.firmId, [own.registerWork.id], { aiSystemId: system.id }));
    const c2 = await waitFor(async () => {
      const x = await getCase(app.url, pub.token, filed2.id);
      return x.status !== 'FILED' && x.status !== 'SCREENING' && x;
    }, 'the second case to be screened');
    expect(c2.status).toBe('NOTICE_SENT');
  });

  it('eligibility answers for the authors given, and names the missing author fact', async () => {
    const pub = await publisher();
    const q = `query($input: EligibilityInput!) { eligibility(input: $input) { eligible missingFacts rules { code finding } } }`;
    const base = { creatorNationality: 'JP', creatorKind: 'PUBLISHER', creatorPrincipalOfficeCountry: 'JP', claimType: 'OUTPUT_REPRODUCES_WORK', respondentCountry: 'JP',
      trainingServerInJapan: true, outputServedInJapan: true, workFirstPublicationCountry: 'CN', workFirstPublishedAt: '1960-05-01T00:00:00Z' };
    const chinese = await ok(app.url, q, { input: { ...base, authors: [{ name: 'Wang Li', nationality: 'CN', deathYear: 1975 }] } }, pub.token);
    expect(chinese.eligibility.eligible).toBe(false);
    expect(chinese.eligibility.rules.find((r: any) => r.code === 'TERM').finding).toBe('NOT_MET');
    const unknown = await ok(app.url, q, { input: { ...base, workFirstPublicationCountry: null, authors: [{ name: 'X' }] } }, pub.token);
    expect(unknown.eligibility.missingFacts).toContain('authors.nationality');
  });

  it('the opt-out registry asks the same authors as screening: a Japanese publisher\'s opt-out for a Chinese author\'s work is recorded, not recognised', async () => {
    const pub = await publisher();
    const OPT_OUT = 'mutation($input: OptOutInput!) { registerOptOut(input: $input) { recognised notRecognisedReason } }';
    const own = await ok(app.url, REGISTER, { input: { title: 'Our own anthology', kind: 'LITERATURE', firstPublicationCountry: 'JP' } }, pub.token);
    const chinese = await ok(app.url, REGISTER, { input: {
      title: 'A Chinese novel', kind: 'LITERATURE', holderRole: 'COPYRIGHT_HOLDER', firstPublicationCountry: 'CN', firstPublishedAt: '2001-05-01T00:00:00Z',
      authors: [{ name: 'Wang Li', nationality: 'CN' }],
    } }, pub.token);
    const recognised = await ok(app.url, OPT_OUT, { input: { workId: own.registerWork.id, scope: 'ALL_AI_TRAINING' } }, pub.token);
    expect(recognised.registerOptOut).toEqual({ recognised: true, notRecognisedReason: null });
    const foreign = await ok(app.url, OPT_OUT, { input: { workId: chinese.registerWork.id, scope: 'ALL_AI_TRAINING' } }, pub.token);
    expect(foreign.registerOptOut.recognised).toBe(false);
    expect(foreign.registerOptOut.notRecognisedReason).toMatch(/CN|reciprocity/i);
  });
});
