import { afterEach, describe, expect, it, vi } from 'vitest';
import countriesJson from '../../reference/countries.json';
import agreementsJson from '../../reference/reciprocity-agreements.json';
import demoAgreementsJson from '../../reference/demo-agreements.json';
import { ClaimType, CreatorKind, Finding, Protection, RuleLayer, Treaty, UseStage } from '../../src/domain/enums';
import type { EligibilityOutcome, EligibilityQuery, ReferenceData, RuleFindingData } from '../../src/domain/types';
import {
  assessEligibility, loadReferenceData, ReferenceDataError, refusals, type CountriesJson,
} from '../../src/domain/reciprocity';

const AS_OF = new Date('2026-06-01T09:00:00Z');
const ALL_FIVE = [
  Protection.COPYRIGHT, Protection.OPT_OUT_RECOGNITION, Protection.DISPUTE_ACCESS, Protection.DAMAGES_PARITY, Protection.TRANSPARENCY_DUTY,
];

const countries = countriesJson as CountriesJson;
const REF = loadReferenceData(countries, agreementsJson);
const DEMO = loadReferenceData(countries, demoAgreementsJson);
const agreementRef = (...agreements: { partnerCountry: string; inForceFrom: string; inForceTo?: string | null; protections: string[] }[]): ReferenceData =>
  loadReferenceData(countries, { agreements: agreements.map((a) => ({ inForceTo: null, ...a })) });
/** A test-made agreement with the US extending only opt-out recognition. */
const US_OPT_OUT = agreementRef({ partnerCountry: 'US', inForceFrom: '2025-01-01', protections: ['OPT_OUT_RECOGNITION'] });

/** A Japanese individual's complaint against a Japanese firm that trains and serves in Japan. */
function query(over: Partial<EligibilityQuery> = {}): EligibilityQuery {
  return {
    creatorNationality: 'JP',
    creatorKind: CreatorKind.INDIVIDUAL,
    claimType: ClaimType.OUTPUT_REPRODUCES_WORK,
    respondentCountry: 'JP',
    trainingServerInJapan: true,
    outputServedInJapan: true,
    asOf: AS_OF,
    ...over,
  };
}

type Code = 'PROTECTED_WORK' | 'TERM' | 'PROTECTIONS' | 'CLAIM_ACCESS' | 'APPLICABLE_LAW' | 'CROSS_BORDER_REFERRAL';

interface Case {
  name: string;
  q: Partial<EligibilityQuery>;
  ref?: ReferenceData;
  eligible: boolean;
  findings?: Partial<Record<Code, Finding>>;
  /** `YYYY-MM-DD`, or null. */
  protectedUntil?: string | null;
  protections?: Protection[];
  missingFacts?: string[];
  crossBorderReferral?: { partnerCountry: string } | null;
  /** Strings each rule's English explanation must contain (the deciding data). */
  mentions?: Partial<Record<Code, string[]>>;
  /** Strings each rule's citation must contain. */
  cites?: Partial<Record<Code, string[]>>;
  /** Fields each rule's data must hold. */
  data?: Partial<Record<Code, Record<string, unknown>>>;
}

function rule(outcome: EligibilityOutcome, code: Code): RuleFindingData {
  const r = outcome.rules.find((x) => x.code === code);
  if (!r) throw new Error(`rule ${code} missing`);
  return r;
}

function check(c: Case): void {
  const outcome = assessEligibility(query(c.q), c.ref ?? REF);
  expect(outcome.rules.map((r) => r.code)).toEqual(['PROTECTED_WORK', 'TERM', 'PROTECTIONS', 'CLAIM_ACCESS', 'APPLICABLE_LAW', 'CROSS_BORDER_REFERRAL']);
  for (const r of outcome.rules) {
    expect(r.explanation.en.length, `${r.code} en`).toBeGreaterThan(20);
    expect(r.explanation.ja.length, `${r.code} ja`).toBeGreaterThan(10);
    expect(r.citation, `${r.code} citation`).toBeTruthy();
    expect(r.data, `${r.code} data`).toBeDefined();
  }
  for (const [code, finding] of Object.entries(c.findings ?? {})) {
    expect(rule(outcome, code as Code).finding, `${code}: ${rule(outcome, code as Code).explanation.en}`).toBe(finding);
  }
  expect(outcome.eligible).toBe(c.eligible);
  if (c.protectedUntil !== undefined) {
    expect(outcome.protectedUntil ? outcome.protectedUntil.toISOString().slice(0, 10) : null).toBe(c.protectedUntil);
    if (outcome.protectedUntil) expect(outcome.protectedUntil.toISOString().slice(10)).toBe('T00:00:00.000Z');
  }
  if (c.protections) expect(outcome.protections).toEqual(c.protections);
  if (c.missingFacts) expect([...outcome.missingFacts].sort()).toEqual([...c.missingFacts].sort());
  if (c.crossBorderReferral !== undefined) expect(outcome.crossBorderReferral).toEqual(c.crossBorderReferral);
  for (const [code, needles] of Object.entries(c.mentions ?? {})) {
    for (const n of needles) expect(rule(outcome, code as Code).explanation.en, `${code} explanation`).toContain(n);
  }
  for (const [code, needles] of Object.entries(c.cites ?? {})) {
    for (const n of needles) expect(rule(outcome, code as Code).citation, `${code} citation`).toContain(n);
  }
  for (const [code, fields] of Object.entries(c.data ?? {})) {
    expect(rule(outcome, code as Code).data, `${code} data`).toMatchObject(fields);
  }
  // Every refusal names its rule, an explanation and the data it used.
  if (!outcome.eligible) {
    const refused = refusals(outcome);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(Object.keys(r.data ?? {}).length).toBeGreaterThan(0);
  }
}

