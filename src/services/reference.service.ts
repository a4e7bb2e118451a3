import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../persistence/database';
import { Protection, Role } from '../domain/enums';
import { assessEligibility, createReferenceData } from '../domain/reciprocity';
import type { AgreementData, CountryData, EligibilityOutcome, EligibilityQuery, ReferenceData, TreatyMembership } from '../domain/types';
import type { CountryEntity, ReciprocityAgreementEntity } from '../persistence/entities';
import * as reference from '../persistence/repositories/reference.repository';
import countriesFile from '../../reference/countries.json';
import type { RequestContext } from '../policies/context';
import { InputCheck, notFound } from '../domain/errors';
import { requireRole } from '../policies/guards';

const SEED_COUNTRIES = (countriesFile as { countries: CountryData[] }).countries;
const ISO_CODES = new Set<string>(SEED_COUNTRIES.map((c) => c.code));
const CACHE_MS = 5_000;

export interface CountryUpdate {
  code: string; name?: string | null; memberships?: TreatyMembership[] | null; termYearsAfterDeath?: number | null; wartimeExtensionDays?: number | null;
}

export interface AgreementInput {
  id?: string | null; partnerCountry: string; title?: string | null; inForceFrom: Date; inForceTo?: Date | null;
  protections: Protection[]; partnerBody?: string | null; demo?: boolean | null;
}

/**
 * Reference data: countries (treaties, terms, wartime extensions) and
 * reciprocity agreements. Seeded from reference/*.json, editable by admins,
 * cached briefly in each process (an edit clears this process's cache; others
 * see it within five seconds).
 */
export class ReferenceService {
  private cache: { at: number; data: ReferenceData; countries: CountryEntity[]; agreements: ReciprocityAgreementEntity[] } | null = null;

  constructor(private readonly db: Database) {}

  /** Seeds countries on an empty database. */
  async bootstrap(): Promise<void> {
    if ((await reference.countryCount(this.db.reads)) > 0) return;
    await this.db.transaction(async (tx) => {
      if ((await reference.countryCount(tx)) > 0) return;
      await reference.insertCountries(tx, SEED_COUNTRIES.map((c) => ({
        code: c.code, name: c.name, memberships: c.memberships, termYearsAfterDeath: c.termYearsAfterDeath, wartimeExtensionDays: c.wartimeExtensionDays ?? null,
      })));
    });
  }

  isKnownCountry(code: string): boolean {
    return ISO_CODES.has(code);
  }

  /**
   * Inside a transaction, pass it (the Tx): on PostgreSQL a transaction that
   * waits for a second pooled connection can exhaust the pool and deadlock.
   */
  private async load(q: Queryable = this.db.reads) {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache;
    const countries = await reference.allCountries(q);
    const agreements = await reference.allAgreements(q);
    const rows = countries.length ? countries : SEED_COUNTRIES;
    const data = createReferenceData(rows.map((c) => ({
      code: c.code, name: c.name, memberships: c.memberships, termYearsAfterDeath: c.termYearsAfterDeath, wartimeExtensionDays: c.wartimeExtensionDays ?? null,
    })), agreements.map((a): AgreementData => ({ partnerCountry: a.partnerCountry, inForceFrom: a.inForceFrom, inForceTo: a.inForceTo, protections: a.protections })));
    this.cache = { at: Date.now(), data, countries: countries as CountryEntity[], agreements };
    return this.cache;
  }

  async referenceData(q?: Queryable): Promise<ReferenceData> {
    return (await this.load(q)).data;
  }

  /** Eligibility of a (draft) complaint; every refusal names the rule and the data it used. */
  async eligibility(_ctx: RequestContext, query: EligibilityQuery, argument = 'input', q?: Queryable): Promise<EligibilityOutcome> {
    const check = new InputCheck(argument);
    const countryFields: Array<[string, string | null | undefined, boolean]> = [
      ['creatorNationality', query.creatorNationality, true], ['creatorPrincipalOfficeCountry', query.creatorPrincipalOfficeCountry, false],
      ['workFirstPublicationCountry', query.workFirstPublicationCountry, false], ['respondentCountry', query.respondentCountry, true],
    ];
    for (const [field, value, required] of countryFields) {
      if (value == null || value === '') { if (required) check.add(field, 'is required: an ISO 3166-1 alpha-2 country code'); continue; }
      check.check(this.isKnownCountry(value.toUpperCase()), field, `"${value}" is not an ISO 3166-1 alpha-2 country code known to Chōtei`);
    }
    check.check(query.authorDeathYear == null || (query.authorDeathYear >= 1800 && query.authorDeathYear <= query.asOf.getUTCFullYear()), 'authorDeathYear',
      `must be a year between 1800 and ${query.asOf.getUTCFullYear()}`);
    (query.authors ?? []).forEach((a, i) => {
      for (const key of ['nationality', 'habitualResidence'] as const) {
        const code = a[key];
        check.check(code == null || code === '' || this.isKnownCountry(code.toUpperCase()), `authors[${i}].${key}`, `"${code}" is not an ISO 3166-1 alpha-2 country code known to Chōtei`);
      }
      check.check(a.deathYear == null || (a.deathYear >= 1800 && a.deathYear <= query.asOf.getUTCFullYear()), `authors[${i}].deathYear`,
        `must be a year between 1800 and ${query.asOf.getUTCFullYear()}`);
    });
    check.throwIfAny();
    const up = (c: string | null | undefined) => (c ? c.toUpperCase() : c);
    return assessEligibility({
      ...query, authors: query.authors?.map((a) => ({ ...a, nationality: up(a.nationality), habitualResidence: up(a.habitualResidence) })) ?? null,
      creatorNationality: query.creatorNationality.toUpperCase(), creatorPrincipalOfficeCountry: up(query.creatorPrincipalOfficeCountry),
      workFirstPublicationCountry: up(query.workFirstPublicationCountry), respondentCountry: query.respondentCountry.toUpperCase(),
    }, await this.referenceData(q));
  }

