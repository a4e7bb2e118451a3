/**
 * TIER (jp-2024.2): the framework's purpose tier orders which remedies mediation proposes first;
 * it never removes what the law gives. For a statutory infringement:
 * - an injunction-type remedy (Art. 112: takedown and output filter for an output, removal from the
 *   training data or retrieval store for training or RAG) is available whatever the tier or fault;
 * - compensation rests on FAULT (Civil Code Art. 709; Art. 114 presumes the amount) and is asked
 *   only of a liable provider — never of the firm when LIABILITY names only the user;
 * - a licence is proposed to a liable provider in the commercial tiers; attribution in every tier.
 * Order: COMMERCIAL_COMPETING stops the competing output first; COMMERCIAL puts compensation and a
 * licence after removal; RESEARCH / NONCOMMERCIAL (or undecided) put removal and attribution first,
 * compensation last. Framework claims keep the framework's tier remedies (jp-2024.1's table).
 * Requested remedies that are available come first, in the order requested.
 * Standing follows the holder's role (issue 15 point 4): when every work is held by the complainant as an
 * exclusive licensee, the explanation says that Art. 112 gives the injunction to the author and the copyright
 * holder, not to a licensee, so removal is sought with the holder; the remedies themselves stay (the holder may join).
 */
import { ClaimType, Finding, Remedy, RightsHolderRole, RuleLayer, Tier } from '../enums';
import type { AssessmentFacts, RuleFindingData } from '../types';
import { ART_112, ART_114, CIVIL_709 } from './citations';
import { CriterionCode, hasOutput, isPositive, joinText, makeFinding, priorOrCheck, text, type Criterion } from './criterion';
import { faultCriterion } from './fault.criterion';
import { FRAMEWORK_CLAIMS, liabilityV2Criterion } from './liability.v2.criterion';
import { remediesForTier, tierOf } from './tier.criterion';

const CITATION = `${ART_112}; ${CIVIL_709}; ${ART_114}; framework purpose tier (order of proposals only)`;

const NAMES: Record<Remedy, { en: string; ja: string }> = {
  [Remedy.DATASET_REMOVAL]: { en: 'removal from the training data or retrieval store', ja: '学習データ・検索用データからの削除' },
  [Remedy.OUTPUT_FILTER]: { en: 'an output filter', ja: '出力フィルタ' },
  [Remedy.TAKEDOWN]: { en: 'takedown of the output', ja: '生成物の削除' },
  [Remedy.COMPENSATION]: { en: 'compensation (damages)', ja: '損害賠償' },
  [Remedy.LICENSE]: { en: 'a licence', ja: 'ライセンス' },
  [Remedy.ATTRIBUTION]: { en: 'attribution', ja: '出典・著作者の表示' },
};

/** The remedies of jp-2024.2, in the order they are proposed, for the findings so far. */
export function remediesV2(facts: AssessmentFacts, prior: Map<string, RuleFindingData>): Remedy[] {
  const tier = tierOf(facts);
  let available: Remedy[];
  if (FRAMEWORK_CLAIMS[facts.claimType]) {
    available = remediesForTier(tier, facts.claimType);
  } else {
    const parties = (priorOrCheck(liabilityV2Criterion, facts, prior).data?.parties as string[] | undefined) ?? [];
    const provider = parties.includes('PROVIDER');
    const fault = priorOrCheck(faultCriterion, facts, prior).finding;
    const output = hasOutput(facts.claimType);
    const injunction: Remedy[] = output
      ? [Remedy.OUTPUT_FILTER, Remedy.TAKEDOWN, ...(facts.claimType === ClaimType.RAG_REPRODUCTION ? [Remedy.DATASET_REMOVAL] : [])]
      : [Remedy.DATASET_REMOVAL, Remedy.OUTPUT_FILTER];
    const compensation = provider && (isPositive(fault) || fault === Finding.UNKNOWN) ? [Remedy.COMPENSATION] : [];
    const commercial = tier === Tier.COMMERCIAL || tier === Tier.COMMERCIAL_COMPETING;
    const licence = provider && commercial ? [Remedy.LICENSE] : [];
    switch (tier) {
      case Tier.COMMERCIAL_COMPETING:
      case Tier.COMMERCIAL:
        available = [...injunction, ...compensation, ...licence, Remedy.ATTRIBUTION];
        break;
      default:
        available = [...injunction, Remedy.ATTRIBUTION, ...compensation];
    }
  }
  const requested = facts.requestedRemedies.filter((r) => available.includes(r));
  return [...new Set([...requested, ...available])];
}

