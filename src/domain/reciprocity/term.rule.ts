/**
 * TERM — is the work still in its term of protection in Japan on `asOf`?
 *
 * - Art. 51(2), Art. 57: life + 70 years, counted from 1 January of the year after death, so
 *   protection ends on 31 December of deathYear + 70. Corporate-name works (Art. 53): 70 years
 *   from publication, likewise to 31 December of publicationYear + 70.
 * - TPP11 transition (Act No. 108 of 2016, in force 30 December 2018): the 70-year terms apply
 *   only to works still protected on 30 December 2018; a work whose old 50-year term had run
 *   out stays in the public domain (died 1967 → expired 2017-12-31; died 1968 → 2038-12-31).
 *   For an `asOf` before 30 December 2018 the term then in force (50 years) is applied.
 * - Art. 58: a work whose country of origin (Berne Art. 5(4)) is a Berne / WCT / WTO member other
 *   than Japan, and which is not an Art. 6(i) work, gets no longer term than that country gives
 *   (`termYearsAfterDeath`; also used, as the only figure the data holds, for corporate works).
 * - Act No. 302 of 1952 Art. 4: works of nationals of the Allied Powers that existed before the
 *   Peace Treaty came into force for their country get `wartimeExtensionDays` added (the full
 *   figure for works that existed on 7 December 1941, otherwise the days from first publication
 *   to the day before the Peace Treaty). The Peace Treaty date is 8 December 1941 + the figure
 *   (1952-04-28 for the 3,794-day countries).
 *
 * - Art. 52: a work made public anonymously or under a pseudonym that is not well known (every natural
 *   author `anonymous`) runs 70 years from publication, or ends 70 years after the death if every
 *   author's death is known and earlier (proviso); never made public, it is counted on the lives.
 * - Art. 54: a cinematographic work (WorkKind ANIME, VIDEO) runs 70 years from publication whatever the
 *   authors' lives; the 70 years took effect on 1 January 2004 (Act No. 85 of 2003) for films still
 *   protected then (a 1953 film stays in the public domain). Unpublished: taken as in term.
 * - Films published before 1 January 1971 (Supplementary Provisions Art. 7): where the old Copyright Act
 *   (Act No. 39 of 1899) gives a longer term, it applies. A cinematographic work with originality was protected
 *   as an author's work (old Act Art. 22-3): for the author's life and 30 years after death (Art. 3; the last
 *   surviving author's, Art. 3(2)), extended to 38 years for authors who died in 1932 or later. So a film that is
 *   not a corporate work (`isCorporateWork !== true`) and not anonymous, with the (last) author's death year known,
 *   runs to the later of the current Act's term and 31 December of deathYear + 38 (plus the wartime extension,
 *   capped by Art. 58 like the rest). A film still protected on 1 January 2004 by the old Act's term gets the
 *   70-year term (Chaplin, Supreme Court 8 October 2009: "Limelight", 1952, to 2022). Published after the author's
 *   death: the old Act counted from publication (Art. 4), never longer than the current Act. No death year and
 *   the current Act's term over: UNKNOWN, `authorDeathYear` missing (the life term may still run).
 * - Art. 56: for works published in instalments the term runs from each instalment's publication
 *   (a work completed part by part: from the last part). Only one date is recorded; it is taken as
 *   the publication of the part complained of, and the explanation says so.
 * - The wartime extension runs only for rights that existed during the war: not for a right that the
 *   old Act's 30 years had already ended (base year 1910 or earlier).
 * - Joint works (Art. 51(2)): from the death of the last surviving author (see eligibility.ts).
 *
 * Author's death year not given (not a corporate work): the author is treated as living, the
 * work is in term (MET, protectedUntil null) — unless the work was first published so long ago
 * that it could already have expired, in which case the finding is UNKNOWN and
 * `authorDeathYear` is a missing fact.
 */
import { Finding, Treaty, WorkKind } from '../enums';
import type { CountryData } from '../types';
import type { LocalizedText } from '../enums';
import { isArt6iBasis, type Art6Basis } from './art6.rule';
import { CITE } from './citations';
import { addDays, dayNumber, endOfYear, parseYmd, utcDate, ymd } from './dates';
import { ART_58_TREATIES, treatiesInForce } from './membership';
import { EligibilityRuleCode, countryLabel, joinTexts, text, type EligibilityContext, type RuleResult } from './rule';

/** First day of the war period of Act No. 302 of 1952 Art. 4. */
export const WAR_START = utcDate(1941, 12, 8);
/** Day the Treaty of Peace with Japan came into force for the first Allied Powers (the default). */
export const DEFAULT_PEACE_TREATY_DATE = utcDate(1952, 4, 28);
/** Day the TPP11 amendments extended the terms to 70 years. */
export const TPP11_CUTOVER = utcDate(2018, 12, 30);
export const JAPAN_TERM_YEARS = 70;
export const JAPAN_OLD_TERM_YEARS = 50;

export interface TermResult extends RuleResult {
  /** Last day of protection, null when the author is treated as living or the term cannot be computed. */
  protectedUntil: Date | null;
}

interface Origin {
  code: string;
  country: CountryData | undefined;
  why: LocalizedText;
}