// ---------------------------------------------------------------- Art. 6

const art6Cases: Case[] = [
  {
    name: 'eligible: a Japanese national is protected under Art. 6(i) and gets all five protections',
    q: { creatorNationality: 'JP', authorDeathYear: null },
    eligible: true,
    findings: { PROTECTED_WORK: Finding.MET, TERM: Finding.MET, CLAIM_ACCESS: Finding.MET, APPLICABLE_LAW: Finding.MET },
    protections: ALL_FIVE,
    protectedUntil: null,
    mentions: { PROTECTED_WORK: ['Japanese national', 'JP'] },
    cites: { PROTECTED_WORK: ['Copyright Act (Act No. 48 of 1970) Art. 6(i)'] },
    data: { PROTECTED_WORK: { basis: 'JAPANESE_NATIONAL', creatorNationality: 'JP' } },
  },
  {
    name: 'eligible: a corporation incorporated in the US with its principal office in Japan counts as Japanese (Art. 6(i))',
    q: { creatorNationality: 'US', creatorKind: CreatorKind.CORPORATION, creatorPrincipalOfficeCountry: 'JP', isCorporateWork: true, workFirstPublishedAt: new Date('2001-03-15') },
    eligible: true,
    findings: { PROTECTED_WORK: Finding.MET },
    protections: ALL_FIVE,
    mentions: { PROTECTED_WORK: ['principal office in Japan', 'JP'] },
    cites: { PROTECTED_WORK: ['Art. 6(i)'] },
    data: { PROTECTED_WORK: { basis: 'JAPANESE_CORPORATION', creatorPrincipalOfficeCountry: 'JP' } },
  },
  {
    name: 'eligible: a publisher established under Japanese law (nationality JP) is Japanese under Art. 6(i)',
    q: { creatorNationality: 'JP', creatorKind: CreatorKind.PUBLISHER },
    eligible: true,
    findings: { PROTECTED_WORK: Finding.MET },
    data: { PROTECTED_WORK: { basis: 'JAPANESE_CORPORATION' } },
  },
  {
    name: 'eligible: a US national is protected by treaty (Berne since 1989, WTO, WCT) with COPYRIGHT only',
    q: { creatorNationality: 'US', authorDeathYear: 2010, workFirstPublicationCountry: 'US' },
    eligible: true,
    findings: { PROTECTED_WORK: Finding.MET, PROTECTIONS: Finding.MET },
    protections: [Protection.COPYRIGHT],
    protectedUntil: '2080-12-31',
    mentions: { PROTECTED_WORK: ['US (United States of America)', 'BERNE', '2026-06-01'], PROTECTIONS: ['national treatment', 'no reciprocity agreement'] },
    cites: { PROTECTED_WORK: ['Art. 6(iii)', 'Berne Convention'] },
    data: { PROTECTED_WORK: { basis: 'TREATY_NATIONALITY', treaties: [Treaty.BERNE, Treaty.TRIPS, Treaty.WCT, Treaty.UCC] } },
  },
  {
    name: 'eligible: a French national is protected by treaty (Berne since 1887)',
    q: { creatorNationality: 'FR', workFirstPublicationCountry: 'FR', authorDeathYear: 1990 },
    eligible: true,
    findings: { PROTECTED_WORK: Finding.MET },
    protections: [Protection.COPYRIGHT],
    protectedUntil: '2060-12-31',
    mentions: { PROTECTED_WORK: ['FR (France)'] },
  },
  {
    name: 'eligible: a Chinese national is protected by treaty (Berne since 1992-10-15)',
    q: { creatorNationality: 'CN', workFirstPublicationCountry: 'CN' },
    eligible: true,
    findings: { PROTECTED_WORK: Finding.MET },
    mentions: { PROTECTED_WORK: ['CN (China)', 'BERNE'] },
  },
  {
    name: 'eligible: a Taiwanese creator is protected through TRIPS (WTO member since 2002), not Berne',
    q: { creatorNationality: 'TW', workFirstPublicationCountry: 'TW' },
    eligible: true,
    findings: { PROTECTED_WORK: Finding.MET },
    protections: [Protection.COPYRIGHT],
    mentions: { PROTECTED_WORK: ['TW', 'TRIPS'] },
    data: { PROTECTED_WORK: { basis: 'TREATY_NATIONALITY', treaties: [Treaty.TRIPS] } },
  },
  {
    name: 'ineligible: a Taiwanese work first published in Taiwan on 2001-06-01 was not protected before TW joined the WTO on 2002-01-01',
    q: { creatorNationality: 'TW', workFirstPublicationCountry: 'TW', publishedInJapanWithin30Days: false, asOf: new Date('2001-06-01') },
    eligible: false,
    findings: { PROTECTED_WORK: Finding.NOT_MET },
    protections: [],
    mentions: { PROTECTED_WORK: ['TW', '2001-06-01', 'TRIPS from 2002-01-01'] },
  },
  {
    name: 'ineligible: a North Korean (KP) work first published in KP is not protected — Japan recognises no treaty relation with KP',
    q: { creatorNationality: 'KP', workFirstPublicationCountry: 'KP', publishedInJapanWithin30Days: false },
    eligible: false,
    findings: { PROTECTED_WORK: Finding.NOT_MET, PROTECTIONS: Finding.NOT_MET, CLAIM_ACCESS: Finding.NOT_MET },
    protections: [],
    protectedUntil: null,
    missingFacts: [],
    mentions: { PROTECTED_WORK: ['KP', 'no treaty relation'], CLAIM_ACCESS: ['not protected in Japan'] },
    cites: { PROTECTED_WORK: ['Supreme Court', '2011'] },
  },
  {
    name: 'eligible: a North Korean national\'s work first published in Japan is protected under Art. 6(ii)',
    q: { creatorNationality: 'KP', workFirstPublicationCountry: 'JP' },
    eligible: true,
    findings: { PROTECTED_WORK: Finding.MET },
    protections: ALL_FIVE,
    data: { PROTECTED_WORK: { basis: 'FIRST_PUBLISHED_IN_JAPAN' } },
    cites: { PROTECTED_WORK: ['Art. 6(ii)'] },
  },
  {
    name: 'eligible: a work first published in Iran (no treaty) and in Japan within 30 days is first published in Japan (Art. 6(ii))',
    q: { creatorNationality: 'IR', workFirstPublicationCountry: 'IR', publishedInJapanWithin30Days: true },
    eligible: true,
    findings: { PROTECTED_WORK: Finding.MET },
    mentions: { PROTECTED_WORK: ['IR (Iran', 'within 30 days'] },
    data: { PROTECTED_WORK: { basis: 'PUBLISHED_IN_JAPAN_WITHIN_30_DAYS' } },
  },
  {
    name: 'ineligible: a work first published in Iran and in Japan only after 30 days has no Art. 6 link (IR is in no treaty)',
    q: { creatorNationality: 'IR', workFirstPublicationCountry: 'IR', publishedInJapanWithin30Days: false },
    eligible: false,
    findings: { PROTECTED_WORK: Finding.NOT_MET },
    mentions: { PROTECTED_WORK: ['IR (Iran', 'BERNE, TRIPS, WCT, UCC', 'publishedInJapanWithin30Days = false'] },
  },
  {
    name: 'eligible: an Iranian author\'s work first published in France is protected by treaty through the place of publication',
    q: { creatorNationality: 'IR', workFirstPublicationCountry: 'FR' },
    eligible: true,
    findings: { PROTECTED_WORK: Finding.MET },
    protections: [Protection.COPYRIGHT],
    mentions: { PROTECTED_WORK: ['first published in FR (France)'] },
    data: { PROTECTED_WORK: { basis: 'TREATY_FIRST_PUBLICATION' } },
  },
  {
    name: 'unknown: an Iranian author without a place of first publication — missing workFirstPublicationCountry',
    q: { creatorNationality: 'IR' },
    eligible: false,
    findings: { PROTECTED_WORK: Finding.UNKNOWN, PROTECTIONS: Finding.UNKNOWN, CLAIM_ACCESS: Finding.UNKNOWN },
    missingFacts: ['workFirstPublicationCountry'],
  },
  {
    name: 'unknown: first published in Iran, whether it came out in Japan within 30 days not given — missing publishedInJapanWithin30Days',
    q: { creatorNationality: 'IR', workFirstPublicationCountry: 'IR' },
    eligible: false,
    findings: { PROTECTED_WORK: Finding.UNKNOWN },
    missingFacts: ['publishedInJapanWithin30Days'],
  },
  {
    name: 'ineligible: an unknown nationality code "XX" is NOT_MET and the refusal names the code',
    q: { creatorNationality: 'XX', workFirstPublicationCountry: 'XX', publishedInJapanWithin30Days: false },
    eligible: false,
    findings: { PROTECTED_WORK: Finding.NOT_MET },
    mentions: { PROTECTED_WORK: ['"XX"', 'not a known country code'] },
    data: { PROTECTED_WORK: { creatorNationality: 'XX', unknownCountryCode: true } },
  },
  {
    name: 'unknown: a foreign corporation from a non-treaty country without its principal office country — missing creatorPrincipalOfficeCountry',
    q: { creatorNationality: 'IR', creatorKind: CreatorKind.CORPORATION, workFirstPublicationCountry: 'IR', publishedInJapanWithin30Days: false },
    eligible: false,
    findings: { PROTECTED_WORK: Finding.UNKNOWN },
    missingFacts: ['creatorPrincipalOfficeCountry'],
  },
  {
    name: 'eligible: country codes are normalised ("us " is US)',
    q: { creatorNationality: 'us ', respondentCountry: 'jp' },
    eligible: true,
    findings: { PROTECTED_WORK: Finding.MET },
    data: { PROTECTED_WORK: { creatorNationality: 'US' } },
  },
];

