import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../support/harness';
import { ok } from '../support/client';
import { complaintInput, fileComplaint, parties, registerWork } from '../support/factories';
import { appendEvents } from '../../src/persistence/repositories/case-event.repository';
import { ActorKind } from '../../src/domain/case/case-machine';

let app: TestApp;
beforeAll(async () => { app = await startTestApp({ ROLE: 'api' }, { countQueries: true }); });
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

  it('fills every PageInfo field: startCursor, endCursor, hasNextPage and hasPreviousPage', async () => {
    const { creator } = await parties(app.url);
    for (let i = 0; i < 2; i += 1) await registerWork(app.url, creator.token, { title: `Info ${i}` });
    const Q = 'query($after: String) { myWorks(first: 2, after: $after) { edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }';
    const one = (await ok(app.url, Q, { after: null }, creator.token)).myWorks;
    expect(one.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: one.edges[0].cursor, endCursor: one.edges[1].cursor });
    const two = (await ok(app.url, Q, { after: one.pageInfo.endCursor }, creator.token)).myWorks;
    expect(two.edges).toHaveLength(1);
    expect(two.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: two.edges[0].cursor, endCursor: two.edges[0].cursor });
    const empty = (await ok(app.url, '{ myNotifications(first: 5) { edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }', {}, creator.token)).myNotifications;
    expect(empty.pageInfo).toMatchObject({ hasNextPage: expect.any(Boolean), hasPreviousPage: false });
    expect(empty.pageInfo.startCursor).toBe(empty.edges[0]?.cursor ?? null);
  });

  it('pages a long case history with Case.events(first, after): each event once, in order, a page of cases at a time', async () => {
    const { creator, firm, work } = await parties(app.url);
    const long = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id]));
    const other = await registerWork(app.url, creator.token);
    const short = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [other.id], { claimType: 'RAG_REPRODUCTION' }));
    // A history of 1 + 45 events (events are only ever appended, by the services; here straight through the repository).
    await app.db.transaction((tx) => appendEvents(tx, long.id, Array.from({ length: 45 }, (_, i) => ({
      type: 'EVIDENCE_ADDED', fromStatus: null, toStatus: null, actorId: null, actorRole: ActorKind.SYSTEM, detail: { n: i }, idempotencyKey: null, at: new Date(),
    }))));
    const Q = `query($id: ID!, $after: String) { case(id: $id) { events(first: 20, after: $after) {
      edges { cursor node { seq type } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;
    const seqs: number[] = [];
    const infos: any[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const page: any = (await ok(app.url, Q, { id: long.id, after }, creator.token)).case.events;
      seqs.push(...page.edges.map((e: any) => e.node.seq));
      infos.push(page.pageInfo);
      expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
      expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seqs).toEqual(Array.from({ length: 46 }, (_, i) => i + 1));
    expect(infos.map((i) => [i.hasPreviousPage, i.hasNextPage])).toEqual([[false, true], [true, true], [true, false]]);

    // The same page of each case in a list (one statement for the whole page of cases): the long one has more, the short one not.
    const list = await ok(app.url, '{ cases(first: 10) { edges { node { id events(first: 3) { edges { node { seq } } pageInfo { hasNextPage } } } } } }', {}, creator.token);
    const byId = new Map(list.cases.edges.map((e: any) => [e.node.id, e.node.events]));
    expect(byId.get(long.id)).toEqual({ edges: [{ node: { seq: 1 } }, { node: { seq: 2 } }, { node: { seq: 3 } }], pageInfo: { hasNextPage: true } });
    expect((byId.get(short.id) as any).edges.length).toBeLessThanOrEqual(3);
    expect((byId.get(short.id) as any).pageInfo.hasNextPage).toBe(false);

    // The events of a page of cases cost the same statements for one case as for two (one keyset page per case, in one statement).
    const statements = async (n: number) => {
      const counts: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const before = app.db.counter.queries;
        const data = await ok(app.url, `{ cases(first: ${n}) { edges { node { events(first: 5) { edges { node { seq } } } } } } }`, {}, creator.token);
        counts.push(app.db.counter.queries - before);
        expect(data.cases.edges).toHaveLength(n);
      }
      return Math.min(...counts);
    };
    expect(await statements(1)).toBe(await statements(2));

    // Past the end: an empty page, which still says that items came before it.
    const last = (await ok(app.url, Q, { id: long.id, after: after }, creator.token)).case.events;
    const beyond = (await ok(app.url, Q, { id: long.id, after: last.pageInfo.endCursor }, creator.token)).case.events;
    expect(beyond).toEqual({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null } });
  });
});
