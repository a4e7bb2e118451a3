/**
 * Eligibility of a creator's complaint under Japan's framework: the work is protected (Art. 6),
 * in term (Arts. 51–58), the claim type is open to the creator, and Japanese law can apply.
 *
 *   eligible = PROTECTED_WORK MET ∧ TERM MET ∧ CLAIM_ACCESS MET ∧ APPLICABLE_LAW ≠ NOT_MET
 *
 * Pure: `asOf` comes in with the query; every rule's finding is returned with its explanation,
 * citation and the data it used, so a refusal names the rule and the data.
 */
import { CreatorKind, Finding, RuleLayer } from '../enums';
import type { AuthorFacts, EligibilityOutcome, EligibilityQuery, ReferenceData } from '../types';
import { checkApplicableLaw } from './applicable-law.rule';
import { checkProtectedWork, isJapaneseBasis, type Art6Result } from './art6.rule';
import { checkClaimAccess } from './claim-access.rule';
import { checkCrossBorderReferral } from './cross-border-referral.rule';
import { checkProtections } from './protections.rule';
import { normalizeCountryCode } from './reference-data';
import { buildContext, joinTexts, text, type EligibilityContext } from './rule';
import { checkTerm } from './term.rule';

/** The layer of each eligibility rule: protection, term and applicable law are the statute; the rest are Chōtei's own rules. */
const LAYERS: Readonly<Record<string, RuleLayer>> = {
  PROTECTED_WORK: RuleLayer.STATUTE, TERM: RuleLayer.STATUTE, APPLICABLE_LAW: RuleLayer.STATUTE,
  PROTECTIONS: RuleLayer.FRAMEWORK, CLAIM_ACCESS: RuleLayer.FRAMEWORK, CROSS_BORDER_REFERRAL: RuleLayer.FRAMEWORK,
};

export function assessEligibility(q: EligibilityQuery, ref: ReferenceData): EligibilityOutcome {
  const ctx = buildContext(q, ref);
  const authors = q.authors?.length ? q.authors : null;
  const { art6, authorCtx, termCtx } = authors ? byAuthors(ctx, authors) : { art6: checkProtectedWork(ctx), authorCtx: ctx, termCtx: ctx };
  const term = checkTerm(termCtx, art6.basis);
  const protections = checkProtections(authorCtx, art6);
  const claimAccess = checkClaimAccess(authorCtx, protections);
  const applicableLaw = checkApplicableLaw(ctx);
  const referral = checkCrossBorderReferral(ctx);
  const results = [art6, term, protections, claimAccess, applicableLaw, referral];

  const eligible =
    art6.finding.finding === Finding.MET &&
    term.finding.finding === Finding.MET &&
    claimAccess.finding.finding === Finding.MET &&
    applicableLaw.finding.finding !== Finding.NOT_MET;

  return {
    eligible,
    protections: protections.protections,
    protectedUntil: art6.finding.finding === Finding.MET ? term.protectedUntil : null,
    rules: results.map((r) => ({ ...r.finding, layer: LAYERS[r.finding.code] ?? RuleLayer.FRAMEWORK })),
    crossBorderReferral: referral.crossBorderReferral,
    missingFacts: [...new Set(results.flatMap((r) => r.missingFacts).map((f) => (authors && f === 'authorDeathYear' ? 'authors.deathYear' : f)))],
  };
}

/** The rules that refused eligibility (not MET, or APPLICABLE_LAW NOT_MET), for a caller that reports only refusals. */
export function refusals(outcome: EligibilityOutcome): EligibilityOutcome['rules'] {
  const required = new Set(['PROTECTED_WORK', 'TERM', 'CLAIM_ACCESS']);
  return outcome.rules.filter((r) =>
    (required.has(r.code) && r.finding !== Finding.MET) || (r.code === 'APPLICABLE_LAW' && r.finding === Finding.NOT_MET));
}

/** Missing facts of an author's context, named as the author input spells them. */
const AUTHOR_FACT: Readonly<Record<string, string | null>> = {
  creatorNationality: 'authors.nationality', creatorPrincipalOfficeCountry: 'authors.habitualResidence', creatorKind: null, authorDeathYear: 'authors.deathYear',
};

