/**
 * PROTECTED_WORK: is the work protected in Japan (Art. 6) and still in term
 * (Arts. 51–58)? Rests on the reciprocity module's PROTECTED_WORK and TERM rules.
 */
import { Finding } from '../enums';
import type { RuleFindingData } from '../types';
import { CriterionCode, eligibilityRule, joinText, makeFinding, text, type Criterion } from './criterion';

const CITATION = 'Copyright Act Art. 6; Arts. 51–58';

function quoted(rule: RuleFindingData) {
  return text(`(${rule.code}: ${rule.explanation.en})`, `（${rule.code}：${rule.explanation.ja}）`);
}

export const protectedWorkCriterion: Criterion = {
  code: CriterionCode.PROTECTED_WORK,
  question: text(
    'Is the work protected in Japan (Art. 6) and still in term (Arts. 51–58)?',
    '作品は日本で保護される著作物であり（第6条）、保護期間内にあるか（第51条〜第58条）？',
  ),
  citation: CITATION,
  check(facts) {
    const { eligibility } = facts;
    const work = eligibilityRule(eligibility, 'PROTECTED_WORK');
    const term = eligibilityRule(eligibility, 'TERM');
    const data = {
      protectedWork: work?.finding ?? null,
      term: term?.finding ?? null,
      protectedUntil: eligibility.protectedUntil ? eligibility.protectedUntil.toISOString().slice(0, 10) : null,
    };

    const failing = [work, term].find((r) => r?.finding === Finding.NOT_MET);
    if (failing) {
      const what = failing.code === 'TERM'
        ? text('The term of protection has ended or Japan gives it no term.', '保護期間が満了しているか、日本での保護期間がありません。')
        : text('The work is not protected in Japan under Art. 6.', '作品は第6条により日本で保護される著作物に当たりません。');
      return makeFinding(CriterionCode.PROTECTED_WORK, Finding.NOT_MET, joinText([what, quoted(failing)]), failing.citation ?? CITATION, data);
    }

    const unresolved = [
      work ?? null, term ?? null,
    ].filter((r) => r === null || r.finding === Finding.UNKNOWN);
    if (unresolved.length > 0) {
      const names = [
        !work ? 'PROTECTED_WORK' : null, !term ? 'TERM' : null,
        ...unresolved.filter((r): r is RuleFindingData => r !== null).map((r) => r.code),
      ].filter((n): n is string => n !== null);
      return makeFinding(
        CriterionCode.PROTECTED_WORK, Finding.UNKNOWN,
        joinText([
          text(
            `Whether the work is protected in Japan and in term cannot be decided yet: the eligibility rule(s) ${names.join(', ')} gave no answer.`,
            `日本で保護され保護期間内にあるかはまだ判断できません。受付資格のルール（${names.join('、')}）が結論を出していません。`,
          ),
          ...unresolved.filter((r): r is RuleFindingData => r !== null).map(quoted),
          eligibility.missingFacts.length > 0
            ? text(`Missing: ${eligibility.missingFacts.join(', ')}.`, `不足している情報：${eligibility.missingFacts.join('、')}。`)
            : null,
        ]),
        CITATION, data, eligibility.missingFacts,
      );
    }

    const presumed = [work, term].some((r) => r?.finding === Finding.PRESUMED);
    const until = data.protectedUntil
      ? text(` Protection lasts until ${data.protectedUntil}.`, `保護期間は${data.protectedUntil}までです。`)
      : text('', '');
    return makeFinding(
      CriterionCode.PROTECTED_WORK, presumed ? Finding.PRESUMED : Finding.MET,
      joinText([
        text(
          `The work is protected in Japan (Art. 6) and its term of protection has not ended (Arts. 51–58).${until.en}`,
          `作品は日本で保護される著作物であり（第6条）、保護期間は満了していません（第51条〜第58条）。${until.ja}`,
        ),
        presumed
          ? text('Part of this rests on a presumption in the eligibility rules.', 'この判断の一部は受付資格ルール上の推定によります。')
          : null,
      ]),
      CITATION, data,
    );
  },
};
