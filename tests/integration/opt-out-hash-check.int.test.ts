import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { activeOptOutsByHash, insertOptOuts, markOptOutWithdrawn, optOutHashIndexSize, warmOptOutHashIndex } from '../../src/persistence/repositories/opt-out.repository';
import { insertWorks } from '../../src/persistence/repositories/work.repository';
import { WorkEntity, OptOutEntity } from '../../src/persistence/entities';
import { OptOutScope, OptOutSignal, WorkKind } from '../../src/domain/enums';
import { withFreshDatabase } from '../support/harness';

/**
 * checkOptOuts' one statement (works by hash, their own opt-outs and their owners' allWorks opt-outs) against a
 * brute-force reading of the same rows, on the real database (SQLite, or PostgreSQL with TEST_DATABASE_URL):
 * works sharing a hash across owners, owners with several allWorks opt-outs, withdrawn, not yet effective and
 * unrecognised opt-outs, repeated and unknown hashes. Every hash gets exactly the active opt-outs that cover it,
 * each once, oldest first.
 */
/** Works sharing hashes across owners, with per-work and allWorks opt-outs in every state. */
function dataset() {
  const now = new Date('2026-06-01T00:00:00.000Z');
  const rnd = (() => { let s = 11; return (n: number) => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return s % n; }; })();
  const hash = (label: string) => createHash('sha256').update(label).digest('hex');
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000);

  const owners = Array.from({ length: 6 }, () => randomUUID());
  const hashes = Array.from({ length: 40 }, (_, i) => hash(`content-${i}`));
  const works: WorkEntity[] = [];
  const optOuts: OptOutEntity[] = [];
  const state = () => {
    const r = rnd(10);
    if (r === 0) return { withdrawnAt: day(-3), effectiveFrom: day(-10), recognised: true };
    if (r === 1) return { withdrawnAt: null, effectiveFrom: day(5), recognised: true };
    if (r === 2) return { withdrawnAt: null, effectiveFrom: day(-10), recognised: false };
    return { withdrawnAt: null, effectiveFrom: day(-1 - rnd(100)), recognised: true };
  };
  const optOut = (ownerId: string, work: WorkEntity | null): OptOutEntity => Object.assign(new OptOutEntity(), {
    id: randomUUID(), ownerId, workId: work?.id ?? null, allWorks: work == null, scope: OptOutScope.ALL_AI_TRAINING,
    signals: [OptOutSignal.REGISTRY], notRecognisedReason: null, contentHash: work?.contentHash ?? null, importKey: null,
    importedFrom: null, createdAt: day(-200), ...state(),
  });
  for (let i = 0; i < 90; i++) {
    const work = Object.assign(new WorkEntity(), {
      id: randomUUID(), ownerId: owners[rnd(owners.length)], title: `Work ${i}`, kind: WorkKind.ILLUSTRATION,
      contentHash: hashes[rnd(hashes.length)], createdAt: day(-300),
    });
    works.push(work);
    for (let k = rnd(3); k > 0; k--) optOuts.push(optOut(work.ownerId, work));
  }
  for (const owner of owners) for (let k = rnd(3); k > 0; k--) optOuts.push(optOut(owner, null));

  const active = (o: OptOutEntity) => o.recognised && o.withdrawnAt == null && o.effectiveFrom <= now;
  const bruteForce = (hash: string, stored = { works, optOuts }): string[] => {
    const matched = stored.works.filter((w) => w.contentHash === hash);
    const ids = new Set<string>();
    for (const o of stored.optOuts.filter(active)) {
      if (o.workId && matched.some((w) => w.id === o.workId)) ids.add(o.id);
      if (o.allWorks && matched.some((w) => w.ownerId === o.ownerId)) ids.add(o.id);
    }
    return stored.optOuts.filter((o) => ids.has(o.id)).sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime() || a.id.localeCompare(b.id)).map((o) => o.id);
  };

  return { now, day, hash, rnd, owners, hashes, works, optOuts, optOut, active, bruteForce };
}

describe('the exact hash check (activeOptOutsByHash)', () => {
  const fresh = withFreshDatabase();
  const { now, hash, hashes, works, optOuts, active, bruteForce } = dataset();

  it('finds for every hash exactly the active opt-outs of its works and of their owners, each once, oldest first', async () => {
    const { db } = fresh;
    await db.transaction(async (tx) => {
      await tx.em.insert(WorkEntity, works);
      await tx.em.insert(OptOutEntity, optOuts);
    });
    const asked = [...hashes, hashes[3], hashes[3], hash('unknown-1'), hash('unknown-2')];
    const found = await activeOptOutsByHash(db.reads, asked, now);
    let covered = 0;
    for (const h of new Set(asked)) {
      const expected = bruteForce(h);
      expect((found.get(h) ?? []).map((o) => o.id), h).toEqual(expected);
      if (expected.length) covered++;
    }
    // The data exercise what the statement must get right.
    expect(covered).toBeGreaterThan(10);
    expect(optOuts.filter((o) => o.allWorks && active(o)).length).toBeGreaterThan(1);
    expect(new Set(works.map((w) => w.contentHash)).size).toBeLessThan(works.length);
    const sample = [...found.values()].flat()[0]!;
    expect(sample).toBeInstanceOf(OptOutEntity);
    expect(sample.effectiveFrom).toBeInstanceOf(Date);
    expect(sample.signals).toEqual([OptOutSignal.REGISTRY]);
  });

  it('answers an empty list without a statement', async () => {
    expect((await activeOptOutsByHash(fresh.db.reads, [], now)).size).toBe(0);
  });
});

