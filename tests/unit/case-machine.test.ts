import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssessmentDecision, CaseOutcome, CaseStatus, RecommendationFinding, ResolutionKind } from '../../src/domain/enums';
import {
  Actor, ActorKind, allowedCommands, CASE_TRANSITIONS, CaseState, Command, CommandType, EventDraft, filedEvent,
  initialState, OPEN_STATUSES, replay, transition,
} from '../../src/domain/case/case-machine';

const NOW = new Date('2025-06-02T01:00:00Z');
const S = CaseStatus;
const K = ActorKind;
const ALL_STATUSES = Object.values(CaseStatus);
const ALL_COMMANDS = Object.values(CommandType);
const ALL_ACTOR_KINDS = Object.values(ActorKind);
const OPEN = ALL_STATUSES.filter((s) => s !== S.CLOSED);
const MED = [K.MEDIATOR, K.ADMIN];
const PARTIES = [K.COMPLAINANT, K.RESPONDENT];

/** Written from DESIGN.md "Case lifecycle", independently of CASE_TRANSITIONS. `to: null` = no status change. */
const EXPECTED: Record<CommandType, { from: CaseStatus[]; to: CaseStatus | null; by: ActorKind[]; event: string; outcome?: CaseOutcome }> = {
  INTAKE_ACCEPT: { from: [S.FILED], to: S.SCREENING, by: [K.SYSTEM], event: 'INTAKE_ACCEPTED' },
  INTAKE_REJECT: { from: [S.FILED], to: S.CLOSED, by: [K.SYSTEM], event: 'INTAKE_REJECTED', outcome: CaseOutcome.DUPLICATE },
  SCREEN_SEND_NOTICE: { from: [S.SCREENING], to: S.NOTICE_SENT, by: [K.SYSTEM], event: 'NOTICE_SENT' },
  SCREEN_TO_REVIEW: { from: [S.SCREENING], to: S.MEDIATOR_REVIEW, by: [K.SYSTEM], event: 'SENT_TO_MEDIATOR_REVIEW' },
  SCREEN_INELIGIBLE: { from: [S.SCREENING], to: S.CLOSED, by: [K.SYSTEM], event: 'SCREENED_INELIGIBLE', outcome: CaseOutcome.INELIGIBLE },
  REVIEW_PROCEED: { from: [S.MEDIATOR_REVIEW], to: S.NOTICE_SENT, by: MED, event: 'REVIEW_PROCEEDED' },
  REVIEW_DISMISS: { from: [S.MEDIATOR_REVIEW], to: S.CLOSED, by: MED, event: 'DISMISSED', outcome: CaseOutcome.DISMISSED },
  RESPOND_ACCEPT: { from: [S.NOTICE_SENT], to: S.REMEDY_IN_PROGRESS, by: [K.RESPONDENT], event: 'NOTICE_ACCEPTED' },
  RESPOND_CONTEST: { from: [S.NOTICE_SENT], to: S.NEGOTIATION, by: [K.RESPONDENT], event: 'NOTICE_CONTESTED' },
  RESPOND_OFFER_LICENSE: { from: [S.NOTICE_SENT], to: S.NEGOTIATION, by: [K.RESPONDENT], event: 'LICENSE_OFFERED' },
  RESPOND_DECLINE: { from: [S.NOTICE_SENT], to: S.CLOSED, by: [K.RESPONDENT], event: 'PROCESS_DECLINED', outcome: CaseOutcome.REFERRED },
  REQUEST_EXTENSION: { from: [S.NOTICE_SENT], to: null, by: [K.RESPONDENT], event: 'RESPONSE_EXTENDED' },
  RESPONSE_DEADLINE_EXPIRED: { from: [S.NOTICE_SENT], to: S.NEGOTIATION, by: [K.SYSTEM], event: 'RESPONSE_DEFAULTED' },
  SETTLE: { from: [S.NEGOTIATION, S.MEDIATION], to: S.REMEDY_IN_PROGRESS, by: [K.SYSTEM, ...PARTIES], event: 'SETTLED' },
  REQUEST_MEDIATION: { from: [S.NEGOTIATION], to: S.MEDIATION, by: PARTIES, event: 'MEDIATION_REQUESTED' },
  NEGOTIATION_DEADLINE_EXPIRED: { from: [S.NEGOTIATION], to: S.MEDIATION, by: [K.SYSTEM], event: 'NEGOTIATION_EXPIRED' },
  ISSUE_RECOMMENDATION: { from: [S.MEDIATION], to: S.RECOMMENDATION_ISSUED, by: MED, event: 'RECOMMENDATION_ISSUED' },
  EXTEND_MEDIATION: { from: [S.MEDIATION], to: null, by: MED, event: 'MEDIATION_EXTENDED' },
  MEDIATION_DEADLINE_EXPIRED: { from: [S.MEDIATION], to: null, by: [K.SYSTEM], event: 'RECOMMENDATION_DUE' },
  // first acceptance: status stays (the second one moves it, tested below)
  ACCEPT_RECOMMENDATION: { from: [S.RECOMMENDATION_ISSUED], to: null, by: PARTIES, event: 'RECOMMENDATION_ACCEPTED_BY_COMPLAINANT' },
  REJECT_RECOMMENDATION: { from: [S.RECOMMENDATION_ISSUED], to: S.CLOSED, by: PARTIES, event: 'RECOMMENDATION_REJECTED', outcome: CaseOutcome.REFERRED },
  RECOMMENDATION_DEADLINE_EXPIRED: { from: [S.RECOMMENDATION_ISSUED], to: S.CLOSED, by: [K.SYSTEM], event: 'RECOMMENDATION_EXPIRED', outcome: CaseOutcome.REFERRED },
  CERTIFY_REMEDY: { from: [S.REMEDY_IN_PROGRESS], to: S.VERIFICATION, by: [K.RESPONDENT], event: 'REMEDY_CERTIFIED' },
  REMEDY_DEADLINE_EXPIRED: { from: [S.REMEDY_IN_PROGRESS], to: S.MEDIATION, by: [K.SYSTEM], event: 'REMEDY_OVERDUE' },
  CONFIRM_REMEDY: { from: [S.VERIFICATION], to: S.CLOSED, by: [K.COMPLAINANT], event: 'REMEDY_CONFIRMED', outcome: CaseOutcome.RESOLVED },
  VERIFICATION_DEADLINE_EXPIRED: { from: [S.VERIFICATION], to: S.CLOSED, by: [K.SYSTEM], event: 'VERIFICATION_EXPIRED', outcome: CaseOutcome.RESOLVED },
  DISPUTE_REMEDY: { from: [S.VERIFICATION], to: S.MEDIATION, by: [K.COMPLAINANT], event: 'REMEDY_DISPUTED' },
  WITHDRAW: { from: OPEN, to: S.CLOSED, by: [K.COMPLAINANT], event: 'WITHDRAWN', outcome: CaseOutcome.WITHDRAWN },
  ASSIGN_MEDIATOR: {
    from: [S.MEDIATOR_REVIEW, S.NEGOTIATION, S.MEDIATION, S.RECOMMENDATION_ISSUED, S.REMEDY_IN_PROGRESS, S.VERIFICATION],
    to: null, by: [K.SYSTEM, K.ADMIN], event: 'MEDIATOR_ASSIGNED',
  },
};

