import 'reflect-metadata';
import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { assess } from '../src/domain/criteria/engine';
import { RULE_SETS } from '../src/domain/criteria/rule-sets';
import { AssessmentDecision, ClaimType, Finding, Protection, Purpose, TriState, UseStage, WorkKind } from '../src/domain/enums';
import type { AssessmentFacts } from '../src/domain/types';
import { benchEnv, clearRedisPrefix, gql, load, startProcess, stopProcess, waitUntil, LoadResult } from './support';

/** Measured rounds per HTTP operation (2 s each, the operations in turn). */
const ROUNDS = 5;

/** Several rounds of one operation as one figure: mean req/s, median p50 and p99, all errors. */
function combine(results: LoadResult[]): LoadResult {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    rps: results.reduce((sum, r) => sum + r.rps, 0) / results.length,
    p50: median(results.map((r) => r.p50)), p99: median(results.map((r) => r.p99)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
  };
}

/**
 * `npm run bench`: starts one instance (API process, then one worker process)
 * on a fresh SQLite database and prints figures. It asserts nothing.
 */
async function main(): Promise<void> {
  const rows: Array<[string, string]> = [];
  const print = (label: string, value: string) => { rows.push([label, value]); console.log(`${label.padEnd(58)} ${value}`); };
  const instance = benchEnv();
  const api = startProcess(instance, { ROLE: 'api' });
  // Two more API processes on the same database, alike but for the defences: one with the rate limiter and the
  // default cost limit on (a rate limit too high to refuse anything here, so each request still counts its
  // points in Redis), one with them off. Both serve only case(id), in the same alternating rounds, so their
  // ratio is what the defences cost a request (the first process also takes the filings, which changes its heap).
  const twinUrl = (port: string) => instance.url.replace(`:${instance.env.PORT}/`, `:${port}/`);
  const offPort = String(Number(instance.env.PORT) + 1);
  const onPort = String(Number(instance.env.PORT) + 2);
  const twins: ChildProcess[] = [];
  try {
    await waitUntil(async () => (await fetch(instance.url.replace('/graphql', '/readyz')).catch(() => null))?.ok === true, 60_000, 100);
    // Started once the first has migrated the database (processes starting together would race on migrations).
    twins.push(startProcess(instance, { ROLE: 'api', PORT: offPort }));
    twins.push(startProcess(instance, { ROLE: 'api', PORT: onPort, RATE_LIMIT_PER_MINUTE: '1000000000', QUERY_MAX_COST: '20000' }));
    for (const port of [offPort, onPort]) await waitUntil(async () => (await fetch(twinUrl(port).replace('/graphql', '/readyz')).catch(() => null))?.ok === true, 60_000, 100);
    const creator = await gql(instance.url, `mutation { signUp(input: { email: "bench-creator@example.jp", password: "bench password", displayName: "Bench Creator",
      role: CREATOR, creator: { kind: INDIVIDUAL, nationality: "JP" } }) { token } }`);
    const firm = await gql(instance.url, `mutation { signUp(input: { email: "bench-firm@example.jp", password: "bench password", displayName: "Bench Firm",
      role: AI_FIRM, firm: { legalName: "Bench AI KK", country: "JP", servesJapaneseUsers: true } }) { token account { firm { id } } } }`);
    const ct = creator.signUp.token as string;
    const firmId = firm.signUp.account.firm.id as string;
    const system = await gql(instance.url, 'mutation { registerAiSystem(input: { name: "Bench", modality: IMAGE, purpose: COMMERCIAL, trainingServerInJapan: true, servesJapaneseUsers: true }) { id } }', {}, firm.signUp.token);
    const works: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const batch = await Promise.all(Array.from({ length: 50 }, (_, j) => gql(instance.url, 'mutation($t: String!) { registerWork(input: { title: $t, kind: ILLUSTRATION, firstPublicationCountry: "JP" }) { id } }', { t: `Work ${i}-${j}` }, ct)));
      works.push(...batch.map((b) => b.registerWork.id));
    }
    const complaint = (workId: string, claimType: string) => ({
      respondentFirmId: firmId, aiSystemId: system.registerAiSystem.id, workIds: [workId], claimType, stage: 'GENERATION',
      facts: { workInTrainingData: 'YES', promptNamedWorkOrAuthor: true, essentialFeaturesPerceivable: true, outputCommercial: true, outputServedInJapan: true },
      requestedRemedies: ['OUTPUT_FILTER', 'COMPENSATION'], claimedAmountJpy: 100000, statement: 'Benchmark complaint', goodFaithDeclaration: true,
    });
    const FILE = 'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id status } }';
    const first = await gql(instance.url, FILE, { input: complaint(works[0], 'OUTPUT_REPRODUCES_WORK') }, ct);
    await gql(instance.url, 'mutation($id: ID!) { addEvidence(caseId: $id, input: { kind: OUTPUT_SAMPLE, description: "sample", similarityScore: 0.9 }) { id } }', { id: first.fileComplaint.id }, ct);

    const caseQuery = JSON.stringify({ query: `query($id: ID!) { case(id: $id) { id reference status claimType complainant { id displayName } respondent { id legalName }
      aiSystem { id name } works { id title kind } evidence { id kind } deadlines { kind dueAt } events(first: 20) { edges { node { seq type toStatus at } } } } }`, variables: { id: first.fileComplaint.id } });
    const claims = ['OUTPUT_REPRODUCES_WORK', 'TRAINING_WITHOUT_PERMISSION', 'RAG_REPRODUCTION', 'TARGETED_FINE_TUNING'];
    let n = 1;
    const fileBody = () => {
      n += 1;
      return JSON.stringify({ query: FILE, variables: { input: complaint(works[n % works.length], claims[Math.floor(n / works.length) % claims.length]) } });
    };
    type Operation = { token?: string; body?: string; setupBody?: () => string; url?: string };
    const operations: Record<'ref' | 'byCase' | 'byCaseOff' | 'byCaseOn' | 'filing', Operation> = {
      ref: { body: JSON.stringify({ query: '{ __typename }' }) },
      byCase: { token: ct, body: caseQuery },
      byCaseOff: { token: ct, body: caseQuery, url: twinUrl(offPort) },
      byCaseOn: { token: ct, body: caseQuery, url: twinUrl(onPort) },
      filing: { token: ct, setupBody: fileBody },
    };
    // Steady state: each operation runs 2 s before it is measured, so no figure includes warming up (JIT, caches).
    for (const op of Object.values(operations)) await load(op.url ?? instance.url, { ...op, seconds: 2 });
    // Then rounds of 2 s each, taking the operations in turn: this machine's speed drifts by ±20% within
    // minutes, and measuring the reference and the others side by side, many times, keeps that out of the ratios.
    const rounds: Record<keyof typeof operations, LoadResult[]> = { ref: [], byCase: [], byCaseOff: [], byCaseOn: [], filing: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const name of Object.keys(operations) as Array<keyof typeof operations>) {
        const op = operations[name];
        rounds[name].push(await load(op.url ?? instance.url, { ...op, seconds: 2 }));
      }
    }
    const ref = combine(rounds.ref);
    const show = (label: string, name: keyof typeof operations) => {
      const r = combine(rounds[name]);
      const perRound = rounds[name].map((x, i) => (100 * x.rps) / rounds.ref[i].rps);
      const spread = name === 'ref' ? '' : ` (rounds ${Math.min(...perRound).toFixed(0)}–${Math.max(...perRound).toFixed(0)}%)`;
      print(label, `${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${(100 * r.rps / ref.rps).toFixed(0)}% of reference${spread}${r.errors ? `, ${r.errors} errors` : ''}`);
    };
    show('{ __typename } (reference)', 'ref');
    show('case(id) with nested fields', 'byCase');
    show('case(id), second process, rate and cost limits off', 'byCaseOff');
    show('case(id), third process, rate and cost limits on', 'byCaseOn');
    {
      const perRound = rounds.byCaseOn.map((x, i) => (100 * x.rps) / rounds.byCaseOff[i].rps);
      print('  limits on / off (same rounds)', `${(100 * combine(rounds.byCaseOn).rps / combine(rounds.byCaseOff).rps).toFixed(0)}% (rounds ${Math.min(...perRound).toFixed(0)}–${Math.max(...perRound).toFixed(0)}%)`);
    }
    show('fileComplaint', 'filing');

    // Intake: one worker process that works only the intake queue, over the backlog fileComplaint left.
    const db = new Database(instance.dbPath, { readonly: true });
    const count = (status: string) => (db.prepare('SELECT COUNT(*) AS n FROM "case" WHERE status = ?').get(status) as { n: number }).n;
    const backlog = count('FILED');
    const intakeWorker = startProcess(instance, { ROLE: 'worker', WORKER_QUEUES: 'intake', WORKER_CONCURRENCY: '50' });
    const started = Date.now();
    await waitUntil(() => count('FILED') < backlog, 60_000, 5); // the worker is up and moving cases
    const t0 = Date.now();
    const atStart = count('FILED');
    await waitUntil(() => count('FILED') === 0, 300_000, 10);
    const intakeSeconds = (Date.now() - t0) / 1000;
    await stopProcess(intakeWorker);
    print(`intake: ${backlog} cases FILED→SCREENING/CLOSED, one worker`,
      `${(atStart / intakeSeconds).toFixed(0)} cases/s once running, ${(100 * (atStart / intakeSeconds) / ref.rps).toFixed(0)}% of the reference's req/s `
      + `(${intakeSeconds.toFixed(1)} s; process start took ${((t0 - started) / 1000).toFixed(1)} s)`);

    // Intake + screening with one worker process (all queues): the SCREENING backlog plus a fresh FILED batch.
    const fresh: Promise<unknown>[] = [];
    for (let i = 0; i < 1000; i += 1) fresh.push(gql(instance.url, FILE, { input: complaint(works[i % works.length], 'TARGETED_FINE_TUNING') }, ct).catch(() => null));
    await Promise.all(fresh);
    const pending = count('FILED') + count('SCREENING');
    const worker = startProcess(instance, { ROLE: 'worker', WORKER_CONCURRENCY: '50' });
    await waitUntil(() => count('FILED') + count('SCREENING') < pending, 60_000, 5);
    const t1 = Date.now();
    await waitUntil(() => count('FILED') + count('SCREENING') === 0, 600_000);
    const screenSeconds = (Date.now() - t1) / 1000;
    await stopProcess(worker);
    db.close();
    print(`intake + screening: ${pending} cases, one worker`, `${(pending / screenSeconds).toFixed(0)} cases/s (${screenSeconds.toFixed(1)} s)`);
  } finally {
    await stopProcess(api);
    for (const twin of twins) await stopProcess(twin);
    await clearRedisPrefix(instance).catch(() => undefined);
  }

  // The pure rule set.
  const facts: AssessmentFacts = {
    claimType: ClaimType.OUTPUT_REPRODUCES_WORK, stage: UseStage.GENERATION,
    eligibility: { eligible: true, protections: [Protection.COPYRIGHT], protectedUntil: null, crossBorderReferral: null, missingFacts: [],
      rules: ['PROTECTED_WORK', 'TERM', 'PROTECTIONS', 'CLAIM_ACCESS', 'APPLICABLE_LAW'].map((code) => ({ code, finding: Finding.MET, explanation: { en: '', ja: '' }, citation: null })) },
    works: [{ kind: WorkKind.ILLUSTRATION }],
    aiSystem: { purpose: Purpose.COMMERCIAL, trainingServerInJapan: true, servesJapaneseUsers: true, usesRag: false, disclosure: null },
    facts: { workInTrainingData: TriState.YES, promptNamedWorkOrAuthor: true, essentialFeaturesPerceivable: true, outputCommercial: true },
    evidence: { maxSimilarityScore: 0.9, kinds: [] }, optOut: { registered: false, recognised: false, signals: [], acknowledgedByFirm: false }, requestedRemedies: [],
  };
  // Facts of the statute (an output claim), which both rule sets decide: the current one and the one it replaced.
  for (const ruleSet of [...RULE_SETS].reverse()) {
    if (assess(facts, ruleSet).decision !== AssessmentDecision.ACTIONABLE) console.log(`(note: the bench facts did not assess as ACTIONABLE under ${ruleSet.version})`);
    const iterations = 100_000;
    const t = process.hrtime.bigint();
    for (let i = 0; i < iterations; i += 1) assess(facts, ruleSet);
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    print(`pure rule set (${ruleSet.version}), one core`, `${(iterations / seconds).toFixed(0)} assessments/s`);
  }

  await runOptionalBenches(print);
  rmSync(instance.dataDir, { recursive: true, force: true });
  process.exit(0);
}

/** Benchmarks contributed by feature areas (bench/*.bench.ts exporting a function that returns figures). */
async function runOptionalBenches(print: (label: string, value: string) => void): Promise<void> {
  try {
    const mod = await import('./opt-outs.bench');
    // It prints its own lines (1,000,000 opt-outs: hash checks p50/p99, feed page time at both ends).
    await (mod as { benchOptOuts: (o: { log: (line: string) => void }) => Promise<Record<string, number>> }).benchOptOuts({ log: (line) => print(line, '') });
  } catch (error) {
    if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
