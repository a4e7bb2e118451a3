/**
 * UNREASONABLE_PREJUDICE (jp-2024.2): does the Art. 30-4 proviso take the exception away?
 * MET only on the General Understanding's grounds:
 * - the work is a database work offered (sold or licensed) for information analysis
 *   (facts.databaseOfferedForAnalysis); a DATABASE kind alone is not "offered for analysis";
 * - technical measures that show such a sale is intended (robots.txt, ID/password gating on data
 *   meant for sale) were circumvented to collect it (facts.accessControlBypassed).
 * An opt-out (registry, robots.txt or any other signal, acknowledged or not) never meets the
 * proviso: Japanese copyright law has no opt-out right. It is recorded as evidence that the firm
 * knew (data.firmKnew, used by FAULT) and grounds the framework's duty (FRAMEWORK_OPT_OUT).
 * UNKNOWN for a training claim (TRAINING_WITHOUT_PERMISSION, TARGETED_FINE_TUNING) when no ground
 * is shown and a fact that could show one is missing; NOT_MET otherwise; NOT_APPLICABLE for
 * TRANSPARENCY_FAILURE.
 */
import { ClaimType, Finding, RuleLayer, WorkKind } from '../enums';
import type { LocalizedText } from '../enums';
import { ART_30_4_PROVISO, GU_TRAINING } from './citations';
import { CriterionCode, TRAINING_CLAIMS, joinText, listEn, listJa, makeFinding, text, type Criterion } from './criterion';

const CITATION = `${ART_30_4_PROVISO}; ${GU_TRAINING}`;

