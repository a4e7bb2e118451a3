/**
 * PROTECTED_WORK — Copyright Act Art. 6: is the work one Japan protects?
 *   (i)   the author is a Japanese national, or a corporation established under Japanese law
 *         or with its principal office in Japan;
 *   (ii)  the work was first published in Japan, or in Japan within 30 days of its first
 *         publication abroad;
 *   (iii) Japan must protect it by treaty: the author is a national of, or the work was first
 *         published in, a country party to BERNE, TRIPS (WTO), WCT or UCC on `asOf`.
 * North Korea (KP) gives no treaty link (see membership.ts); an unknown country code is NOT_MET.
 */
import { Finding, Treaty } from '../enums';
import type { LocalizedText } from '../enums';
import { CITE } from './citations';
import { ymd } from './dates';
import { NO_RECOGNISED_TREATY_RELATION, PROTECTING_TREATIES, treatiesInForce } from './membership';
import { EligibilityRuleCode, countryLabel, joinTexts, text, type EligibilityContext, type RuleResult } from './rule';

/** On which limb of Art. 6 the work is protected. */
export enum Art6Basis {
  JAPANESE_NATIONAL = 'JAPANESE_NATIONAL',
  JAPANESE_CORPORATION = 'JAPANESE_CORPORATION',
  FIRST_PUBLISHED_IN_JAPAN = 'FIRST_PUBLISHED_IN_JAPAN',
  PUBLISHED_IN_JAPAN_WITHIN_30_DAYS = 'PUBLISHED_IN_JAPAN_WITHIN_30_DAYS',
  TREATY_NATIONALITY = 'TREATY_NATIONALITY',
  TREATY_FIRST_PUBLICATION = 'TREATY_FIRST_PUBLICATION',
  /** Berne Art. 3(2): an author who is not a national of a treaty country but habitually resides in one. */
  TREATY_HABITUAL_RESIDENCE = 'TREATY_HABITUAL_RESIDENCE',
}

/** Art. 6(i) or (ii): the creator is treated as a Japanese creator. */
export function isJapaneseBasis(basis: Art6Basis | null): boolean {
  return basis !== null && basis !== Art6Basis.TREATY_NATIONALITY && basis !== Art6Basis.TREATY_FIRST_PUBLICATION
    && basis !== Art6Basis.TREATY_HABITUAL_RESIDENCE;
}

/** Art. 6(i) only (the works Art. 58 never shortens). */
export function isArt6iBasis(basis: Art6Basis | null): boolean {
  return basis === Art6Basis.JAPANESE_NATIONAL || basis === Art6Basis.JAPANESE_CORPORATION;
}

export interface Art6Result extends RuleResult {
  basis: Art6Basis | null;
  /** Treaties that carry the protection (limb iii), empty otherwise. */
  treaties: Treaty[];
}

const CODE = EligibilityRuleCode.PROTECTED_WORK;

function citationFor(basis: Art6Basis | null): string {
  switch (basis) {
    case Art6Basis.JAPANESE_NATIONAL:
    case Art6Basis.JAPANESE_CORPORATION:
      return CITE.ART_6_I;
    case Art6Basis.FIRST_PUBLISHED_IN_JAPAN:
    case Art6Basis.PUBLISHED_IN_JAPAN_WITHIN_30_DAYS:
      return CITE.ART_6_II;
    case Art6Basis.TREATY_NATIONALITY:
    case Art6Basis.TREATY_FIRST_PUBLICATION:
      return `${CITE.ART_6_III}; ${CITE.BERNE_NATIONAL_TREATMENT}`;
    case Art6Basis.TREATY_HABITUAL_RESIDENCE:
      return `${CITE.ART_6_III}; ${CITE.BERNE_HABITUAL_RESIDENCE}; ${CITE.BERNE_NATIONAL_TREATMENT}`;
    default:
      return CITE.ART_6;
  }
}

