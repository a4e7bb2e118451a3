export { assessEligibility, refusals } from './eligibility';
export {
  loadReferenceData, createReferenceData, normalizeCountryCode, ReferenceDataError,
  type CountriesJson, type AgreementsJson,
} from './reference-data';
export { EligibilityRuleCode, CORPORATE_KINDS } from './rule';
export { Art6Basis } from './art6.rule';
export { REQUIRED_PROTECTION } from './claim-access.rule';
export { ALL_PROTECTIONS } from './protections.rule';
export { NO_RECOGNISED_TREATY_RELATION, PROTECTING_TREATIES, ART_58_TREATIES, treatiesInForce, agreementsInForce, isAgreementInForce } from './membership';
export { countryOfOrigin, WAR_START, DEFAULT_PEACE_TREATY_DATE, TPP11_CUTOVER } from './term.rule';
export { CITE } from './citations';