export const unreasonablePrejudiceV2Criterion: Criterion = {
  code: CriterionCode.UNREASONABLE_PREJUDICE,
  layer: RuleLayer.STATUTE,
  question: text(
    "Does the Art. 30-4 proviso (unreasonable prejudice to the copyright holder's interests) take the exception away?",
    '第30条の4ただし書（著作権者の利益を不当に害することとなる場合）により権利制限が否定されるか？',
  ),
  citation: CITATION,
  check(facts) {
    const code = CriterionCode.UNREASONABLE_PREJUDICE;
    const f = facts.facts;
    const { optOut } = facts;
    const databaseKind = facts.works.some((w) => w.kind === WorkKind.DATABASE);
    const firmKnew = optOut.acknowledgedByFirm || optOut.signals.length > 0;
    const data: Record<string, unknown> = {
      databaseKind,
      databaseOfferedForAnalysis: f.databaseOfferedForAnalysis ?? null,
      accessControlBypassed: f.accessControlBypassed ?? null,
      signals: [...optOut.signals],
      acknowledgedByFirm: optOut.acknowledgedByFirm,
      firmKnew,
    };

    if (facts.claimType === ClaimType.TRANSPARENCY_FAILURE) {
      return makeFinding(code, Finding.NOT_APPLICABLE, text(
        'Not applicable: a transparency claim does not turn on the Art. 30-4 proviso.',
        '該当しません。透明性に関する申立ては第30条の4ただし書の判断を要しません。',
      ), CITATION, data);
    }

    const optOutNote: LocalizedText | null = firmKnew
      ? text(
        'An opt-out is not the proviso: the Copyright Act gives no opt-out right. ' +
          `The ${listEn([
            ...(optOut.signals.length > 0 ? [`opt-out signals (${optOut.signals.join(', ')})`] : []),
            ...(optOut.acknowledgedByFirm ? ["firm's acknowledgement of the opt-out"] : []),
          ])} ${optOut.signals.length > 0 && optOut.acknowledgedByFirm ? 'are' : 'is'} evidence that the firm knew (see FAULT) and ground the framework's opt-out duty (see FRAMEWORK_OPT_OUT).`,
        'オプトアウトはただし書に当たりません。著作権法にはオプトアウトの権利はありません。' +
          listJa([
            ...(optOut.signals.length > 0 ? [`オプトアウトの表示（${optOut.signals.join('、')}）`] : []),
            ...(optOut.acknowledgedByFirm ? ['事業者によるオプトアウトの確認'] : []),
          ]) + 'は、事業者が知っていたことの証拠であり（FAULT参照）、本制度のオプトアウト尊重義務の根拠となります（FRAMEWORK_OPT_OUT参照）。',
      )
      : null;

    const grounds: LocalizedText[] = [];
    if (f.databaseOfferedForAnalysis === true) {
      grounds.push(text(
        'the work is a database work offered (sold or licensed) for information analysis, and reproducing it for analysis takes that market',
        '作品は情報解析用に提供（販売・ライセンス）されているデータベースの著作物であり、解析のための複製はその市場を奪う',
      ));
    }
    if (f.accessControlBypassed === true) {
      grounds.push(text(
        'technical measures showing that the data is meant for sale for analysis (robots.txt, ID/password gating) were circumvented to collect it',
        '情報解析用の販売が予定されていることを示す技術的な措置（robots.txt、ID・パスワード）が回避されて収集された',
      ));
    }
    if (grounds.length > 0) {
      return makeFinding(code, Finding.MET, joinText([
        text(
          `The proviso applies and takes the Art. 30-4 exception away: ${listEn(grounds.map((g) => g.en))}.`,
          `ただし書に該当し、第30条の4の権利制限は適用されません：${listJa(grounds.map((g) => g.ja))}。`,
        ),
        optOutNote,
      ]), CITATION, { ...data, grounds: grounds.map((g) => g.en) });
    }

    const databaseNote = databaseKind && f.databaseOfferedForAnalysis !== false
      ? text(
        'A database work is not by that alone offered for information analysis; whether it is offered (sold or licensed) for analysis decides.',
        'データベースの著作物であることだけでは情報解析用に提供されているとはいえません。解析用に提供（販売・ライセンス）されているかによります。',
      )
      : null;
    const missing: string[] = [];
    if (TRAINING_CLAIMS.has(facts.claimType)) {
      if (f.accessControlBypassed == null) missing.push('facts.accessControlBypassed');
      if (databaseKind && f.databaseOfferedForAnalysis == null) missing.push('facts.databaseOfferedForAnalysis');
      if (facts.works.length === 0) missing.push('workIds');
    }
    if (missing.length > 0) {
      return makeFinding(code, Finding.UNKNOWN, joinText([
        text(
          'Whether the proviso applies cannot be decided yet: it is not stated ' +
            listEn([
              ...(missing.includes('facts.accessControlBypassed') ? ['whether technical measures (robots.txt, ID/password) on data meant for sale were circumvented'] : []),
              ...(missing.includes('facts.databaseOfferedForAnalysis') ? ['whether the database work is offered for information analysis'] : []),
              ...(missing.includes('workIds') ? ['which work is concerned'] : []),
            ]) + '.',
          'ただし書に該当するかはまだ判断できません。' +
            listJa([
              ...(missing.includes('facts.accessControlBypassed') ? ['販売予定のデータに対する技術的な措置（robots.txt、ID・パスワード）が回避されたか'] : []),
              ...(missing.includes('facts.databaseOfferedForAnalysis') ? ['データベースの著作物が情報解析用に提供されているか'] : []),
              ...(missing.includes('workIds') ? ['どの作品に関するものか'] : []),
            ]) + 'が示されていません。',
        ),
        databaseNote,
        optOutNote,
      ]), CITATION, data, missing);
    }

    return makeFinding(code, Finding.NOT_MET, joinText([
      text(
        'The proviso does not apply: the work is not shown to be a database work offered for information analysis, and no circumvented technical measure on data meant for sale is shown.',
        'ただし書には該当しません。作品が情報解析用に提供されているデータベースの著作物であることも、販売予定のデータに対する技術的な措置の回避も示されていません。',
      ),
      databaseNote,
      optOutNote,
    ]), CITATION, data);
  },
};
