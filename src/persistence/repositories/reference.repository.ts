import { In } from 'typeorm';
import type { Queryable } from '../database';
import { CountryEntity, LicenseTemplateEntity, ReciprocityAgreementEntity } from '../entities';
import { sqlText } from '../sql';
import { runSql } from '../sqlite/statements';

/** Reference data: countries (treaties, terms, wartime extensions), reciprocity agreements and license templates. */

// ---------------------------------------------------------------- countries

/** How many countries are stored (0 before the seed). */
export function countryCount(q: Queryable): Promise<number> {
  return q.em.count(CountryEntity);
}

/**
 * Inserts countries, 100 a statement (the seed). A code already there is left as it is (ON CONFLICT DO NOTHING /
 * INSERT OR IGNORE): processes starting at once on a fresh database all seed, and the first one's rows stand.
 */
export async function insertCountries(q: Queryable, rows: Array<Pick<CountryEntity, 'code' | 'name' | 'memberships' | 'termYearsAfterDeath' | 'wartimeExtensionDays'>>): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    await q.em.createQueryBuilder().insert().into(CountryEntity).values(rows.slice(i, i + 100)).orIgnore().execute();
  }
}

/** Every country, by code. */
export function allCountries(q: Queryable): Promise<CountryEntity[]> {
  return q.em.find(CountryEntity, { order: { code: 'ASC' } });
}

/** The country with this (upper-case) code. */
export function countryByCode(q: Queryable, code: string): Promise<CountryEntity | null> {
  return q.em.findOne(CountryEntity, { where: { code } });
}

/** Writes a country's corrected fields. */
export async function saveCountry(q: Queryable, row: CountryEntity): Promise<void> {
  await q.em.save(CountryEntity, row);
}

// ---------------------------------------------------------------- reciprocity agreements

/** Every reciprocity agreement, by partner country and start date. */
export function allAgreements(q: Queryable): Promise<ReciprocityAgreementEntity[]> {
  return q.em.find(ReciprocityAgreementEntity, { order: { partnerCountry: 'ASC', inForceFrom: 'ASC' } });
}

/** The reciprocity agreement with this id. */
export function agreementById(q: Queryable, id: string): Promise<ReciprocityAgreementEntity | null> {
  return q.em.findOne(ReciprocityAgreementEntity, { where: { id } });
}

/** Inserts or replaces an agreement (by id) and returns the row as written. */
export async function saveAgreement(q: Queryable, fields: Omit<ReciprocityAgreementEntity, 'createdAt' | 'updatedAt'> & Partial<Pick<ReciprocityAgreementEntity, 'createdAt' | 'updatedAt'>>): Promise<ReciprocityAgreementEntity> {
  const row = q.em.create(ReciprocityAgreementEntity, fields);
  await q.em.save(ReciprocityAgreementEntity, row);
  return row;
}

// ---------------------------------------------------------------- license templates

/** How many license templates are stored (0 before the seed). */
export function licenseTemplateCount(q: Queryable): Promise<number> {
  return q.em.count(LicenseTemplateEntity);
}

/** Inserts license templates (the seed); a code already there is left as it is (several processes may seed at once). */
export async function insertLicenseTemplates(q: Queryable, rows: Array<Pick<LicenseTemplateEntity, 'code' | 'title' | 'summary' | 'terms'>>): Promise<void> {
  await q.em.createQueryBuilder().insert().into(LicenseTemplateEntity).values(rows).orIgnore().execute();
}

/** Every license template, by code. */
export function licenseTemplates(q: Queryable): Promise<LicenseTemplateEntity[]> {
  return q.em.find(LicenseTemplateEntity, { order: { code: 'ASC' } });
}

/** The license template with this code. */
export function licenseTemplateByCode(q: Queryable, code: string): Promise<LicenseTemplateEntity | null> {
  return q.em.findOne(LicenseTemplateEntity, { where: { code } });
}

/** Whether Chōtei knows this country code: a kept statement (every complaint against a firm not on Chōtei asks). */
export async function isKnownCountry(q: Queryable, code: string): Promise<boolean> {
  return (await runSql(q.em, COUNTRY_EXISTS(q), [code])).length > 0;
}

const COUNTRY_EXISTS = sqlText(({ p }) => `SELECT 1 AS "found" FROM "country" WHERE "code" = ${p(1)}`);

/** License templates by code, in one statement (per-request loader). */
export function licenseTemplatesWithCodes(q: Queryable, codes: readonly string[]): Promise<LicenseTemplateEntity[]> {
  return q.em.find(LicenseTemplateEntity, { where: { code: In([...codes]) } });
}