function sample(type: CommandType): Command {
  switch (type) {
    case CommandType.INTAKE_REJECT: return { type, outcome: CaseOutcome.DUPLICATE, duplicateOf: 'case-1' };
    case CommandType.SCREEN_SEND_NOTICE: return { type, decision: AssessmentDecision.ACTIONABLE };
    case CommandType.SCREEN_TO_REVIEW: return { type, decision: AssessmentDecision.NEEDS_HUMAN_REVIEW };
    case CommandType.SCREEN_INELIGIBLE: return { type, reasons: ['TERM_EXPIRED'] };
    case CommandType.REVIEW_PROCEED: return { type, reason: 'clear reproduction' };
    case CommandType.REVIEW_DISMISS: return { type, reason: 'no similarity' };
    case CommandType.SETTLE: return { type, kind: ResolutionKind.SETTLED, via: 'OFFER', offerId: 'offer-1', amountJpy: 500_000 };
    case CommandType.ISSUE_RECOMMENDATION: return { type, recommendationId: 'rec-1', finding: RecommendationFinding.PARTIAL };
    case CommandType.DISPUTE_REMEDY: return { type, reason: 'outputs still reproduce the work' };
    case CommandType.ASSIGN_MEDIATOR: return { type, mediatorAccountId: 'med-1' };
    default: return { type } as Command;
  }
}