// ---------------------------------------------------------------- term

const termCases: Case[] = [
  {
    name: 'ineligible: a Japanese author who died in 1960 — life + 50 ended 2010-12-31',
    q: { authorDeathYear: 1960 },
    eligible: false,
    findings: { TERM: Finding.NOT_MET },
    protectedUntil: '2010-12-31',
    mentions: { TERM: ['1960', '2010-12-31', 'public domain'] },
  },
  {
    name: 'ineligible: a Japanese author who died in 1967 — expired 2017-12-31, before the 2018-12-30 extension, and stays expired',
    q: { authorDeathYear: 1967 },
    eligible: false,
    findings: { TERM: Finding.NOT_MET },
    protectedUntil: '2017-12-31',
    mentions: { TERM: ['1967', '2017-12-31', '30 December 2018', 'does not revive'] },
    cites: { TERM: ['Art. 51(2), Art. 57', 'Act No. 108 of 2016'] },
    data: { TERM: { regime: 'EXPIRED_BEFORE_TPP11', termYears: 50 } },
  },
  {
    name: 'eligible: a Japanese author who died in 1968 — still protected on 2018-12-30, so life + 70 to 2038-12-31',
    q: { authorDeathYear: 1968 },
    eligible: true,
    findings: { TERM: Finding.MET },
    protectedUntil: '2038-12-31',
    mentions: { TERM: ['1968', '2038-12-31', '30 December 2018'] },
    data: { TERM: { regime: 'EXTENDED_BY_TPP11', termYears: 70 } },
  },
  {
    name: 'eligible: a Japanese author who died in 2000 — protected until 2070-12-31',
    q: { authorDeathYear: 2000 },
    eligible: true,
    findings: { TERM: Finding.MET },
    protectedUntil: '2070-12-31',
  },
  {
    name: 'eligible: judged on 2015-01-01, a 1968 death gave the then-current life + 50, to 2018-12-31',
    q: { authorDeathYear: 1968, asOf: new Date('2015-01-01') },
    eligible: true,
    findings: { TERM: Finding.MET },
    protectedUntil: '2018-12-31',
    data: { TERM: { regime: 'BEFORE_TPP11' } },
  },
  {
    name: 'eligible: Art. 58 — a Chinese author (CN term life + 50) who died in 2000 is protected only to 2050-12-31',
    q: { creatorNationality: 'CN', workFirstPublicationCountry: 'CN', authorDeathYear: 2000 },
    eligible: true,
    findings: { TERM: Finding.MET },
    protectedUntil: '2050-12-31',
    mentions: { TERM: ['Art. 58', 'CN (China)', '50 years'] },
    cites: { TERM: ['Art. 58'] },
    data: { TERM: { art58Applied: true, countryOfOrigin: 'CN', originTermYears: 50 } },
  },
  {
    name: 'ineligible: Art. 58 — a Chinese author who died in 1970 is out of term after 2020-12-31 (life + 50 in CN)',
    q: { creatorNationality: 'CN', workFirstPublicationCountry: 'CN', authorDeathYear: 1970 },
    eligible: false,
    findings: { TERM: Finding.NOT_MET },
    protectedUntil: '2020-12-31',
    mentions: { TERM: ['Art. 58', '2020-12-31'] },
  },
  {
    name: 'eligible: Art. 58 does not shorten a Chinese author\'s work first published in Japan (origin JP): 2070-12-31',
    q: { creatorNationality: 'CN', workFirstPublicationCountry: 'JP', authorDeathYear: 2000 },
    eligible: true,
    protectedUntil: '2070-12-31',
    data: { TERM: { art58Applied: false, countryOfOrigin: 'JP' } },
  },
  {
    name: 'eligible: Art. 58 with simultaneous publication in CN and JP within 30 days — the shorter-term country CN is the origin: 2050-12-31',
    q: { creatorNationality: 'CN', workFirstPublicationCountry: 'CN', publishedInJapanWithin30Days: true, authorDeathYear: 2000 },
    eligible: true,
    protectedUntil: '2050-12-31',
    data: { TERM: { art58Applied: true, countryOfOrigin: 'CN' } },
  },
  {
    name: 'eligible: a US (Allied) author who died in 1960, work of 1935 — 50 years + 3794 days reached 2021-05-21, so life + 70 + 3794 days: 2041-05-21',
    q: { creatorNationality: 'US', workFirstPublicationCountry: 'US', authorDeathYear: 1960, workFirstPublishedAt: new Date('1935-05-01') },
    eligible: true,
    findings: { TERM: Finding.MET },
    protectedUntil: '2041-05-21',
    mentions: { TERM: ['Allied Power', '3794 days', '1952-04-28', '2041-05-21'] },
    cites: { TERM: ['Act No. 302 of 1952 (Allied Nationals\' Copyright Special Provisions) Art. 4'] },
    data: { TERM: { wartimeExtensionDays: 3794, wartimeBasis: 'FULL', peaceTreatyInForce: '1952-04-28' } },
  },
  {
    name: 'eligible: a US author who died in 1968, work of 1940 — 2038-12-31 + 3794 days = 2049-05-21',
    q: { creatorNationality: 'US', workFirstPublicationCountry: 'US', authorDeathYear: 1968, workFirstPublishedAt: new Date('1940-01-01') },
    eligible: true,
    protectedUntil: '2049-05-21',
  },
  {
    name: 'ineligible: a US author who died in 1937 — 1987-12-31 + 3794 days expired 1998-05-21',
    q: { creatorNationality: 'US', workFirstPublicationCountry: 'US', authorDeathYear: 1937 },
    eligible: false,
    findings: { TERM: Finding.NOT_MET },
    protectedUntil: '1998-05-21',
    mentions: { TERM: ['1998-05-21'] },
    data: { TERM: { wartimeBasis: 'FULL' } },
  },
  {
    name: 'eligible: a UK work first published 1950-01-01 gets only the 848 days to the Peace Treaty: 2060-12-31 + 848 = 2063-04-28',
    q: { creatorNationality: 'GB', workFirstPublicationCountry: 'GB', authorDeathYear: 1990, workFirstPublishedAt: new Date('1950-01-01') },
    eligible: true,
    protectedUntil: '2063-04-28',
    data: { TERM: { wartimeExtensionDays: 848, wartimeBasis: 'PARTIAL' } },
  },
  {
    name: 'eligible: a US work first published in 1960, after the Peace Treaty, gets no wartime extension: 2060-12-31',
    q: { creatorNationality: 'US', workFirstPublicationCountry: 'US', authorDeathYear: 1990, workFirstPublishedAt: new Date('1960-06-01') },
    eligible: true,
    protectedUntil: '2060-12-31',
    mentions: { TERM: ['No wartime extension'] },
    data: { TERM: { wartimeBasis: 'AFTER_PEACE_TREATY' } },
  },
  {
    name: 'unknown: a US author who died in 1960 without a publication date — the wartime extension decides, so workFirstPublishedAt is missing',
    q: { creatorNationality: 'US', workFirstPublicationCountry: 'US', authorDeathYear: 1960 },
    eligible: false,
    findings: { TERM: Finding.UNKNOWN },
    protectedUntil: null,
    missingFacts: ['workFirstPublishedAt'],
    mentions: { TERM: ['2041-05-21', '2010-12-31'] },
  },
  {
    name: 'eligible: a Pakistani (Allied, life + 50) author who died in 1975, work of 1940 — Art. 58 then 3794 days: 2036-05-21',
    q: { creatorNationality: 'PK', workFirstPublicationCountry: 'PK', authorDeathYear: 1975, workFirstPublishedAt: new Date('1940-03-01') },
    eligible: true,
    protectedUntil: '2036-05-21',
    cites: { TERM: ['Art. 58', 'Act No. 302 of 1952'] },
  },
  {
    name: 'eligible: a Japanese corporate-name work published 1990-06-01 — 70 years from publication (Art. 53): 2060-12-31',
    q: { creatorKind: CreatorKind.CORPORATION, isCorporateWork: true, workFirstPublishedAt: new Date('1990-06-01') },
    eligible: true,
    findings: { TERM: Finding.MET },
    protectedUntil: '2060-12-31',
    mentions: { TERM: ['corporate-name work', '1990-06-01'] },
    cites: { TERM: ['Art. 53'] },
  },
  {
    name: 'ineligible: a corporate-name work published in 1965 — 50 years ended 2015-12-31, before the extension',
    q: { creatorKind: CreatorKind.CORPORATION, isCorporateWork: true, workFirstPublishedAt: new Date('1965-04-01') },
    eligible: false,
    findings: { TERM: Finding.NOT_MET },
    protectedUntil: '2015-12-31',
  },
  {
    name: 'unknown: a corporate-name work without a publication date — missing workFirstPublishedAt',
    q: { creatorKind: CreatorKind.CORPORATION, isCorporateWork: true },
    eligible: false,
    findings: { TERM: Finding.UNKNOWN },
    missingFacts: ['workFirstPublishedAt'],
  },
  {
    name: 'eligible: no death year and a 2010 publication — the author is treated as living (protectedUntil null)',
    q: { authorDeathYear: null, workFirstPublishedAt: new Date('2010-01-01') },
    eligible: true,
    findings: { TERM: Finding.MET },
    protectedUntil: null,
    missingFacts: [],
    mentions: { TERM: ['treated as living'] },
  },
  {
    name: 'unknown: no death year for a work first published in 1930 — the term may have run out, so authorDeathYear is missing',
    q: { authorDeathYear: null, workFirstPublishedAt: new Date('1930-01-01') },
    eligible: false,
    findings: { TERM: Finding.UNKNOWN },
    missingFacts: ['authorDeathYear'],
    mentions: { TERM: ['1930-01-01'] },
  },
];

