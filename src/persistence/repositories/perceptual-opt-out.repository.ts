import type { Queryable } from '../database';
import { OptOutPerceptualHashEntity, type OptOutEntity } from '../entities';
import { chunksOf, probesFor, verifyCandidates } from '../perceptual/multi-index';
import { chunks, hydrator, OPT_OUT_COLUMNS } from './opt-out.repository';
import { bool, ph, sqlDate } from '../sql';

/**
 * Perceptual hashes registered with opt-outs, and the Hamming-distance search of
 * `checkOptOutsPerceptual` (multi-index hashing: src/persistence/perceptual/README.md).
 *
 * Each hash is kept as four 16-bit integer chunks c0..c3, each leading an index
 * (c_i, then the other three), so one probe — `c_i IN (values)` — reads the
 * candidates' full hashes from the index alone, on SQLite and PostgreSQL alike.
 * Candidates are verified on all 64 bits in code; then one statement reads the
 * opt-outs of the verified rows that are active (recognised, not withdrawn and
 * already effective: the same rule as checkOptOuts).
 */

export type PerceptualHashSource = 'GIVEN' | 'REFERENCE_FILE';

export interface PerceptualMatchRow { query: number; distance: number; hash: string; optOut: OptOutEntity }

/** Probe values per statement and chunk (one bound parameter each: json_each on SQLite, an array on PostgreSQL). */
const PROBE_CHUNK = 20_000;

/** Registers these hashes with an opt-out (a hash already registered with it is skipped). */
export async function addPerceptualHashes(q: Queryable, optOutId: string, entries: Array<{ hash: string; source: PerceptualHashSource }>, now: Date): Promise<void> {
  const seen = new Set<string>();
  const rows = entries.filter((e) => !seen.has(e.hash) && seen.add(e.hash)).map((e) => {
    const [c0, c1, c2, c3] = chunksOf(e.hash);
    return q.em.create(OptOutPerceptualHashEntity, { optOutId, hash: e.hash, c0, c1, c2, c3, source: e.source, createdAt: now });
  });
  for (const chunk of chunks(rows, 200)) {
    await q.em.createQueryBuilder().insert().into(OptOutPerceptualHashEntity).values(chunk).orIgnore().execute();
  }
}

/** The perceptual hashes registered with these opt-outs, in registration order (for OptOut.perceptualHashes). */
export async function perceptualHashRowsOf(q: Queryable, optOutIds: readonly string[]): Promise<Array<{ optOutId: string; hash: string }>> {
  const out: Array<{ optOutId: string; hash: string }> = [];
  for (const chunk of chunks([...new Set(optOutIds)], 500)) {
    const rows = await q.em.createQueryBuilder(OptOutPerceptualHashEntity, 'p').select(['p.optOutId', 'p.hash', 'p.seq'])
      .where('p.optOutId IN (:...ids)', { ids: chunk }).orderBy('p.seq', 'ASC').getMany();
    for (const r of rows) out.push({ optOutId: r.optOutId, hash: r.hash });
  }
  return out;
}

/**
 * The perceptual hashes of these works' reference images (work.referenceFileId →
 * stored_file.perceptualHash); works without one are left out.
 */
export async function referenceImageHashes(q: Queryable, workIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const chunk of chunks([...new Set(workIds)], 500)) {
    const params = chunk.map((_, i) => ph(q.kind, i + 1)).join(', ');
    const rows = await q.em.query(
      `SELECT w."id" AS "workId", f."perceptualHash" AS "hash" FROM "work" w JOIN "stored_file" f ON f."id" = w."referenceFileId"
       WHERE w."id" IN (${params}) AND f."perceptualHash" IS NOT NULL`, chunk,
    ) as Array<{ workId: string; hash: string }>;
    for (const r of rows) out.set(r.workId, r.hash);
  }
  return out;
}