const actor = (kind: ActorKind): Actor => (kind === K.MEDIATOR ? { kind, accountId: 'med-1', assigned: true } : { kind, accountId: `${kind}-1` });
const firstActor = (type: CommandType) => actor(EXPECTED[type].by[0]);

function stateAt(status: CaseStatus): CaseState {
  const s = { ...initialState(), status };
  if (status === S.REMEDY_IN_PROGRESS || status === S.VERIFICATION) s.pendingResolution = ResolutionKind.REMEDIED;
  if (status === S.CLOSED) s.outcome = CaseOutcome.WITHDRAWN;
  return s;
}

const expectedAllowed = (status: CaseStatus, kind?: ActorKind) =>
  ALL_COMMANDS.filter((c) => EXPECTED[c].from.includes(status) && (!kind || EXPECTED[c].by.includes(kind))).sort();

function run(state: CaseState, cmd: Command, who: Actor) {
  const r = transition(state, cmd, who, NOW);
  if (!r.ok) throw new Error(`${cmd.type} by ${who.kind} at ${state.status}: ${r.message}`);
  return r;
}

describe('case machine: every (status, command) pair', () => {
  const pairs = ALL_STATUSES.flatMap((status) => ALL_COMMANDS.map((command) => [status, command] as const));
  it('covers all pairs', () => expect(pairs.length).toBe(10 * 29));

  it.each(pairs)('%s × %s', (status, command) => {
    const exp = EXPECTED[command];
    const who = firstActor(command);
    const r = transition(stateAt(status), sample(command), who, NOW);
    if (exp.from.includes(status)) {
      if (!r.ok) throw new Error(r.message);
      const to = exp.to ?? status;
      expect(r.state.status).toBe(to);
      expect(r.events.length).toBeGreaterThanOrEqual(1);
      expect(r.events[0].type).toBe(exp.event);
      expect(r.events[0].fromStatus).toBe(status);
      expect(r.events.at(-1)!.toStatus).toBe(to);
      expect(r.events[0].occurredAt).toEqual(NOW);
      expect(r.events[0].detail.by).toBe(who.kind);
      if (exp.outcome) {
        expect(r.state.outcome).toBe(exp.outcome);
        expect(r.events.at(-1)!.detail.outcome).toBe(exp.outcome);
      } else {
        expect(r.state.outcome).toBeNull();
      }
    } else {
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.code).toBe('INVALID_TRANSITION');
      expect(r.reason).toBe('NOT_FROM_THIS_STATUS');
      expect(r.status).toBe(status);
      expect(r.message).toContain(status);
      expect([...r.allowed].sort()).toEqual(expectedAllowed(status, who.kind));
    }
  });

  it.each(ALL_STATUSES)('allowedCommands(%s) matches the expected table, with and without an actor', (status) => {
    expect([...allowedCommands(stateAt(status))].sort()).toEqual(expectedAllowed(status));
    for (const kind of ALL_ACTOR_KINDS) {
      expect([...allowedCommands(stateAt(status), actor(kind))].sort()).toEqual(expectedAllowed(status, kind));
    }
  });

  it('CASE_TRANSITIONS has one row per command, each matching the expected table', () => {
    expect(CASE_TRANSITIONS.map((r) => r.command).sort()).toEqual([...ALL_COMMANDS].sort());
    for (const r of CASE_TRANSITIONS) {
      expect([...r.from].sort()).toEqual([...EXPECTED[r.command as CommandType].from].sort());
      expect([...r.by].sort()).toEqual([...EXPECTED[r.command as CommandType].by].sort());
      if (r.by.includes(K.MEDIATOR)) expect(r.by).toContain(K.ADMIN);
    }
  });
});