// ---------------------------------------------------------------- protections and claim access

const claimCases: Case[] = [
  {
    name: 'ineligible: OPT_OUT_IGNORED by a US creator without an agreement — CLAIM_ACCESS refuses (needs OPT_OUT_RECOGNITION)',
    q: { creatorNationality: 'US', claimType: ClaimType.OPT_OUT_IGNORED },
    eligible: false,
    findings: { PROTECTED_WORK: Finding.MET, CLAIM_ACCESS: Finding.NOT_MET },
    protections: [Protection.COPYRIGHT],
    mentions: { CLAIM_ACCESS: ['OPT_OUT_IGNORED', 'OPT_OUT_RECOGNITION', 'US', '2026-06-01', 'reciprocity agreement'] },
    data: { CLAIM_ACCESS: { claimType: 'OPT_OUT_IGNORED', requiredProtection: 'OPT_OUT_RECOGNITION', creatorNationality: 'US' } },
  },
  {
    name: 'eligible: OPT_OUT_IGNORED by a US creator under a (test-made) agreement extending OPT_OUT_RECOGNITION',
    q: { creatorNationality: 'US', claimType: ClaimType.OPT_OUT_IGNORED },
    ref: US_OPT_OUT,
    eligible: true,
    findings: { CLAIM_ACCESS: Finding.MET },
    protections: [Protection.COPYRIGHT, Protection.OPT_OUT_RECOGNITION],
    mentions: { PROTECTIONS: ['agreement with US', '2025-01-01', 'OPT_OUT_RECOGNITION'] },
  },
  {
    name: 'ineligible: OPT_OUT_IGNORED when the US agreement ended on 2025-12-31 — no longer in force',
    q: { creatorNationality: 'US', claimType: ClaimType.OPT_OUT_IGNORED },
    ref: agreementRef({ partnerCountry: 'US', inForceFrom: '2020-01-01', inForceTo: '2025-12-31', protections: ['OPT_OUT_RECOGNITION'] }),
    eligible: false,
    findings: { CLAIM_ACCESS: Finding.NOT_MET },
    protections: [Protection.COPYRIGHT],
  },
  {
    name: 'ineligible: OPT_OUT_IGNORED when the US agreement enters into force only on 2027-01-01',
    q: { creatorNationality: 'US', claimType: ClaimType.OPT_OUT_IGNORED },
    ref: agreementRef({ partnerCountry: 'US', inForceFrom: '2027-01-01', protections: ['OPT_OUT_RECOGNITION'] }),
    eligible: false,
    findings: { CLAIM_ACCESS: Finding.NOT_MET },
  },
  {
    name: 'ineligible: TRANSPARENCY_FAILURE by a US creator whose agreement extends only OPT_OUT_RECOGNITION',
    q: { creatorNationality: 'US', claimType: ClaimType.TRANSPARENCY_FAILURE },
    ref: US_OPT_OUT,
    eligible: false,
    findings: { CLAIM_ACCESS: Finding.NOT_MET },
    mentions: { CLAIM_ACCESS: ['TRANSPARENCY_DUTY'] },
  },
  {
    name: 'eligible: TRANSPARENCY_FAILURE by a French creator under the demo FR agreement (all four protections)',
    q: { creatorNationality: 'FR', claimType: ClaimType.TRANSPARENCY_FAILURE },
    ref: DEMO,
    eligible: true,
    protections: ALL_FIVE,
    findings: { CLAIM_ACCESS: Finding.MET },
  },
  {
    name: 'eligible: TRAINING_WITHOUT_PERMISSION by a Chinese creator without an agreement — national treatment suffices',
    q: { creatorNationality: 'CN', claimType: ClaimType.TRAINING_WITHOUT_PERMISSION },
    eligible: true,
    findings: { CLAIM_ACCESS: Finding.MET },
    mentions: { CLAIM_ACCESS: ['national treatment', 'DISPUTE_ACCESS'] },
  },
  {
    name: 'eligible: RAG_REPRODUCTION by a Taiwanese creator without an agreement — national treatment suffices',
    q: { creatorNationality: 'TW', claimType: ClaimType.RAG_REPRODUCTION },
    eligible: true,
    findings: { CLAIM_ACCESS: Finding.MET },
  },
  {
    name: 'eligible: OPT_OUT_IGNORED by a Japanese creator — Japanese creators have every protection',
    q: { claimType: ClaimType.OPT_OUT_IGNORED },
    eligible: true,
    findings: { CLAIM_ACCESS: Finding.MET },
  },
];

