import 'reflect-metadata';
import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { assess } from '../src/domain/criteria/engine';
import { RULE_SETS } from '../src/domain/criteria/rule-sets';
import { AssessmentDecision, ClaimType, Finding, Protection, Purpose, TriState, UseStage, WorkKind } from '../src/domain/enums';
import type { AssessmentFacts } from '../src/domain/types';
import { benchEnv, clearRedisPrefix, freshPostgres, gql, load, postgresLabel, startProcess, stopProcess, waitUntil, Instance, LoadResult } from './support';

/** Measured rounds per HTTP operation (2 s each, the operations in turn). */
const ROUNDS = 5;
/** Intake rounds on PostgreSQL: one worker process, then two, each over a fresh backlog, this many times in turn. */
const INTAKE_ROUNDS = 3;
/** Complaints filed for each intake round's backlog. */
const INTAKE_BACKLOG = 1500;
/** Concurrent clients of fileComplaint's second line (SQLite) and of the PostgreSQL run (and of the filings that make each intake backlog). */
const FILING_CLIENTS = 32;

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
 * What the measured operations need, through the API at `url`: a creator with
 * 2,000 works, a firm with an AI system, and a first case with evidence (the
 * one `case(id)` reads). `fileBody` gives a new filing's request each call.
 */
async function seed(url: string) {
  const creator = await gql(url, `mutation { signUp(input: { email: "bench-creator@example.jp", password: "bench password", displayName: "Bench Creator",
    role: CREATOR, creator: { kind: INDIVIDUAL, nationality: "JP" } }) { token } }`);
  const firm = await gql(url, `mutation { signUp(input: { email: "bench-firm@example.jp", password: "bench password", displayName: "Bench Firm",
    role: AI_FIRM, firm: { legalName: "Bench AI KK", country: "JP", servesJapaneseUsers: true } }) { token account { firm { id } } } }`);
  const ct = creator.signUp.token as string;
  const firmId = firm.signUp.account.firm.id as string;
  const system = await gql(url, 'mutation { registerAiSystem(input: { name: "Bench", modality: IMAGE, purpose: COMMERCIAL, trainingServerInJapan: true, servesJapaneseUsers: true }) { id } }', {}, firm.signUp.token);
  const works: string[] = [];
  for (let i = 0; i < 40; i += 1) {
    const batch = await Promise.all(Array.from({ length: 50 }, (_, j) => gql(url, 'mutation($t: String!) { registerWork(input: { title: $t, kind: ILLUSTRATION, firstPublicationCountry: "JP" }) { id } }', { t: `Work ${i}-${j}` }, ct)));
    works.push(...batch.map((b) => b.registerWork.id));
  }
  const complaint = (workId: string, claimType: string) => ({
    respondentFirmId: firmId, aiSystemId: system.registerAiSystem.id, workIds: [workId], claimType, stage: 'GENERATION',
    facts: { workInTrainingData: 'YES', promptNamedWorkOrAuthor: true, essentialFeaturesPerceivable: true, outputCommercial: true, outputServedInJapan: true },
    requestedRemedies: ['OUTPUT_FILTER', 'COMPENSATION'], claimedAmountJpy: 100000, statement: 'Benchmark complaint', goodFaithDeclaration: true,
  });
  const FILE = 'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id status } }';
  const first = await gql(url, FILE, { input: complaint(works[0], 'OUTPUT_REPRODUCES_WORK') }, ct);
  await gql(url, 'mutation($id: ID!) { addEvidence(caseId: $id, input: { kind: OUTPUT_SAMPLE, description: "sample", similarityScore: 0.9 }) { id } }', { id: first.fileComplaint.id }, ct);

  const caseQuery = JSON.stringify({ query: `query($id: ID!) { case(id: $id) { id reference status claimType complainant { id displayName } respondent { id legalName }
    aiSystem { id name } works { id title kind } evidence { id kind } deadlines { kind dueAt } events(first: 20) { edges { node { seq type toStatus at } } } } }`, variables: { id: first.fileComplaint.id } });
  const claims = ['OUTPUT_REPRODUCES_WORK', 'TRAINING_WITHOUT_PERMISSION', 'RAG_REPRODUCTION', 'TARGETED_FINE_TUNING'];
  let n = 1;
  const fileBody = () => {
    n += 1;
    return JSON.stringify({ query: FILE, variables: { input: complaint(works[n % works.length], claims[Math.floor(n / works.length) % claims.length]) } });
  };
  return { ct, caseQuery, fileBody, FILE, complaint, works };
}

