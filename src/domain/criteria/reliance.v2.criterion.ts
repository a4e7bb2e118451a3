/**
 * RELIANCE (jp-2024.2): did the output rely on the work?
 * As jp-2024.1, plus: the document a RAG system retrieved and handed to the generator is a direct
 * input to generation (facts.ragRetrievedWork), so reliance is MET, as with an image-to-image input.
 * A training-data disclosure presumes reliance only when it covers the work — lists the work, its
 * source or a category that contains it (evidence.disclosureListsWork, which screening derives from
 * the firm's disclosed categories and sources) — not merely because a disclosure exists.
 * For a RAG claim with nothing else shown, whether the RAG retrieved the work is a missing fact.
 */
import { ClaimType, Finding, RuleLayer, UseStage } from '../enums';
import { GU_GENERATION } from './citations';
import { CriterionCode, hasOutput, joinText, makeFinding, text, type Criterion } from './criterion';
import { relianceCriterion } from './reliance.criterion';

const CITATION = GU_GENERATION;

export const relianceV2Criterion: Criterion = {
  code: CriterionCode.RELIANCE,
  layer: RuleLayer.STATUTE,
  question: relianceCriterion.question,
  citation: CITATION,
  check(facts, prior) {
    const code = CriterionCode.RELIANCE;
    const f = facts.facts;
    const rag = facts.claimType === ClaimType.RAG_REPRODUCTION || facts.stage === UseStage.RAG;
    if (rag && f.ragRetrievedWork === true && hasOutput(facts.claimType)) {
      return makeFinding(code, Finding.MET, text(
        'Reliance is established: the RAG system retrieved the work and handed it to the generator, so the work was a direct input to generation (as with an image-to-image input).',
        '依拠性が認められます：RAGシステムが作品を検索して生成に渡しており、作品は生成への直接の入力です（Image to Imageの入力と同様）。',
      ), CITATION, { ragRetrievedWork: true, ordersDisclosure: false });
    }
    const base = relianceCriterion.check(facts, prior);
    const out = { ...base, citation: CITATION };
    if (base.finding === Finding.PRESUMED && facts.evidence.disclosureListsWork === true) {
      out.explanation = joinText([base.explanation, text(
        'The disclosure counts because it covers the work (it lists the work, its source or a category that contains it).',
        'この開示は作品を対象としている（作品、その出所または作品を含む区分を挙げている）ため、推認の根拠となります。',
      )]);
    }
    if (rag && base.finding === Finding.UNKNOWN && f.ragRetrievedWork == null) {
      const missing = [...((base.data?.missingFacts as string[] | undefined) ?? []), 'facts.ragRetrievedWork'];
      return makeFinding(code, Finding.UNKNOWN, joinText([
        base.explanation,
        text(
          'If the RAG system retrieved the work and handed it to the generator, reliance is established; that is not stated.',
          'RAGシステムが作品を検索して生成に渡したのであれば依拠性は認められますが、その点が示されていません。',
        ),
      ]), CITATION, { ...base.data, ragRetrievedWork: null }, missing);
    }
    return out;
  },
};