/** Country of origin under Berne Art. 5(4), as Art. 58 reads it. */
export function countryOfOrigin(ctx: EligibilityContext): Origin {
  const { ref, query: q } = ctx;
  const natCountry = ref.country(ctx.nationality);
  const byNationality = (why: LocalizedText): Origin => ({ code: ctx.nationality, country: natCountry, why });
  if (ctx.publicationCountry === null) {
    return byNationality(text(
      'no place of first publication was given, so the work is treated as unpublished and its country of origin is the author\'s country',
      '最初の発行国が入力されていないため未発行の著作物として扱い、本国は著作者の国となります',
    ));
  }
  if (ctx.publicationCountry === 'JP') {
    return { code: 'JP', country: ref.country('JP'), why: text('first published in Japan', '日本で最初に発行') };
  }
  const pubCountry = ref.country(ctx.publicationCountry);
  const pubIsUnion = treatiesInForce(pubCountry, ctx.asOf, ART_58_TREATIES).length > 0;
  if (q.publishedInJapanWithin30Days === true) {
    if (pubIsUnion && pubCountry && pubCountry.termYearsAfterDeath < JAPAN_TERM_YEARS) {
      return {
        code: pubCountry.code,
        country: pubCountry,
        why: text(
          `published in ${countryLabel(pubCountry, pubCountry.code)} and in Japan within 30 days; of the two, the country with the shorter term is the country of origin (Berne Art. 5(4)(a))`,
          `${countryLabel(pubCountry, pubCountry.code)}と日本で30日以内に発行され、保護期間の短い方が本国となります（ベルヌ条約第5条(4)(a)）`,
        ),
      };
    }
    return { code: 'JP', country: ref.country('JP'), why: text('published in Japan within 30 days of first publication', '最初の発行から30日以内に日本で発行') };
  }
  if (pubIsUnion && pubCountry) {
    return { code: pubCountry.code, country: pubCountry, why: text('country of first publication', '最初の発行国') };
  }
  return byNationality(text(
    `first published in ${countryLabel(pubCountry, ctx.publicationCountry)}, outside the Berne Union / WCT / WTO, so the country of origin is the author's country (Berne Art. 5(4)(c))`,
    `同盟国外の${countryLabel(pubCountry, ctx.publicationCountry)}で最初に発行されたため、本国は著作者の国となります（ベルヌ条約第5条(4)(c)）`,
  ));
}

type WartimeBasis = 'NOT_ALLIED' | 'FULL' | 'PARTIAL' | 'AFTER_PEACE_TREATY' | 'UNDETERMINED' | 'NO_RIGHT_DURING_WAR';

interface Wartime {
  basis: WartimeBasis;
  /** Days to add (0 unless FULL or PARTIAL); for UNDETERMINED, the most that could apply. */
  days: number;
  maxDays: number;
  peaceTreatyDate: Date | null;
  country: CountryData | undefined;
  /** First day the extension counts from (FULL: 1941-12-08; PARTIAL: when the right arose in Japan). */
  from: Date | null;
}

/**
 * The last year of death (or, for a work whose term runs from publication, of publication) for which the
 * right had already run out before the war began: the old Copyright Act (Act No. 39 of 1899) Art. 3 gave
 * 30 years after death (Art. 5, 6: 30 years from publication for anonymous and corporate works), counted
 * from the following year, so a right whose base year was 1910 or earlier had expired on 31 December 1940.
 */
const OLD_ACT_EXPIRED_BEFORE_WAR_BASE_YEAR = 1910;

function wartimeExtension(ctx: EligibilityContext, baseYear: number | null): Wartime {
  const country = ctx.ref.country(ctx.nationality);
  const maxDaysFull = country?.wartimeExtensionDays ?? 0;
  const none = (basis: WartimeBasis, peaceTreatyDate: Date | null = null): Wartime => ({ basis, days: 0, maxDays: 0, peaceTreatyDate, country, from: null });
  if (!country || maxDaysFull <= 0) return none('NOT_ALLIED');
  const peaceTreatyDate = addDays(WAR_START, maxDaysFull);
  // Only rights that existed in Japan during the war are extended (Act No. 302 of 1952 Arts. 3, 4).
  if (baseYear !== null && baseYear <= OLD_ACT_EXPIRED_BEFORE_WAR_BASE_YEAR) return none('NO_RIGHT_DURING_WAR', peaceTreatyDate);
  const published = ctx.query.workFirstPublishedAt ?? null;
  if (published) {
    const p = dayNumber(published);
    if (p < dayNumber(WAR_START)) return { basis: 'FULL', days: maxDaysFull, maxDays: maxDaysFull, peaceTreatyDate, country, from: WAR_START };
    if (p < dayNumber(peaceTreatyDate)) {
      const days = dayNumber(peaceTreatyDate) - p;
      return { basis: 'PARTIAL', days, maxDays: days, peaceTreatyDate, country, from: published };
    }
    return none('AFTER_PEACE_TREATY', peaceTreatyDate);
  }
  // The author died before the war began: the work necessarily existed on 7 December 1941.
  if (baseYear !== null && baseYear <= 1940) return { basis: 'FULL', days: maxDaysFull, maxDays: maxDaysFull, peaceTreatyDate, country, from: WAR_START };
  return { basis: 'UNDETERMINED', days: 0, maxDays: maxDaysFull, peaceTreatyDate, country, from: null };
}

/**
 * The Allied Power's own Berne accession when the reference data dates it after 7 December 1941 (null when it lists none),
 * undefined otherwise. New Zealand acceded in its own name in 1928; Pakistan (1948), Lebanon (1947), Sri Lanka (1959) and
 * the United States (1989) appear later, yet Japan owed their nationals protection by treaty throughout the war — through
 * Berne as extended to British India, Ceylon and the French mandate of Syria and Lebanon, and the Japan–US convention of
 * 1906 — and JASRAC names all 15 Allied Powers as countries Japan owed protection to during the war
 * (https://www.jasrac.or.jp/info/wplus.html; reference/README.md). The extension is therefore never counted from such an
 * accession; the explanation says so, so that the figure is not read as a mistake.
 */