/**
 * `npm run bench`: starts one instance (API process, then one worker process)
 * on a fresh SQLite database and prints figures; then, when PostgreSQL
 * answers, the same figures on a fresh PostgreSQL database (postgresRun). It
 * asserts nothing.
 */
async function main(): Promise<void> {
  const rows: Array<[string, string]> = [];
  const print = (label: string, value: string) => { rows.push([label, value]); console.log(`${label.padEnd(58)} ${value}`); };
  // `npm run bench -- --only=opt-outs` (or BENCH_ONLY=opt-outs): only the opt-out registry's figures (exact and perceptual);
  // `--only=core`: everything but the feature benches (see the end of main).
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? process.env.BENCH_ONLY;
  if (only === 'opt-outs') {
    await runOptOutBenches(print);
    process.exit(0);
  }
  // `--only=postgres`: the PostgreSQL run alone (reference, case(id), fileComplaint, intake with one and two workers).
  if (only === 'postgres') {
    await postgresRun(print);
    process.exit(0);
  }
  const instance = benchEnv();
  print('SQLite (a fresh file)', '');
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
    const { ct, caseQuery, fileBody, FILE, complaint, works } = await seed(instance.url);
    type Operation = { token?: string; body?: string; setupBody?: () => string; url?: string; connections?: number };
    const operations: Record<'ref' | 'byCase' | 'byCaseOff' | 'byCaseOn' | 'filing' | 'filing32', Operation> = {
      ref: { body: JSON.stringify({ query: '{ __typename }' }) },
      byCase: { token: ct, body: caseQuery },
      byCaseOff: { token: ct, body: caseQuery, url: twinUrl(offPort) },
      byCaseOn: { token: ct, body: caseQuery, url: twinUrl(onPort) },
      filing: { token: ct, setupBody: fileBody },
      // As the PostgreSQL run files (FILING_CLIENTS), for a like-for-like line.
      filing32: { token: ct, setupBody: fileBody, connections: FILING_CLIENTS },
    };
    // Steady state: each operation runs 2 s before it is measured, so no figure includes warming up (JIT, caches).
    for (const op of Object.values(operations)) await load(op.url ?? instance.url, { ...op, seconds: 2 });
    // Then rounds of 2 s each, taking the operations in turn: this machine's speed drifts by ±20% within
    // minutes, and measuring the reference and the others side by side, many times, keeps that out of the ratios.
    const rounds: Record<keyof typeof operations, LoadResult[]> = { ref: [], byCase: [], byCaseOff: [], byCaseOn: [], filing: [], filing32: [] };
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
    show(`fileComplaint, ${FILING_CLIENTS} concurrent clients`, 'filing32');

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

  await postgresRun(print);

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

  // `--only=core`: the request and job figures above (SQLite, PostgreSQL, the pure rule set) without the feature benches
  // below, for before/after comparisons of a change to the hot paths.
  if (only !== 'core') await runOptionalBenches(print);
  rmSync(instance.dataDir, { recursive: true, force: true });
  process.exit(0);
}

/**
 * The PostgreSQL run: the SQLite run's figures — the reference, case(id),
 * fileComplaint (with 32 concurrent clients) and intake with one and with two
 * worker processes — each as a ratio to the reference of this run, on a fresh
 * database (bench_<random>) of the server at 127.0.0.1:5432 or
 * BENCH_DATABASE_URL, dropped after. Skipped, saying so, when the server does
 * not answer.
 */