describe('case machine: actors', () => {
  const cases = ALL_COMMANDS.flatMap((c) => ALL_ACTOR_KINDS.filter((k) => !EXPECTED[c].by.includes(k)).map((k) => [c, k] as const));
  it.each(cases)('%s by %s is FORBIDDEN', (command, kind) => {
    const r = transition(stateAt(EXPECTED[command].from[0]), sample(command), actor(kind), NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('FORBIDDEN');
    expect(r.reason).toBe('ACTOR_NOT_ALLOWED');
    expect([...r.allowed].sort()).toEqual(expectedAllowed(EXPECTED[command].from[0], kind));
  });

  it('a wrong actor is FORBIDDEN even where the status would also refuse', () => {
    const r = transition(stateAt(S.CLOSED), sample(CommandType.WITHDRAW), actor(K.RESPONDENT), NOW);
    expect(r.ok || r.code).toBe('FORBIDDEN');
  });

  it('an unassigned mediator is FORBIDDEN; the assigned one and an admin may act', () => {
    const cmd = sample(CommandType.ISSUE_RECOMMENDATION);
    for (const who of [{ kind: K.MEDIATOR }, { kind: K.MEDIATOR, assigned: false }]) {
      const r = transition(stateAt(S.MEDIATION), cmd, who, NOW);
      expect(r.ok).toBe(false);
      if (!r.ok) { expect(r.code).toBe('FORBIDDEN'); expect(r.reason).toBe('MEDIATOR_NOT_ASSIGNED'); }
    }
    expect(allowedCommands(stateAt(S.MEDIATION), { kind: K.MEDIATOR })).toEqual([]);
    expect(transition(stateAt(S.MEDIATION), cmd, { kind: K.MEDIATOR, assigned: true }, NOW).ok).toBe(true);
    expect(transition(stateAt(S.MEDIATION), cmd, { kind: K.ADMIN }, NOW).ok).toBe(true);
  });

  it('ADMIN may do everything a MEDIATOR may', () => {
    for (const status of ALL_STATUSES) {
      const med = allowedCommands(stateAt(status), actor(K.MEDIATOR));
      expect(allowedCommands(stateAt(status), actor(K.ADMIN))).toEqual(expect.arrayContaining(med));
    }
  });

  it('an unknown command is refused', () => {
    const r = transition(stateAt(S.FILED), { type: 'NOPE' } as unknown as Command, actor(K.SYSTEM), NOW);
    expect(r).toMatchObject({ ok: false, code: 'INVALID_TRANSITION', reason: 'UNKNOWN_COMMAND' });
  });
});

describe('case machine: guards and payloads', () => {
  it('the response extension is granted once; a second is refused with a reason', () => {
    const first = run(stateAt(S.NOTICE_SENT), { type: CommandType.REQUEST_EXTENSION, reason: 'large dataset' }, actor(K.RESPONDENT));
    expect(first.state).toMatchObject({ status: S.NOTICE_SENT, respondExtended: true });
    expect(first.events).toEqual([expect.objectContaining({ type: 'RESPONSE_EXTENDED', fromStatus: S.NOTICE_SENT, toStatus: S.NOTICE_SENT })]);
    expect(allowedCommands(first.state, actor(K.RESPONDENT))).not.toContain(CommandType.REQUEST_EXTENSION);
    const second = transition(first.state, { type: CommandType.REQUEST_EXTENSION }, actor(K.RESPONDENT), NOW);
    expect(second).toMatchObject({ ok: false, code: 'INVALID_TRANSITION', reason: 'EXTENSION_ALREADY_USED', status: S.NOTICE_SENT });
    if (!second.ok) {
      expect(second.message).toMatch(/already used/);
      expect(second.allowed).toContain(CommandType.RESPOND_ACCEPT);
      expect(second.allowed).not.toContain(CommandType.REQUEST_EXTENSION);
    }
  });

  it('the mediation extension is granted once', () => {
    const first = run(stateAt(S.MEDIATION), { type: CommandType.EXTEND_MEDIATION }, actor(K.MEDIATOR));
    expect(first.state).toMatchObject({ status: S.MEDIATION, mediationExtended: true });
    const second = transition(first.state, { type: CommandType.EXTEND_MEDIATION }, actor(K.ADMIN), NOW);
    expect(second).toMatchObject({ ok: false, code: 'INVALID_TRANSITION', reason: 'EXTENSION_ALREADY_USED' });
  });

  it('mediation deadline: stays in MEDIATION and records that a recommendation is due, repeatedly', () => {
    const a = run(stateAt(S.MEDIATION), { type: CommandType.MEDIATION_DEADLINE_EXPIRED }, actor(K.SYSTEM));
    expect(a.state.status).toBe(S.MEDIATION);
    expect(a.events[0]).toMatchObject({ type: 'RECOMMENDATION_DUE', fromStatus: S.MEDIATION, toStatus: S.MEDIATION });
    expect(run(a.state, { type: CommandType.MEDIATION_DEADLINE_EXPIRED }, actor(K.SYSTEM)).state.status).toBe(S.MEDIATION);
  });

  it.each([
    [K.COMPLAINANT, K.RESPONDENT],
    [K.RESPONDENT, K.COMPLAINANT],
  ])('recommendation: %s accepts, then %s: moves only when both have accepted', (first, second) => {
    const acc = { type: CommandType.ACCEPT_RECOMMENDATION } as const;
    const a = run(stateAt(S.RECOMMENDATION_ISSUED), acc, actor(first));
    expect(a.state.status).toBe(S.RECOMMENDATION_ISSUED);
    expect(a.events.map((e) => e.type)).toEqual([`RECOMMENDATION_ACCEPTED_BY_${first}`]);
    const again = transition(a.state, acc, actor(first), NOW);
    expect(again).toMatchObject({ ok: false, code: 'INVALID_TRANSITION', reason: 'ALREADY_ACCEPTED' });
    expect(allowedCommands(a.state, actor(first))).not.toContain(CommandType.ACCEPT_RECOMMENDATION);
    expect(allowedCommands(a.state, actor(second))).toContain(CommandType.ACCEPT_RECOMMENDATION);
    const b = run(a.state, acc, actor(second));
    expect(b.state).toMatchObject({ status: S.REMEDY_IN_PROGRESS, pendingResolution: ResolutionKind.RECOMMENDATION_ACCEPTED });
    expect(b.events.map((e) => [e.type, e.fromStatus, e.toStatus])).toEqual([
      [`RECOMMENDATION_ACCEPTED_BY_${second}`, S.RECOMMENDATION_ISSUED, S.RECOMMENDATION_ISSUED],
      ['RECOMMENDATION_ACCEPTED', S.RECOMMENDATION_ISSUED, S.REMEDY_IN_PROGRESS],
    ]);
  });

  it('one acceptance then a rejection refers the case', () => {
    const a = run(stateAt(S.RECOMMENDATION_ISSUED), { type: CommandType.ACCEPT_RECOMMENDATION }, actor(K.COMPLAINANT));
    const b = run(a.state, { type: CommandType.REJECT_RECOMMENDATION, reason: 'too little' }, actor(K.RESPONDENT));
    expect(b.state).toMatchObject({ status: S.CLOSED, outcome: CaseOutcome.REFERRED, resolution: null });
    expect(b.events[0].detail).toMatchObject({ by: K.RESPONDENT, reason: 'too little', outcome: CaseOutcome.REFERRED });
  });

  it.each(OPEN)('the complainant may withdraw from %s', (status) => {
    const r = run(stateAt(status), { type: CommandType.WITHDRAW, reason: 'settled privately' }, actor(K.COMPLAINANT));
    expect(r.state).toMatchObject({ status: S.CLOSED, outcome: CaseOutcome.WITHDRAWN });
    expect(r.events).toEqual([expect.objectContaining({ type: 'WITHDRAWN', fromStatus: status, toStatus: S.CLOSED })]);
  });

  it('nothing is possible from CLOSED, for anyone', () => {
    const closed = stateAt(S.CLOSED);
    expect(allowedCommands(closed)).toEqual([]);
    for (const kind of ALL_ACTOR_KINDS) {
      expect(allowedCommands(closed, actor(kind))).toEqual([]);
      for (const c of ALL_COMMANDS) {
        const r = transition(closed, sample(c), actor(kind), NOW);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.allowed).toEqual([]);
      }
    }
  });

  it('payloads are checked', () => {
    const bad: [CaseStatus, Command, ActorKind][] = [
      [S.FILED, { type: CommandType.INTAKE_REJECT, outcome: CaseOutcome.DUPLICATE }, K.SYSTEM],
      [S.FILED, { type: CommandType.INTAKE_REJECT, outcome: CaseOutcome.INELIGIBLE, reasons: [] }, K.SYSTEM],
      [S.FILED, { type: CommandType.INTAKE_REJECT, outcome: CaseOutcome.WITHDRAWN } as unknown as Command, K.SYSTEM],
      [S.SCREENING, { type: CommandType.SCREEN_INELIGIBLE, reasons: [] }, K.SYSTEM],
      [S.MEDIATOR_REVIEW, { type: CommandType.REVIEW_DISMISS, reason: '  ' }, K.ADMIN],
      [S.MEDIATOR_REVIEW, { type: CommandType.REVIEW_PROCEED } as unknown as Command, K.MEDIATOR],
      [S.VERIFICATION, { type: CommandType.DISPUTE_REMEDY, reason: '' }, K.COMPLAINANT],
      [S.NEGOTIATION, { type: CommandType.SETTLE, kind: ResolutionKind.REMEDIED, via: 'OFFER' } as unknown as Command, K.SYSTEM],
      [S.NEGOTIATION, { type: CommandType.SETTLE, kind: ResolutionKind.SETTLED, via: 'OFFER', amountJpy: 1.5 }, K.SYSTEM],
      [S.MEDIATION, { type: CommandType.ASSIGN_MEDIATOR, mediatorAccountId: '' }, K.SYSTEM],
    ];
    for (const [status, cmd, kind] of bad) {
      const r = transition(stateAt(status), cmd, actor(kind), NOW);
      expect(r, cmd.type).toMatchObject({ ok: false, code: 'INVALID_TRANSITION', reason: 'INVALID_PAYLOAD', status });
    }
  });

  it('intake rejection as INELIGIBLE keeps the reasons; as DUPLICATE the original case', () => {
    const a = run(stateAt(S.FILED), { type: CommandType.INTAKE_REJECT, outcome: CaseOutcome.INELIGIBLE, reasons: ['NO_WORKS'] }, actor(K.SYSTEM));
    expect(a.state.outcome).toBe(CaseOutcome.INELIGIBLE);
    expect(a.events[0].detail).toMatchObject({ outcome: 'INELIGIBLE', reasons: ['NO_WORKS'] });
    const b = run(stateAt(S.FILED), sample(CommandType.INTAKE_REJECT), actor(K.SYSTEM));
    expect(b.events[0].detail).toMatchObject({ outcome: 'DUPLICATE', duplicateOf: 'case-1' });
  });

  it('the response deadline defaults the firm into NEGOTIATION, without a win', () => {
    const r = run(stateAt(S.NOTICE_SENT), { type: CommandType.RESPONSE_DEADLINE_EXPIRED }, actor(K.SYSTEM));
    expect(r.state).toMatchObject({ status: S.NEGOTIATION, defaulted: true, outcome: null, pendingResolution: null });
  });

  it('a missed remedy deadline returns to MEDIATION with nonCompliance', () => {
    const r = run(stateAt(S.REMEDY_IN_PROGRESS), { type: CommandType.REMEDY_DEADLINE_EXPIRED }, actor(K.SYSTEM));
    expect(r.state).toMatchObject({ status: S.MEDIATION, nonCompliance: true });
  });

  it.each([
    [CommandType.RESPOND_ACCEPT, {}, S.NOTICE_SENT, ResolutionKind.REMEDIED],
    [CommandType.SETTLE, { kind: ResolutionKind.SETTLED, via: 'BLIND_BID', amountJpy: 300_000 }, S.NEGOTIATION, ResolutionKind.SETTLED],
    [CommandType.SETTLE, { kind: ResolutionKind.LICENSED, via: 'OFFER' }, S.MEDIATION, ResolutionKind.LICENSED],
  ] as const)('%s resolves as the pending resolution when confirmed or when verification ends', (type, payload, from, resolution) => {
    const who = type === CommandType.SETTLE ? actor(K.SYSTEM) : actor(K.RESPONDENT);
    const a = run({ ...initialState(), status: from }, { type, ...payload } as Command, who);
    expect(a.state).toMatchObject({ status: S.REMEDY_IN_PROGRESS, pendingResolution: resolution });
    const b = run(a.state, { type: CommandType.CERTIFY_REMEDY }, actor(K.RESPONDENT));
    for (const [cmd, kind] of [[CommandType.CONFIRM_REMEDY, K.COMPLAINANT], [CommandType.VERIFICATION_DEADLINE_EXPIRED, K.SYSTEM]] as const) {
      const c = run(b.state, { type: cmd }, actor(kind));
      expect(c.state).toMatchObject({ status: S.CLOSED, outcome: CaseOutcome.RESOLVED, resolution });
      expect(c.events[0].detail).toMatchObject({ outcome: 'RESOLVED', resolution });
    }
  });

  it('a new recommendation after non-compliance resets the acceptances', () => {
    let s = stateAt(S.RECOMMENDATION_ISSUED);
    s = run(s, { type: CommandType.ACCEPT_RECOMMENDATION }, actor(K.COMPLAINANT)).state;
    s = run(s, { type: CommandType.ACCEPT_RECOMMENDATION }, actor(K.RESPONDENT)).state;
    s = run(s, { type: CommandType.REMEDY_DEADLINE_EXPIRED }, actor(K.SYSTEM)).state;
    s = run(s, sample(CommandType.ISSUE_RECOMMENDATION), actor(K.MEDIATOR)).state;
    expect(s).toMatchObject({ status: S.RECOMMENDATION_ISSUED, recommendationAcceptedByComplainant: false, recommendationAcceptedByRespondent: false, nonCompliance: true });
  });

  it('does not mutate the input state', () => {
    const s = stateAt(S.NOTICE_SENT);
    const copy = structuredClone(s);
    run(s, { type: CommandType.REQUEST_EXTENSION }, actor(K.RESPONDENT));
    expect(s).toEqual(copy);
  });

  it('OPEN_STATUSES are all statuses but CLOSED', () => expect([...OPEN_STATUSES].sort()).toEqual([...OPEN].sort()));
});