function laterOwnBerneAccession(country: CountryData | undefined): string | null | undefined {
  if (!country) return undefined;
  const berne = country.memberships.find((m) => m.treaty === Treaty.BERNE);
  const from = berne ? parseYmd(berne.inForceFrom) : null;
  if (!from) return null;
  return dayNumber(from) < dayNumber(WAR_START) ? undefined : berne!.inForceFrom;
}

type Regime = 'BEFORE_TPP11' | 'EXPIRED_BEFORE_TPP11' | 'EXTENDED_BY_TPP11';

interface Computed {
  end: Date;
  regime: Regime;
  years: number;
  /** The shorter term in force before the cutover ended (the 50 years); set when the work was extended only because another term still ran. */
  extendedByOtherTermAfter?: Date;
}

/** Day the 70-year term of cinematographic works took effect (Act No. 85 of 2003, Art. 54(1)). */
export const FILM_CUTOVER = utcDate(2004, 1, 1);
/** Day the current Copyright Act (Act No. 48 of 1970) took effect (Supplementary Provisions Art. 1). */
export const NEW_ACT_IN_FORCE = utcDate(1971, 1, 1);
/** Old Copyright Act: the author's life and 30 years (Art. 3), extended step by step to 38 for authors who died in 1932 or later. */
export const OLD_ACT_LIFE_TERM_YEARS = 38;
const OLD_ACT_UNEXTENDED_LIFE_TERM_YEARS = 30;
const OLD_ACT_EXTENDED_FROM_DEATH_YEAR = 1932;

/**
 * The term under the law in force on `asOf`; `cutover` is the day the 70-year term took effect (films: 2004, others: TPP11).
 * `otherwiseProtectedUntil`: the end of another term the work had (a film's old-Act term); a work it still protected on the
 * cutover day was protected then, so the 70 years apply to it (Chaplin, Supreme Court 8 October 2009).
 */
function computeEnd(baseYear: number, cap: number | null, wartimeDays: number, asOf: Date, cutover: Date = TPP11_CUTOVER, otherwiseProtectedUntil: Date | null = null): Computed {
  const yearsUnder = (japanYears: number) => (cap !== null ? Math.min(japanYears, cap) : japanYears);
  const endUnder = (japanYears: number) => addDays(endOfYear(baseYear + yearsUnder(japanYears)), wartimeDays);
  const oldEnd = endUnder(JAPAN_OLD_TERM_YEARS);
  if (dayNumber(asOf) < dayNumber(cutover)) return { end: oldEnd, regime: 'BEFORE_TPP11', years: yearsUnder(JAPAN_OLD_TERM_YEARS) };
  const ownTermRanOnCutover = dayNumber(oldEnd) >= dayNumber(cutover);
  const otherTermRanOnCutover = otherwiseProtectedUntil !== null && dayNumber(otherwiseProtectedUntil) >= dayNumber(cutover);
  if (!ownTermRanOnCutover && !otherTermRanOnCutover) return { end: oldEnd, regime: 'EXPIRED_BEFORE_TPP11', years: yearsUnder(JAPAN_OLD_TERM_YEARS) };
  return { end: endUnder(JAPAN_TERM_YEARS), regime: 'EXTENDED_BY_TPP11', years: yearsUnder(JAPAN_TERM_YEARS), ...(ownTermRanOnCutover ? {} : { extendedByOtherTermAfter: oldEnd }) };
}

const CODE = EligibilityRuleCode.TERM;