// ---------------------------------------------------------------- applicable law and referral

const lawCases: Case[] = [
  {
    name: 'ineligible: a US firm that neither trains nor serves in Japan — APPLICABLE_LAW NOT_MET, refer',
    q: { respondentCountry: 'US', trainingServerInJapan: false, outputServedInJapan: false },
    eligible: false,
    findings: { APPLICABLE_LAW: Finding.NOT_MET, PROTECTED_WORK: Finding.MET },
    mentions: { APPLICABLE_LAW: ['US (United States of America)', 'trainingServerInJapan = false', 'outputServedInJapan = false', 'referred'] },
    cites: { APPLICABLE_LAW: ['Act on General Rules for Application of Laws', 'Art. 17'] },
    data: { APPLICABLE_LAW: { respondentCountry: 'US', trainingServerInJapan: false, outputServedInJapan: false } },
  },
  {
    name: 'eligible: a US firm that trains abroad but serves Japanese users — Japanese law applies',
    q: { respondentCountry: 'US', trainingServerInJapan: false, outputServedInJapan: true },
    eligible: true,
    findings: { APPLICABLE_LAW: Finding.MET },
    mentions: { APPLICABLE_LAW: ['output was served to users in Japan'] },
  },
  {
    name: 'eligible: a Chinese firm that trains on a server in Japan (service area unknown) — Japanese law governs the training claim',
    q: { respondentCountry: 'CN', claimType: ClaimType.TRAINING_WITHOUT_PERMISSION, trainingServerInJapan: true, outputServedInJapan: null },
    eligible: true,
    findings: { APPLICABLE_LAW: Finding.MET },
    mentions: { APPLICABLE_LAW: ['place where the training ran'] },
  },
  {
    name: 'act by act: the same Chinese firm\'s output claim turns on where the output is made available, which is not given — UNKNOWN',
    q: { respondentCountry: 'CN', claimType: ClaimType.OUTPUT_REPRODUCES_WORK, trainingServerInJapan: true, outputServedInJapan: null },
    eligible: true,
    findings: { APPLICABLE_LAW: Finding.UNKNOWN },
    missingFacts: ['outputServedInJapan'],
    mentions: { APPLICABLE_LAW: ['place where the output is made available'] },
  },
  {
    name: 'act by act: a training claim against a US firm that trains abroad but serves Japan is not governed by the Japanese Act — refer',
    q: { respondentCountry: 'US', claimType: ClaimType.TRAINING_WITHOUT_PERMISSION, trainingServerInJapan: false, outputServedInJapan: true },
    eligible: false,
    findings: { APPLICABLE_LAW: Finding.NOT_MET },
    mentions: { APPLICABLE_LAW: ['training ran outside Japan', 'its output acts, not this training'] },
  },
  {
    name: 'act by act: a fine-tuning claim follows the training place too',
    q: { respondentCountry: 'US', claimType: ClaimType.TARGETED_FINE_TUNING, trainingServerInJapan: false, outputServedInJapan: true },
    eligible: false,
    findings: { APPLICABLE_LAW: Finding.NOT_MET },
  },
  {
    name: 'act by act: an opt-out claim at the generation stage (inference use) follows the output place',
    q: { respondentCountry: 'US', claimType: ClaimType.OPT_OUT_IGNORED, stage: UseStage.GENERATION, creatorNationality: 'JP', trainingServerInJapan: false, outputServedInJapan: true },
    eligible: true,
    findings: { APPLICABLE_LAW: Finding.MET },
  },
  {
    name: 'act by act: an opt-out claim at the training stage follows the training place',
    q: { respondentCountry: 'US', claimType: ClaimType.OPT_OUT_IGNORED, stage: UseStage.TRAINING, trainingServerInJapan: false, outputServedInJapan: true },
    eligible: false,
    findings: { APPLICABLE_LAW: Finding.NOT_MET },
  },
  {
    name: 'eligible but incomplete: a US firm with training place and service area unknown — an output claim names the output place as missing',
    q: { respondentCountry: 'US', trainingServerInJapan: null, outputServedInJapan: null },
    eligible: true,
    findings: { APPLICABLE_LAW: Finding.UNKNOWN },
    missingFacts: ['outputServedInJapan'],
  },
  {
    name: 'eligible but incomplete: a transparency claim against a US firm with neither place known lists both facts',
    q: { respondentCountry: 'US', claimType: ClaimType.TRANSPARENCY_FAILURE, trainingServerInJapan: null, outputServedInJapan: null },
    eligible: true,
    findings: { APPLICABLE_LAW: Finding.UNKNOWN },
    missingFacts: ['trainingServerInJapan', 'outputServedInJapan'],
  },
  {
    name: 'eligible: a Japanese firm with training place and service area unknown — APPLICABLE_LAW PRESUMED',
    q: { respondentCountry: 'JP', trainingServerInJapan: undefined, outputServedInJapan: undefined },
    eligible: true,
    findings: { APPLICABLE_LAW: Finding.PRESUMED },
    missingFacts: [],
  },
  {
    name: 'referral: a French firm, with the demo FR agreement extending DISPUTE_ACCESS — notice copied to FR',
    q: { respondentCountry: 'FR', outputServedInJapan: true },
    ref: DEMO,
    eligible: true,
    findings: { CROSS_BORDER_REFERRAL: Finding.MET },
    crossBorderReferral: { partnerCountry: 'FR' },
    mentions: { CROSS_BORDER_REFERRAL: ['FR (France)', 'DISPUTE_ACCESS', '2025-04-01'] },
  },
  {
    name: 'no referral: a French firm without any agreement in force — NOT_APPLICABLE',
    q: { respondentCountry: 'FR' },
    eligible: true,
    findings: { CROSS_BORDER_REFERRAL: Finding.NOT_APPLICABLE },
    crossBorderReferral: null,
  },
  {
    name: 'no referral: a US firm whose agreement lacks DISPUTE_ACCESS — NOT_APPLICABLE',
    q: { respondentCountry: 'US' },
    ref: US_OPT_OUT,
    eligible: true,
    findings: { CROSS_BORDER_REFERRAL: Finding.NOT_APPLICABLE },
    crossBorderReferral: null,
    mentions: { CROSS_BORDER_REFERRAL: ['DISPUTE_ACCESS'] },
  },
  {
    name: 'no referral: a Japanese firm — NOT_APPLICABLE even with the demo agreement loaded',
    q: { respondentCountry: 'JP', creatorNationality: 'FR' },
    ref: DEMO,
    eligible: true,
    findings: { CROSS_BORDER_REFERRAL: Finding.NOT_APPLICABLE },
    crossBorderReferral: null,
  },
];