describe('case machine: replay', () => {
  function walk(steps: [CommandType, ActorKind][]) {
    let state = initialState();
    const history: EventDraft[] = [filedEvent(NOW)];
    for (const [c, k] of steps) {
      const r = run(state, sample(c), actor(k));
      state = r.state;
      history.push(...r.events);
    }
    return { state, history };
  }

  it('a full path through every stage replays to the same state', () => {
    const { state, history } = walk([
      [CommandType.INTAKE_ACCEPT, K.SYSTEM], [CommandType.SCREEN_TO_REVIEW, K.SYSTEM], [CommandType.ASSIGN_MEDIATOR, K.SYSTEM],
      [CommandType.REVIEW_PROCEED, K.MEDIATOR], [CommandType.REQUEST_EXTENSION, K.RESPONDENT], [CommandType.RESPONSE_DEADLINE_EXPIRED, K.SYSTEM],
      [CommandType.REQUEST_MEDIATION, K.COMPLAINANT], [CommandType.EXTEND_MEDIATION, K.ADMIN], [CommandType.MEDIATION_DEADLINE_EXPIRED, K.SYSTEM],
      [CommandType.ISSUE_RECOMMENDATION, K.MEDIATOR], [CommandType.ACCEPT_RECOMMENDATION, K.RESPONDENT], [CommandType.ACCEPT_RECOMMENDATION, K.COMPLAINANT],
      [CommandType.REMEDY_DEADLINE_EXPIRED, K.SYSTEM], [CommandType.SETTLE, K.SYSTEM], [CommandType.CERTIFY_REMEDY, K.RESPONDENT],
      [CommandType.DISPUTE_REMEDY, K.COMPLAINANT], [CommandType.ISSUE_RECOMMENDATION, K.ADMIN], [CommandType.ACCEPT_RECOMMENDATION, K.COMPLAINANT],
      [CommandType.ACCEPT_RECOMMENDATION, K.RESPONDENT], [CommandType.CERTIFY_REMEDY, K.RESPONDENT], [CommandType.CONFIRM_REMEDY, K.COMPLAINANT],
    ]);
    expect(state).toMatchObject({
      status: S.CLOSED, outcome: CaseOutcome.RESOLVED, resolution: ResolutionKind.RECOMMENDATION_ACCEPTED,
      defaulted: true, respondExtended: true, mediationExtended: true, nonCompliance: true,
    });
    expect(replay(history)).toEqual(state);
    for (let i = 1; i < history.length; i++) expect(history[i].fromStatus).toBe(history[i - 1].toStatus);
  });

  it('replay ignores unrelated events that do not move the case', () => {
    const { state, history } = walk([[CommandType.INTAKE_ACCEPT, K.SYSTEM], [CommandType.SCREEN_SEND_NOTICE, K.SYSTEM]]);
    history.push({ type: 'OFFER_MADE', fromStatus: S.NOTICE_SENT, toStatus: S.NOTICE_SENT, detail: { amountJpy: 1 } });
    expect(replay(history)).toEqual(state);
  });

  it('property: random legal walks replay to the state reached, and events chain', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 40 }), (picks) => {
      let state = initialState();
      const history: EventDraft[] = [filedEvent(NOW)];
      for (const [i, j] of picks) {
        const legal = allowedCommands(state);
        if (legal.length === 0) break;
        const cmd = legal[i % legal.length];
        const kinds = ALL_ACTOR_KINDS.filter((k) => allowedCommands(state, actor(k)).includes(cmd));
        const r = run(state, sample(cmd), actor(kinds[j % kinds.length]));
        state = r.state;
        history.push(...r.events);
        expect(replay(history)).toEqual(state);
      }
      for (let i = 1; i < history.length; i++) expect(history[i].fromStatus).toBe(history[i - 1].toStatus);
      expect(state.status === S.CLOSED).toBe(state.outcome !== null);
      expect(state.resolution !== null).toBe(state.outcome === CaseOutcome.RESOLVED);
    }), { numRuns: 500 });
  });
});
