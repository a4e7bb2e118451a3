import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Database } from '../src/persistence/database';
import { loadConfig } from '../src/config/env';
import { Role } from '../src/domain/enums';
import type { RequestContext } from '../src/policies/context';
import { OptOutService } from '../src/services/opt-out.service';
import { ReferenceService } from '../src/services/reference.service';
import { candidatesWithinDistance } from '../src/persistence/repositories/perceptual-opt-out.repository';
import { probesPerQuery } from '../src/persistence/perceptual/multi-index';

/**
 * checkOptOutsPerceptual at scale, on SQLite: 1,000,000 registered perceptual hashes (uniformly random 64-bit
 * values, 100 for each of 10,000 allWorks opt-outs), seeded with raw SQL, the chunk indexes built after the
 * rows. Then 10,000 single-hash queries (half a registered hash with 0–6 bits flipped, half random) at
 * maxDistance 10 (the default), timed twice: the index alone (candidatesWithinDistance: the four chunk probes
 * and the 64-bit verification) and the service path (checkOptOutsPerceptual: validation, the index, the
 * opt-outs read and filtered as checkOptOuts does). Also p50 at maxDistance 6 and 16 over fewer queries.
 * Prints figures; asserts nothing.
 */
export async function benchPerceptualOptOuts(options: { hashes?: number; queries?: number; log?: (line: string) => void } = {}): Promise<Record<string, number>> {
  const total = options.hashes ?? 1_000_000;
  const queries = options.queries ?? 10_000;
  const log = options.log ?? ((line: string) => console.log(line));
  const dir = mkdtempSync(join(tmpdir(), 'chotei-bench-phash-'));
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: `file:${join(dir, 'bench.sqlite')}`, DATA_DIR: dir, LOG_LEVEL: 'silent', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123' });
  const db = await Database.open(config);
  try {
    const t0 = performance.now();
    const registered = seed(String(db.write.options.database), total);
    log(`perceptual opt-outs: seeded ${total.toLocaleString('en')} perceptual hashes (${registered.optOuts.toLocaleString('en')} opt-outs) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const service = new OptOutService(db, new ReferenceService(db));
    const ctx: RequestContext = { viewer: { accountId: randomUUID(), role: Role.AI_FIRM, firmId: randomUUID(), locale: 'en', via: 'api-key' }, requestId: 'bench', locale: 'en' };
    let s = 99;
    const rnd = () => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return s; };
    const query = (i: number) => {
      if (i % 2) return hex(BigInt(rnd()) << 32n | BigInt(rnd()));
      let n = registered.sample[rnd() % registered.sample.length]!;
      for (let k = rnd() % 7; k > 0; k--) n ^= 1n << BigInt(rnd() % 64);
      return hex(n);
    };
    const time = async (n: number, call: (h: string) => Promise<number>) => {
      for (let i = 0; i < Math.min(50, n); i++) await call(query(i)); // warm-up
      const times: number[] = [];
      let found = 0;
      for (let i = 0; i < n; i++) {
        const h = query(i);
        const t = performance.now();
        found += await call(h);
        times.push(performance.now() - t);
      }
      return { p50: percentile(times, 50), p99: percentile(times, 99), found };
    };
    const index = await time(queries, async (h) => (await candidatesWithinDistance(db.reads, [h], 10)).length);
    log(`perceptual opt-outs: index alone, maxDistance 10 (${probesPerQuery(10)} probes a hash): p50 ${index.p50.toFixed(2)} ms, p99 ${index.p99.toFixed(2)} ms, ${index.found} hits over ${queries.toLocaleString('en')} queries`);
    const svc = await time(queries, async (h) => (await service.checkOptOutsPerceptual(ctx, [h], 10)).length);
    log(`perceptual opt-outs: checkOptOutsPerceptual (service), maxDistance 10: p50 ${svc.p50.toFixed(2)} ms, p99 ${svc.p99.toFixed(2)} ms, ${svc.found} matches`);
    const few = Math.max(1, Math.floor(queries / 10));
    const d6 = await time(few, async (h) => (await candidatesWithinDistance(db.reads, [h], 6)).length);
    const d16 = await time(few, async (h) => (await candidatesWithinDistance(db.reads, [h], 16)).length);
    log(`perceptual opt-outs: index alone, maxDistance 6: p50 ${d6.p50.toFixed(2)} ms (${probesPerQuery(6)} probes); maxDistance 16: p50 ${d16.p50.toFixed(2)} ms, p99 ${d16.p99.toFixed(2)} ms (${probesPerQuery(16)} probes); ${few} queries each`);
    const batch = Array.from({ length: 1000 }, (_, i) => query(i));
    const tb = performance.now();
    const batchMatches = (await service.checkOptOutsPerceptual(ctx, batch, 10)).length;
    const batchMs = performance.now() - tb;
    log(`perceptual opt-outs: one call of 1,000 hashes, maxDistance 10: ${batchMs.toFixed(0)} ms (${batchMatches} matches)`);
    return { hashes: total, indexP50Ms: round(index.p50), indexP99Ms: round(index.p99), serviceP50Ms: round(svc.p50), serviceP99Ms: round(svc.p99),
      indexD6P50Ms: round(d6.p50), indexD16P50Ms: round(d16.p50), batch1000Ms: round(batchMs) };
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const hex = (n: bigint) => n.toString(16).padStart(16, '0');
const percentile = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!; };
const round = (x: number) => Math.round(x * 100) / 100;
const sqliteDate = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** Raw inserts on a connection of its own (schema migrated): 10,000 allWorks opt-outs, 100 hashes each; chunk indexes rebuilt after. */
function seed(path: string, total: number): { optOuts: number; sample: bigint[] } {
  const conn = new BetterSqlite3(path);
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = OFF');
  conn.pragma('cache_size = -200000');
  const optOuts = Math.max(1, Math.floor(total / 100));
  const past = sqliteDate(new Date(Date.now() - 3_600_000));
  const ids = Array.from({ length: optOuts }, () => randomUUID());
  const insOpt = conn.prepare(`INSERT INTO "opt_out" ("id","ownerId","workId","allWorks","scope","signals","effectiveFrom","withdrawnAt","recognised","notRecognisedReason","contentHash","importKey","createdAt")
    VALUES (?,?,NULL,1,'ALL_AI_TRAINING','["REGISTRY"]',?,NULL,1,NULL,NULL,NULL,?)`);
  const insHash = conn.prepare('INSERT INTO "opt_out_perceptual_hash" ("optOutId","hash","c0","c1","c2","c3","source","createdAt") VALUES (?,?,?,?,?,?,\'GIVEN\',?)');
  const indexes = conn.prepare(`SELECT "name", "sql" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'opt_out_perceptual_hash' AND name LIKE 'IDX_opt_out_phash_c%'`).all() as Array<{ name: string; sql: string }>;
  for (const ix of indexes) conn.exec(`DROP INDEX "${ix.name}"`);
  let s = 12345;
  const rnd = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s; };
  const sample: bigint[] = [];
  const batch = conn.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      if (i < optOuts) insOpt.run(ids[i], randomUUID(), past, past);
      const hi = rnd();
      const lo = rnd();
      const n = (BigInt(hi) << 32n) | BigInt(lo);
      if (i % 1000 === 0) sample.push(n);
      insHash.run(ids[i % optOuts], hex(n), hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff, past);
    }
  });
  for (let i = 0; i < total; i += 100_000) batch(i, Math.min(total, i + 100_000));
  for (const ix of indexes) conn.exec(ix.sql);
  conn.exec('ANALYZE');
  conn.pragma('wal_checkpoint(TRUNCATE)');
  conn.close();
  return { optOuts, sample };
}

if (require.main === module) {
  benchPerceptualOptOuts({
    hashes: process.env.BENCH_PERCEPTUAL_HASHES ? Number(process.env.BENCH_PERCEPTUAL_HASHES) : undefined,
    queries: process.env.BENCH_PERCEPTUAL_QUERIES ? Number(process.env.BENCH_PERCEPTUAL_QUERIES) : undefined,
  }).then((figures) => { console.log(JSON.stringify(figures)); process.exit(0); }, (error) => { console.error(error); process.exit(1); });
}