describe('assessEligibility — Art. 6 (PROTECTED_WORK)', () => {
  for (const c of art6Cases) it(c.name, () => check(c));
});

describe('assessEligibility — term (TERM: Arts. 51–58, TPP11, wartime extension)', () => {
  for (const c of termCases) it(c.name, () => check(c));
});

describe('assessEligibility — protections and claim access (PROTECTIONS, CLAIM_ACCESS)', () => {
  for (const c of claimCases) it(c.name, () => check(c));
});

describe('assessEligibility — applicable law and cross-border referral', () => {
  for (const c of lawCases) it(c.name, () => check(c));
});

describe('assessEligibility — purity', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the same answer for the same asOf whatever the clock says, and never mutates the query', () => {
    const q = query({ creatorNationality: 'US', authorDeathYear: 1968, workFirstPublishedAt: new Date('1940-01-01') });
    const before = JSON.stringify(q);
    vi.useFakeTimers();
    vi.setSystemTime(new Date('1999-01-01T00:00:00Z'));
    const a = assessEligibility(q, REF);
    vi.setSystemTime(new Date('2099-12-31T23:59:59Z'));
    const b = assessEligibility(q, REF);
    expect(JSON.stringify(q)).toBe(before);
    expect(a).toEqual(b);
  });

  it('rejects an invalid asOf', () => {
    expect(() => assessEligibility(query({ asOf: new Date('nope') }), REF)).toThrow(/asOf/);
  });
});

