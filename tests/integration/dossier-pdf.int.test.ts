import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type DossierModel, renderDossier } from '../../src/infra/pdf/dossier.pdf';

/**
 * The dossier renderer (src/infra/pdf) on its own: the SHA-256 recorded in a case's history only means something
 * if the same dossier, made at the same moment, is the same bytes — and another moment is another document.
 */

const at = new Date('2026-04-01T09:30:00Z');

function model(overrides: Partial<DossierModel> = {}): DossierModel {
  return {
    lang: 'ja', generatedAt: at, caseId: '5a98c6f2-8064-4a1b-ab5a-43f579c0abb4', reference: 'CH-2026-000042', status: 'NEGOTIATION', outcome: null, resolution: null,
    reader: { role: 'COMPLAINANT', name: '田中あおい' }, filedAt: new Date('2026-03-01T00:00:00Z'),
    complainant: { name: '田中あおい', lines: [['email', 'aoi@example.jp'], ['nationality', 'JP']] }, principals: [],
    respondent: { name: 'Model Works KK', lines: [['country', 'JP'], ['enrolled', true]] }, aiSystem: null, mediator: null,
    claim: { claimType: 'OUTPUT_REPRODUCES_WORK', stage: 'GENERATION', statement: '私のイラストが出力されます。', requestedRemedies: ['OUTPUT_FILTER'], claimedAmountJpy: 500000, facts: [] },
    works: [{ title: '青い港', kind: 'ILLUSTRATION', firstPublishedAt: new Date('2020-04-01T00:00:00Z'), firstPublicationCountry: 'JP', contentHash: null, canonicalUrl: null }],
    evidence: [], assessment: null, earlierAssessments: [], offers: [], settlement: null, recommendation: null,
    history: [{ seq: 1, type: 'FILED', fromStatus: null, toStatus: 'FILED', actor: 'COMPLAINANT', at: new Date('2026-03-01T00:00:00Z'), detail: null }],
    ...overrides,
  };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('dossier PDF rendering', () => {
  it('is byte-stable: the same model made at the same moment gives the same bytes', async () => {
    const [a, b] = [await renderDossier(model()), await renderDossier(model())];
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha256(a)).toBe(sha256(b));
  });

  it('another moment or another language is another document', async () => {
    const base = sha256(await renderDossier(model()));
    expect(sha256(await renderDossier(model({ generatedAt: new Date(at.getTime() + 1000) })))).not.toBe(base);
    expect(sha256(await renderDossier(model({ lang: 'en' })))).not.toBe(base);
  });

  it('embeds only a subset of the font: a dossier is kilobytes, not the font\'s megabytes', async () => {
    const pdf = await renderDossier(model());
    expect(pdf.length).toBeLessThan(150_000);
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansJP-Regular/);
  });
});
