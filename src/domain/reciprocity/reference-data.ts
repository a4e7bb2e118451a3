/**
 * Builds the `ReferenceData` the reciprocity rules read, from the parsed
 * `reference/countries.json` and an agreements file (`reference/reciprocity-agreements.json`,
 * or the demo one), or from rows a service loaded. Pure: it takes parsed JSON, reads no file.
 * Invalid data throws `ReferenceDataError` naming the entry and the field.
 */
import { Protection, Treaty } from '../enums';
import type { AgreementData, CountryData, ReferenceData, TreatyMembership } from '../types';
import { parseYmd } from './dates';

export class ReferenceDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReferenceDataError';
  }
}

/** Shape of `reference/countries.json`. */
export interface CountriesJson {
  source?: string;
  asOf?: string;
  countries: unknown[];
}

/** Shape of `reference/reciprocity-agreements.json` (dates as `YYYY-MM-DD`, `inForceTo` inclusive or null). */
export interface AgreementsJson {
  source?: string;
  agreements: unknown[];
}

const ISO_ALPHA2 = /^[A-Z]{2}$/;
const TREATIES = new Set<string>(Object.values(Treaty));
const PROTECTIONS = new Set<string>(Object.values(Protection));

/** Upper-cases and trims a country code; '' for anything that is not a string. */
export function normalizeCountryCode(code: unknown): string {
  return typeof code === 'string' ? code.trim().toUpperCase() : '';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseCountry(raw: unknown, index: number): CountryData {
  const where = `countries[${index}]`;
  if (!isRecord(raw)) throw new ReferenceDataError(`${where} is not an object`);
  const code = raw.code;
  if (typeof code !== 'string' || !ISO_ALPHA2.test(code)) {
    throw new ReferenceDataError(`${where}.code ${JSON.stringify(code)} is not an ISO 3166-1 alpha-2 code`);
  }
  const at = `${where} (${code})`;
  if (typeof raw.name !== 'string' || raw.name.trim() === '') throw new ReferenceDataError(`${at}.name is missing`);
  if (!Array.isArray(raw.memberships)) throw new ReferenceDataError(`${at}.memberships is not an array`);
  const seen = new Set<string>();
  const memberships: TreatyMembership[] = raw.memberships.map((m, j) => {
    if (!isRecord(m) || typeof m.treaty !== 'string' || !TREATIES.has(m.treaty)) {
      throw new ReferenceDataError(`${at}.memberships[${j}].treaty must be one of ${[...TREATIES].join(', ')}`);
    }
    if (seen.has(m.treaty)) throw new ReferenceDataError(`${at}.memberships lists ${m.treaty} twice`);
    seen.add(m.treaty);
    if (!parseYmd(m.inForceFrom)) {
      throw new ReferenceDataError(`${at}.memberships[${j}].inForceFrom ${JSON.stringify(m.inForceFrom)} is not a YYYY-MM-DD date`);
    }
    return { treaty: m.treaty as Treaty, inForceFrom: m.inForceFrom as string };
  });
  const term = raw.termYearsAfterDeath;
  if (typeof term !== 'number' || !Number.isInteger(term) || term <= 0 || term > 200) {
    throw new ReferenceDataError(`${at}.termYearsAfterDeath ${JSON.stringify(term)} is not a whole number of years`);
  }
  const wartime = raw.wartimeExtensionDays;
  if (wartime !== null && (typeof wartime !== 'number' || !Number.isInteger(wartime) || wartime <= 0)) {
    throw new ReferenceDataError(`${at}.wartimeExtensionDays ${JSON.stringify(wartime)} must be a positive whole number of days or null`);
  }
  return { code, name: raw.name, memberships, termYearsAfterDeath: term, wartimeExtensionDays: wartime as number | null };
}

function parseAgreement(raw: unknown, index: number): AgreementData {
  const where = `agreements[${index}]`;
  if (!isRecord(raw)) throw new ReferenceDataError(`${where} is not an object`);
  const partner = raw.partnerCountry;
  if (typeof partner !== 'string' || !ISO_ALPHA2.test(partner)) {
    throw new ReferenceDataError(`${where}.partnerCountry ${JSON.stringify(partner)} is not an ISO 3166-1 alpha-2 code`);
  }
  const from = parseYmd(raw.inForceFrom);
  if (!from) throw new ReferenceDataError(`${where} (${partner}).inForceFrom ${JSON.stringify(raw.inForceFrom)} is not a YYYY-MM-DD date`);
  let to: Date | null = null;
  if (raw.inForceTo !== null && raw.inForceTo !== undefined) {
    to = parseYmd(raw.inForceTo);
    if (!to) throw new ReferenceDataError(`${where} (${partner}).inForceTo ${JSON.stringify(raw.inForceTo)} is not a YYYY-MM-DD date or null`);
    if (to < from) throw new ReferenceDataError(`${where} (${partner}).inForceTo is before inForceFrom`);
  }
  if (!Array.isArray(raw.protections) || raw.protections.some((p) => typeof p !== 'string' || !PROTECTIONS.has(p))) {
    throw new ReferenceDataError(`${where} (${partner}).protections must list values of ${[...PROTECTIONS].join(', ')}`);
  }
  return { partnerCountry: partner, inForceFrom: from, inForceTo: to, protections: [...new Set(raw.protections as Protection[])] };
}

/**
 * Reference data from already-validated rows (e.g. entities a service loaded).
 * Country look-up is case-insensitive.
 */
export function createReferenceData(countries: readonly CountryData[], agreements: readonly AgreementData[]): ReferenceData {
  const byCode = new Map<string, CountryData>();
  for (const c of countries) byCode.set(c.code.toUpperCase(), c);
  return {
    country: (code: string) => byCode.get(normalizeCountryCode(code)),
    agreements: [...agreements],
  };
}

/**
 * Validates and loads parsed `reference/countries.json` (the object, or its `countries` array)
 * and an agreements file (the object, its `agreements` array, or nothing).
 */
export function loadReferenceData(json: CountriesJson | unknown[], agreements?: AgreementsJson | unknown[] | null): ReferenceData {
  const rawCountries = Array.isArray(json) ? json : isRecord(json) && Array.isArray(json.countries) ? json.countries : null;
  if (!rawCountries) throw new ReferenceDataError('countries: expected an array or an object with a "countries" array');
  const countries = rawCountries.map(parseCountry);
  const codes = new Set<string>();
  for (const c of countries) {
    if (codes.has(c.code)) throw new ReferenceDataError(`countries: code ${c.code} appears twice`);
    codes.add(c.code);
  }
  let rawAgreements: unknown[] = [];
  if (agreements !== undefined && agreements !== null) {
    if (Array.isArray(agreements)) rawAgreements = agreements;
    else if (isRecord(agreements) && Array.isArray(agreements.agreements)) rawAgreements = agreements.agreements;
    else throw new ReferenceDataError('agreements: expected an array or an object with an "agreements" array');
  }
  const parsedAgreements = rawAgreements.map(parseAgreement);
  for (const a of parsedAgreements) {
    if (!codes.has(a.partnerCountry)) throw new ReferenceDataError(`agreements: partner ${a.partnerCountry} is not in the countries list`);
  }
  return createReferenceData(countries, parsedAgreements);
}