// ---------------------------------------------------------------- reference data

describe('reference data', () => {
  const list = countries.countries as { code: string; name: string; memberships: { treaty: string; inForceFrom: string }[]; termYearsAfterDeath: number; wartimeExtensionDays: number | null }[];
  const byCode = new Map(list.map((c) => [c.code, c]));
  const validDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

  it('countries.json has ≥ 190 entries with unique ISO 3166-1 alpha-2 codes, valid treaties and dates, and names its sources', () => {
    expect(list.length).toBeGreaterThanOrEqual(190);
    expect(new Set(list.map((c) => c.code)).size).toBe(list.length);
    for (const c of list) {
      expect(c.code, c.code).toMatch(/^[A-Z]{2}$/);
      expect(c.name.length, c.code).toBeGreaterThan(1);
      expect([25, 30, 50, 60, 70, 75, 80, 95, 99, 100], c.code).toContain(c.termYearsAfterDeath);
      for (const m of c.memberships) {
        expect(['BERNE', 'TRIPS', 'WCT', 'UCC'], c.code).toContain(m.treaty);
        expect(validDate(m.inForceFrom), `${c.code} ${m.treaty} ${m.inForceFrom}`).toBe(true);
        expect(m.inForceFrom >= '1887-12-05' && m.inForceFrom <= (countries.asOf ?? '9999'), `${c.code} ${m.treaty}`).toBe(true);
      }
      if (c.memberships.some((m) => m.treaty === 'TRIPS')) expect(c.memberships.find((m) => m.treaty === 'TRIPS')!.inForceFrom >= '1995-01-01').toBe(true);
      if (c.memberships.some((m) => m.treaty === 'WCT')) expect(c.memberships.find((m) => m.treaty === 'WCT')!.inForceFrom >= '2002-03-06').toBe(true);
    }
    expect(countries.source).toMatch(/WIPO/);
    expect(countries.source).toMatch(/WTO/);
    expect(countries.source).toMatch(/UNESCO/);
    expect(countries.source).toMatch(/Act No\. 302 of 1952/);
    expect(validDate(countries.asOf ?? '')).toBe(true);
  });

  it('holds the anchor dates (JP/US/CN/FR Berne, WTO founders) and the territories TW, HK, MO and KP', () => {
    const date = (code: string, t: string) => byCode.get(code)?.memberships.find((m) => m.treaty === t)?.inForceFrom;
    expect(date('JP', 'BERNE')).toBe('1899-07-15');
    expect(date('US', 'BERNE')).toBe('1989-03-01');
    expect(date('CN', 'BERNE')).toBe('1992-10-15');
    expect(date('FR', 'BERNE')).toBe('1887-12-05');
    for (const founder of ['JP', 'US', 'FR', 'GB', 'DE', 'HK', 'MO']) expect(date(founder, 'TRIPS'), founder).toBe('1995-01-01');
    expect(date('TW', 'TRIPS')).toBe('2002-01-01');
    expect(date('TW', 'BERNE')).toBeUndefined();
    expect(date('KP', 'BERNE')).toBe('2003-04-28');
    expect(byCode.get('CN')?.termYearsAfterDeath).toBe(50);
    expect(byCode.get('KR')?.termYearsAfterDeath).toBe(70);
  });

  it('gives the wartime extension to exactly the 15 Allied Powers Japan owed protection to', () => {
    const allied = Object.fromEntries(list.filter((c) => c.wartimeExtensionDays !== null).map((c) => [c.code, c.wartimeExtensionDays]));
    expect(allied).toEqual({
      AU: 3794, BE: 3910, BR: 3816, CA: 3794, FR: 3794, GB: 3794, GR: 4180, LB: 4413, LK: 3794, NL: 3844, NO: 3846, NZ: 3794, PK: 3794, US: 3794, ZA: 3929,
    });
  });

  it('ships no reciprocity agreement as in force, and the demo file holds one labelled DEMO agreement', () => {
    expect(agreementsJson.agreements).toEqual([]);
    expect(REF.agreements).toEqual([]);
    expect(demoAgreementsJson.source).toMatch(/DEMO/);
    expect(DEMO.agreements).toHaveLength(1);
    expect(DEMO.agreements[0]).toMatchObject({ partnerCountry: 'FR', inForceTo: null });
    expect(DEMO.agreements[0].protections).toHaveLength(4);
  });

  it('looks countries up case-insensitively', () => {
    expect(REF.country('jp')?.name).toBe('Japan');
    expect(REF.country('ZZ')).toBeUndefined();
  });

  it.each([
    ['a duplicate code', [{ code: 'JP', name: 'Japan', memberships: [], termYearsAfterDeath: 70, wartimeExtensionDays: null }, { code: 'JP', name: 'Japan', memberships: [], termYearsAfterDeath: 70, wartimeExtensionDays: null }], /twice/],
    ['a lower-case code', [{ code: 'jp', name: 'Japan', memberships: [], termYearsAfterDeath: 70, wartimeExtensionDays: null }], /ISO 3166-1/],
    ['an impossible date', [{ code: 'JP', name: 'Japan', memberships: [{ treaty: 'BERNE', inForceFrom: '1899-02-30' }], termYearsAfterDeath: 70, wartimeExtensionDays: null }], /inForceFrom/],
    ['an unknown treaty', [{ code: 'JP', name: 'Japan', memberships: [{ treaty: 'ROME', inForceFrom: '1989-10-26' }], termYearsAfterDeath: 70, wartimeExtensionDays: null }], /treaty/],
    ['a negative wartime extension', [{ code: 'US', name: 'US', memberships: [], termYearsAfterDeath: 70, wartimeExtensionDays: -1 }], /wartimeExtensionDays/],
  ])('loadReferenceData rejects %s', (_label, rows, message) => {
    expect(() => loadReferenceData(rows)).toThrow(ReferenceDataError);
    expect(() => loadReferenceData(rows)).toThrow(message);
  });

  it('loadReferenceData rejects an agreement with an unknown protection or partner', () => {
    expect(() => agreementRef({ partnerCountry: 'US', inForceFrom: '2025-01-01', protections: ['FREE_LUNCH'] })).toThrow(/protections/);
    expect(() => agreementRef({ partnerCountry: 'ZZ', inForceFrom: '2025-01-01', protections: [] })).toThrow(/ZZ/);
  });
});

describe('assessEligibility — layers', () => {
  it('labels protection, term and applicable law as the statute, and the framework\'s own rules as the framework', () => {
    const outcome = assessEligibility(query(), REF);
    const layers = Object.fromEntries(outcome.rules.map((r) => [r.code, r.layer]));
    expect(layers).toEqual({
      PROTECTED_WORK: RuleLayer.STATUTE, TERM: RuleLayer.STATUTE, APPLICABLE_LAW: RuleLayer.STATUTE,
      PROTECTIONS: RuleLayer.FRAMEWORK, CLAIM_ACCESS: RuleLayer.FRAMEWORK, CROSS_BORDER_REFERRAL: RuleLayer.FRAMEWORK,
    });
  });
});