async function postgresRun(print: (label: string, value: string) => void): Promise<void> {
  const pg = await freshPostgres();
  if (!pg) {
    print('PostgreSQL', `skipped: nothing answers at ${postgresLabel()} (set BENCH_DATABASE_URL to run it)`);
    return;
  }
  print(`PostgreSQL (a fresh database on ${postgresLabel()})`, '');
  const instance: Instance = benchEnv({ DATABASE_URL: pg.url });
  const api = startProcess(instance, { ROLE: 'api' });
  const sql = new Client({ connectionString: pg.url });
  const redis = new IORedis(instance.env.REDIS_URL, { maxRetriesPerRequest: null });
  const intake = new Queue('intake', { connection: redis, prefix: instance.env.REDIS_PREFIX });
  const workers: ChildProcess[] = [];
  try {
    await waitUntil(async () => (await fetch(instance.url.replace('/graphql', '/readyz')).catch(() => null))?.ok === true, 60_000, 100);
    await sql.connect();
    const { ct, caseQuery, fileBody } = await seed(instance.url);
    type Operation = { token?: string; body?: string; setupBody?: () => string; connections?: number };
    const operations: Record<'ref' | 'byCase' | 'filing', Operation> = {
      ref: { body: JSON.stringify({ query: '{ __typename }' }) },
      byCase: { token: ct, body: caseQuery },
      filing: { token: ct, setupBody: fileBody, connections: FILING_CLIENTS },
    };
    // As in the SQLite run: 2 s of each to warm up, then rounds of 2 s taking the operations in turn.
    for (const op of Object.values(operations)) await load(instance.url, { ...op, seconds: 2 });
    const rounds: Record<keyof typeof operations, LoadResult[]> = { ref: [], byCase: [], filing: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const name of Object.keys(operations) as Array<keyof typeof operations>) rounds[name].push(await load(instance.url, { ...operations[name], seconds: 2 }));
    }
    const ref = combine(rounds.ref);
    const show = (label: string, name: keyof typeof operations) => {
      const r = combine(rounds[name]);
      const perRound = rounds[name].map((x, i) => (100 * x.rps) / rounds.ref[i].rps);
      const spread = name === 'ref' ? '' : ` (rounds ${Math.min(...perRound).toFixed(0)}–${Math.max(...perRound).toFixed(0)}%)`;
      print(label, `${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${(100 * r.rps / ref.rps).toFixed(0)}% of reference${spread}${r.errors ? `, ${r.errors} errors` : ''}`);
    };
    show('PostgreSQL: { __typename } (reference)', 'ref');
    show('PostgreSQL: case(id) with nested fields', 'byCase');
    show(`PostgreSQL: fileComplaint, ${FILING_CLIENTS} concurrent clients`, 'filing');

    // Intake: worker processes that work only the intake queue drain a backlog of FILED cases. The queue is paused
    // while the backlog is filed and the workers start, and resumed once every worker listens, so process start is
    // not timed and two workers begin together.
    const count = async (status: string) => Number((await sql.query('SELECT COUNT(*) AS "n" FROM "case" WHERE "status" = $1', [status])).rows[0].n);
    const drain = async (processes: number) => {
      await intake.pause();
      const cases = await count('FILED');
      // The relay has queued every intake job (bounded: a job lost on the way would delay the figure, not stop the bench).
      await waitUntil(async () => (await intake.count()) >= cases, 60_000, 50).catch(() => undefined);
      for (let i = 0; i < processes; i += 1) workers.push(startProcess(instance, { ROLE: 'worker', WORKER_QUEUES: 'intake', WORKER_CONCURRENCY: '50' }));
      await waitUntil(async () => (await intake.getWorkersCount()) >= processes, 60_000, 50);
      const t0 = Date.now();
      await intake.resume();
      // Done when the queue is: an intake job completes after its transaction commits. Polled in Redis, not with a
      // COUNT every 10 ms, which took a third of a core from the PostgreSQL server under test (pg_stat_activity
      // samples); the one COUNT after it only confirms.
      await waitUntil(async () => Object.values(await intake.getJobCounts('waiting', 'active', 'delayed', 'prioritized')).every((n) => n === 0), 600_000, 10);
      await waitUntil(async () => (await count('FILED')) === 0, 600_000, 10);
      const seconds = (Date.now() - t0) / 1000;
      for (const worker of workers.splice(0)) await stopProcess(worker);
      return { cases, seconds, rate: cases / seconds };
    };
    const fileBacklog = async (n: number) => {
      let filed = 0;
      await Promise.all(Array.from({ length: FILING_CLIENTS }, async () => {
        while (filed < n) {
          filed += 1;
          await fetch(instance.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ct}` }, body: fileBody() }).catch(() => null);
        }
      }));
    };
    // What fileComplaint left is drained first, untimed (it also warms the workers' paths and the server's caches).
    await drain(2);
    const timed: Record<1 | 2, Array<{ cases: number; seconds: number; rate: number }>> = { 1: [], 2: [] };
    for (let round = 0; round < INTAKE_ROUNDS; round += 1) {
      for (const processes of [1, 2] as const) {
        await fileBacklog(INTAKE_BACKLOG);
        timed[processes].push(await drain(processes));
      }
    }
    for (const processes of [1, 2] as const) {
      const runs = timed[processes];
      const cases = runs.reduce((sum, r) => sum + r.cases, 0);
      const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
      print(`PostgreSQL: intake, ${processes === 1 ? 'one worker process' : 'two worker processes'} (${INTAKE_ROUNDS} × ~${INTAKE_BACKLOG} cases)`,
        `${(cases / seconds).toFixed(0)} cases/s, ${(100 * (cases / seconds) / ref.rps).toFixed(0)}% of the reference's req/s `
        + `(rounds ${runs.map((r) => r.rate.toFixed(0)).join(', ')} cases/s)`);
    }
    const perRound = timed[2].map((r, i) => (100 * r.rate) / timed[1][i].rate);
    const total = (runs: Array<{ cases: number; seconds: number }>) => runs.reduce((sum, r) => sum + r.cases, 0) / runs.reduce((sum, r) => sum + r.seconds, 0);
    print('  two workers / one (same rounds)', `${(100 * total(timed[2]) / total(timed[1])).toFixed(0)}% (rounds ${Math.min(...perRound).toFixed(0)}–${Math.max(...perRound).toFixed(0)}%)`);
  } finally {
    for (const worker of workers) await stopProcess(worker);
    await stopProcess(api);
    await intake.close().catch(() => undefined);
    redis.disconnect();
    await sql.end().catch(() => undefined);
    await clearRedisPrefix(instance).catch(() => undefined);
    await pg.drop().catch((error) => console.error(`bench: could not drop its PostgreSQL database: ${error instanceof Error ? error.message : error}`));
    rmSync(instance.dataDir, { recursive: true, force: true });
  }
}

/** Benchmarks contributed by feature areas (bench/*.bench.ts exporting a function that returns figures). */
async function runOptionalBenches(print: (label: string, value: string) => void): Promise<void> {
  await runOptOutBenches(print);
  // Similarity triage (issue 17): precision and recall on a generated corpus; alone: node dist/bench/similarity/run.js.
  const { benchSimilarity } = await import('./similarity/run');
  await benchSimilarity({ log: (line) => print(line, '') });
  // A collective's complaint for 10 and for 500 principals (issue 14): time and SQL statements of filing and of the pass to the notice.
  const { benchCollective } = await import('./collective.bench');
  await benchCollective({ log: (line) => print(line, '') });
}

/**
 * The opt-out registry at scale (each prints its own lines): 1,000,000 exact opt-outs — checkOptOuts p50/p99 in the
 * service and over HTTP/GraphQL, feed pages — and 1,000,000 perceptual hashes — checkOptOutsPerceptual p50/p99 of
 * the index alone and of the service path.
 */
async function runOptOutBenches(print: (label: string, value: string) => void): Promise<void> {
  const { benchOptOuts } = await import('./opt-outs.bench');
  await benchOptOuts({ log: (line) => print(line, '') });
  const { benchPerceptualOptOuts } = await import('./perceptual-opt-outs.bench');
  await benchPerceptualOptOuts({ log: (line) => print(line, '') });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