/** "not yet in force" notes for memberships that start after asOf (so a refusal says when it changes). */
function laterMemberships(ctx: EligibilityContext, code: string): string[] {
  const c = ctx.ref.country(code);
  if (!c || NO_RECOGNISED_TREATY_RELATION.has(c.code)) return [];
  const asOf = ymd(ctx.asOf);
  return c.memberships.filter((m) => m.inForceFrom > asOf).map((m) => `${m.treaty} from ${m.inForceFrom}`);
}

export function checkProtectedWork(ctx: EligibilityContext): Art6Result {
  const { ref, query: q } = ctx;
  const asOf = ymd(ctx.asOf);
  const natCountry = ref.country(ctx.nationality);
  const pubCountry = ctx.publicationCountry ? ref.country(ctx.publicationCountry) : undefined;
  const nat = countryLabel(natCountry, ctx.nationality);
  const pub = ctx.publicationCountry ? countryLabel(pubCountry, ctx.publicationCountry) : null;
  const data: Record<string, unknown> = {
    creatorNationality: ctx.nationality,
    ...(ctx.authorName !== null ? { author: ctx.authorName, authorHabitualResidence: ctx.habitualResidence } : {}),
    creatorKind: q.creatorKind ?? null,
    creatorPrincipalOfficeCountry: ctx.principalOffice,
    workFirstPublicationCountry: ctx.publicationCountry,
    publishedInJapanWithin30Days: q.publishedInJapanWithin30Days ?? null,
    asOf,
  };
  const met = (basis: Art6Basis, treaties: Treaty[], explanation: LocalizedText): Art6Result => ({
    basis,
    treaties,
    missingFacts: [],
    finding: { code: CODE, finding: Finding.MET, explanation, citation: citationFor(basis), data: { ...data, basis, treaties } },
  });

  // (i) Japanese national or Japanese corporation.
  if (!ctx.isCorporateCreator && ctx.nationality === 'JP') {
    return met(Art6Basis.JAPANESE_NATIONAL, [], text(
      'The author is a Japanese national (nationality JP), so the work is protected under Art. 6(i).',
      '著作者は日本国民（国籍 JP）であるため、著作物は第6条第1号により保護されます。',
    ));
  }
  if (ctx.isCorporateCreator && (ctx.nationality === 'JP' || ctx.principalOffice === 'JP')) {
    const how = ctx.principalOffice === 'JP'
      ? text(`has its principal office in Japan (principal office country JP, incorporated in ${nat})`, `日本国内に主たる事務所を有する（主たる事務所の所在国 JP、設立国 ${nat}）`)
      : text('is established under Japanese law (country JP)', '日本の法令に基づいて設立された（国 JP）');
    return met(Art6Basis.JAPANESE_CORPORATION, [], text(
      `The creator is a ${q.creatorKind} that ${how.en}, so it counts as a Japanese national and the work is protected under Art. 6(i).`,
      `著作者は${how.ja}法人（${q.creatorKind}）であり日本国民に含まれるため、著作物は第6条第1号により保護されます。`,
    ));
  }
  // (ii) first published in Japan, or in Japan within 30 days.
  if (ctx.publicationCountry === 'JP') {
    return met(Art6Basis.FIRST_PUBLISHED_IN_JAPAN, [], text(
      `The work was first published in Japan (country of first publication JP), so it is protected under Art. 6(ii) whatever the author's nationality (${nat}).`,
      `著作物は日本で最初に発行された（最初の発行国 JP）ため、著作者の国籍（${nat}）にかかわらず第6条第2号により保護されます。`,
    ));
  }
  if (ctx.publicationCountry && q.publishedInJapanWithin30Days === true) {
    return met(Art6Basis.PUBLISHED_IN_JAPAN_WITHIN_30_DAYS, [], text(
      `The work was first published in ${pub} and published in Japan within 30 days of that first publication (publishedInJapanWithin30Days = true), so it counts as first published in Japan under Art. 6(ii).`,
      `著作物は${pub}で最初に発行され、その発行の日から30日以内に日本で発行された（publishedInJapanWithin30Days = true）ため、第6条第2号により日本で最初に発行されたものとして保護されます。`,
    ));
  }
  // (iii) treaty: nationality, then country of first publication.
  const natTreaties = treatiesInForce(natCountry, ctx.asOf);
  if (natTreaties.length > 0) {
    return met(Art6Basis.TREATY_NATIONALITY, natTreaties, text(
      `The author is a national of ${nat}, a party to ${natTreaties.join(', ')} on ${asOf}; Japan must give the work national treatment under Art. 6(iii).`,
      `著作者は${asOf}時点で${natTreaties.join('・')}の締約国である${nat}の国民であり、日本は第6条第3号により内国民待遇で保護する義務を負います。`,
    ));
  }
  // Berne Art. 3(2): a stateless author, or a national of a country outside the treaties, habitually resident in a treaty country.
  const resCountry = ctx.habitualResidence && ctx.habitualResidence !== ctx.nationality ? ref.country(ctx.habitualResidence) : undefined;
  const resTreaties = resCountry ? treatiesInForce(resCountry, ctx.asOf, [Treaty.BERNE, Treaty.TRIPS, Treaty.WCT]) : [];
  if (resCountry && resTreaties.length > 0) {
    const res = countryLabel(resCountry, resCountry.code);
    return met(Art6Basis.TREATY_HABITUAL_RESIDENCE, resTreaties, text(
      `The author ${ctx.nationality === '' ? 'has no nationality given (stateless or unknown)' : `is a national of ${nat}, which gives no treaty link`}, but habitually resides in ${res}, a party to ${resTreaties.join(', ')} on ${asOf}; Berne Art. 3(2) assimilates the author to its nationals, so Japan must protect the work under Art. 6(iii).`,
      `著作者は${ctx.nationality === '' ? '国籍が入力されていません（無国籍又は不明）' : `条約上の連結点のない${nat}の国民です`}が、${asOf}時点で${resTreaties.join('・')}の締約国である${res}に常居所を有するため、ベルヌ条約第3条(2)により同国の国民とみなされ、日本は第6条第3号により保護する義務を負います。`,
    ));
  }
  const pubTreaties = treatiesInForce(pubCountry, ctx.asOf);
  if (pubTreaties.length > 0) {
    return met(Art6Basis.TREATY_FIRST_PUBLICATION, pubTreaties, text(
      `The work was first published in ${pub}, a party to ${pubTreaties.join(', ')} on ${asOf}; Japan must protect it under Art. 6(iii) although the author's country ${nat} gives no treaty link.`,
      `著作物は${asOf}時点で${pubTreaties.join('・')}の締約国である${pub}で最初に発行されたため、著作者の国${nat}との条約関係がなくても、第6条第3号により保護されます。`,
    ));
  }

  // Not protected, or not known: say why, naming the data.
  const reasons: LocalizedText[] = [];
  const missing: string[] = [];
  let invalidCode = false;
  if (ctx.nationality === '') {
    missing.push('creatorNationality');
    reasons.push(text('The creator\'s nationality was not given.', '著作者の国籍が入力されていません。'));
  } else if (!natCountry && ctx.nationality !== 'JP') {
    invalidCode = true;
    reasons.push(text(
      `The creator's nationality "${ctx.nationality}" is not a known country code in the reference data, so no treaty can be found for it.`,
      `著作者の国籍「${ctx.nationality}」は参照データにない国コードのため、条約関係を確認できません。`,
    ));
  } else if (natCountry && NO_RECOGNISED_TREATY_RELATION.has(natCountry.code)) {
    reasons.push(text(
      `The author is a national of ${nat}: although it acceded to the Berne Convention, Japan recognises no treaty relation with it (Supreme Court, 8 December 2011), so nationality gives no protection under Art. 6(iii); the work is protected only if the author is Japanese or the work was first published in Japan (or there within 30 days), or first published in a treaty country.`,
      `著作者は${nat}の国民です。同国はベルヌ条約に加入していますが、日本は同国との条約関係を認めていない（最判平成23年12月8日）ため、国籍による第6条第3号の保護はありません。著作者が日本国民である場合、日本で最初に（又は30日以内に）発行された場合、又は条約締約国で最初に発行された場合に限り保護されます。`,
    ));
  } else if (natCountry) {
    const later = laterMemberships(ctx, natCountry.code);
    reasons.push(text(
      `The author's country ${nat} was not a party to any of ${PROTECTING_TREATIES.join(', ')} on ${asOf}${later.length ? ` (not yet in force: ${later.join(', ')})` : ''}.`,
      `著作者の国${nat}は${asOf}時点で${PROTECTING_TREATIES.join('・')}のいずれの締約国でもありません${later.length ? `（未発効: ${later.join(', ')}）` : ''}。`,
    ));
  }
  if (ctx.isCorporateCreator && ctx.principalOffice === null && ctx.nationality !== 'JP') {
    missing.push('creatorPrincipalOfficeCountry');
    reasons.push(text(
      'The corporation\'s principal office country was not given; an office in Japan would make it Japanese under Art. 6(i).',
      '法人の主たる事務所の所在国が入力されていません。日本に主たる事務所があれば第6条第1号に該当します。',
    ));
  }
  if (q.creatorKind == null && ctx.principalOffice === 'JP') {
    missing.push('creatorKind');
    reasons.push(text(
      'The principal office is in Japan but the kind of creator was not given; a corporation with its principal office in Japan is protected under Art. 6(i).',
      '主たる事務所は日本にありますが、著作者の種類が入力されていません。日本に主たる事務所を有する法人であれば第6条第1号により保護されます。',
    ));
  }
  if (ctx.publicationCountry === null) {
    missing.push('workFirstPublicationCountry');
    reasons.push(text(
      'The country of first publication was not given; first publication in Japan or in a treaty country would protect the work.',
      '最初の発行国が入力されていません。日本又は条約締約国で最初に発行されていれば保護されます。',
    ));
  } else {
    if (!pubCountry) {
      invalidCode = true;
      reasons.push(text(
        `The country of first publication "${ctx.publicationCountry}" is not a known country code in the reference data.`,
        `最初の発行国「${ctx.publicationCountry}」は参照データにない国コードです。`,
      ));
    } else {
      const later = laterMemberships(ctx, pubCountry.code);
      reasons.push(text(
        `It was first published in ${pub}, which gives no treaty link on ${asOf}${NO_RECOGNISED_TREATY_RELATION.has(pubCountry.code) ? ' (no treaty relation recognised by Japan)' : later.length ? ` (not yet in force: ${later.join(', ')})` : ''}.`,
        `最初の発行国${pub}は${asOf}時点で条約上の連結点となりません${NO_RECOGNISED_TREATY_RELATION.has(pubCountry.code) ? '（日本が条約関係を認めていない国）' : later.length ? `（未発効: ${later.join(', ')}）` : ''}。`,
      ));
    }
    if (q.publishedInJapanWithin30Days == null) {
      missing.push('publishedInJapanWithin30Days');
      reasons.push(text(
        'Whether it was published in Japan within 30 days of its first publication was not given; that would protect it under Art. 6(ii).',
        '最初の発行から30日以内に日本で発行されたかどうかが入力されていません。該当すれば第6条第2号により保護されます。',
      ));
    } else {
      reasons.push(text(
        'It was not published in Japan within 30 days of its first publication (publishedInJapanWithin30Days = false).',
        '最初の発行から30日以内に日本で発行されていません（publishedInJapanWithin30Days = false）。',
      ));
    }
  }
  const finding = !invalidCode && missing.length > 0 ? Finding.UNKNOWN : Finding.NOT_MET;
  const lead = finding === Finding.UNKNOWN
    ? text('Protection in Japan cannot be decided yet.', '日本での保護の有無はまだ判断できません。')
    : text('The work is not protected in Japan under Art. 6.', '著作物は第6条により日本で保護されません。');
  const kp = natCountry && NO_RECOGNISED_TREATY_RELATION.has(natCountry.code);
  return {
    basis: null,
    treaties: [],
    missingFacts: missing,
    finding: {
      code: CODE,
      finding,
      explanation: joinTexts([lead, ...reasons]),
      citation: kp ? `${CITE.ART_6}; ${CITE.KP_NO_TREATY_RELATION}` : CITE.ART_6,
      data: { ...data, basis: null, treaties: [], unknownCountryCode: invalidCode || undefined, missingFacts: missing },
    },
  };
}
