/**
 * TIER: which remedies the purpose of the AI system and the use of the output
 * make available.
 * - facts.outputCompetesWithOriginal → COMMERCIAL_COMPETING: injunction +
 *   damages (Art. 112, Art. 114);
 * - aiSystem.purpose COMMERCIAL or facts.outputCommercial → COMMERCIAL: damages;
 * - aiSystem.purpose RESEARCH / NONCOMMERCIAL → removal and attribution.
 * MET with data.tier when decided; UNKNOWN (tier null) when the complaint names
 * no AI system and nothing shows a commercial output.
 */
import { ClaimType, Finding, Purpose, Remedy, Tier } from '../enums';
import type { AssessmentFacts } from '../types';
import { CriterionCode, GU, hasOutput, joinText, makeFinding, text, type Criterion } from './criterion';

const CITATIONS: Record<Tier, string> = {
  [Tier.RESEARCH]: `Copyright Act Art. 112(2) (removal); ${GU} §5(1)(エ), §5(2)(ウ)`,
  [Tier.NONCOMMERCIAL]: `Copyright Act Art. 112(2) (removal); ${GU} §5(1)(エ), §5(2)(ウ)`,
  [Tier.COMMERCIAL]: `Copyright Act Art. 114 (damages); ${GU} §5(2)(ウ)`,
  [Tier.COMMERCIAL_COMPETING]: 'Copyright Act Art. 112 (injunction), Art. 114 (damages)',
};

/** Decides the tier from the facts; null when it cannot be decided. */
export function tierOf(facts: AssessmentFacts): Tier | null {
  const f = facts.facts;
  if (f.outputCompetesWithOriginal === true) return Tier.COMMERCIAL_COMPETING;
  if (facts.aiSystem?.purpose === Purpose.COMMERCIAL || f.outputCommercial === true) return Tier.COMMERCIAL;
  if (facts.aiSystem?.purpose === Purpose.RESEARCH) return Tier.RESEARCH;
  if (facts.aiSystem?.purpose === Purpose.NONCOMMERCIAL) return Tier.NONCOMMERCIAL;
  return null;
}

/**
 * Remedies a tier makes available, in the order they are recommended.
 * RESEARCH / NONCOMMERCIAL: dataset removal, output filter (+ takedown when an
 * output is complained of), attribution; COMMERCIAL: the same plus
 * compensation and a license; COMMERCIAL_COMPETING: output filter, takedown,
 * dataset removal, compensation. An undecided tier (null) gets the
 * non-commercial set, which every tier includes in substance.
 */
export function remediesForTier(tier: Tier | null, claimType: ClaimType): Remedy[] {
  const removal = [
    Remedy.DATASET_REMOVAL, Remedy.OUTPUT_FILTER, ...(hasOutput(claimType) ? [Remedy.TAKEDOWN] : []), Remedy.ATTRIBUTION,
  ];
  switch (tier) {
    case Tier.COMMERCIAL_COMPETING:
      return [Remedy.OUTPUT_FILTER, Remedy.TAKEDOWN, Remedy.DATASET_REMOVAL, Remedy.COMPENSATION];
    case Tier.COMMERCIAL:
      return [...removal, Remedy.COMPENSATION, Remedy.LICENSE];
    default:
      return removal;
  }
}

/** Requested remedies that fit the tier first (in the order requested), then the tier's others. */
export function recommendRemedies(tier: Tier | null, claimType: ClaimType, requested: Remedy[]): Remedy[] {
  const available = remediesForTier(tier, claimType);
  const first = [...new Set(requested)].filter((r) => available.includes(r));
  return [...first, ...available.filter((r) => !first.includes(r))];
}