  async countries(): Promise<CountryEntity[]> {
    const { countries } = await this.load();
    return countries;
  }

  async country(code: string): Promise<CountryEntity | null> {
    return (await this.countries()).find((c) => c.code === code.toUpperCase()) ?? null;
  }

  async agreements(q?: Queryable): Promise<ReciprocityAgreementEntity[]> {
    return (await this.load(q)).agreements;
  }

  /** The agreement with DISPUTE_ACCESS in force for a country at a date (for cross-border referrals). */
  async disputeAccessAgreement(country: string, at: Date, q?: Queryable): Promise<ReciprocityAgreementEntity | null> {
    return (await this.agreements(q)).find((a) => a.partnerCountry === country && a.protections.includes(Protection.DISPUTE_ACCESS)
      && a.inForceFrom.getTime() <= at.getTime() && (!a.inForceTo || a.inForceTo.getTime() >= at.getTime())) ?? null;
  }

  /** ADMIN: corrects a country's treaty memberships, term or wartime extension (reference data is reviewed by counsel, then kept here). */
  async updateCountry(ctx: RequestContext, input: CountryUpdate): Promise<CountryEntity> {
    requireRole(ctx, Role.ADMIN);
    const check = new InputCheck('input');
    const code = input.code.toUpperCase();
    check.check(this.isKnownCountry(code), 'code', `"${input.code}" is not an ISO 3166-1 alpha-2 country code known to Chōtei`);
    check.check(new Set((input.memberships ?? []).map((m) => m.treaty)).size === (input.memberships ?? []).length, 'memberships', 'a treaty is listed twice');
    check.throwIfAny();
    const saved = await this.db.transaction(async (tx) => {
      const row = await reference.countryByCode(tx, code);
      if (!row) throw notFound('Country', code);
      if (input.name != null) row.name = input.name;
      if (input.memberships != null) row.memberships = input.memberships;
      if (input.termYearsAfterDeath != null) row.termYearsAfterDeath = input.termYearsAfterDeath;
      if (input.wartimeExtensionDays !== undefined) row.wartimeExtensionDays = input.wartimeExtensionDays;
      await reference.saveCountry(tx, row);
      return row;
    });
    this.cache = null;
    return saved;
  }

  async upsertReciprocityAgreement(ctx: RequestContext, input: AgreementInput): Promise<ReciprocityAgreementEntity> {
    requireRole(ctx, Role.ADMIN);
    const check = new InputCheck('input');
    const partner = input.partnerCountry.toUpperCase();
    check.check(this.isKnownCountry(partner), 'partnerCountry', `"${input.partnerCountry}" is not an ISO 3166-1 alpha-2 country code known to Chōtei`);
    check.check(partner !== 'JP', 'partnerCountry', 'an agreement is between Japan and another country');
    check.check(!input.inForceTo || input.inForceTo.getTime() >= input.inForceFrom.getTime(), 'inForceTo', 'must not be before inForceFrom');
    check.check(input.protections.length > 0, 'protections', 'list at least one protection the agreement extends');
    check.check(!input.protections.includes(Protection.COPYRIGHT), 'protections', 'COPYRIGHT comes from the treaties, not from an agreement');
    check.throwIfAny();
    const saved = await this.db.transaction(async (tx) => {
      const existing = input.id ? await reference.agreementById(tx, input.id) : null;
      if (input.id && !existing) throw notFound('Reciprocity agreement', input.id);
      return reference.saveAgreement(tx, {
        ...(existing ?? { id: randomUUID() }), partnerCountry: partner,
        title: input.title?.trim() || `Japan–${partner} AI-copyright reciprocity agreement`, inForceFrom: input.inForceFrom, inForceTo: input.inForceTo ?? null,
        protections: [...new Set(input.protections)], partnerBody: input.partnerBody ?? null, demo: input.demo ?? false,
      });
    });
    this.cache = null;
    return saved;
  }
}
