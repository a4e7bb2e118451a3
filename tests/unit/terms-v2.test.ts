import { describe, expect, it } from 'vitest';
import countriesJson from '../../reference/countries.json';
import agreementsJson from '../../reference/reciprocity-agreements.json';
import { ClaimType, CreatorKind, Finding, WorkKind } from '../../src/domain/enums';
import type { EligibilityOutcome, EligibilityQuery } from '../../src/domain/types';
import { assessEligibility, loadReferenceData, type CountriesJson } from '../../src/domain/reciprocity';

/** Issue 15 point 7: Arts. 52, 54, 56, stateless authors, and the wartime extension only for rights that existed during the war. */
const REF = loadReferenceData(countriesJson as CountriesJson, agreementsJson);
const AS_OF = new Date('2026-06-01T09:00:00Z');
const ymd = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const term = (o: EligibilityOutcome) => o.rules.find((r) => r.code === 'TERM')!;
const at = (y: number, m = 5, d = 1) => new Date(Date.UTC(y, m - 1, d));

function q(over: Partial<EligibilityQuery> = {}): EligibilityQuery {
  return {
    creatorNationality: 'JP', creatorKind: CreatorKind.PUBLISHER, creatorPrincipalOfficeCountry: 'JP', workFirstPublicationCountry: 'JP',
    claimType: ClaimType.OUTPUT_REPRODUCES_WORK, respondentCountry: 'JP', trainingServerInJapan: true, outputServedInJapan: true, asOf: AS_OF, ...over,
  };
}

describe('Art. 52: anonymous and pseudonymous works', () => {
  it('runs 70 years from publication, whatever the author\'s life', () => {
    const o = assessEligibility(q({ workFirstPublishedAt: at(1975), authors: [{ name: 'Mumei', nationality: 'JP', anonymous: true }] }), REF);
    expect(term(o).data).toMatchObject({ termBasis: 'ANONYMOUS' });
    expect(term(o).citation).toContain('Art. 52');
    expect(ymd(o.protectedUntil)).toBe('2045-12-31');
    // Made public in 1960, its 50 years ended in 2010, before the TPP11 extension.
    const old = assessEligibility(q({ workFirstPublishedAt: at(1960), authors: [{ name: 'Mumei', nationality: 'JP', anonymous: true }] }), REF);
    expect(term(old).finding).toBe(Finding.NOT_MET);
    expect(term(old).data!.protectedUntil).toBe('2010-12-31');
  });

  it('ends earlier when the author is known to have died more than 70 years before (Art. 52(1) proviso)', () => {
    const o = assessEligibility(q({ workFirstPublishedAt: at(1975), authors: [{ name: 'Mumei', nationality: 'JP', anonymous: true, deathYear: 1950 }] }), REF);
    expect(term(o).explanation.en).toContain('proviso');
    expect(term(o).data!.protectedUntil).toBe('2000-12-31');
    expect(term(o).finding).toBe(Finding.NOT_MET);
  });

  it('an anonymous work that was never made public is counted on the author\'s life', () => {
    const o = assessEligibility(q({ workFirstPublicationCountry: null, authors: [{ name: 'Mumei', nationality: 'JP', anonymous: true, deathYear: 1990 }] }), REF);
    expect(term(o).data).toMatchObject({ termBasis: 'LIFE' });
    expect(ymd(o.protectedUntil)).toBe('2060-12-31');
  });

  it('a joint work with a named author is counted on the named author\'s life', () => {
    const o = assessEligibility(q({ workFirstPublishedAt: at(1960), authors: [{ name: 'Mumei', anonymous: true, nationality: 'JP' }, { name: 'Named', nationality: 'JP', deathYear: 1999 }] }), REF);
    expect(term(o).data).toMatchObject({ termBasis: 'LIFE' });
    expect(ymd(o.protectedUntil)).toBe('2069-12-31');
  });
});

