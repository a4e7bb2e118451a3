/**
 * RELIANCE: did the output rely on the work?
 * - MET: the user knew the work, the prompt named the work or its author, or
 *   the work was the image-to-image input.
 * - PRESUMED: the work was in the training data (workInTrainingData YES or a
 *   disclosure lists it). Rebuttable: when the firm states suppression
 *   measures it stays PRESUMED and the explanation names them (data.rebuttable).
 *   Targeted additional training on the creator's works (targetedAdditionalTraining)
 *   counts as the work being in the training data unless workInTrainingData is NO.
 * - NOT_MET: not in the training data and the user did not know the work.
 * - UNKNOWN: the training data is undisclosed or does not answer: disclosure is
 *   ordered (data.ordersDisclosure, which the engine copies to
 *   result.ordersDisclosure) and refusing supports an adverse inference. When
 *   the complaint names no AI system there is nothing to order: missing aiSystemId.
 * - NOT_APPLICABLE for claims with no output.
 */
import { Finding, TriState } from '../enums';
import type { LocalizedText } from '../enums';
import {
  CriterionCode, GU, hasOutput, joinText, listEn, listJa, makeFinding, text, workShownInTrainingData,
  workShownNotInTrainingData, type Criterion,
} from './criterion';

const CITATION = `${GU} §5(2)(イ)(イ)`;

export const relianceCriterion: Criterion = {
  code: CriterionCode.RELIANCE,
  question: text('Did the output rely on the work?', '生成物は作品に依拠したか？'),
  citation: CITATION,
  check(facts) {
    const code = CriterionCode.RELIANCE;
    const f = facts.facts;
    const sys = facts.aiSystem;
    const data: Record<string, unknown> = {
      userKnewWork: f.userKnewWork ?? null,
      promptNamedWorkOrAuthor: f.promptNamedWorkOrAuthor ?? null,
      imageToImageInputWasWork: f.imageToImageInputWasWork ?? null,
      workInTrainingData: f.workInTrainingData ?? null,
      disclosureListsWork: facts.evidence.disclosureListsWork ?? null,
      disclosed: sys ? sys.disclosure !== null : null,
      ordersDisclosure: false,
    };

    if (!hasOutput(facts.claimType)) {
      return makeFinding(
        code, Finding.NOT_APPLICABLE,
        text(
          `Not applicable: a ${facts.claimType} claim complains of no output that could rely on the work.`,
          `該当しません。${facts.claimType}の申立ては作品に依拠し得る生成物を対象としていません。`,
        ),
        CITATION, data,
      );
    }

    const grounds: LocalizedText[] = [];
    if (f.userKnewWork === true) grounds.push(text('the user knew the work', '利用者が作品を知っていた'));
    if (f.promptNamedWorkOrAuthor === true) grounds.push(text('the prompt named the work or its author', 'プロンプトで作品名または著作者名が指定された'));
    if (f.imageToImageInputWasWork === true) grounds.push(text('the work was the image-to-image input', '作品がImage to Imageの入力として用いられた'));
    if (grounds.length > 0) {
      return makeFinding(
        code, Finding.MET,
        text(
          `Reliance is established: ${listEn(grounds.map((g) => g.en))}.`,
          `依拠性が認められます：${listJa(grounds.map((g) => g.ja))}。`,
        ),
        CITATION, data,
      );
    }

    const targetedOnWork = f.targetedAdditionalTraining === true && f.workInTrainingData !== TriState.NO;
    if (workShownInTrainingData(facts) || targetedOnWork) {
      const measures = sys?.disclosure?.suppressionMeasures ?? [];
      const source = f.workInTrainingData === TriState.YES
        ? text('the work was in the training data', '作品が学習データに含まれていた')
        : facts.evidence.disclosureListsWork === true
          ? text('a training-data disclosure lists the work or its category', '学習データの開示に作品またはその区分が含まれている')
          : text("the additional training was done on the creator's works", '追加学習が創作者の作品を用いて行われた');
      return makeFinding(
        code, Finding.PRESUMED,
        joinText([
          text(
            `Reliance is presumed: ${source.en}, although the user is not shown to have known the work.`,
            `依拠性が推認されます：利用者が作品を知っていたとは示されていませんが、${source.ja}。`,
          ),
          measures.length > 0
            ? text(
              `The presumption is rebuttable: the firm states suppression measures (${measures.join('; ')}); if proven to stop the work's expression from being output, they rebut it.`,
              `この推認は覆し得ます。事業者は出力抑制措置（${measures.join('、')}）を講じていると述べており、作品の表現が出力されないことが立証されれば推認は覆ります。`,
            )
            : text(
              'The presumption is rebuttable only by proof that the system cannot output the expression of the work (e.g. suppression measures); none were shown.',
              'この推認は、システムが作品の表現を出力しないこと（出力抑制措置など）の立証によってのみ覆りますが、そのような措置は示されていません。',
            ),
        ]),
        CITATION, { ...data, rebuttable: true, suppressionMeasures: [...measures] },
      );
    }

    if (workShownNotInTrainingData(facts)) {
      if (f.userKnewWork === false) {
        return makeFinding(
          code, Finding.NOT_MET,
          text(
            'No reliance: the work was not in the training data and the user did not know the work, so any resemblance is coincidental.',
            '依拠性は認められません。作品は学習データに含まれておらず、利用者も作品を知らなかったため、類似は偶然の一致です。',
          ),
          CITATION, data,
        );
      }
      return makeFinding(
        code, Finding.UNKNOWN,
        text(
          'The work was not in the training data; reliance now depends on whether the user knew the work, which is not stated.',
          '作品は学習データに含まれていません。依拠性は利用者が作品を知っていたかによりますが、その点が示されていません。',
        ),
        CITATION, data, ['facts.userKnewWork'],
      );
    }

    if (!sys) {
      return makeFinding(
        code, Finding.UNKNOWN,
        text(
          'Whether the work was in the training data is unknown and the complaint names no AI system, so no disclosure can be ordered yet; name the system.',
          '作品が学習データに含まれていたかは不明で、申立てにAIシステムが特定されていないため、開示をまだ命じられません。システムを特定してください。',
        ),
        CITATION, data, ['aiSystemId', 'facts.workInTrainingData'],
      );
    }
    const why = sys.disclosure === null
      ? text('the firm has not disclosed the training data of this AI system', '事業者はこのAIシステムの学習データを開示していません')
      : text(
        `the firm's disclosure (categories: ${sys.disclosure.categories.join(', ') || 'none'}) does not show whether the work was used`,
        `事業者の開示（区分：${sys.disclosure.categories.join('、') || 'なし'}）からは作品が用いられたかが分かりません`,
      );
    return makeFinding(
      code, Finding.UNKNOWN,
      text(
        `Reliance cannot be decided: ${why.en}. Disclosure of whether the work was in the training data is ordered; refusing to disclose supports an adverse inference that it was.`,
        `依拠性は判断できません：${why.ja}。作品が学習データに含まれていたかの開示を求めます。開示を拒んだ場合、含まれていたとの不利益な推認を支える事情となります。`,
      ),
      CITATION, { ...data, ordersDisclosure: true }, ['facts.workInTrainingData'],
    );
  },
};