function authorContext(ctx: EligibilityContext, a: AuthorFacts): EligibilityContext {
  const corporate = a.corporate === true;
  const residence = normalizeCountryCode(a.habitualResidence) || null;
  return {
    ...ctx,
    query: { ...ctx.query, creatorNationality: a.nationality ?? '', creatorKind: corporate ? CreatorKind.CORPORATION : CreatorKind.INDIVIDUAL, creatorPrincipalOfficeCountry: corporate ? residence : null },
    nationality: normalizeCountryCode(a.nationality),
    principalOffice: corporate ? residence : null,
    habitualResidence: corporate ? null : residence,
    isCorporateCreator: corporate,
    authorName: a.name,
  };
}

/** Rank of an Art. 6 result: a Japanese work first, then treaty protection, then unknown, then not protected. */
function rank(r: Art6Result): number {
  if (r.finding.finding === Finding.MET) return isJapaneseBasis(r.basis) ? 0 : 1;
  return r.finding.finding === Finding.UNKNOWN ? 2 : 3;
}

/**
 * Issue 15 point 4: the author's law follows the author. Art. 6 is asked of each author (a joint work is
 * protected when any of its authors is); the term runs from the death of the last surviving author
 * (Art. 51(2)), from publication when every author is anonymous (Art. 52) or a juridical person (Art. 53);
 * the wartime extension follows the Allied national among the authors with the longest extension.
 */
function byAuthors(ctx: EligibilityContext, authors: AuthorFacts[]): { art6: Art6Result; authorCtx: EligibilityContext; termCtx: EligibilityContext } {
  const contexts = authors.map((a) => authorContext(ctx, a));
  const results = contexts.map((c) => checkProtectedWork(c));
  let best = 0;
  results.forEach((r, i) => { if (rank(r) < rank(results[best])) best = i; });
  const chosen = results[best];
  const joint = authors.length > 1;
  const rename = (facts: string[]) => [...new Set(facts.map((f) => (f in AUTHOR_FACT ? AUTHOR_FACT[f] : f)).filter((f): f is string => f !== null))];
  const missing = chosen.finding.finding === Finding.MET ? [] : rename(results.flatMap((r) => r.missingFacts));
  const lead = joint
    ? text(
      `A joint work of ${authors.length} authors is protected when any of them is (Art. 6 asked of each author); it turns on ${authors[best].name}.`,
      `${authors.length}名の共同著作物は、いずれかの著作者について保護されれば保護されます（第6条を著作者ごとに判断）。${authors[best].name}について判断します。`)
    : text(`The author is ${authors[best].name} (recorded on the work, apart from the account filing).`, `著作者は${authors[best].name}です（申立人のアカウントとは別に作品に記録されたもの）。`);
  const art6: Art6Result = {
    ...chosen,
    missingFacts: missing,
    finding: {
      ...chosen.finding,
      explanation: joinTexts([lead, chosen.finding.explanation]),
      data: { ...chosen.finding.data, authors: authors.map((a) => a.name), missingFacts: chosen.finding.data?.missingFacts === undefined ? undefined : missing },
    },
  };
  const authorCtx = contexts[best];

  // The term: the last surviving named author (Art. 51(2)); when every natural author is anonymous, from
  // publication (Art. 52), their deaths only for its proviso; when every author is a juridical person, Art. 53.
  // Assumed: in a joint work of named and anonymous authors, the named authors' lives measure the term.
  const natural = authors.filter((a) => a.corporate !== true);
  const named = natural.filter((a) => a.anonymous !== true);
  const anonymousWork = natural.length > 0 && named.length === 0;
  const measuring = anonymousWork ? natural : named;
  const deathYears = measuring.map((a) => a.deathYear ?? null);
  const lastDeath = measuring.length > 0 && deathYears.every((y) => y !== null) ? Math.max(...(deathYears as number[])) : null;
  const corporateWork = ctx.query.isCorporateWork === true || natural.length === 0;
  const wartimeIdx = contexts
    .map((c, i) => ({ i, days: ctx.ref.country(c.nationality)?.wartimeExtensionDays ?? 0 }))
    .sort((a, b) => b.days - a.days)[0];
  const termBase = wartimeIdx && wartimeIdx.days > 0 ? contexts[wartimeIdx.i] : authorCtx;
  const termCtx: EligibilityContext = {
    ...termBase,
    query: { ...termBase.query, authorDeathYear: corporateWork ? null : lastDeath, isCorporateWork: corporateWork, anonymousWork, authors },
  };
  return { art6, authorCtx, termCtx };
}
