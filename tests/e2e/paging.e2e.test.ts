import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../support/harness';
import { ok } from '../support/client';
import { complaintInput, fileComplaint, parties, registerWork } from '../support/factories';

let app: TestApp;
beforeAll(async () => { app = await startTestApp({ ROLE: 'api' }); });
afterAll(async () => { await app?.stop(); });

describe('lists are Relay connections', () => {
  it('pages through myWorks with first/after, each work once', async () => {
    const { creator } = await parties(app.url);
    for (let i = 0; i < 6; i += 1) await registerWork(app.url, creator.token, { title: `Paged ${i}` });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await ok(app.url, 'query($after: String) { myWorks(first: 3, after: $after) { edges { cursor node { id title } } pageInfo { hasNextPage endCursor } } }', { after }, creator.token)).myWorks;
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('pages through cases newest first and filters by status, claim type and filing time', async () => {
    const { creator, firm } = await parties(app.url);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const w = await registerWork(app.url, creator.token);
      ids.push((await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [w.id], { claimType: i % 2 ? 'RAG_REPRODUCTION' : 'OUTPUT_REPRODUCES_WORK' }))).id);
    }
    const first = await ok(app.url, '{ cases(first: 2) { edges { node { id } } pageInfo { hasNextPage endCursor } } }', {}, creator.token);
    expect(first.cases.edges.map((e: any) => e.node.id)).toEqual([ids[4], ids[3]]);
    const next = await ok(app.url, 'query($a: String) { cases(first: 2, after: $a) { edges { node { id } } } }', { a: first.cases.pageInfo.endCursor }, creator.token);
    expect(next.cases.edges.map((e: any) => e.node.id)).toEqual([ids[2], ids[1]]);
    const rag = await ok(app.url, '{ cases(filter: { claimType: [RAG_REPRODUCTION], status: [FILED] }) { edges { node { id } } } }', {}, creator.token);
    expect(rag.cases.edges.map((e: any) => e.node.id).sort()).toEqual([ids[1], ids[3]].sort());
    const later = await ok(app.url, 'query($t: DateTime) { cases(filter: { filedAfter: $t }) { edges { node { id } } } }', { t: new Date(Date.now() + 60_000).toISOString() }, creator.token);
    expect(later.cases.edges).toEqual([]);
    const earlier = await ok(app.url, 'query($t: DateTime) { cases(filter: { filedAfter: $t }) { edges { node { id } } } }', { t: '2020-01-01T00:00:00Z' }, creator.token);
    expect(earlier.cases.edges).toHaveLength(5);
  });
});