describe('the exact hash check through the in-memory index (SQLite)', () => {
  const fresh = withFreshDatabase();
  const { now, day, hash, rnd, owners, hashes, works, optOuts, optOut, active, bruteForce } = dataset();
  // The first allWorks opt-out of owners[0] comes after the index is built (its works already in it).
  const ownersFirst = Object.assign(optOut(owners[0], null), { withdrawnAt: null, effectiveFrom: day(-2), recognised: true });
  optOuts.push(ownersFirst);

  it('answers the same from SQLite\'s in-memory index of hashes, also for works, opt-outs and withdrawals that came after it was built', async () => {
    const { db } = fresh;
    // Half of the rows, the index built over them, then the rest: new works (of owners with allWorks opt-outs too),
    // new opt-outs of works already indexed, the first allWorks opt-out of an owner, withdrawals.
    const firstWorks = works.slice(0, 45);
    const firstOptOuts = optOuts.filter((o) => o.workId == null ? o.ownerId !== owners[0] : firstWorks.some((w) => w.id === o.workId) && rnd(2) === 0);
    const later = optOuts.filter((o) => !firstOptOuts.includes(o));
    // Copies go in: TypeORM's insert writes values back into the objects it is given, and these stay the expectation.
    const copies = <T extends object>(rows: T[]) => rows.map((r) => Object.assign(Object.create(Object.getPrototypeOf(r)), r) as T);
    await db.transaction(async (tx) => {
      await tx.em.insert(WorkEntity, copies(firstWorks));
      await tx.em.insert(OptOutEntity, copies(firstOptOuts));
    });
    await warmOptOutHashIndex(db.reads);
    const asked = [...hashes, hash('unknown-1')];
    const check = async (stored: { works: WorkEntity[]; optOuts: OptOutEntity[] }) => {
      const found = await activeOptOutsByHash(db.reads, asked, now);
      let covered = 0;
      for (const h of asked) {
        const expected = bruteForce(h, stored);
        expect((found.get(h) ?? []).map((o) => o.id), h).toEqual(expected);
        if (expected.length) covered++;
      }
      return covered;
    };
    expect(await check({ works: firstWorks, optOuts: firstOptOuts })).toBeGreaterThan(5);
    if (db.kind === 'sqlite') expect(optOutHashIndexSize(db.reads)?.works).toBe(firstWorks.length);
    else expect(optOutHashIndexSize(db.reads)).toBeNull(); // PostgreSQL: the one statement answers

    await db.transaction(async (tx) => {
      await tx.em.insert(WorkEntity, copies(works.slice(45)));
      await tx.em.insert(OptOutEntity, copies(later));
    });
    const withdrawn = optOuts.filter((o) => active(o)).slice(0, 5);
    await db.transaction(async (tx) => {
      for (const o of withdrawn) expect(await markOptOutWithdrawn(tx, o.id, day(-1))).toBe(true);
    });
    for (const o of withdrawn) o.withdrawnAt = day(-1);
    expect(later).toContain(ownersFirst);
    expect(firstWorks.some((w) => w.ownerId === owners[0])).toBe(true);
    expect(await check({ works, optOuts })).toBeGreaterThan(10);
    if (db.kind === 'sqlite') expect(optOutHashIndexSize(db.reads)?.works).toBe(works.length);
  });

  it('takes a large gap (a bulk import elsewhere) in the background: meanwhile the statement answers, and no call waits for 50,000 rows', async () => {
    const { db } = fresh;
    expect(optOutHashIndexSize(db.reads)?.works ?? works.length).toBe(works.length);
    const owner = randomUUID();
    const bulk = Array.from({ length: 50_001 }, (_, i) => Object.assign(new WorkEntity(), {
      id: randomUUID(), ownerId: owner, title: `Bulk ${i}`, kind: WorkKind.ILLUSTRATION, contentHash: hash(`bulk-${i}`), createdAt: day(-1),
    }));
    const last = bulk[bulk.length - 1];
    const itsOptOut = Object.assign(optOut(owner, last), { withdrawnAt: null, effectiveFrom: day(-1), recognised: true });
    await db.transaction(async (tx) => {
      await insertWorks(tx, bulk);
      await insertOptOuts(tx, [itsOptOut]);
    });
    const asked = [last.contentHash!, hashes[0]];
    const expected = (h: string) => (h === last.contentHash ? [itsOptOut.id] : bruteForce(h));
    // This call is answered by the statement and starts the background pass.
    const during = await activeOptOutsByHash(db.reads, asked, now);
    for (const h of asked) expect((during.get(h) ?? []).map((o) => o.id)).toEqual(expected(h));
    if (db.kind === 'sqlite') {
      expect(optOutHashIndexSize(db.reads)?.works).toBe(works.length); // the call did not take the 50,001 works in itself
      await warmOptOutHashIndex(db.reads); // the pass that call started
      expect(optOutHashIndexSize(db.reads)?.works).toBe(works.length + bulk.length);
    }
    const after = await activeOptOutsByHash(db.reads, asked, now);
    for (const h of asked) expect((after.get(h) ?? []).map((o) => o.id)).toEqual(expected(h));
  }, 60_000);
});

