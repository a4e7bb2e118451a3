/**
 * UNREASONABLE_PREJUDICE: does the Art. 30-4 proviso take the exception away?
 * MET = yes. Grounds: a DATABASE work (read as a database sold for analysis);
 * access control bypassed (robots.txt / ID-password gating on data meant for
 * sale); a ROBOTS_TXT opt-out signal the firm acknowledged (evidence of a
 * technical measure the firm knew of), unless the opt-out took effect after
 * the use. Other signals (REGISTRY, TDMREP, AI_TXT, IPTC_DMI, CAWG) and the
 * firm's acknowledgement are recorded as evidence that the firm knew
 * (data.firmKnew) but do not by themselves take the exception away.
 *
 * UNKNOWN when no ground is shown and accessControlBypassed (or the works) is
 * missing for a claim the exception decides (TRAINING_WITHOUT_PERMISSION,
 * TARGETED_FINE_TUNING); for other claims the absence of evidence gives
 * NOT_MET. NOT_APPLICABLE for TRANSPARENCY_FAILURE.
 */
import { ClaimType, Finding, OptOutSignal, WorkKind } from '../enums';
import type { LocalizedText } from '../enums';
import { CriterionCode, GU, TRAINING_CLAIMS, joinText, listEn, listJa, makeFinding, text, type Criterion } from './criterion';

const CITATION = `Copyright Act Art. 30-4 proviso; ${GU} §5(1)(ウ)`;

export const unreasonablePrejudiceCriterion: Criterion = {
  code: CriterionCode.UNREASONABLE_PREJUDICE,
  question: text(
    "Does the Art. 30-4 proviso (unreasonable prejudice to the copyright holder's interests) take the exception away?",
    '第30条の4ただし書（著作権者の利益を不当に害することとなる場合）により権利制限が否定されるか？',
  ),
  citation: CITATION,
  check(facts) {
    const code = CriterionCode.UNREASONABLE_PREJUDICE;
    const f = facts.facts;
    const { optOut } = facts;
    const databaseWork = facts.works.some((w) => w.kind === WorkKind.DATABASE);
    const robotsAcknowledged = optOut.signals.includes(OptOutSignal.ROBOTS_TXT) && optOut.acknowledgedByFirm
      && optOut.effectiveBeforeUse !== false;
    const otherSignals = optOut.signals.filter((s) => s !== OptOutSignal.ROBOTS_TXT);
    const firmKnew = optOut.acknowledgedByFirm || optOut.signals.length > 0;
    const data: Record<string, unknown> = {
      databaseWork,
      accessControlBypassed: f.accessControlBypassed ?? null,
      signals: [...optOut.signals],
      acknowledgedByFirm: optOut.acknowledgedByFirm,
      firmKnew,
    };

    if (facts.claimType === ClaimType.TRANSPARENCY_FAILURE) {
      return makeFinding(
        code, Finding.NOT_APPLICABLE,
        text(
          'Not applicable: a transparency claim does not turn on the Art. 30-4 proviso.',
          '該当しません。透明性に関する申立ては第30条の4ただし書の判断を要しません。',
        ),
        CITATION, data,
      );
    }

    const knewNote: LocalizedText | null = firmKnew
      ? text(
        'Evidence that the firm knew of the creator\'s objection: ' +
          listEn([
            ...(optOut.signals.length > 0 ? [`opt-out signals (${optOut.signals.join(', ')})`] : []),
            ...(optOut.acknowledgedByFirm ? ['the firm acknowledged the opt-out'] : []),
          ]) + '.',
        '事業者が創作者の意思を知っていたことを示す証拠：' +
          listJa([
            ...(optOut.signals.length > 0 ? [`オプトアウトの表示（${optOut.signals.join('、')}）`] : []),
            ...(optOut.acknowledgedByFirm ? ['事業者がオプトアウトを確認済み'] : []),
          ]) + '。',
      )
      : null;

    const grounds: LocalizedText[] = [];
    if (databaseWork) {
      grounds.push(text('the work is a database work offered for information analysis', '作品は情報解析用に提供されているデータベースの著作物である'));
    }
    if (f.accessControlBypassed === true) {
      grounds.push(text(
        'access controls (robots.txt or ID/password gating) on data meant for sale were bypassed',
        '販売予定のデータに対するアクセス制限（robots.txtやID・パスワード）が回避された',
      ));
    }
    if (robotsAcknowledged) {
      grounds.push(text(
        'a robots.txt opt-out (a technical measure) was in place and the firm acknowledged it',
        'robots.txtによるオプトアウト（技術的な措置）が講じられ、事業者もこれを確認していた',
      ));
    }
    if (grounds.length > 0) {
      return makeFinding(
        code, Finding.MET,
        joinText([
          text(
            `The proviso applies and takes the Art. 30-4 exception away: ${listEn(grounds.map((g) => g.en))}.`,
            `ただし書に該当し、第30条の4の権利制限は適用されません：${listJa(grounds.map((g) => g.ja))}。`,
          ),
          knewNote,
        ]),
        CITATION, { ...data, grounds: grounds.map((g) => g.en) },
      );
    }

    const missing: string[] = [];
    if (TRAINING_CLAIMS.has(facts.claimType)) {
      if (f.accessControlBypassed == null) missing.push('facts.accessControlBypassed');
      if (facts.works.length === 0) missing.push('workIds');
    }
    if (missing.length > 0) {
      return makeFinding(
        code, Finding.UNKNOWN,
        joinText([
          text(
            'Whether the proviso applies cannot be decided yet: it is not stated whether access controls (robots.txt, ID/password) on the data were bypassed' +
              (facts.works.length === 0 ? ', and no work is named' : '') + '.',
            'ただし書に該当するかはまだ判断できません。データへのアクセス制限（robots.txt、ID・パスワード）が回避されたかが示されていません' +
              (facts.works.length === 0 ? '。また作品が特定されていません' : '') + '。',
          ),
          knewNote,
          otherSignals.length > 0 || optOut.acknowledgedByFirm
            ? text('Opt-out signals and acknowledgement alone do not take the exception away.', 'オプトアウトの表示や確認だけでは権利制限は否定されません。')
            : null,
        ]),
        CITATION, data, missing,
      );
    }

    return makeFinding(
      code, Finding.NOT_MET,
      joinText([
        text(
          'The proviso does not apply: the work is not a database work sold for analysis and no bypassed access control is shown' +
            (f.accessControlBypassed == null ? ' (none was alleged)' : '') + '.',
          'ただし書には該当しません。作品は情報解析用に販売されるデータベースの著作物ではなく、アクセス制限の回避も示されていません' +
            (f.accessControlBypassed == null ? '（主張なし）' : '') + '。',
        ),
        knewNote,
        firmKnew
          ? text(
            'This knowledge is recorded as evidence but does not by itself take the exception away.',
            'この認識は証拠として記録しますが、それだけで権利制限が否定されるものではありません。',
          )
          : null,
      ]),
      CITATION, data,
    );
  },
};
