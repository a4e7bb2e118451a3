import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addPerceptualHashes, candidatesWithinDistance } from '../../src/persistence/repositories/perceptual-opt-out.repository';
import { chunkRadii, probesPerQuery } from '../../src/persistence/perceptual/multi-index';
import { hammingDistance } from '../../src/infra/similarity/phash';
import { withFreshDatabase } from '../support/harness';

/**
 * The multi-index search of checkOptOutsPerceptual against brute force, on the real database (SQLite, or
 * PostgreSQL with TEST_DATABASE_URL): for every allowed radius 0..16, the index returns exactly the
 * registered hashes within the radius — none missed (the generalised pigeonhole), none beyond.
 */
describe('perceptual opt-out index (multi-index hashing)', () => {
  const fresh = withFreshDatabase();

  // Registered hashes around a few centres, so every distance 0..30 occurs, plus uniform ones.
  const flip = (hash: string, bits: number[]) => {
    let n = BigInt(`0x${hash}`);
    for (const b of bits) n ^= 1n << BigInt(b);
    return n.toString(16).padStart(16, '0');
  };
  const rnd = (() => { let s = 7; return () => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return s; }; })();
  const randomHash = () => (BigInt(rnd()) << 32n | BigInt(rnd())).toString(16).padStart(16, '0');
  const centres = Array.from({ length: 6 }, randomHash);
  const registered: string[] = [];
  for (let i = 0; i < 600; i++) {
    const centre = centres[i % centres.length]!;
    const k = i % 31;
    registered.push(flip(centre, Array.from({ length: k }, () => rnd() % 64)));
  }
  for (let i = 0; i < 200; i++) registered.push(randomHash());

  it('radii share out r + 1 over the four chunks (pigeonhole), and the probe counts grow as documented', () => {
    for (let r = 0; r <= 16; r++) expect(chunkRadii(r).reduce((s, t) => s + t + 1, 0)).toBe(r + 1);
    expect([0, 3, 6, 10, 16].map(probesPerQuery)).toEqual([1, 4, 52, 428, 4608]);
  });

  it('finds exactly the hashes within maxDistance, for every radius, as brute force does', async () => {
    const { db } = fresh;
    await db.transaction(async (tx) => {
      for (let i = 0; i < registered.length; i += 100) {
        for (const [j, hash] of registered.slice(i, i + 100).entries()) await addPerceptualHashes(tx, `opt-${i + j}`, [{ hash, source: 'GIVEN' }], new Date());
      }
    });
    const seqOf = new Map<number, string>();
    const rows = await db.reads.em.query('SELECT "seq" AS "seq", "hash" AS "hash" FROM "opt_out_perceptual_hash"') as Array<{ seq: number; hash: string }>;
    for (const r of rows) seqOf.set(Number(r.seq), r.hash);
    expect(seqOf.size).toBe(registered.length);

    const query = fc.oneof(
      fc.tuple(fc.constantFrom(...centres), fc.array(fc.integer({ min: 0, max: 63 }), { maxLength: 20 })).map(([c, bits]) => flip(c, bits)),
      fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((n) => n.toString(16).padStart(16, '0')),
    );
    await fc.assert(fc.asyncProperty(fc.array(query, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 16 }), async (queries, r) => {
      const got = await candidatesWithinDistance(db.reads, queries, r);
      const asText = got.map((h) => `${h.query}:${seqOf.get(h.seq)}:${h.distance}`).sort();
      const expected: string[] = [];
      queries.forEach((q, qi) => {
        for (const [, hash] of seqOf) { const d = hammingDistance(q, hash); if (d <= r) expected.push(`${qi}:${hash}:${d}`); }
      });
      expect(asText).toEqual(expected.sort());
    }), { numRuns: 60 });
  });
});
