import { describe, expect, it } from 'vitest';
import { CommandType } from '../../src/domain/case/commands';
import { CaseEffect, effectsOf } from '../../src/domain/case/effects';
import { CaseStatus } from '../../src/domain/enums';

const E = CaseEffect;
const S = CaseStatus;

/** The effects table (src/domain/case/effects.ts): which follow-ups a move sets off, and in what order. */
describe('effects of a move', () => {
  it('screening sends the case on: windows first, then the notice that lists them, then the cross-border referral', () => {
    expect(effectsOf({ from: S.SCREENING, to: S.NOTICE_SENT, command: CommandType.SCREEN_SEND_NOTICE, mediatorAssigned: false }))
      .toEqual([E.WINDOWS, E.NOTICE, E.CROSS_BORDER_REFERRAL]);
  });

  it('a mediator\'s review that proceeds serves the notice and refers it like screening does', () => {
    expect(effectsOf({ from: S.MEDIATOR_REVIEW, to: S.NOTICE_SENT, command: CommandType.REVIEW_PROCEED, mediatorAssigned: true }))
      .toEqual([E.WINDOWS, E.NOTICE, E.CROSS_BORDER_REFERRAL]);
  });

  it('a case screening cannot decide gets a reviewer at once, and no notice', () => {
    expect(effectsOf({ from: S.SCREENING, to: S.MEDIATOR_REVIEW, command: CommandType.SCREEN_TO_REVIEW, mediatorAssigned: false }))
      .toEqual([E.ASSIGN_REVIEWER]);
  });

  it('negotiation running out: the negotiation window ends, mediation\'s start, and a mediator is looked for after commit', () => {
    expect(effectsOf({ from: S.NEGOTIATION, to: S.MEDIATION, command: CommandType.NEGOTIATION_DEADLINE_EXPIRED, mediatorAssigned: false }))
      .toEqual([E.WINDOWS, E.QUEUE_MEDIATOR_ASSIGNMENT]);
    expect(effectsOf({ from: S.NEGOTIATION, to: S.MEDIATION, command: CommandType.NEGOTIATION_DEADLINE_EXPIRED, mediatorAssigned: true }))
      .toEqual([E.WINDOWS]);
  });

  it('settling leaves bargaining: the open offers lapse', () => {
    expect(effectsOf({ from: S.MEDIATION, to: S.REMEDY_IN_PROGRESS, command: CommandType.SETTLE, mediatorAssigned: true }))
      .toEqual([E.WINDOWS, E.LAPSE_OFFERS]);
  });

  it('a move inside one status sets off only what its command changes', () => {
    expect(effectsOf({ from: S.NOTICE_SENT, to: S.NOTICE_SENT, command: CommandType.REQUEST_EXTENSION, mediatorAssigned: false })).toEqual([E.WINDOWS]);
    expect(effectsOf({ from: S.MEDIATION, to: S.MEDIATION, command: CommandType.ASSIGN_MEDIATOR, mediatorAssigned: true })).toEqual([E.WINDOWS]);
  });
});