describe('Art. 54: cinematographic works (anime, video)', () => {
  it('run 70 years from publication, not from the director\'s death', () => {
    const o = assessEligibility(q({ workKind: WorkKind.ANIME, workFirstPublishedAt: at(1963), authorDeathYear: 1989 }), REF);
    expect(term(o).data).toMatchObject({ termBasis: 'CINEMATOGRAPHIC' });
    expect(term(o).citation).toContain('Art. 54(1)');
    expect(ymd(o.protectedUntil)).toBe('2033-12-31');
  });

  // A film published before 1971 under an individual's name may run on its author's life (old Act, below); these two are
  // published under a corporate name, as "Shane" was.
  it('a film of 1953 stays in the public domain: its 50 years ended before the 2004 extension', () => {
    const o = assessEligibility(q({ workKind: WorkKind.VIDEO, workFirstPublishedAt: at(1953), isCorporateWork: true }), REF);
    expect(term(o).finding).toBe(Finding.NOT_MET);
    expect(term(o).data!.protectedUntil).toBe('2003-12-31');
    expect(term(o).citation).toContain('Act No. 85 of 2003');
  });

  it('a film of 1954 was extended to 70 years (2024-12-31), and is now out of term', () => {
    const o = assessEligibility(q({ workKind: WorkKind.VIDEO, workFirstPublishedAt: at(1954), isCorporateWork: true }), REF);
    expect(term(o).data!.protectedUntil).toBe('2024-12-31');
  });

  it('an unpublished film is taken as in term, saying so', () => {
    const o = assessEligibility(q({ workKind: WorkKind.ANIME, workFirstPublicationCountry: null }), REF);
    expect(term(o).finding).toBe(Finding.MET);
    expect(term(o).explanation.en).toContain('taken as created within the last 70 years');
  });
});

