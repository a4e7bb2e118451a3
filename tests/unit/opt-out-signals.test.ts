/** Issue 15 point 10: the signals and scopes of 2025-26; where opt-outs disagree the most restrictive covering the use wins, and the assessment names the signal. */
import { describe, expect, it } from 'vitest';
import { ClaimType, Finding, OptOutScope, OptOutSignal, Purpose, UseStage } from '../../src/domain/enums';
import type { AssessmentResult, RuleFindingData } from '../../src/domain/types';
import { assess } from '../../src/domain/criteria/engine';
import { JP_2024_1, JP_2024_2 } from '../../src/domain/criteria/rule-sets';
import { decideOptOut, useOf } from '../../src/domain/opt-out-scope';
import { buildFacts } from './assessment-facts.factory';

const find = (r: AssessmentResult, code: string): RuleFindingData => r.findings.find((x) => x.code === code)!;
const base = { registered: true, recognised: true, acknowledgedByFirm: true, effectiveBeforeUse: true };

describe('decideOptOut', () => {
  it('the most restrictive opt-out covering the use decides, and its strongest signal is named', () => {
    const d = decideOptOut([
      { scope: OptOutScope.AI_INFERENCE, signals: [OptOutSignal.X_ROBOTS_TAG_NOAI] },
      { scope: OptOutScope.ALL_AI_USE, signals: [OptOutSignal.ROBOTS_TXT, OptOutSignal.CONTENT_SIGNAL] },
      { scope: OptOutScope.ALL_AI_TRAINING, signals: [OptOutSignal.REGISTRY] },
    ], 'INFERENCE', Purpose.COMMERCIAL);
    expect(d).toEqual({ use: 'INFERENCE', covers: true, scope: OptOutScope.ALL_AI_USE, signal: OptOutSignal.CONTENT_SIGNAL });
  });

  it('the search carve-out leaves search uses open; ALL_AI_USE and AI_INFERENCE reserve them', () => {
    expect(decideOptOut([{ scope: OptOutScope.ALL_AI_USE_EXCEPT_SEARCH, signals: [OptOutSignal.AI_PREFERENCES] }], 'SEARCH', null).covers).toBe(false);
    expect(decideOptOut([{ scope: OptOutScope.ALL_AI_USE_EXCEPT_SEARCH, signals: [OptOutSignal.AI_PREFERENCES] }], 'INFERENCE', null).covers).toBe(true);
    expect(decideOptOut([{ scope: OptOutScope.ALL_AI_USE, signals: [OptOutSignal.RSL] }], 'SEARCH', null).covers).toBe(true);
  });

  it('a training opt-out does not reserve RAG use; COMMERCIAL_TRAINING does not reach a research system', () => {
    expect(decideOptOut([{ scope: OptOutScope.ALL_AI_TRAINING, signals: [OptOutSignal.REGISTRY] }], useOf(UseStage.RAG, false), null).covers).toBe(false);
    expect(decideOptOut([{ scope: OptOutScope.COMMERCIAL_TRAINING, signals: [OptOutSignal.REGISTRY] }], 'TRAINING', Purpose.RESEARCH).covers).toBe(false);
    expect(decideOptOut([{ scope: OptOutScope.COMMERCIAL_TRAINING, signals: [OptOutSignal.REGISTRY] }], 'TRAINING', Purpose.COMMERCIAL).covers).toBe(true);
  });
});

describe('FRAMEWORK_OPT_OUT (jp-2024.2) names the deciding signal', () => {
  it('MET for a RAG use reserved by an IETF AI Preferences ai-use rule, naming it', () => {
    const r = assess(buildFacts({
      claimType: ClaimType.OPT_OUT_IGNORED, stage: UseStage.RAG,
      optOut: { ...base, signals: [OptOutSignal.AI_PREFERENCES, OptOutSignal.REGISTRY], entries: [
        { scope: OptOutScope.ALL_AI_TRAINING, signals: [OptOutSignal.REGISTRY] },
        { scope: OptOutScope.AI_INFERENCE, signals: [OptOutSignal.AI_PREFERENCES] },
      ] },
    }), JP_2024_2);
    const fw = find(r, 'FRAMEWORK_OPT_OUT');
    expect(fw.finding).toBe(Finding.MET);
    expect(fw.data).toMatchObject({ use: 'INFERENCE', scopeCoversUse: true, decidingScope: 'AI_INFERENCE', decidingSignal: 'AI_PREFERENCES' });
    expect(fw.explanation.en).toContain('AI_PREFERENCES (the most restrictive opt-out covering this INFERENCE use');
  });

  it('NOT_MET when only a training opt-out exists and the use was RAG, saying why', () => {
    const r = assess(buildFacts({
      claimType: ClaimType.OPT_OUT_IGNORED, stage: UseStage.RAG,
      optOut: { ...base, signals: [OptOutSignal.REGISTRY], entries: [{ scope: OptOutScope.ALL_AI_TRAINING, signals: [OptOutSignal.REGISTRY] }] },
    }), JP_2024_2);
    const fw = find(r, 'FRAMEWORK_OPT_OUT');
    expect(fw.finding).toBe(Finding.NOT_MET);
    expect(fw.explanation.en).toContain('no opt-out reserves this use (INFERENCE)');
  });

  it('jp-2024.1 is unchanged by the scopes', () => {
    const facts = buildFacts({ claimType: ClaimType.OPT_OUT_IGNORED, stage: UseStage.RAG, optOut: { ...base, signals: [OptOutSignal.REGISTRY] } });
    const withEntries = buildFacts({ claimType: ClaimType.OPT_OUT_IGNORED, stage: UseStage.RAG,
      optOut: { ...base, signals: [OptOutSignal.REGISTRY], entries: [{ scope: OptOutScope.ALL_AI_TRAINING, signals: [OptOutSignal.REGISTRY] }] } });
    expect(assess(withEntries, JP_2024_1).findings).toEqual(assess(facts, JP_2024_1).findings);
  });
});
