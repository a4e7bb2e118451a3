import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ContentHashIndex } from '../../src/persistence/sqlite/content-hash-index';

/**
 * The in-memory index checkOptOuts reads on SQLite (src/persistence/sqlite/content-hash-index.ts), against a
 * brute-force reading of the same works and opt-outs: for every hash asked, exactly the per-work opt-outs of the
 * works with that hash and the allWorks opt-outs of their owners, each once, whatever the order things came in.
 * The hashes include ones built to share the index's slot (first 8 hex characters) and its tag (the next 8) with
 * a registered hash while differing after, so nothing is matched on a prefix.
 */
describe('ContentHashIndex', () => {
  const rnd = (() => { let s = 7; return (n: number) => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return (s >>> 8) % n; }; })();
  const sha = (label: string) => createHash('sha256').update(label).digest('hex');

  type Work = { rowid: number; hash: string; owner: string };
  type OptOut = { rowid: number; workRowid: number | null; owner: string };

  function scenario(options: { works: number; reserve: boolean }) {
    const base = Array.from({ length: 60 }, (_, i) => sha(`content-${i}`));
    // Same slot and tag as base[0], another hash; same slot as base[1], another tag.
    const lookalikes = [base[0].slice(0, 16) + sha('x').slice(16), base[0].slice(0, 16) + sha('y').slice(16), base[1].slice(0, 8) + sha('z').slice(8)];
    const hashes = [...base, ...lookalikes];
    const owners = Array.from({ length: 12 }, (_, i) => `owner-${i}`);
    const works: Work[] = [];
    const optOuts: OptOut[] = [];
    const index = new ContentHashIndex();
    if (options.reserve) index.reserve(options.works);
    let optOutRowid = 0;
    const addAllWorks = (owner: string) => {
      const o = { rowid: ++optOutRowid, workRowid: null, owner };
      optOuts.push(o);
      // As the repository does: the first allWorks opt-out of an owner marks the owner's works already in.
      if (index.addAllWorksOptOut(owner, o.rowid)) for (const w of works) if (w.owner === owner) index.markOwnerWork(w.rowid, owner);
    };
    addAllWorks(owners[0]); // before any of its works
    for (let rowid = 1; rowid <= options.works; rowid++) {
      // Rowids have gaps: works without a hash are not fed in.
      if (rnd(10) === 0) continue;
      const w = { rowid, hash: hashes[rnd(hashes.length)], owner: owners[rnd(owners.length)] };
      works.push(w);
      index.addWork(w.rowid, w.hash, w.owner);
      for (let k = rnd(4) === 0 ? 2 : rnd(2); k > 0; k--) {
        const o = { rowid: ++optOutRowid, workRowid: w.rowid, owner: w.owner };
        optOuts.push(o);
        index.addWorkOptOut(w.rowid, o.rowid);
      }
      if (rnd(40) === 0) addAllWorks(owners[rnd(owners.length)]);
    }
    const expected = (hash: string): number[] => {
      const matched = works.filter((w) => w.hash === hash);
      return optOuts.filter((o) => (o.workRowid != null && matched.some((w) => w.rowid === o.workRowid))
        || (o.workRowid == null && matched.some((w) => w.owner === o.owner))).map((o) => o.rowid).sort((a, b) => a - b);
    };
    return { index, works, optOuts, hashes, lookalikes, expected };
  }

  /** The flat answer as a map: hash → its candidates. */
  const asMap = (found: { hashes: string[]; ends: number[]; rowids: number[] }) =>
    new Map(found.hashes.map((h, i) => [h, found.rowids.slice(i === 0 ? 0 : found.ends[i - 1], found.ends[i])]));

  for (const options of [{ works: 400, reserve: true }, { works: 5_000, reserve: false }]) {
    it(`names exactly the opt-outs that can cover each hash (${options.works} works, ${options.reserve ? 'reserved' : 'grown'})`, () => {
      const { index, works, optOuts, hashes, lookalikes, expected } = scenario(options);
      const asked = [...hashes, sha('never registered'), hashes[2], hashes[2]];
      const found = asMap(index.candidates(asked));
      let covered = 0;
      for (const hash of new Set(asked)) {
        const want = expected(hash);
        expect([...(found.get(hash) ?? [])].sort((a, b) => a - b), hash).toEqual(want);
        if (want.length) covered++;
        else expect(found.has(hash)).toBe(false);
      }
      // The data exercise what the index must get right.
      expect(covered).toBeGreaterThan(40);
      expect(works.filter((w) => w.hash === lookalikes[0]).length).toBeGreaterThan(0);
      expect(optOuts.filter((o) => o.workRowid == null).length).toBeGreaterThan(2);
      expect(index.size.works).toBe(works.length);
    });
  }

  it('gives a work fed in after its owner\'s allWorks opt-out that opt-out, and answers nothing when empty', () => {
    const index = new ContentHashIndex();
    expect(index.candidates([sha('a')]).hashes).toEqual([]);
    expect(index.addAllWorksOptOut('owner-1', 7)).toBe(true);
    expect(index.addAllWorksOptOut('owner-1', 9)).toBe(false);
    index.addWork(3, sha('a'), 'owner-1');
    index.addWork(4, sha('a'), 'owner-2');
    index.addWorkOptOut(4, 11);
    expect(index.candidates([sha('b'), sha('a')])).toEqual({ hashes: [sha('a')], ends: [3], rowids: [7, 9, 11] });
  });
});
