import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { activeOptOutsByHash } from '../../src/persistence/repositories/opt-out.repository';
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
describe('the exact hash check (activeOptOutsByHash)', () => {
  const fresh = withFreshDatabase();
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
  const bruteForce = (hash: string): string[] => {
    const matched = works.filter((w) => w.contentHash === hash);
    const ids = new Set<string>();
    for (const o of optOuts.filter(active)) {
      if (o.workId && matched.some((w) => w.id === o.workId)) ids.add(o.id);
      if (o.allWorks && matched.some((w) => w.ownerId === o.ownerId)) ids.add(o.id);
    }
    return optOuts.filter((o) => ids.has(o.id)).sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime() || a.id.localeCompare(b.id)).map((o) => o.id);
  };

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
