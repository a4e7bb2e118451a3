import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { In, IsNull } from 'typeorm';
import { ActorKind, allowedCommands, CommandType, replay } from '../../src/domain/case/case-machine';
import { CaseOutcome, CaseStatus, DeadlineState } from '../../src/domain/enums';
import { CaseEntity, CaseEventEntity, DeadlineEntity, OutboxEntity } from '../../src/persistence/entities';
import { stateOf } from '../../src/services/case-workflow';
import { gql } from '../support/client';
import { complaintInput, fileComplaint, parties, registerWork } from '../support/factories';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { admin, mediator } from '../support/staff';

/**
 * Model-based property test: random sequences of party actions, deadline
 * expiries and worker restarts against the running system (API app + a
 * separate worker app on the same database and Redis). After every step:
 * the status is legal, replaying the history gives the current status, no
 * two events share a seq, and every open case has a pending deadline or an
 * action someone can take.
 */
let api: TestApp;
let worker: TestApp;
let p: Awaited<ReturnType<typeof parties>>;
let med: { token: string; id: string };
let adminToken: string;

const WORKER_ENV = { ROLE: 'worker', JOB_LOCK_DURATION: 'PT2S' };

beforeAll(async () => {
  api = await startTestApp({ ROLE: 'api', SWEEP_INTERVAL: 'PT1H' });
  worker = await startTestApp({ ...api.env, ...WORKER_ENV }, { shareWith: api });
  adminToken = (await admin(api)).token;
  med = await mediator(api, adminToken);
  p = await parties(api.url);
});
afterAll(async () => {
  await worker?.close();
  await api?.stop();
});

type Step = { pick: number; amount: number; creatorSide: boolean; flag: boolean; chaos: number };
interface Action { name: (st: Step) => string; when: CaseStatus[]; run: (caseId: string, st: Step) => Promise<void> }

/** Waits until nothing is left to relay or run (delayed deadline jobs aside). */
async function quiesce(): Promise<void> {
  await waitFor(async () => {
    if ((await api.db.reader.count(OutboxEntity, { where: { dispatchedAt: IsNull() } })) > 0) return false;
    for (const q of api.queues.all()) {
      const c = await q.getJobCounts('waiting', 'active', 'prioritized');
      if (c.waiting + c.active + c.prioritized > 0) return false;
    }
    return true;
  }, 'the queues to drain', 30_000, 20);
}

