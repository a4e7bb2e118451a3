import 'reflect-metadata';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Database } from '../src/persistence/database';
import { loadConfig } from '../src/config/env';
import { Role } from '../src/domain/enums';
import type { RequestContext } from '../src/policies/context';
import { OptOutService } from '../src/services/opt-out.service';
import { ReferenceService } from '../src/services/reference.service';
import { startApp } from '../src/app';
import { createLogger } from '../src/config/logger';
import { clearRedisPrefix, type Instance } from './support';

/**
 * The opt-out registry at the scale of real training sets, on SQLite:
 * 1,000,000 opt-outs seeded with raw SQL in large transactions, then
 *  - checkOptOuts of 10,000 hashes (half of them hits, a new sample each call): p50 and p99 over 20 calls;
 *  - optOutFeed pages of 100 at the start and at the end of the feed (p50 over 50 pages each).
 * These call the service methods directly (no HTTP, no GraphQL serialisation): the database work of one call.
 * Then checkOptOuts again as a firm sends it, over HTTP/GraphQL to an in-process API on the same file
 * (benchCheckOverGraphql), with wall and CPU time per request. Prints figures; asserts nothing.
 *
 * Data: 995,000 per-work opt-outs over as many works, owned by 50,000 creators (~20 works each),
 * of which 4,990 also have an allWorks opt-out, plus a collective of 100,000 works that has one too
 * (the allWorks path then reads that owner's opt-outs); 2% withdrawn, 1% not yet effective, 1% not recognised.
 */
