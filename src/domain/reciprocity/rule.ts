/**
 * What every reciprocity rule receives and returns. A rule is a pure function of
 * the normalised query, the reference data and the findings of the rules before it.
 */
import { CreatorKind } from '../enums';
import type { CountryData, EligibilityQuery, ReferenceData, RuleFindingData } from '../types';
import type { LocalizedText } from '../enums';
import { normalizeCountryCode } from './reference-data';

/** The rule codes of the reciprocity module, in the order they are evaluated. */
export const EligibilityRuleCode = {
  PROTECTED_WORK: 'PROTECTED_WORK',
  TERM: 'TERM',
  PROTECTIONS: 'PROTECTIONS',
  CLAIM_ACCESS: 'CLAIM_ACCESS',
  APPLICABLE_LAW: 'APPLICABLE_LAW',
  CROSS_BORDER_REFERRAL: 'CROSS_BORDER_REFERRAL',
} as const;
export type EligibilityRuleCode = (typeof EligibilityRuleCode)[keyof typeof EligibilityRuleCode];

export interface RuleResult {
  finding: RuleFindingData;
  /** Input field names that were not given and would change this rule's finding. */
  missingFacts: string[];
}

/** Kinds of creator that are juridical persons for Art. 6(i) ("corporations" in this module). */
export const CORPORATE_KINDS: ReadonlySet<CreatorKind> = new Set([CreatorKind.CORPORATION, CreatorKind.PUBLISHER, CreatorKind.COLLECTIVE]);

export interface EligibilityContext {
  query: EligibilityQuery;
  ref: ReferenceData;
  asOf: Date;
  /** Country codes, upper-cased; '' / null when not given. */
  nationality: string;
  principalOffice: string | null;
  publicationCountry: string | null;
  respondentCountry: string;
  isCorporateCreator: boolean;
  /** The author's country of habitual residence (Berne Art. 3(2)), null when not given or not an author's context. */
  habitualResidence: string | null;
  /** The author this context speaks for, when the work records its authors. */
  authorName: string | null;
}

export function buildContext(query: EligibilityQuery, ref: ReferenceData): EligibilityContext {
  if (!(query.asOf instanceof Date) || Number.isNaN(query.asOf.getTime())) {
    throw new TypeError('EligibilityQuery.asOf must be a valid Date');
  }
  return {
    query,
    ref,
    asOf: query.asOf,
    nationality: normalizeCountryCode(query.creatorNationality),
    principalOffice: normalizeCountryCode(query.creatorPrincipalOfficeCountry) || null,
    publicationCountry: normalizeCountryCode(query.workFirstPublicationCountry) || null,
    respondentCountry: normalizeCountryCode(query.respondentCountry),
    isCorporateCreator: query.creatorKind != null && CORPORATE_KINDS.has(query.creatorKind),
    habitualResidence: null,
    authorName: null,
  };
}

/** "FR (France)", or the bare code when it is not in the reference data. */
export function countryLabel(country: CountryData | undefined, code: string): string {
  return country ? `${country.code} (${country.name})` : code === '' ? '(none given)' : code;
}

export function text(en: string, ja: string): LocalizedText {
  return { en, ja };
}

/** Joins explanation sentences of both languages. */
export function joinTexts(parts: LocalizedText[]): LocalizedText {
  return { en: parts.map((p) => p.en).join(' '), ja: parts.map((p) => p.ja).join('') };
}