const OK_REFUSALS = new Set(['INVALID_TRANSITION', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT']);

const stats = { commands: 0, accepted: 0, statuses: new Set<string>() };

async function act(query: string, variables: Record<string, unknown>, token: string): Promise<void> {
  const r = await gql(api.url, query, variables, token);
  const code = r.errors?.[0]?.extensions?.code;
  stats.commands += 1;
  if (!code) stats.accepted += 1;
  if (code && !OK_REFUSALS.has(code)) throw new Error(`unexpected ${code}: ${r.errors![0].message}`);
}

async function checkInvariants(caseId: string): Promise<void> {
  await quiesce();
  const row = await api.db.reader.findOneByOrFail(CaseEntity, { id: caseId });
  stats.statuses.add(row.outcome ? `${row.status}:${row.outcome}` : row.status);
  const events = await api.db.reader.find(CaseEventEntity, { where: { caseId }, order: { seq: 'ASC' } });
  expect(Object.values(CaseStatus)).toContain(row.status);
  expect(row.outcome === null).toBe(row.status !== CaseStatus.CLOSED);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(replay(events).status).toBe(row.status);
  if (row.status !== CaseStatus.CLOSED) {
    const pending = await api.db.reader.count(DeadlineEntity, { where: { caseId, state: DeadlineState.PENDING } });
    const state = stateOf(row);
    const someoneCanAct = [ActorKind.COMPLAINANT, ActorKind.RESPONDENT, ActorKind.MEDIATOR, ActorKind.ADMIN]
      .flatMap((kind) => allowedCommands(state, { kind, assigned: true }))
      .filter((c) => c !== CommandType.WITHDRAW && c !== CommandType.ASSIGN_MEDIATOR);
    expect(pending > 0 || someoneCanAct.length > 0, `open case at ${row.status} with nothing pending and nothing to do`).toBe(true);
  } else {
    expect(Object.values(CaseOutcome)).toContain(row.outcome);
  }
}

const S = CaseStatus;
/** Statuses where someone would plausibly try an action; with a small chance any action is tried anywhere, so refusals are exercised too. */
const ANY = Object.values(CaseStatus).filter((st) => st !== S.CLOSED);
const side = (st: Step) => (st.creatorSide ? 'creator' : 'firm');
const token = (st: Step) => (st.creatorSide ? p.creator.token : p.firm.token);
const CASE = (q: string) => `mutation($id: ID!) { ${q} }`;
const KINDS = ['ACCEPT', 'CONTEST', 'OFFER_LICENSE', 'DECLINE_PROCESS', 'REQUEST_EXTENSION'];

const ACTIONS: Action[] = [
  { name: (st) => `respondToNotice(${KINDS[st.amount % KINDS.length]})`, when: [S.NOTICE_SENT],
    run: (id, st) => act('mutation($id: ID!, $k: NoticeResponseKind!) { respondToNotice(caseId: $id, input: { kind: $k, statement: "model" }) { id } }',
      { id, k: KINDS[st.amount % KINDS.length] }, p.firm.token) },
  { name: (st) => `makeOffer(${side(st)}, ${st.amount})`, when: [S.NEGOTIATION, S.MEDIATION],
    run: (id, st) => act('mutation($id: ID!, $n: SafeInt) { makeOffer(caseId: $id, input: { amountJpy: $n }) { id } }', { id, n: st.amount }, token(st)) },
  { name: (st) => `respondToOffer(${side(st)}, ${st.flag})`, when: [S.NEGOTIATION, S.MEDIATION],
    run: async (id, st) => {
      const offers = (await gql(api.url, 'query($id: ID!) { case(id: $id) { offers { id side status } } }', { id }, token(st))).data?.case?.offers ?? [];
      const open = offers.find((o: any) => o.status === 'OPEN' && o.side !== (st.creatorSide ? 'COMPLAINANT' : 'RESPONDENT'));
      if (open) await act('mutation($id: ID!, $a: Boolean!) { respondToOffer(offerId: $id, accept: $a) { id } }', { id: open.id, a: st.flag }, token(st));
    } },
  { name: (st) => `submitBlindBid(${side(st)}, ${st.amount})`, when: [S.NEGOTIATION, S.MEDIATION],
    run: (id, st) => act('mutation($id: ID!, $n: SafeInt!) { submitBlindBid(caseId: $id, amountJpy: $n) { status } }', { id, n: st.amount }, token(st)) },
  { name: (st) => `requestMediation(${side(st)})`, when: [S.NEGOTIATION], run: (id, st) => act(CASE('requestMediation(caseId: $id) { id }'), { id }, token(st)) },
  { name: () => 'issueRecommendation', when: [S.MEDIATION],
    run: (id) => act(CASE('issueRecommendation(caseId: $id, input: { finding: PARTIAL, remedies: [OUTPUT_FILTER], amountJpy: 100000, reasoning: "model" }) { id }'), { id }, med.token) },
  { name: (st) => `respondToRecommendation(${side(st)}, ${st.flag || st.amount % 3 !== 0})`, when: [S.RECOMMENDATION_ISSUED],
    run: (id, st) => act('mutation($id: ID!, $a: Boolean!) { respondToRecommendation(caseId: $id, accept: $a) { id } }', { id, a: st.flag || st.amount % 3 !== 0 }, token(st)) },
  { name: () => 'certifyRemedy', when: [S.REMEDY_IN_PROGRESS],
    run: (id) => act(CASE('certifyRemedy(caseId: $id, input: { actions: [{ remedy: OUTPUT_FILTER, description: "filter" }] }) { id }'), { id }, p.firm.token) },
  { name: (st) => (st.flag ? 'confirmRemedy' : 'disputeRemedy'), when: [S.VERIFICATION],
    run: (id, st) => act(st.flag ? CASE('confirmRemedy(caseId: $id) { id }') : CASE('disputeRemedy(caseId: $id, reason: "not done") { id }'), { id }, p.creator.token) },
  { name: (st) => `decideReview(${st.flag})`, when: [S.MEDIATOR_REVIEW],
    run: (id, st) => act('mutation($id: ID!, $p: Boolean!) { decideReview(caseId: $id, proceed: $p, reason: "model") { id } }', { id, p: st.flag }, adminToken) },
  { name: () => 'expireNextDeadline', when: ANY,
    run: async (id) => {
      const next = await api.db.reader.findOne(DeadlineEntity, { where: { caseId: id, state: DeadlineState.PENDING }, order: { dueAt: 'ASC' } });
      if (next) await api.services.deadlines.fire(next.id, new Date(next.dueAt.getTime() + 1), 'job');
    } },
];
/** Rare actions: tried only when the step's chaos value says so. */
const RARE: Action[] = [
  { name: () => 'withdraw', when: ANY, run: (id) => act(CASE('withdrawComplaint(caseId: $id) { id }'), { id }, p.creator.token) },
  { name: () => 'restartWorkers', when: ANY, run: async () => {
    await worker.close();
    worker = await startTestApp({ ...api.env, ...WORKER_ENV }, { shareWith: api });
  } },
];

const step = fc.record({ pick: fc.nat(1000), amount: fc.integer({ min: 1, max: 2_000_000 }), creatorSide: fc.boolean(), flag: fc.boolean(), chaos: fc.nat(19) });

describe('the case lifecycle under random commands', () => {
  it('keeps every invariant after every step', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 8, maxLength: 24 }), fc.boolean(), async (steps, weak) => {
      const work = await registerWork(api.url, p.creator.token);
      const input = weak ? complaintInput(p.firm.firmId, [work.id], { facts: {} }) : complaintInput(p.firm.firmId, [work.id], { aiSystemId: p.system.id });
      const filed = await fileComplaint(api.url, p.creator.token, input);
      await waitFor(async () => {
        const row = await api.db.reader.findOneByOrFail(CaseEntity, { id: filed.id });
        return row.status !== CaseStatus.FILED && row.status !== CaseStatus.SCREENING;
      }, 'screening');
      await checkInvariants(filed.id);
      for (const st of steps) {
        const status = (await api.db.reader.findOneByOrFail(CaseEntity, { id: filed.id })).status;
        if (status === CaseStatus.CLOSED) break;
        const options = st.chaos === 0 ? RARE : st.chaos === 1 ? ACTIONS : ACTIONS.filter((a) => a.when.includes(status));
        const action = options[st.pick % options.length];
        await action.run(filed.id, st);
        await checkInvariants(filed.id);
      }
    }), { numRuns: 40, endOnFailure: true });
    // The runs above must have reached the end of the lifecycle, and done real work rather than only being refused.
    const closed = await api.db.reader.count(CaseEntity, { where: { status: CaseStatus.CLOSED, outcome: In(Object.values(CaseOutcome)) } });
    expect(closed).toBeGreaterThan(0);
    expect(stats.accepted).toBeGreaterThan(stats.commands / 3);
    expect(stats.statuses.size).toBeGreaterThan(6);
    console.log(`model run: ${stats.commands} commands, ${stats.accepted} accepted; statuses seen: ${[...stats.statuses].sort().join(', ')}`);
  }, 300_000);
});