export async function benchOptOuts(options: { optOuts?: number; checks?: number; keep?: boolean; log?: (line: string) => void; graphql?: boolean; reuseDir?: string } = {}): Promise<Record<string, number>> {
  const total = options.optOuts ?? 1_000_000;
  const log = options.log ?? ((line: string) => console.log(line));
  // reuseDir: a directory an earlier run kept (keep: true) with the same optOuts count; its registry is used as seeded.
  const reused = options.reuseDir != null && existsSync(join(options.reuseDir, 'bench.sqlite'));
  const dir = options.reuseDir ?? mkdtempSync(join(tmpdir(), 'chotei-bench-optouts-'));
  if (options.reuseDir) mkdirSync(dir, { recursive: true });
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: `file:${join(dir, 'bench.sqlite')}`, DATA_DIR: dir, LOG_LEVEL: 'silent', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123' });
  const db = await Database.open(config);
  try {
    const seedStart = performance.now();
    const seeded = reused ? seededCounts(total) : seed(String(db.write.options.database), total);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    log(`opt-outs: ${reused ? 'reused' : 'seeded'} ${seeded.optOuts.toLocaleString('en')} opt-outs (${seeded.works.toLocaleString('en')} works) in ${seedSeconds.toFixed(1)} s`);

    const service = new OptOutService(db, new ReferenceService(db));
    // An API process builds checkOptOuts' hash index at start (src/persistence/sqlite/content-hash-index.ts); so does the bench, timed.
    const indexStart = performance.now();
    await service.warmUp();
    const indexSeconds = (performance.now() - indexStart) / 1000;
    const indexSize = service.hashIndexSize();
    if (indexSize) log(`opt-outs: hash index of ${indexSize.works.toLocaleString('en')} works built in ${indexSeconds.toFixed(1)} s (${(indexSize.bytes / 1e6).toFixed(0)} MB)`);
    const ctx: RequestContext = { viewer: { accountId: randomUUID(), role: Role.AI_FIRM, firmId: randomUUID(), locale: 'en', via: 'api-key' }, requestId: 'bench', locale: 'en' };

    // checkOptOuts: 10,000 hashes, half of them registered works' hashes.
    const calls = options.checks ?? 20;
    let rng = 42;
    const rand = (n: number) => { rng = (rng * 1103515245 + 12345) % 2147483648; return rng % n; };
    const sample = () => {
      const hashes: string[] = [];
      for (let i = 0; i < 5_000; i++) hashes.push(workHash(rand(seeded.works)));
      for (let i = 0; i < 5_000; i++) hashes.push(createHash('sha256').update(`miss-${rand(1e9)}-${i}`).digest('hex'));
      return hashes;
    };
    let matches = 0;
    const measure = async () => {
      await service.checkOptOuts(ctx, sample()); // warm-up
      const times: number[] = [];
      const cpu: number[] = [];
      matches = 0;
      for (let i = 0; i < calls; i++) {
        const hashes = sample();
        const c = process.cpuUsage();
        const t = performance.now();
        matches += (await service.checkOptOuts(ctx, hashes)).length;
        times.push(performance.now() - t);
        const used = process.cpuUsage(c);
        cpu.push((used.user + used.system) / 1000);
      }
      return { p50: percentile(times, 50), p99: percentile(times, 99), cpuP50: percentile(cpu, 50) };
    };
    // The read connection memory-maps the file (src/persistence/database.ts); CPU time is what the machine's other
    // load inflates least (the call is synchronous SQLite work in this process).
    const { p50: checkP50, p99: checkP99, cpuP50: checkCpuP50 } = await measure();
    const matchesPerCall = Math.round(matches / calls);
    log(`opt-outs: checkOptOuts 10,000 hashes (half hits): p50 ${checkP50.toFixed(1)} ms, p99 ${checkP99.toFixed(1)} ms, CPU p50 ${checkCpuP50.toFixed(1)} ms, ${matchesPerCall} matches a call (${calls} calls)`);

    // optOutFeed: a page of 100 at the start and at the end.
    const maxSeq = (db.reader.query('SELECT MAX("seq") AS m FROM "opt_out_change"') as Promise<Array<{ m: number }>>);
    const last = (await maxSeq)[0].m;
    const endCursor = Buffer.from(String(last - 100), 'utf8').toString('base64url');
    const page = async (after: string | null) => {
      const t = performance.now();
      const p = await service.optOutFeed(ctx, { first: 100, after });
      if (p.items.length !== 100) throw new Error(`expected a full page, got ${p.items.length}`);
      return performance.now() - t;
    };
    await page(null); await page(endCursor);
    const start: number[] = [];
    const end: number[] = [];
    for (let i = 0; i < 50; i++) { start.push(await page(null)); end.push(await page(endCursor)); }
    const feedStart = percentile(start, 50);
    const feedEnd = percentile(end, 50);
    log(`opt-outs: optOutFeed page of 100: p50 ${feedStart.toFixed(2)} ms at the start, ${feedEnd.toFixed(2)} ms at the end (seq ${last.toLocaleString('en')})`);

    // The same call as a firm makes it: POST /graphql with 10,000 hashes, through validation, the cost estimate,
    // execution of every match object and serialisation (an in-process API on the same database file).
    const viaGraphql = options.graphql === false ? null : await benchCheckOverGraphql(String(db.write.options.database), dir, sample, calls);
    if (viaGraphql) {
      log(`opt-outs: checkOptOuts 10,000 hashes over HTTP/GraphQL: p50 ${viaGraphql.p50.toFixed(1)} ms, p99 ${viaGraphql.p99.toFixed(1)} ms `
        + `(CPU p50 ${viaGraphql.cpuP50.toFixed(1)} ms; service alone p50 ${checkP50.toFixed(1)} ms; ${viaGraphql.matches} matches a call, ${calls} calls)`);
    }

    return {
      ...(viaGraphql ? { checkOptOutsGraphqlP50Ms: round(viaGraphql.p50), checkOptOutsGraphqlP99Ms: round(viaGraphql.p99), checkOptOutsGraphqlCpuP50Ms: round(viaGraphql.cpuP50) } : {}),
      optOuts: seeded.optOuts, seedSeconds: round(seedSeconds), hashIndexSeconds: round(indexSeconds), checkOptOutsP50Ms: round(checkP50), checkOptOutsP99Ms: round(checkP99),
      checkOptOutsMatchesPerCall: matchesPerCall, checkOptOutsCpuP50Ms: round(checkCpuP50), feedPageStartP50Ms: round(feedStart), feedPageEndP50Ms: round(feedEnd),
    };
  } finally {
    await db.close();
    if (options.keep || options.reuseDir) log(`opt-outs: kept the database in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * checkOptOuts over HTTP: an API process's code (ROLE=api) in this process on the seeded file, a firm signed
 * up through the API, then `calls` requests of 10,000 hashes each; wall time and this process's CPU time per
 * request (client and server share the process, so CPU time is what the machine's load does not inflate).
 */
export async function benchCheckOverGraphql(path: string, dir: string, sample: () => string[], calls: number) {
  const env = {
    NODE_ENV: 'test', ROLE: 'api', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${path}`, DATA_DIR: dir, LOG_LEVEL: 'silent',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123', REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `benchck${randomUUID().slice(0, 8)}`, RATE_LIMIT_PER_MINUTE: '0', QUERY_MAX_COST: '1000000', EMAIL_VERIFICATION_REQUIRED: 'false',
  };
  const config = loadConfig(env);
  const app = await startApp(config, { log: createLogger('silent') });
  try {
    await app.services.optOuts.warmUp(); // the build the API started (as in production, before the firm's first check)
    const url = app.url!;
    const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }) });
      const body = await res.json() as { data?: any; errors?: unknown[] };
      if (body.errors) throw new Error(`bench: ${JSON.stringify(body.errors).slice(0, 300)}`);
      return body.data;
    };
    const signUp = await post(`mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, { input: {
      email: `bench-firm-${randomUUID().slice(0, 8)}@example.jp`, password: 'bench password', displayName: 'Bench Firm', role: 'AI_FIRM',
      firm: { legalName: 'Bench Checks KK', country: 'JP', servesJapaneseUsers: true } } });
    const token = signUp.signUp.token as string;
    const CHECK = 'query($h: [String!]!) { checkOptOuts(contentHashes: $h) { contentHash optOut { id scope signals effectiveFrom allWorks recognised } } }';
    await post(CHECK, { h: sample() }, token); // warm-up
    await post(CHECK, { h: sample() }, token);
    const wall: number[] = [];
    const cpu: number[] = [];
    let matches = 0;
    for (let i = 0; i < calls; i++) {
      const h = sample();
      const c = process.cpuUsage();
      const t = performance.now();
      matches += (await post(CHECK, { h }, token)).checkOptOuts.length;
      wall.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
    return { p50: percentile(wall, 50), p99: percentile(wall, 99), cpuP50: percentile(cpu, 50), matches: Math.round(matches / calls) };
  } finally {
    await app.close();
    await clearRedisPrefix({ env } as unknown as Instance).catch(() => undefined);
  }
}

const workHash = (i: number) => createHash('sha256').update(`work-${i}`).digest('hex');
const percentile = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const round = (x: number) => Math.round(x * 100) / 100;
const sqliteDate = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** What seed(total) writes: the per-work opt-outs (one work each) and the allWorks ones. */
function seededCounts(total: number): { optOuts: number; works: number } {
  const allWorksCount = Math.floor(total / 200);
  return { optOuts: total, works: total - allWorksCount };
}

/** Raw inserts in large transactions on a connection of its own (the schema is already migrated). */
function seed(path: string, total: number): { optOuts: number; works: number } {
  const conn = new BetterSqlite3(path);
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = OFF');
  conn.pragma('cache_size = -200000');
  const collectiveWorks = Math.min(100_000, Math.floor(total / 10));
  const allWorksCount = Math.floor(total / 200);
  const perWork = total - allWorksCount;
  const owners = Math.max(1, Math.floor((perWork - collectiveWorks) / 20));
  const collective = randomUUID();
  const ownerIds = Array.from({ length: owners }, () => randomUUID());
  const now = Date.now();
  const created = sqliteDate(new Date(now - 86_400_000));
  const past = sqliteDate(new Date(now - 3_600_000));
  const futureDate = sqliteDate(new Date(now + 30 * 86_400_000));
  const insWork = conn.prepare(`INSERT INTO "work" ("id","ownerId","title","kind","contentHash","createdAt") VALUES (?,?,?,?,?,?)`);
  const insOpt = conn.prepare(`INSERT INTO "opt_out" ("id","ownerId","workId","allWorks","scope","signals","effectiveFrom","withdrawnAt","recognised","notRecognisedReason","contentHash","importKey","createdAt")
    VALUES (?,?,?,?,?,?,?,?,?,?,?,NULL,?)`);
  const insChange = conn.prepare(`INSERT INTO "opt_out_change" ("optOutId","kind","at") VALUES (?,?,?)`);
  const withdraw = conn.prepare('UPDATE "opt_out" SET "withdrawnAt" = ? WHERE "id" = ?');
  const scopes = ['ALL_AI_TRAINING', 'GENERATIVE_TRAINING', 'COMMERCIAL_TRAINING'];
  const signals = '["REGISTRY"]';
  const batch = conn.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const owner = i < collectiveWorks ? collective : ownerIds[i % owners];
      const workId = randomUUID();
      const hash = workHash(i);
      insWork.run(workId, owner, `Work ${i}`, 'ILLUSTRATION', hash, created);
      const id = randomUUID();
      const withdrawn = i % 50 === 7;
      const recognised = i % 100 !== 3;
      insOpt.run(id, owner, workId, 0, scopes[i % 3], signals, i % 100 === 5 ? futureDate : past, null, recognised ? 1 : 0,
        recognised ? null : 'Recorded, but not recognised in Japan (bench)', hash, created);
      insChange.run(id, 'REGISTERED', created);
      if (withdrawn) {
        withdraw.run(past, id);
        insChange.run(id, 'WITHDRAWN', past);
      }
    }
  });
  const STEP = 50_000;
  for (let i = 0; i < perWork; i += STEP) batch(i, Math.min(perWork, i + STEP));
  conn.transaction(() => {
    for (let k = 0; k < allWorksCount; k++) {
      const owner = k === 0 ? collective : ownerIds[(k * 7) % owners];
      const id = randomUUID();
      insOpt.run(id, owner, null, 1, 'ALL_AI_TRAINING', signals, past, null, 1, null, null, created);
      insChange.run(id, 'REGISTERED', created);
    }
  })();
  conn.pragma('wal_checkpoint(TRUNCATE)');
  conn.close();
  return { optOuts: perWork + allWorksCount, works: perWork };
}

if (require.main === module) {
  // BENCH_OPT_OUTS scales the registry (default 1,000,000), e.g. for a quick profile; BENCH_OPT_OUTS_DIR keeps the
  // seeded registry in that directory and reuses it on the next run (the same BENCH_OPT_OUTS), for repeated measurements.
  benchOptOuts({ optOuts: process.env.BENCH_OPT_OUTS ? Number(process.env.BENCH_OPT_OUTS) : undefined, reuseDir: process.env.BENCH_OPT_OUTS_DIR }).then((figures) => { console.log(JSON.stringify(figures)); }, (error) => { console.error(error); process.exit(1); });
}