export const tierV2Criterion: Criterion = {
  code: CriterionCode.TIER,
  layer: RuleLayer.FRAMEWORK,
  question: text(
    'In which order does mediation propose the remedies the law (or the framework) gives, given the purpose tier?',
    '目的区分に照らし、法律（または本制度）が認める救済をどの順で提案するか？',
  ),
  citation: CITATION,
  check(facts, prior) {
    const tier = tierOf(facts);
    const remedies = remediesV2(facts, prior);
    const f = facts.facts;
    const data: Record<string, unknown> = {
      tier, remedies, purpose: facts.aiSystem?.purpose ?? null,
      outputCommercial: f.outputCommercial ?? null, outputCompetesWithOriginal: f.outputCompetesWithOriginal ?? null,
    };
    const list = text(remedies.map((r) => NAMES[r].en).join(', '), remedies.map((r) => NAMES[r].ja).join('、'));
    const lawNote = FRAMEWORK_CLAIMS[facts.claimType]
      ? text('For a framework claim the remedies are those of the framework, ordered by the tier.', '本制度上の申立てでは、救済は本制度によるもので、区分により順序付けます。')
      : text(
        'The tier only orders the proposals: it never removes what the law gives. An injunction (Art. 112) is available for any infringement; compensation rests on fault (Civil Code Art. 709, amount presumed by Art. 114) and is asked only of a liable provider.',
        '区分は提案の順序を定めるにとどまり、法律が認めるものを奪うことはありません。差止め（第112条）は侵害があれば認められ、損害賠償は過失に基づき（民法第709条、額は第114条により推定）、責任を負う提供者にのみ求めます。',
      );
    const licenseeOnly = !FRAMEWORK_CLAIMS[facts.claimType] && facts.works.length > 0
      && facts.works.every((w) => w.holderRole === RightsHolderRole.EXCLUSIVE_LICENSEE);
    if (licenseeOnly) data.injunctionNeedsHolder = true;
    const standingNote = licenseeOnly
      ? text(
        'Standing: the complainant holds the works as an exclusive licensee. Art. 112 gives an injunction to the author and the copyright holder, not to a licensee, so removal, takedown or an output filter is sought with the copyright holder (joining or consenting); compensation for the licensee\'s own loss may be claimable under Civil Code Art. 709 (courts have allowed it to exclusive licensees in some cases).',
        '申立人は独占的利用許諾を受けた者として作品の権利を有しています。第112条の差止請求権は著作者・著作権者に認められ、利用許諾を受けた者には認められないため、削除・出力フィルタ等は著作権者の参加または同意を得て求めます。利用権者自身の損害については民法第709条に基づく損害賠償を求め得る場合があります（独占的利用権者に認めた裁判例があります）。',
      )
      : null;
    const prefix = tier === null
      ? text('The purpose tier is not decided (no AI system named and no commercial use shown); the non-commercial order is used.', '目的区分は決まりません（AIシステムが特定されず、商業利用も示されていません）。非商業の順序を用います。')
      : text(`Tier ${tier}.`, `区分：${tier}。`);
    return makeFinding(CriterionCode.TIER, tier === null ? Finding.UNKNOWN : Finding.MET, joinText([
      prefix,
      remedies.length > 0 ? text(`Remedies, in the order proposed: ${list.en}.`, `提案する救済（順）：${list.ja}。`) : text('No remedy is proposed.', '提案する救済はありません。'),
      lawNote,
      standingNote,
    ]), CITATION, data, tier === null ? ['aiSystemId', ...(f.outputCommercial == null ? ['facts.outputCommercial'] : [])] : []);
  },
};