/** The ids of the owner's works that have a reference image with a perceptual hash (for an allWorks opt-out). */
export async function ownerWorksWithReferenceImage(q: Queryable, ownerId: string): Promise<string[]> {
  const rows = await q.em.query(
    `SELECT w."id" AS "id" FROM "work" w JOIN "stored_file" f ON f."id" = w."referenceFileId"
     WHERE w."ownerId" = ${ph(q.kind, 1)} AND f."perceptualHash" IS NOT NULL`, [ownerId],
  ) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

/** The active allWorks opt-outs of this owner (a new work's reference image is registered with them). */
export async function activeAllWorksOptOutIds(q: Queryable, ownerId: string): Promise<string[]> {
  const rows = await q.em.query(
    `SELECT "id" FROM "opt_out" WHERE "ownerId" = ${ph(q.kind, 1)} AND "allWorks" = ${bool(q.kind, true)} AND "withdrawnAt" IS NULL`, [ownerId],
  ) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

/**
 * A work's reference image (its perceptual hash) registered with the active opt-outs that cover the work:
 * its own and its owner's allWorks ones. For a reference image attached after those opt-outs.
 */
export async function registerReferenceImageWithOptOuts(q: Queryable, work: { id: string; ownerId: string }, hash: string, now: Date): Promise<void> {
  const own = await q.em.query(`SELECT "id" FROM "opt_out" WHERE "workId" = ${ph(q.kind, 1)} AND "withdrawnAt" IS NULL`, [work.id]) as Array<{ id: string }>;
  const ids = new Set([...own.map((r) => r.id), ...(await activeAllWorksOptOutIds(q, work.ownerId))]);
  for (const id of ids) await addPerceptualHashes(q, id, [{ hash, source: 'REFERENCE_FILE' }], now);
}

/**
 * Registered hashes within `maxDistance` bits of each query hash (16 lowercase hex
 * characters each), with their active opt-outs. One row per (query, opt-out):
 * the nearest of that opt-out's hashes. `query` is the index into `hashes`.
 * Exact for every radius (generalised pigeonhole: see multi-index.ts).
 */
export async function activeOptOutsWithinDistance(q: Queryable, hashes: string[], maxDistance: number, now: Date): Promise<PerceptualMatchRow[]> {
  if (!hashes.length) return [];
  const hits = await candidatesWithinDistance(q, hashes, maxDistance);
  if (!hits.length) return [];
  const { em, kind } = q;
  const seqs = [...new Set(hits.map((h) => h.seq))];
  const optOutBySeq = new Map<number, OptOutEntity>();
  const hashBySeq = new Map<number, string>();
  const hydrate = hydrator();
  // SQLite binds `?` in order of appearance: the list first, then the time.
  const isIn = kind === 'postgres' ? `p."seq" = ANY(${ph(kind, 1)}::int[])` : `p."seq" IN (SELECT value FROM json_each(${ph(kind, 1)}))`;
  for (const chunk of chunks(seqs, 5_000)) {
    const rows = await em.query(
      `SELECT p."seq" AS "phSeq", p."hash" AS "phHash", ${OPT_OUT_COLUMNS('o')}
       FROM "opt_out_perceptual_hash" p JOIN "opt_out" o ON o."id" = p."optOutId"
       WHERE ${isIn} AND o."recognised" = ${bool(kind, true)} AND o."withdrawnAt" IS NULL AND o."effectiveFrom" <= ${ph(kind, 2)}`,
      [kind === 'postgres' ? chunk : JSON.stringify(chunk), sqlDate(kind, now)],
    ) as Array<Record<string, unknown>>;
    for (const r of rows) {
      optOutBySeq.set(Number(r.phSeq), hydrate(r));
      hashBySeq.set(Number(r.phSeq), String(r.phHash));
    }
  }
  // Nearest hash per (query, opt-out).
  const best = new Map<string, PerceptualMatchRow>();
  for (const h of hits) {
    const optOut = optOutBySeq.get(h.seq);
    if (!optOut) continue;
    const key = `${h.query}/${optOut.id}`;
    const prev = best.get(key);
    if (!prev || h.distance < prev.distance) best.set(key, { query: h.query, distance: h.distance, hash: hashBySeq.get(h.seq)!, optOut });
  }
  return [...best.values()].sort((a, b) => a.query - b.query || a.distance - b.distance
    || a.optOut.effectiveFrom.getTime() - b.optOut.effectiveFrom.getTime() || a.optOut.id.localeCompare(b.optOut.id));
}

/**
 * The index alone: every registered row (seq) within `maxDistance` of each query
 * hash, with its distance — probes of the four chunk indexes, verified on all 64
 * bits. Exported for the bench and the brute-force property test.
 */
export async function candidatesWithinDistance(q: Queryable, hashes: string[], maxDistance: number): Promise<Array<{ query: number; seq: number; distance: number }>> {
  const { em, kind } = q;
  const queries = hashes.map(chunksOf);
  const probes = probesFor(queries, maxDistance);
  const out: Array<{ query: number; seq: number; distance: number }> = [];
  for (let i = 0; i < probes.length; i++) {
    const values = [...probes[i]!.keys()];
    if (!values.length) continue;
    const column = `"c${i}"`;
    const isIn = kind === 'postgres' ? `${column} = ANY(${ph(kind, 1)}::int[])` : `${column} IN (SELECT value FROM json_each(${ph(kind, 1)}))`;
    for (const chunk of chunks(values, PROBE_CHUNK)) {
      const rows = await em.query(
        `SELECT "seq" AS "s", "c0" AS "a", "c1" AS "b", "c2" AS "c", "c3" AS "d" FROM "opt_out_perceptual_hash" WHERE ${isIn}`,
        [kind === 'postgres' ? chunk : JSON.stringify(chunk)],
      ) as Array<{ s: number; a: number; b: number; c: number; d: number }>;
      // Only chunk i's probes here: a row found again through another chunk is verified there too (verifyCandidates de-duplicates within a call).
      const only = probes.map((p, j) => (j === i ? p : new Map<number, number[]>()));
      verifyCandidates(rows, (r) => [r.a, r.b, r.c, r.d], (r) => r.s, queries, only, maxDistance, (r, query, distance) => {
        out.push({ query, seq: Number(r.s), distance });
      });
    }
  }
  // The same (row, query) found through two chunks counts once.
  const seen = new Set<string>();
  return out.filter((h) => { const k = `${h.seq}/${h.query}`; if (seen.has(k)) return false; seen.add(k); return true; });
}