describe('films published before 1971: the old Act\'s life term where longer (Supplementary Provisions Art. 7)', () => {
  // Old Act Art. 22-3, Art. 3: a film with originality is an author's work, life + 30 years, extended to 38 (deaths from 1932).
  // Kurosawa (died 1998): Tokyo District Court 14 September 2007, to 2036. Chaplin (died 1977): Supreme Court 8 October 2009,
  // to 2015; "Limelight" (1952) was still protected on 1 January 2004, so it got the 70 years, to 2022.
  const film = (over: Partial<EligibilityQuery>) => assessEligibility(q({ workKind: WorkKind.VIDEO, ...over }), REF);

  it('a 1950 film by a director who died in 1998 is protected until 2036-12-31 (its 50 years ended in 2000)', () => {
    const o = film({ workKind: WorkKind.ANIME, workFirstPublishedAt: at(1950), authors: [{ name: 'Director', nationality: 'JP', deathYear: 1998 }] });
    expect(term(o).finding).toBe(Finding.MET);
    expect(ymd(o.protectedUntil)).toBe('2036-12-31');
    expect(term(o).data).toMatchObject({ oldActTermApplied: true, oldActProtectedUntil: '2036-12-31', oldActTermYears: 38, newActProtectedUntil: '2020-12-31', authorDeathYear: 1998 });
    expect(term(o).explanation.en).toContain('Supplementary Provisions Art. 7');
    expect(term(o).explanation.en).toContain('old Copyright Act (Act No. 39 of 1899)');
    expect(term(o).explanation.en).toContain('died in 1998');
    expect(term(o).explanation.ja).toContain('附則第7条');
    expect(term(o).citation).toContain('Supplementary Provisions Art. 7');
    expect(term(o).citation).toContain('Art. 22-3');
  });

  it('authorDeathYear given without authors counts the same way', () => {
    const o = film({ workFirstPublishedAt: at(1950), authorDeathYear: 1998 });
    expect(term(o).data!.protectedUntil).toBe('2036-12-31');
  });

  it('a 1936 film whose author died in 1977: the old Act decides, to 2015-12-31, out of term in 2026', () => {
    const o = film({ workFirstPublishedAt: at(1936), authors: [{ name: 'Director', nationality: 'JP', deathYear: 1977 }] });
    expect(term(o).finding).toBe(Finding.NOT_MET);
    expect(term(o).data).toMatchObject({ protectedUntil: '2015-12-31', oldActTermApplied: true, newActProtectedUntil: '2006-12-31' });
  });

  it('a 1952 film whose author died in 1977: still protected on 1 January 2004 by the old Act, so 70 years from publication (2022-12-31), out of term in 2026', () => {
    const o = film({ workFirstPublishedAt: at(1952), authors: [{ name: 'Director', nationality: 'JP', deathYear: 1977 }] });
    expect(term(o).finding).toBe(Finding.NOT_MET);
    expect(term(o).data).toMatchObject({ protectedUntil: '2022-12-31', oldActTermApplied: false, oldActProtectedUntil: '2015-12-31', regime: 'EXTENDED_BY_TPP11' });
    expect(term(o).explanation.en).toContain('still ran on 1 January 2004');
  });

  it('a British author (an Allied Power) who died in 1977, film of 1936 first published in Britain: 2015-12-31 plus 3,794 wartime days', () => {
    const chaplin = (asOf: Date) => film({ asOf, workFirstPublicationCountry: 'GB', workFirstPublishedAt: at(1936), authors: [{ name: 'C', nationality: 'GB', deathYear: 1977 }] });
    const o = chaplin(AS_OF);
    expect(term(o).data).toMatchObject({ protectedUntil: '2026-05-21', oldActTermApplied: true, wartimeBasis: 'FULL', wartimeExtensionDays: 3794, art58Applied: false });
    expect(term(o).finding).toBe(Finding.NOT_MET);
    expect(term(chaplin(new Date('2026-05-01T00:00:00Z'))).finding).toBe(Finding.MET);
  });

  it('a joint film runs on the last surviving author', () => {
    const o = film({ workFirstPublishedAt: at(1950), authors: [{ name: 'A', nationality: 'JP', deathYear: 1980 }, { name: 'B', nationality: 'JP', deathYear: 1998 }] });
    expect(ymd(o.protectedUntil)).toBe('2036-12-31');
  });

  it('a corporate film of 1953 is unchanged: expired 2003-12-31', () => {
    const o = film({ workFirstPublishedAt: at(1953), isCorporateWork: true, authorDeathYear: 1998 });
    expect(term(o).finding).toBe(Finding.NOT_MET);
    expect(term(o).data!.protectedUntil).toBe('2003-12-31');
    expect(term(o).data!.oldActTermApplied).toBeUndefined();
  });

  it('a film of 1975 is unchanged: 70 years from publication', () => {
    const o = film({ workFirstPublishedAt: at(1975), authors: [{ name: 'Director', nationality: 'JP', deathYear: 2020 }] });
    expect(ymd(o.protectedUntil)).toBe('2045-12-31');
    expect(term(o).data!.oldActTermApplied).toBeUndefined();
  });

  it('an author who died before the film was published: the old Act counted from publication (Art. 4), so the current Act decides', () => {
    const o = film({ workFirstPublishedAt: at(1950), authors: [{ name: 'Director', nationality: 'JP', deathYear: 1949 }] });
    expect(term(o).finding).toBe(Finding.NOT_MET);
    expect(term(o).data).toMatchObject({ protectedUntil: '2000-12-31', oldActTermApplied: false, oldActProtectedUntil: null });
  });

  it('a 1950 film with no death year is UNKNOWN, not NOT_MET: the old Act\'s life term may still run', () => {
    const o = film({ workFirstPublishedAt: at(1950), authors: [{ name: 'Director', nationality: 'JP' }] });
    expect(term(o).finding).toBe(Finding.UNKNOWN);
    expect(o.missingFacts).toContain('authors.deathYear');
    expect(o.protectedUntil).toBeNull();
    const bare = film({ workFirstPublishedAt: at(1950) });
    expect(term(bare).finding).toBe(Finding.UNKNOWN);
    expect(bare.missingFacts).toContain('authorDeathYear');
  });

  it('a 1965 film with no death year is MET: its current-Act term runs to 2035', () => {
    const o = film({ workFirstPublishedAt: at(1965), authors: [{ name: 'Director', nationality: 'JP' }] });
    expect(term(o).finding).toBe(Finding.MET);
    expect(ymd(o.protectedUntil)).toBe('2035-12-31');
  });
});

describe('Art. 56: works published in instalments', () => {
  it('a publication-based term says the date given is taken as the instalment\'s own', () => {
    const o = assessEligibility(q({ isCorporateWork: true, workFirstPublishedAt: at(1990) }), REF);
    expect(term(o).citation).toContain('Art. 56');
    expect(term(o).explanation.en).toContain('instalments');
    expect(ymd(o.protectedUntil)).toBe('2060-12-31');
  });
});

