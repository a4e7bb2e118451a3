import { describe, expect, it } from 'vitest';
import { screeningCommand } from '../../src/domain/case/screening';
import { CommandType } from '../../src/domain/case/commands';
import { AssessmentDecision, Strength } from '../../src/domain/enums';
import { imageScore, TRIAGE_METHODS, TRIAGE_THRESHOLDS, triageBand, triageCitation, triageKindOf } from '../../src/domain/triage';
import type { AssessmentResult, EligibilityOutcome } from '../../src/domain/types';

const actionable = { decision: AssessmentDecision.ACTIONABLE, strength: Strength.STRONG, tier: null, ruleSetVersion: 'jp-2024.2', findings: [],
  missingFacts: [], recommendedRemedies: [], ordersDisclosure: false } as AssessmentResult;
const eligible = { eligible: true, protections: [], protectedUntil: null, rules: [], crossBorderReferral: null, missingFacts: [] } as unknown as EligibilityOutcome;

describe('similarity triage (domain)', () => {
  it('bands a score by the thresholds of its kind', () => {
    expect(triageBand(TRIAGE_METHODS.image, TRIAGE_THRESHOLDS.image.high)).toBe('STRONG');
    expect(triageBand(TRIAGE_METHODS.image, TRIAGE_THRESHOLDS.image.low)).toBe('MODERATE');
    expect(triageBand(TRIAGE_METHODS.image, TRIAGE_THRESHOLDS.image.low - 0.01)).toBe('WEAK');
    expect(triageBand(TRIAGE_METHODS.textChars, TRIAGE_THRESHOLDS.text.high)).toBe('STRONG');
    expect(imageScore(0)).toBe(1);
    expect(imageScore(32)).toBe(0.5);
    expect(triageKindOf('image/webp')).toBe('image');
    expect(triageKindOf('text/plain')).toBe('text');
    expect(triageKindOf('application/pdf')).toBeNull();
  });

  it('sends an actionable case to review when its best triage score is WEAK, and to the firm otherwise', () => {
    expect(screeningCommand(actionable, eligible).type).toBe(CommandType.SCREEN_SEND_NOTICE);
    const weak = triageCitation('e1', 'w1', TRIAGE_METHODS.image, 0.55);
    const strong = triageCitation('e2', 'w1', TRIAGE_METHODS.image, 0.95);
    const moderate = triageCitation('e3', 'w1', TRIAGE_METHODS.textWords, 0.45);
    const toReview = screeningCommand(actionable, eligible, [weak]);
    expect(toReview).toMatchObject({ type: CommandType.SCREEN_TO_REVIEW, decision: AssessmentDecision.ACTIONABLE });
    expect((toReview as { reasons: string[] }).reasons[0]).toMatch(/^TRIAGE: .*0\.55.*not a finding/);
    // The best score counts: one strong sample among weak ones keeps the case going.
    expect(screeningCommand(actionable, eligible, [weak, strong]).type).toBe(CommandType.SCREEN_SEND_NOTICE);
    expect(screeningCommand(actionable, eligible, [moderate]).type).toBe(CommandType.SCREEN_SEND_NOTICE);
    // Triage never makes a case actionable: a case needing review still goes to review.
    expect(screeningCommand({ ...actionable, decision: AssessmentDecision.NEEDS_HUMAN_REVIEW }, eligible, [strong]).type).toBe(CommandType.SCREEN_TO_REVIEW);
  });

  it('cites triage as TRIAGE, never as a finding', () => {
    const c = triageCitation('e1', 'w1', TRIAGE_METHODS.image, 0.9);
    expect(c).toMatchObject({ code: 'TRIAGE', band: 'STRONG' });
    expect(c.citation).toContain('triage only, not a finding');
  });
});