export function checkTerm(ctx: EligibilityContext, art6Basis: Art6Basis | null): TermResult {
  const q = ctx.query;
  const asOf = ymd(ctx.asOf);
  const asOfYear = ctx.asOf.getUTCFullYear();
  const published = q.workFirstPublishedAt ?? null;
  // Which term: a cinematographic work (Art. 54, which displaces Arts. 51-53), an anonymous or
  // pseudonymous work made public (Art. 52), a corporate-name work (Art. 53), or life + 70 (Art. 51).
  const film = q.workKind === WorkKind.ANIME || q.workKind === WorkKind.VIDEO;
  const anonymousUnpublished = !film && q.anonymousWork === true && !published && q.isCorporateWork !== true;
  const anonymous = !film && q.anonymousWork === true && !anonymousUnpublished && q.isCorporateWork !== true;
  const corporate = film || anonymous || q.isCorporateWork === true;
  const deathYear = film ? null : q.authorDeathYear ?? null;
  // Supplementary Provisions Art. 7: a film published before 1971, not under a corporate name nor anonymously, may run
  // longer under the old Act, on the life of its (last surviving) author.
  const oldActFilm = film && published !== null && dayNumber(published) < dayNumber(NEW_ACT_IN_FORCE) && q.isCorporateWork !== true && q.anonymousWork !== true;
  const filmDeathYear = oldActFilm ? q.authorDeathYear ?? null : null;
  const citations: string[] = [film ? CITE.TERM_FILM : anonymous ? CITE.TERM_ANONYMOUS : corporate ? CITE.TERM_CORPORATE : CITE.TERM_LIFE];
  const parts: LocalizedText[] = [];
  const data: Record<string, unknown> = {
    authorDeathYear: deathYear ?? filmDeathYear,
    isCorporateWork: q.isCorporateWork === true,
    termBasis: film ? 'CINEMATOGRAPHIC' : anonymous ? 'ANONYMOUS' : corporate ? 'CORPORATE' : 'LIFE',
    workFirstPublishedAt: published ? ymd(published) : null,
    creatorNationality: ctx.nationality,
    asOf,
  };
  const result = (finding: Finding, protectedUntil: Date | null, missingFacts: string[] = []): TermResult => ({
    protectedUntil,
    missingFacts,
    finding: {
      code: CODE,
      finding,
      explanation: joinTexts(parts),
      citation: [...new Set(citations)].join('; '),
      data: { ...data, protectedUntil: protectedUntil ? ymd(protectedUntil) : null, missingFacts },
    },
  });

  // Art. 58: country of origin and its term.
  const origin = countryOfOrigin(ctx);
  const originUnion = treatiesInForce(origin.country, ctx.asOf, ART_58_TREATIES);
  const originTerm = origin.country?.termYearsAfterDeath ?? null;
  const art58 = !isArt6iBasis(art6Basis) && origin.code !== 'JP' && originUnion.length > 0 && originTerm !== null && originTerm < JAPAN_TERM_YEARS;
  const cap = art58 ? originTerm : null;
  data.countryOfOrigin = origin.code || null;
  data.originTermYears = originTerm;
  data.art58Applied = art58;
  const art58Missing: string[] = [];
  if (art58) {
    citations.push(CITE.ART_58);
    parts.push(text(
      `Art. 58: the country of origin is ${countryLabel(origin.country, origin.code)} (${origin.why.en}), a ${originUnion.join('/')} member whose term is ${originTerm} years, shorter than Japan's, so Japan gives no more than ${originTerm} years.`,
      `第58条: 本国は${countryLabel(origin.country, origin.code)}（${origin.why.ja}）であり、${originUnion.join('・')}の加盟国で保護期間が${originTerm}年と日本より短いため、日本での保護期間も${originTerm}年を超えません。`,
    ));
    if (ctx.publicationCountry === null) art58Missing.push('workFirstPublicationCountry');
  } else if (!isArt6iBasis(art6Basis) && origin.code !== 'JP' && origin.code !== '') {
    parts.push(text(
      `Art. 58 does not shorten the term: the country of origin ${countryLabel(origin.country, origin.code)} (${origin.why.en}) ${originTerm === null ? 'is not in the reference data' : originUnion.length === 0 ? 'is not a Berne / WCT / WTO member' : `gives ${originTerm} years`}.`,
      `第58条による短縮はありません: 本国${countryLabel(origin.country, origin.code)}（${origin.why.ja}）は${originTerm === null ? '参照データにありません' : originUnion.length === 0 ? 'ベルヌ同盟・WCT・WTOの加盟国ではありません' : `${originTerm}年の保護期間を定めています`}。`,
    ));
  }

  // Base year: death (life + N) or publication (corporate-name work).
  let baseYear: number;
  let fromPublication = corporate;
  if (film && !published) {
    parts.unshift(text(
      'The work is a cinematographic work (an anime or video), whose term runs 70 years from publication, or from creation if it is not published within 70 years of its creation (Art. 54(1)); no date of publication was given, so the work is taken as created within the last 70 years and in term.',
      '映画の著作物（アニメ・映像）であり、保護期間は公表後70年（創作後70年以内に公表されなかったときは創作後70年）です（第54条第1項）。公表日が入力されていないため、創作後70年以内であり保護期間内として扱います。',
    ));
    return result(Finding.MET, null);
  }
  if (anonymousUnpublished) {
    parts.push(text(
      'Every author is anonymous or pseudonymous, but the work has not been made public (no date of publication given): Art. 52 counts only from the work being made public, so the term is counted on the authors\' lives (Art. 51(2)).',
      '著作者はいずれも無名又は変名ですが、著作物は公表されていない（公表日の入力なし）ため、公表時起算の第52条は適用されず、著作者の死亡時から起算します（第51条第2項）。',
    ));
  }
  if (corporate) {
    if (!published) {
      parts.unshift(text(
        'The work is a corporate-name work, whose term runs from publication (Art. 53), but the date of first publication was not given.',
        '団体名義の著作物であり保護期間は公表時から起算されます（第53条）が、最初の発行日が入力されていません。',
      ));
      return result(Finding.UNKNOWN, null, ['workFirstPublishedAt']);
    }
    baseYear = published.getUTCFullYear();
    if (film) {
      parts.unshift(text(
        `The work is a cinematographic work (an anime or video) first published on ${ymd(published)}; its term runs 70 years from publication, from 1 January ${baseYear + 1} (Art. 54(1), Art. 57), whatever the authors' lives${oldActFilm ? ' (under the current Act; for a film published before 1971 the old Act may give longer, below)' : ''}.`,
        `映画の著作物（アニメ・映像）で${ymd(published)}に公表されたため、著作者の生死にかかわらず、保護期間は公表後70年であり${baseYear + 1}年1月1日から起算されます（第54条第1項・第57条${oldActFilm ? '。現行法による期間であり、1971年より前に公表された映画については旧法の期間が長い場合があります（後述）' : ''}）。`,
      ));
    } else if (anonymous && deathYear !== null && deathYear < baseYear) {
      parts.unshift(text(
        `The work was made public anonymously or under a pseudonym that is not well known on ${ymd(published)}, so its term runs from publication (Art. 52(1)); but every author is known to have died by ${deathYear}, and the term ends once 70 years have passed since the death (Art. 52(1) proviso): it runs from 1 January ${deathYear + 1}.`,
        `無名又は変名の著作物で${ymd(published)}に公表されたため保護期間は公表時から起算されます（第52条第1項）が、著作者は${deathYear}年までに死亡したことが認められるため、死後70年の経過により消滅します（同項ただし書）。${deathYear + 1}年1月1日から起算します。`,
      ));
      baseYear = deathYear;
      fromPublication = false;
    } else if (anonymous) {
      parts.unshift(text(
        `The work was made public anonymously or under a pseudonym that is not well known on ${ymd(published)}; its term runs 70 years from publication, from 1 January ${baseYear + 1} (Art. 52(1), Art. 57). (If the pseudonym is well known, the real name is registered or the author makes the work public under their name within that time, the term is counted on the author's life instead: Art. 52(2).)`,
        `無名又は周知でない変名の著作物で${ymd(published)}に公表されたため、保護期間は公表後70年であり${baseYear + 1}年1月1日から起算されます（第52条第1項・第57条）。（変名が周知である場合、実名の登録があった場合、又は期間内に実名等で公表した場合は、死亡時から起算します（同条第2項）。）`,
      ));
    } else {
      parts.unshift(text(
        `The work is a corporate-name work first published on ${ymd(published)}; its term runs from 1 January ${baseYear + 1} (Art. 53, Art. 57).`,
        `団体名義の著作物で${ymd(published)}に最初に発行されたため、保護期間は${baseYear + 1}年1月1日から起算されます（第53条・第57条）。`,
      ));
    }
    citations.push(CITE.SERIAL_PUBLICATION);
    parts.push(text(
      `The date of first publication given is taken as the publication of the part complained of: a work published in volumes, issues or instalments runs from each one's own publication, and a work completed part by part from its last part (Art. 56); a later instalment is protected longer.`,
      `入力された最初の発行日を、申立ての対象部分の公表日とみなします。冊・号・回を追って公表する著作物は毎冊・毎号・毎回の公表時から、一部分ずつ逐次公表して完成する著作物は最終部分の公表時から起算します（第56条）。後の回ほど保護期間は長くなります。`,
    ));
  } else if (deathYear === null) {
    const years = cap ?? JAPAN_TERM_YEARS;
    const wartime = wartimeExtension(ctx, null);
    if (published) {
      const earliestEnd = addDays(endOfYear(published.getUTCFullYear() + years), wartime.days);
      if (dayNumber(ctx.asOf) > dayNumber(earliestEnd)) {
        parts.unshift(text(
          `The author's year of death was not given. The work was first published on ${ymd(published)}, so the author may have died before ${asOfYear - years}; the term (${years} years after death) would then have run out by ${asOf}. The term cannot be decided without the year of death.`,
          `著作者の死亡年が入力されていません。著作物は${ymd(published)}に最初に発行されており、著作者が${asOfYear - years}年より前に死亡していれば、保護期間（死後${years}年）は${asOf}までに満了しています。死亡年なしには判断できません。`,
        ));
        return result(Finding.UNKNOWN, null, ['authorDeathYear', ...art58Missing]);
      }
    }
    parts.unshift(text(
      `The author's year of death was not given, so the author is treated as living: protection lasts for the author's life and ${years} years after death (Art. 51(2)${art58 ? ', Art. 58' : ''}), and the work is in term on ${asOf}.`,
      `著作者の死亡年が入力されていないため、著作者は存命として扱います。保護期間は著作者の生存中及び死後${years}年間であり（第51条第2項${art58 ? '・第58条' : ''}）、${asOf}時点で保護期間内です。`,
    ));
    return result(Finding.MET, null);
  } else if (deathYear > asOfYear) {
    parts.unshift(text(
      `The year of death given (${deathYear}) is after the assessment date ${asOf}; the term cannot be computed.`,
      `入力された死亡年（${deathYear}年）が判断基準日${asOf}より後であるため、保護期間を計算できません。`,
    ));
    return result(Finding.UNKNOWN, null, ['authorDeathYear']);
  } else {
    baseYear = deathYear;
    parts.unshift(text(
      `The author died in ${deathYear}; the term runs from 1 January ${deathYear + 1} (Art. 51(2), Art. 57).`,
      `著作者は${deathYear}年に死亡しており、保護期間は${deathYear + 1}年1月1日から起算されます（第51条第2項・第57条）。`,
    ));
  }

  // Wartime extension, then the term under the law in force on asOf.
  const baseWartime = wartimeExtension(ctx, baseYear);
  // A pre-1971 film's old-Act term: the author's life + 38 years (30 for deaths before 1932), Art. 58 and the wartime
  // extension as for any other term. An author who died before publication: the old Act counted from publication (Art. 4).
  const oldActLifeYears = filmDeathYear !== null && filmDeathYear >= OLD_ACT_EXTENDED_FROM_DEATH_YEAR ? OLD_ACT_LIFE_TERM_YEARS : OLD_ACT_UNEXTENDED_LIFE_TERM_YEARS;
  const diedBeforePublication = filmDeathYear !== null && filmDeathYear < baseYear;
  let oldAct: { end: Date; years: number; wartime: Wartime } | null = null;
  if (oldActFilm && filmDeathYear !== null && filmDeathYear <= asOfYear && !diedBeforePublication) {
    const years = cap !== null ? Math.min(oldActLifeYears, cap) : oldActLifeYears;
    const w = wartimeExtension(ctx, filmDeathYear);
    oldAct = { end: addDays(endOfYear(filmDeathYear + years), w.days), years, wartime: w };
  }
  const cutover = film ? FILM_CUTOVER : TPP11_CUTOVER;
  const computed = computeEnd(baseYear, cap, baseWartime.days, ctx.asOf, cutover, oldAct?.end ?? null);
  const oldActDecides = oldAct !== null && dayNumber(oldAct.end) > dayNumber(computed.end);
  const end = oldActDecides ? oldAct!.end : computed.end;
  const inTerm = dayNumber(ctx.asOf) <= dayNumber(end);
  const wartime = oldActDecides ? oldAct!.wartime : baseWartime;
  data.wartimeExtensionDays = wartime.days;
  data.wartimeBasis = wartime.basis;
  data.peaceTreatyInForce = wartime.peaceTreatyDate ? ymd(wartime.peaceTreatyDate) : null;
  data.termYears = computed.years;
  data.regime = computed.regime;

  const nat = countryLabel(wartime.country, ctx.nationality);
  const missing: string[] = [...art58Missing];
  let finding = inTerm ? Finding.MET : Finding.NOT_MET;
  let protectedUntil: Date | null = end;
  if (wartime.basis === 'FULL' || wartime.basis === 'PARTIAL') {
    citations.push(CITE.WARTIME);
    const from = ymd(wartime.from ?? WAR_START);
    parts.push(text(
      `The author is a national of ${nat}, an Allied Power: Art. 4 adds ${wartime.days} days (from ${from} to the day before the Peace Treaty came into force for ${ctx.nationality} on ${ymd(wartime.peaceTreatyDate!)}) because the work existed before that date.`,
      `著作者は連合国である${nat}の国民であり、著作物は平和条約発効日（${ymd(wartime.peaceTreatyDate!)}）より前から存在していたため、第4条により${wartime.days}日（${from}から発効日の前日まで）が加算されます。`,
    ));
    // NZ/PK/LB (issue 15 point 7): a later Berne accession of the country itself does not delay the extension.
    const ownBerne = laterOwnBerneAccession(wartime.country);
    if (ownBerne !== undefined) {
      data.ownBerneAccession = ownBerne;
      parts.push(text(
        `${ownBerne ? `${nat}'s own Berne accession in the reference data dates from ${ownBerne}` : `The reference data lists no Berne accession of ${nat}`}, but Japan owed its nationals copyright protection by treaty during the war (the Berne Convention as it then applied to its territory, or a bilateral convention such as the Japan–US convention of 1906; JASRAC lists it among the 15 countries so protected), so the extension is not delayed to that accession: it runs from 8 December 1941 for a right held then (Act No. 302 of 1952 Art. 4(1)) and from its acquisition for a right acquired during the war (Art. 4(2)).`,
        `${ownBerne ? `参照データ上の${nat}自身のベルヌ条約加入は${ownBerne}ですが` : `参照データには${nat}のベルヌ条約加入が記載されていませんが`}、日本は戦時中、条約（当時その領域に適用されていたベルヌ条約、または1906年の日米著作権条約などの二国間条約）により同国民の著作権を保護する義務を負っていました（JASRACは同国を保護義務のあった15か国に挙げています）。したがって加算はその加入日まで遅れず、1941年12月8日に有していた権利については同日から（昭和27年法律第302号第4条第1項）、戦時中に取得した権利については取得の日から（同条第2項）計算します。`,
      ));
    }
  } else if (wartime.basis === 'NO_RIGHT_DURING_WAR') {
    citations.push(CITE.WARTIME);
    parts.push(text(
      `No wartime extension: although ${nat} is an Allied Power, the right had already run out under the old Copyright Act (30 years, counted from ${baseYear + 1}) before the war began, and only rights that existed during the war are extended.`,
      `${nat}は連合国ですが、旧著作権法の保護期間（${baseYear + 1}年から起算して30年）は開戦前に満了しており、戦時加算は戦時中に存在した権利にのみ適用されるため、加算はありません。`,
    ));
  } else if (wartime.basis === 'AFTER_PEACE_TREATY') {
    parts.push(text(
      `No wartime extension: although ${nat} is an Allied Power, the work was first published on ${ymd(published!)}, after the Peace Treaty came into force for it on ${ymd(wartime.peaceTreatyDate!)}.`,
      `${nat}は連合国ですが、著作物は平和条約発効日（${ymd(wartime.peaceTreatyDate!)}）より後の${ymd(published!)}に発行されたため、戦時加算はありません。`,
    ));
  } else if (wartime.basis === 'UNDETERMINED') {
    citations.push(CITE.WARTIME);
    const extended = computeEnd(baseYear, cap, wartime.maxDays, ctx.asOf);
    const extendedInTerm = dayNumber(ctx.asOf) <= dayNumber(extended.end);
    data.wartimeExtensionDaysIfPreTreaty = wartime.maxDays;
    data.protectedUntilIfPreTreaty = ymd(extended.end);
    if (extendedInTerm !== inTerm) {
      finding = Finding.UNKNOWN;
      protectedUntil = null;
      missing.push('workFirstPublishedAt');
    }
    parts.push(text(
      `The author is a national of ${nat}, an Allied Power: if the work existed before the Peace Treaty came into force for ${ctx.nationality} on ${ymd(wartime.peaceTreatyDate!)}, Art. 4 adds up to ${wartime.maxDays} days (protection to ${ymd(extended.end)}); the date of first publication was not given, so no extension is counted${finding === Finding.UNKNOWN ? ', and the outcome depends on it' : ' (it would not change the outcome)'}.`,
      `著作者は連合国である${nat}の国民です。著作物が平和条約発効日（${ymd(wartime.peaceTreatyDate!)}）より前から存在していれば、第4条により最大${wartime.maxDays}日が加算されます（${ymd(extended.end)}まで）。最初の発行日が入力されていないため加算していません${finding === Finding.UNKNOWN ? '。結論はこの日付に左右されます' : '（結論は変わりません）'}。`,
    ));
  }

  const plus = baseWartime.days > 0 ? ` plus ${baseWartime.days} wartime days` : '';
  const plusJa = baseWartime.days > 0 ? `に戦時加算${baseWartime.days}日を加えた期間` : '';
  const base = `${fromPublication ? `publication in ${baseYear}` : `death in ${baseYear}`}`;
  const baseJa = fromPublication ? `${baseYear}年の公表` : `${baseYear}年の死亡`;
  if (film && computed.regime === 'EXPIRED_BEFORE_TPP11') {
    citations.push(CITE.FILM_2004_TRANSITION);
    parts.push(text(
      `Under the term in force before 1 January 2004 (${computed.years} years after ${base}${plus}) protection ended on ${ymd(computed.end)}, so the 2004 extension of cinematographic works to 70 years does not revive it.`,
      `2004年1月1日より前の保護期間（${baseJa}から${computed.years}年${plusJa}）により${ymd(computed.end)}に満了しており、映画の著作物の保護期間を70年とした2004年改正は適用されません。`,
    ));
  } else if (film && computed.regime === 'EXTENDED_BY_TPP11') {
    citations.push(CITE.FILM_2004_TRANSITION);
    parts.push(text(
      `The work was still protected on 1 January 2004, so the 70-year term of cinematographic works applies: ${computed.years} years after ${base}${plus}.`,
      `2004年1月1日時点で保護期間内であったため、映画の著作物の70年の保護期間が適用され、${baseJa}から${computed.years}年${plusJa}となります。`,
    ));
  } else if (film) {
    parts.push(text(
      `On ${asOf} the term of cinematographic works was ${JAPAN_OLD_TERM_YEARS} years (70 from 1 January 2004): ${computed.years} years after ${base}${plus}.`,
      `${asOf}時点の映画の著作物の保護期間は${JAPAN_OLD_TERM_YEARS}年（2004年1月1日から70年）であり、${baseJa}から${computed.years}年となります。`,
    ));
  } else if (computed.regime === 'EXPIRED_BEFORE_TPP11') {
    citations.push(CITE.TPP11_TRANSITION);
    parts.push(text(
      `Under the term in force before 30 December 2018 (${computed.years} years after ${base}${plus}) protection ended on ${ymd(computed.end)}, before 30 December 2018, so the TPP11 extension to 70 years does not revive it.`,
      `2018年12月30日より前の保護期間（${baseJa}から${computed.years}年${plusJa}）により${ymd(computed.end)}に満了しており、TPP11による70年への延長は適用されません。`,
    ));
  } else if (computed.regime === 'EXTENDED_BY_TPP11') {
    citations.push(CITE.TPP11_TRANSITION);
    parts.push(text(
      `The work was still protected on 30 December 2018, so the TPP11 amendment's 70-year term applies: ${computed.years} years after ${base}${plus}.`,
      `2018年12月30日時点で保護期間内であったため、TPP11改正による70年の保護期間が適用され、${baseJa}から${computed.years}年${plusJa}となります。`,
    ));
  } else {
    parts.push(text(
      `On ${asOf} the term in force was ${JAPAN_OLD_TERM_YEARS} years (the TPP11 extension took effect on 30 December 2018): ${computed.years} years after ${base}${plus}.`,
      `${asOf}時点の保護期間は${JAPAN_OLD_TERM_YEARS}年（TPP11による延長は2018年12月30日施行）であり、${baseJa}から${computed.years}年となります。`,
    ));
  }

  if (oldActFilm) {
    citations.push(CITE.FILM_OLD_ACT);
    data.oldActTermApplied = oldActDecides;
    data.oldActTermYears = oldAct?.years ?? null;
    data.oldActProtectedUntil = oldAct ? ymd(oldAct.end) : null;
    data.newActProtectedUntil = ymd(computed.end);
    parts.push(text(
      `The film was published on ${ymd(published!)}, before the current Copyright Act took effect on 1 January 1971, and not under the name of a corporation: under its Supplementary Provisions Art. 7 the term of the old Copyright Act (Act No. 39 of 1899) applies where it is longer. The old Act protected a cinematographic work with originality as an author's work (old Act Art. 22-3), for the author's life and 30 years after death (Art. 3; for a joint work, the last surviving author's), extended to 38 years for authors who died in 1932 or later.`,
      `この映画は現行著作権法の施行日（1971年1月1日）より前の${ymd(published!)}に公表され、団体名義の著作物ではないため、附則第7条により、旧著作権法（明治32年法律第39号）による保護期間の方が長いときはそれによります。旧法は独創性のある映画を著作者の著作物として保護し（旧法第22条ノ3）、保護期間は著作者の生存間及び死後30年（第3条。共同著作物は最終に死亡した著作者の死後）で、1932年以降に死亡した著作者については暫定延長により死後38年となりました。`,
    ));
    if (oldAct) {
      const y = filmDeathYear!;
      const capped = oldAct.years < oldActLifeYears;
      const w = oldAct.wartime.days > 0 ? ` plus ${oldAct.wartime.days} wartime days` : '';
      const wJa = oldAct.wartime.days > 0 ? `に戦時加算${oldAct.wartime.days}日を加えた期間` : '';
      const yearsEn = `life + ${oldAct.years} years${capped ? ` (no more than the ${cap} years of the country of origin, Art. 58)` : ''}${w}`;
      const yearsJa = `死後${oldAct.years}年${capped ? `（第58条により本国の${cap}年を超えない）` : ''}${wJa}`;
      parts.push(oldActDecides
        ? text(
          `The film's author (for a joint work, the last surviving author) died in ${y}, so the old Act's term (${yearsEn}) runs to ${ymd(oldAct.end)}, later than the current Act's term (${ymd(computed.end)}): the old Act's term applies (Supplementary Provisions Art. 7), and the film is protected until ${ymd(oldAct.end)}.`,
          `映画の著作者（共同著作物は最終に死亡した著作者）は${y}年に死亡しており、旧法による保護期間（${yearsJa}）は${ymd(oldAct.end)}までで、現行法による保護期間（${ymd(computed.end)}まで）より長いため、旧法の保護期間によります（附則第7条）。保護期間は${ymd(oldAct.end)}までです。`)
        : text(
          `The film's author (for a joint work, the last surviving author) died in ${y}, so the old Act's term (${yearsEn}) runs to ${ymd(oldAct.end)}, no later than the current Act's term (${ymd(computed.end)}), which therefore applies.`,
          `映画の著作者（共同著作物は最終に死亡した著作者）は${y}年に死亡しており、旧法による保護期間（${yearsJa}）は${ymd(oldAct.end)}までで、現行法による保護期間（${ymd(computed.end)}まで）より長くないため、現行法の保護期間によります。`));
      const fiftyEnd = computed.extendedByOtherTermAfter;
      if (fiftyEnd) {
        parts.push(text(
          `The current Act's 50 years from publication had ended on ${ymd(fiftyEnd)}, but the old Act's term still ran on 1 January 2004, so the film was protected on that day and the 70-year term of cinematographic works applies to it (as the Supreme Court held on 8 October 2009 for Chaplin's "Limelight" of 1952, protected to 2022).`,
          `現行法による公表後50年は${ymd(fiftyEnd)}に満了していましたが、2004年1月1日時点でも旧法による保護期間が存続していたため、同日に保護されていた映画として70年の保護期間が適用されます（最高裁平成21年10月8日判決はチャップリンの「ライムライト」（1952年）について2022年までの保護を認めています）。`,
        ));
      }
    } else if (diedBeforePublication) {
      parts.push(text(
        `The author died in ${filmDeathYear}, before the film was published: the old Act counted such a work from its publication (old Act Art. 4), a term no longer than the current Act's, which therefore applies.`,
        `著作者は映画の公表前の${filmDeathYear}年に死亡しており、旧法ではこのような著作物の保護期間は公表時から起算され（旧法第4条）、現行法の保護期間より長くならないため、現行法の保護期間によります。`,
      ));
    } else if (inTerm) {
      parts.push(text(
        `The year of death of the film's author (for a joint work, the last surviving author) was ${filmDeathYear === null ? 'not given' : `given as ${filmDeathYear}, after the assessment date`}; the current Act's term still runs on ${asOf}, so the old Act's term, which could only be longer, does not change the outcome.`,
        `映画の著作者（共同著作物は最終に死亡した著作者）の死亡年は${filmDeathYear === null ? '入力されていません' : `判断基準日より後の${filmDeathYear}年と入力されています`}が、${asOf}時点で現行法による保護期間内であり、旧法の保護期間（これより長い場合にのみ適用）によって結論は変わりません。`,
      ));
    } else {
      parts.push(text(
        `The year of death of the film's author (for a joint work, the last surviving author) was ${filmDeathYear === null ? 'not given' : `given as ${filmDeathYear}, after the assessment date`}. The current Act's term ended on ${ymd(computed.end)}, but the old Act's term (the author's life + 38 years) may still run on ${asOf}: the term cannot be decided without the year of death (a film published under the name of a corporation has the current Act's term alone).`,
        `映画の著作者（共同著作物は最終に死亡した著作者）の死亡年は${filmDeathYear === null ? '入力されていません' : `判断基準日より後の${filmDeathYear}年と入力されています`}。現行法による保護期間は${ymd(computed.end)}に満了していますが、旧法による保護期間（著作者の死後38年）は${asOf}時点でなお存続している可能性があり、死亡年なしには判断できません（団体名義で公表された映画であれば、現行法の保護期間によります）。`,
      ));
      return result(Finding.UNKNOWN, null, [...new Set(['authorDeathYear', ...missing])]);
    }
  }

  if (finding === Finding.MET && wartime.basis === 'UNDETERMINED') {
    parts.push(text(
      `Protected until at least ${ymd(computed.end)} (${data.protectedUntilIfPreTreaty} if the work existed before ${ymd(wartime.peaceTreatyDate!)}): the work is in term on ${asOf}.`,
      `少なくとも${ymd(computed.end)}まで（${ymd(wartime.peaceTreatyDate!)}より前から存在していた場合は${data.protectedUntilIfPreTreaty}まで）保護され、${asOf}時点で保護期間内です。`,
    ));
  } else if (finding === Finding.MET) {
    parts.push(text(`Protected until ${ymd(end)}: the work is in term on ${asOf}.`, `${ymd(end)}まで保護され、${asOf}時点で保護期間内です。`));
  } else if (finding === Finding.NOT_MET) {
    parts.push(text(
      `Protection expired on ${ymd(end)}: on ${asOf} the work is in the public domain in Japan.`,
      `保護期間は${ymd(end)}に満了しており、${asOf}時点で日本では保護されません。`,
    ));
  } else {
    parts.push(text(
      `Without the extension protection ended on ${ymd(computed.end)}; whether the work is in term on ${asOf} depends on the date of first publication.`,
      `加算がなければ${ymd(computed.end)}に満了しています。${asOf}時点で保護期間内かどうかは最初の発行日によります。`,
    ));
  }
  // Without a place of first publication Art. 58 was applied on the author's country; that only matters if the work is out of term.
  const relevantMissing = finding === Finding.MET ? missing.filter((m) => !art58Missing.includes(m)) : missing;
  return result(finding, protectedUntil, [...new Set(relevantMissing)]);
}
