/**
 * Treaty memberships and reciprocity agreements in force on a given day.
 */
import { Treaty } from '../enums';
import type { AgreementData, CountryData, ReferenceData } from '../types';
import { dayNumber, parseYmd } from './dates';

/** Treaties whose membership obliges Japan to protect a country's nationals and first publications (Art. 6(iii)). */
export const PROTECTING_TREATIES: readonly Treaty[] = [Treaty.BERNE, Treaty.TRIPS, Treaty.WCT, Treaty.UCC];

/** Treaties that make a country a possible "country of origin" for Art. 58 (Berne Union, WCT, WTO). */
export const ART_58_TREATIES: readonly Treaty[] = [Treaty.BERNE, Treaty.WCT, Treaty.TRIPS];

/**
 * Countries whose treaty memberships Japan does not recognise as creating obligations towards
 * Japan: the DPRK acceded to Berne in 2003, but Japan, which does not recognise it as a state,
 * holds that no treaty relation arose (Supreme Court, 8 December 2011).
 */
export const NO_RECOGNISED_TREATY_RELATION: ReadonlySet<string> = new Set(['KP']);

/** Treaties among `treaties` the country is a member of on `asOf` (memberships Japan recognises only). */
export function treatiesInForce(country: CountryData | undefined, asOf: Date, treaties: readonly Treaty[] = PROTECTING_TREATIES): Treaty[] {
  if (!country || NO_RECOGNISED_TREATY_RELATION.has(country.code)) return [];
  const day = dayNumber(asOf);
  return country.memberships
    .filter((m) => treaties.includes(m.treaty))
    .filter((m) => {
      const from = parseYmd(m.inForceFrom);
      return from !== null && dayNumber(from) <= day;
    })
    .map((m) => m.treaty)
    .sort((a, b) => PROTECTING_TREATIES.indexOf(a) - PROTECTING_TREATIES.indexOf(b));
}

/** An agreement is in force from `inForceFrom` to `inForceTo`, both days included. */
export function isAgreementInForce(a: AgreementData, asOf: Date): boolean {
  const day = dayNumber(asOf);
  return dayNumber(a.inForceFrom) <= day && (a.inForceTo === null || day <= dayNumber(a.inForceTo));
}

/** The agreements with `country` in force on `asOf` (normally at most one). */
export function agreementsInForce(ref: ReferenceData, country: string, asOf: Date): AgreementData[] {
  return ref.agreements.filter((a) => a.partnerCountry.toUpperCase() === country && isAgreementInForce(a, asOf));
}