describe('the wartime extension runs only for rights that existed during the war', () => {
  it('a British author who died in 1905: the old Act\'s 30 years had run out in 1935, no extension', () => {
    const o = assessEligibility(q({ asOf: new Date('1950-01-01T00:00:00Z'), workFirstPublicationCountry: 'GB', workFirstPublishedAt: at(1900), authors: [{ name: 'G', nationality: 'GB', deathYear: 1905 }] }), REF);
    expect(term(o).data).toMatchObject({ wartimeBasis: 'NO_RIGHT_DURING_WAR', wartimeExtensionDays: 0 });
    expect(term(o).explanation.en).toContain('only rights that existed during the war');
  });

  it('a British author who died in 1930 (work of 1920) gets the full 3,794 days', () => {
    const o = assessEligibility(q({ workFirstPublicationCountry: 'GB', workFirstPublishedAt: at(1920), authors: [{ name: 'G', nationality: 'GB', deathYear: 1930 }] }), REF);
    expect(term(o).data).toMatchObject({ wartimeBasis: 'FULL', wartimeExtensionDays: 3794 });
  });
});

describe('New Zealand, Pakistan and Lebanon: the wartime extension is not delayed to a later Berne accession (issue 15 point 7)', () => {
  // JASRAC (https://www.jasrac.or.jp/info/wplus.html) names all 15 Allied Powers, NZ, PK and LB among them, as countries Japan
  // owed protection to by copyright treaty during the war; the day counts (3,794; 4,413) run from 8 December 1941.
  const allied = (nationality: string, published: Date, deathYear = 1950) => term(assessEligibility(q({
    asOf: new Date('1990-01-01T00:00:00Z'), workFirstPublicationCountry: nationality, workFirstPublishedAt: published,
    authors: [{ name: 'A', nationality, deathYear }],
  }), REF));

  it('a New Zealand author\'s work of 1930 gets the full 3,794 days (Art. 4(1)); NZ acceded to Berne in 1928, so nothing is explained away', () => {
    const t = allied('NZ', at(1930));
    expect(t.data).toMatchObject({ wartimeBasis: 'FULL', wartimeExtensionDays: 3794, peaceTreatyInForce: '1952-04-28' });
    expect(t.data?.ownBerneAccession).toBeUndefined();
  });

  it('a Pakistani author\'s work of 1935 gets the full 3,794 days, though Pakistan\'s own Berne accession is dated 1948, and says why', () => {
    const t = allied('PK', at(1935));
    expect(t.data).toMatchObject({ wartimeBasis: 'FULL', wartimeExtensionDays: 3794, ownBerneAccession: '1948-07-05' });
    expect(t.explanation.en).toContain('is not delayed to that accession');
    expect(t.explanation.en).toContain('Art. 4(1)');
    expect(t.explanation.ja).toContain('同条第2項');
  });

  it('a Lebanese author\'s work of 1938 gets the full 4,413 days, to the day before the Peace Treaty came into force for Lebanon', () => {
    const t = allied('LB', at(1938));
    expect(t.data).toMatchObject({ wartimeBasis: 'FULL', wartimeExtensionDays: 4413, peaceTreatyInForce: '1954-01-07', ownBerneAccession: '1947-09-30' });
  });

  it('a right acquired during the war runs from its acquisition (Art. 4(2)), not from the accession', () => {
    const lb = allied('LB', at(1946, 3, 1));
    expect(lb.data).toMatchObject({ wartimeBasis: 'PARTIAL', wartimeExtensionDays: 2869 }); // 1946-03-01 .. 1954-01-06
    const pk = allied('PK', at(1947, 9, 1));
    expect(pk.data).toMatchObject({ wartimeBasis: 'PARTIAL', wartimeExtensionDays: 1701 }); // 1947-09-01 .. 1952-04-27
    const nz = allied('NZ', at(1945, 6, 1));
    expect(nz.data).toMatchObject({ wartimeBasis: 'PARTIAL', wartimeExtensionDays: 2523 }); // 1945-06-01 .. 1952-04-27
  });
});
