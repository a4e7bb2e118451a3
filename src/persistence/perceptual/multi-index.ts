/**
 * Multi-index hashing for 64-bit perceptual hashes (Norouzi, Punjani & Fleet, "Fast search in Hamming
 * space with multi-index hashing", CVPR 2012), with the generalised pigeonhole principle so it is exact
 * for every radius. See README.md beside this file.
 *
 * A hash is cut into four 16-bit chunks c0..c3 (c0 = the most significant 16 bits = hex characters
 * 1–4). Each chunk is an indexed integer column. For a search radius r the budget r + 1 is shared out as
 * t_i + 1 = ⌊(r+1)/4⌋ (+1 for the first (r+1) mod 4 chunks). If every chunk differed in at least t_i + 1
 * bits, the hashes would differ in at least Σ(t_i + 1) = r + 1 > r bits; so any hash within r has some
 * chunk i within t_i of the query's chunk i. Probing, for each chunk, every 16-bit value within t_i of
 * the query's (t_i = -1: that chunk is not probed) finds a superset of the answers; each candidate is
 * then verified on all 64 bits. Nothing within r is missed and nothing beyond r is returned.
 */

export const CHUNKS = 4;
export const CHUNK_BITS = 16;

/** The four 16-bit chunks of a 16-hex-character hash, most significant first. */
export function chunksOf(hash: string): [number, number, number, number] {
  return [parseInt(hash.slice(0, 4), 16), parseInt(hash.slice(4, 8), 16), parseInt(hash.slice(8, 12), 16), parseInt(hash.slice(12, 16), 16)];
}

/** The hash (16 lowercase hex characters) of four 16-bit chunks. */
export function hashOfChunks(c: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < CHUNKS; i++) s += c[i]!.toString(16).padStart(4, '0');
  return s;
}

export function popcount16(n: number): number {
  n = n - ((n >>> 1) & 0x5555);
  n = (n & 0x3333) + ((n >>> 2) & 0x3333);
  n = (n + (n >>> 4)) & 0x0f0f;
  return (n + (n >>> 8)) & 0x1f;
}

/** Hamming distance of two hashes given as chunks. */
export function chunkDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return popcount16(a[0]! ^ b[0]!) + popcount16(a[1]! ^ b[1]!) + popcount16(a[2]! ^ b[2]!) + popcount16(a[3]! ^ b[3]!);
}

/** Per-chunk probe radii t_0..t_3 for search radius r (−1: the chunk is not probed). Σ(t_i + 1) = r + 1. */
export function chunkRadii(r: number): number[] {
  if (!Number.isInteger(r) || r < 0 || r > 64) throw new RangeError(`radius must be an integer 0..64, got ${r}`);
  const base = Math.floor((r + 1) / CHUNKS);
  const extra = (r + 1) % CHUNKS;
  return Array.from({ length: CHUNKS }, (_, i) => Math.min(CHUNK_BITS, base + (i < extra ? 1 : 0)) - 1);
}

const masksByRadius = new Map<number, Uint16Array>();

/** Every 16-bit mask with at most t bits set, fewest bits first (cached). */
export function masksWithin(t: number): Uint16Array {
  let masks = masksByRadius.get(t);
  if (!masks) {
    const list: number[] = [];
    for (let m = 0; m < 1 << CHUNK_BITS; m++) if (popcount16(m) <= t) list.push(m);
    list.sort((a, b) => popcount16(a) - popcount16(b) || a - b);
    masks = Uint16Array.from(list);
    masksByRadius.set(t, masks);
  }
  return masks;
}

/**
 * The probes for a batch of query hashes at radius r: for each chunk, the map from a 16-bit value to the
 * queries (indexes into `queries`) that probe it. The keys of `probes[i]` are the values to look up in
 * chunk column i.
 */
export function probesFor(queries: ReadonlyArray<ArrayLike<number>>, r: number): Array<Map<number, number[]>> {
  const radii = chunkRadii(r);
  return radii.map((t, i) => {
    const map = new Map<number, number[]>();
    if (t < 0) return map;
    const masks = masksWithin(t);
    queries.forEach((q, qi) => {
      const v = q[i]!;
      for (let k = 0; k < masks.length; k++) {
        const key = v ^ masks[k]!;
        const list = map.get(key);
        if (list) { if (list[list.length - 1] !== qi) list.push(qi); } else map.set(key, [qi]);
      }
    });
    return map;
  });
}

/** Number of index lookups one query makes at radius r (Σ over probed chunks of |ball(t_i)|). */
export function probesPerQuery(r: number): number {
  return chunkRadii(r).reduce((sum, t) => sum + (t < 0 ? 0 : masksWithin(t).length), 0);
}

/**
 * Verifies candidate rows (chunks as read from the index) against the queries that probed them; calls
 * `hit(row, query, distance)` once per (row, query) within r. `rowId` identifies a row across chunk
 * columns (the same row may come back through several chunks).
 */
export function verifyCandidates<R>(
  rows: Iterable<R>, chunksOfRow: (row: R) => ArrayLike<number>, rowId: (row: R) => number | string,
  queries: ReadonlyArray<ArrayLike<number>>, probes: Array<Map<number, number[]>>, r: number,
  hit: (row: R, query: number, distance: number) => void,
): void {
  const seen = new Set<string>();
  for (const row of rows) {
    const c = chunksOfRow(row);
    const id = rowId(row);
    for (let i = 0; i < CHUNKS; i++) {
      const qs = probes[i]!.get(c[i]!);
      if (!qs) continue;
      for (const qi of qs) {
        const d = chunkDistance(c, queries[qi]!);
        if (d > r) continue;
        const key = `${id}/${qi}`;
        if (seen.has(key)) continue;
        seen.add(key);
        hit(row, qi, d);
      }
    }
  }
}