const REMEDY_NAMES: Record<Remedy, { en: string; ja: string }> = {
  [Remedy.DATASET_REMOVAL]: { en: 'removal from the training data', ja: '学習データからの削除' },
  [Remedy.OUTPUT_FILTER]: { en: 'an output filter', ja: '出力フィルタ' },
  [Remedy.TAKEDOWN]: { en: 'takedown of the output', ja: '生成物の削除' },
  [Remedy.COMPENSATION]: { en: 'compensation (damages)', ja: '損害賠償' },
  [Remedy.LICENSE]: { en: 'a license', ja: 'ライセンス' },
  [Remedy.ATTRIBUTION]: { en: 'attribution', ja: '出典・著作者の表示' },
};

export const tierCriterion: Criterion = {
  code: CriterionCode.TIER,
  question: text(
    'Which remedy tier do the purpose of the AI system and the use of the output place the case in?',
    'AIシステムの目的と生成物の利用態様から、どの救済の区分に当たるか？',
  ),
  citation: 'Copyright Act Art. 112 (injunction), Art. 114 (damages)',
  check(facts) {
    const code = CriterionCode.TIER;
    const f = facts.facts;
    const tier = tierOf(facts);
    const data: Record<string, unknown> = {
      tier,
      purpose: facts.aiSystem?.purpose ?? null,
      outputCommercial: f.outputCommercial ?? null,
      outputCompetesWithOriginal: f.outputCompetesWithOriginal ?? null,
    };
    if (tier === null) {
      return makeFinding(
        code, Finding.UNKNOWN,
        text(
          'The remedy tier cannot be decided: the complaint names no AI system (so its purpose is unknown) and the output is not shown to be used commercially.',
          '救済の区分を判断できません：申立てにAIシステムが特定されておらず（目的が不明）、生成物の商業利用も示されていません。',
        ),
        `Copyright Act Art. 112, Art. 114; ${GU} §5(2)(ウ)`, data,
        ['aiSystemId', ...(f.outputCommercial == null ? ['facts.outputCommercial'] : [])],
      );
    }
    const remedies = remediesForTier(tier, facts.claimType);
    const list = text(
      remedies.map((r) => REMEDY_NAMES[r].en).join(', '),
      remedies.map((r) => REMEDY_NAMES[r].ja).join('、'),
    );
    const purpose = facts.aiSystem
      ? text(`the AI system's purpose is ${facts.aiSystem.purpose}`, `AIシステムの目的は${facts.aiSystem.purpose}`)
      : text('the complaint names no AI system', '申立てにAIシステムが特定されていません');
    let why;
    switch (tier) {
      case Tier.COMMERCIAL_COMPETING:
        why = text(
          `COMMERCIAL_COMPETING: the output competes with the original work in its market (${purpose.en}), so an injunction (Art. 112) and damages (Art. 114) are available.`,
          `COMMERCIAL_COMPETING：生成物が原作品と市場で競合するため（${purpose.ja}）、差止請求（第112条）と損害賠償請求（第114条）が可能です。`,
        );
        break;
      case Tier.COMMERCIAL:
        why = text(
          `COMMERCIAL: ${facts.aiSystem?.purpose === Purpose.COMMERCIAL ? "the AI system's purpose is COMMERCIAL" : 'the output is used commercially'}, so damages (Art. 114) are available as well as removal.`,
          `COMMERCIAL：${facts.aiSystem?.purpose === Purpose.COMMERCIAL ? 'AIシステムの目的が商業目的（COMMERCIAL）である' : '生成物が商業的に利用されている'}ため、削除に加えて損害賠償（第114条）が可能です。`,
        );
        break;
      default:
        why = text(
          `${tier}: ${purpose.en} and the output is not used commercially, so removal and attribution are the remedies (research latitude).`,
          `${tier}：${purpose.ja}で、生成物は商業的に利用されていないため、救済は削除と表示です（研究の余地）。`,
        );
    }
    return makeFinding(
      code, Finding.MET,
      joinText([why, text(`Remedies available: ${list.en}.`, `可能な救済：${list.ja}。`)]),
      CITATIONS[tier], { ...data, remedies },
    );
  },
};
