import { describe, expect, it } from 'vitest';
import countriesJson from '../../reference/countries.json';
import agreementsJson from '../../reference/reciprocity-agreements.json';
import { ClaimType, CreatorKind, Finding } from '../../src/domain/enums';
import type { EligibilityOutcome, EligibilityQuery } from '../../src/domain/types';
import { assessEligibility, loadReferenceData, type CountriesJson } from '../../src/domain/reciprocity';

/** Issue 15 point 4: the author's law follows the author, not the account filing. */
const REF = loadReferenceData(countriesJson as CountriesJson, agreementsJson);
const AS_OF = new Date('2026-06-01T09:00:00Z');
const ymd = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const rule = (o: EligibilityOutcome, code: string) => o.rules.find((r) => r.code === code)!;

/** A Japanese publisher's complaint against a Japanese firm that trains and serves in Japan. */
function publisher(over: Partial<EligibilityQuery> = {}): EligibilityQuery {
  return {
    creatorNationality: 'JP', creatorKind: CreatorKind.PUBLISHER, creatorPrincipalOfficeCountry: 'JP',
    claimType: ClaimType.OUTPUT_REPRODUCES_WORK, respondentCountry: 'JP', trainingServerInJapan: true, outputServedInJapan: true, asOf: AS_OF, ...over,
  };
}

describe('the author\'s law follows the author', () => {
  // A Chinese author who died in 1975; the work was first published in China in 1960.
  const chineseWork = { workFirstPublicationCountry: 'CN', workFirstPublishedAt: new Date('1960-05-01T00:00:00Z') };

  it('a Japanese publisher\'s complaint about a Chinese author\'s work gets the Chinese author\'s treatment (Art. 6(iii), Art. 58: 50 years)', () => {
    const o = assessEligibility(publisher({ ...chineseWork, authors: [{ name: 'Lu Xun-like author', nationality: 'CN', deathYear: 1975 }] }), REF);
    expect(rule(o, 'PROTECTED_WORK').finding).toBe(Finding.MET);
    expect(rule(o, 'PROTECTED_WORK').data).toMatchObject({ basis: 'TREATY_NATIONALITY', creatorNationality: 'CN', author: 'Lu Xun-like author' });
    expect(rule(o, 'PROTECTED_WORK').explanation.en).toContain('Lu Xun-like author');
    expect(rule(o, 'TERM').finding).toBe(Finding.NOT_MET);
    expect(rule(o, 'TERM').citation).toContain('Art. 58');
    expect(rule(o, 'TERM').explanation.en).toContain('2025-12-31');
    expect(o.eligible).toBe(false);
  });

  it('the same complaint described by the account alone (no authors recorded) is a Japanese corporation\'s work, in term to 2045', () => {
    const o = assessEligibility(publisher({ ...chineseWork, authorDeathYear: 1975 }), REF);
    expect(rule(o, 'PROTECTED_WORK').data).toMatchObject({ basis: 'JAPANESE_CORPORATION' });
    expect(rule(o, 'TERM').finding).toBe(Finding.MET);
    expect(ymd(o.protectedUntil)).toBe('2045-12-31');
    expect(o.eligible).toBe(true);
  });

  it('a joint work runs from the death of the last surviving author (Art. 51(2)), protected through its Japanese author', () => {
    const o = assessEligibility(publisher({
      workFirstPublicationCountry: 'JP', workFirstPublishedAt: new Date('1960-05-01T00:00:00Z'),
      authors: [{ name: 'A', nationality: 'JP', deathYear: 1950 }, { name: 'B', nationality: 'US', deathYear: 1990 }],
    }), REF);
    expect(rule(o, 'PROTECTED_WORK').data).toMatchObject({ basis: 'JAPANESE_NATIONAL', author: 'A' });
    expect(rule(o, 'PROTECTED_WORK').explanation.en).toContain('joint work of 2 authors');
    expect(rule(o, 'TERM').explanation.en).toContain('died in 1990');
    expect(ymd(o.protectedUntil)).toBe('2060-12-31');
    expect(o.eligible).toBe(true);
  });

  it('a joint work with a living author is in term, whatever the others\' deaths', () => {
    const o = assessEligibility(publisher({ authors: [{ name: 'A', nationality: 'FR', deathYear: 1930 }, { name: 'B', nationality: 'FR' }] }), REF);
    expect(rule(o, 'TERM').finding).toBe(Finding.MET);
    expect(o.protectedUntil).toBeNull();
  });

  it('a stateless author habitually resident in a Berne country is protected (Berne Art. 3(2))', () => {
    const o = assessEligibility(publisher({ authors: [{ name: 'S', nationality: null, habitualResidence: 'FR' }] }), REF);
    expect(rule(o, 'PROTECTED_WORK').finding).toBe(Finding.MET);
    expect(rule(o, 'PROTECTED_WORK').data).toMatchObject({ basis: 'TREATY_HABITUAL_RESIDENCE', treaties: ['BERNE', 'TRIPS', 'WCT'] });
    expect(rule(o, 'PROTECTED_WORK').citation).toContain('Art. 3(2)');
  });

  it('a refugee from a country Japan has no treaty relation with, habitually resident in Japan, is protected through the residence', () => {
    // A North Korean national (no recognised treaty relation) living in Japan, work first published in North Korea.
    const o = assessEligibility(publisher({
      workFirstPublicationCountry: 'KP', authors: [{ name: 'R', nationality: 'KP', habitualResidence: 'JP' }],
    }), REF);
    expect(rule(o, 'PROTECTED_WORK').finding).toBe(Finding.MET);
    expect(rule(o, 'PROTECTED_WORK').data).toMatchObject({ basis: 'TREATY_HABITUAL_RESIDENCE' });
    expect(rule(o, 'PROTECTED_WORK').explanation.en).toContain('habitually resides in');
  });

  it('an author with neither nationality nor residence leaves protection unknown, naming the author fact that is missing', () => {
    const o = assessEligibility(publisher({ authors: [{ name: 'X' }] }), REF);
    expect(rule(o, 'PROTECTED_WORK').finding).toBe(Finding.UNKNOWN);
    expect(o.missingFacts).toContain('authors.nationality');
    expect(o.missingFacts).not.toContain('creatorNationality');
  });

  it('the wartime extension follows the Allied national among the authors', () => {
    // A British author who died in 1950, work published in the UK in 1930: 3,794 days are added.
    const o = assessEligibility(publisher({
      workFirstPublicationCountry: 'GB', workFirstPublishedAt: new Date('1930-01-01T00:00:00Z'),
      authors: [{ name: 'G', nationality: 'GB', deathYear: 1950 }],
    }), REF);
    expect(rule(o, 'TERM').data).toMatchObject({ wartimeExtensionDays: 3794, wartimeBasis: 'FULL' });
  });
});
