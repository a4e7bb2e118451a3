import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import express from 'express';
import { optOutExportRoutes } from '../../src/http/opt-outs-export.route';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, OptOutChangeKind } from '../../src/domain/enums';
import { OptOutEntity } from '../../src/persistence/entities';
import type { Tx } from '../../src/persistence/database';
import { appendOptOutChanges, optOutFactsFor } from '../../src/services/opt-out.service';
import { fails, gql, ok } from '../support/client';
import { registerWork, signUpCreator, signUpFirm } from '../support/factories';
import { startTestApp, TestApp, waitFor } from '../support/harness';

let app: TestApp;
let root: string;
let firm: Awaited<ReturnType<typeof signUpFirm>>;
beforeAll(async () => {
  app = await startTestApp();
  root = app.url.replace(/\/graphql$/, '');
  firm = await signUpFirm(app.url);
});
afterAll(async () => { await app?.stop(); });

const hash = () => createHash('sha256').update(randomBytes(16)).digest('hex');
const OPT_OUT = 'id allWorks scope signals effectiveFrom withdrawnAt recognised notRecognisedReason contentHash createdAt work { id title contentHash }';
const REGISTER = `mutation($input: OptOutInput!) { registerOptOut(input: $input) { ${OPT_OUT} } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawOptOut(id: $id) { ${OPT_OUT} } }`;
const CHECK = 'query($h: [String!]!) { checkOptOuts(contentHashes: $h) { contentHash optOut { id scope effectiveFrom allWorks recognised work { id } } } }';
const FEED = 'query($first: Int, $after: String) { optOutFeed(first: $first, after: $after) { edges { cursor seq change changedAt node { id withdrawnAt } } pageInfo { hasNextPage endCursor } } }';
const ACK = 'mutation($ids: [ID!]!) { acknowledgeOptOuts(ids: $ids) }';

async function optOut(token: string, input: Record<string, unknown>) {
  return (await ok(app.url, REGISTER, { input }, token)).registerOptOut;
}

async function readFeedToEnd(token: string, after: string | null, first = 100) {
  const edges: Array<{ cursor: string; seq: number; change: string; node: { id: string } }> = [];
  let cursor = after;
  for (;;) {
    const page = (await ok(app.url, FEED, { first, after: cursor }, token)).optOutFeed;
    edges.push(...page.edges);
    cursor = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) return { edges, cursor };
  }
}

describe('registering and withdrawing opt-outs', () => {
  it('records a Japanese creator\'s opt-out for one work as recognised, with the defaults and the work\'s hash', async () => {
    const creator = await signUpCreator(app.url);
    const h = hash();
    const work = await registerWork(app.url, creator.token, { contentHash: h });
    const before = Date.now();
    const o = await optOut(creator.token, { workId: work.id, scope: 'ALL_AI_TRAINING' });
    expect(o).toMatchObject({ allWorks: false, scope: 'ALL_AI_TRAINING', signals: ['REGISTRY'], withdrawnAt: null, recognised: true,
      notRecognisedReason: null, contentHash: h, work: { id: work.id, contentHash: h } });
    expect(new Date(o.effectiveFrom).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const mine = (await ok(app.url, 'query { myOptOuts(first: 10) { edges { node { id } } pageInfo { hasNextPage } } }', {}, creator.token)).myOptOuts;
    expect(mine.edges.map((e: any) => e.node.id)).toEqual([o.id]);
  });

  it('pages myOptOuts oldest first, only the creator\'s own', async () => {
    const creator = await signUpCreator(app.url);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await optOut(creator.token, { workId: (await registerWork(app.url, creator.token, { contentHash: hash() })).id, scope: 'ALL_AI_TRAINING' })).id);
    ids.push((await optOut(creator.token, { allWorks: true, scope: 'ALL_AI_TRAINING' })).id);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await ok(app.url, 'query($after: String) { myOptOuts(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }', { after }, creator.token)).myOptOuts;
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
    expect((await fails(app.url, 'query { myOptOuts { edges { cursor } } }', {}, firm.token)).code).toBe('FORBIDDEN');
  });

  it('refuses workId with allWorks, another creator\'s work, a backdated start, an empty signal list and a second active opt-out of the same scope', async () => {
    const creator = await signUpCreator(app.url);
    const other = await signUpCreator(app.url);
    const work = await registerWork(app.url, creator.token, { contentHash: hash() });
    const othersWork = await registerWork(app.url, other.token, { contentHash: hash() });
    const both = await fails(app.url, REGISTER, { input: { workId: work.id, allWorks: true, scope: 'ALL_AI_TRAINING' } }, creator.token);
    expect(both.code).toBe('BAD_USER_INPUT');
    expect(both.extensions.fields[0].field).toBe('workId');
    const neither = await fails(app.url, REGISTER, { input: { scope: 'ALL_AI_TRAINING' } }, creator.token);
    expect(neither.code).toBe('BAD_USER_INPUT');
    const foreign = await fails(app.url, REGISTER, { input: { workId: othersWork.id, scope: 'ALL_AI_TRAINING' } }, creator.token);
    expect(foreign).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { fields: [{ field: 'workId', message: `no work of yours has the id ${othersWork.id}` }] } });
    const backdated = await fails(app.url, REGISTER, { input: { workId: work.id, scope: 'ALL_AI_TRAINING', effectiveFrom: '2020-01-01T00:00:00Z' } }, creator.token);
    expect(backdated.extensions.fields[0].field).toBe('effectiveFrom');
    const noSignals = await fails(app.url, REGISTER, { input: { workId: work.id, scope: 'ALL_AI_TRAINING', signals: [] } }, creator.token);
    expect(noSignals.extensions.fields[0].field).toBe('signals');
    const first = await optOut(creator.token, { workId: work.id, scope: 'GENERATIVE_TRAINING', signals: ['ROBOTS_TXT', 'TDMREP', 'ROBOTS_TXT'] });
    expect(first.signals).toEqual(['ROBOTS_TXT', 'TDMREP']);
    const again = await fails(app.url, REGISTER, { input: { workId: work.id, scope: 'GENERATIVE_TRAINING' } }, creator.token);
    expect(again.code).toBe('BAD_USER_INPUT');
    expect(again.message).toContain(first.id);
    // Another scope for the same work is a different opt-out.
    await optOut(creator.token, { workId: work.id, scope: 'COMMERCIAL_TRAINING' });
    // Firms do not register opt-outs.
    expect((await fails(app.url, REGISTER, { input: { allWorks: true, scope: 'ALL_AI_TRAINING' } }, firm.token)).code).toBe('FORBIDDEN');
  });

  it('records a foreign creator without a reciprocity agreement as not recognised, saying why; an agreement extending OPT_OUT_RECOGNITION makes it recognised', async () => {
    const american = await signUpCreator(app.url, {}, { nationality: 'US' });
    const usWork = await registerWork(app.url, american.token, { contentHash: hash(), firstPublicationCountry: 'US' });
    const us = await optOut(american.token, { workId: usWork.id, scope: 'ALL_AI_TRAINING' });
    expect(us.recognised).toBe(false);
    expect(us.notRecognisedReason).toMatch(/not recognised/);
    expect(us.notRecognisedReason).toMatch(/no reciprocity agreement between Japan and US/);
    expect(us.notRecognisedReason).toContain('OPT_OUT_RECOGNITION');

    const admin = await app.services.accounts.createStaff(Role.ADMIN, { email: `admin-${randomBytes(3).toString('hex')}@example.jp`, password: 'correct horse battery', displayName: 'Admin' });
    const adminToken = (await ok(app.url, 'mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }', { e: admin.email, p: 'correct horse battery' })).logIn.token;
    await ok(app.url, 'mutation($input: ReciprocityAgreementInput!) { upsertReciprocityAgreement(input: $input) { id } }', {
      input: { partnerCountry: 'DE', inForceFrom: '2025-01-01T00:00:00Z', protections: ['OPT_OUT_RECOGNITION', 'DISPUTE_ACCESS'] },
    }, adminToken);
    const german = await signUpCreator(app.url, {}, { nationality: 'DE' });
    const deWork = await registerWork(app.url, german.token, { contentHash: hash(), firstPublicationCountry: 'DE' });
    const de = await optOut(german.token, { workId: deWork.id, scope: 'ALL_AI_TRAINING' });
    expect(de).toMatchObject({ recognised: true, notRecognisedReason: null });
    const deAll = await optOut(german.token, { allWorks: true, scope: 'ALL_AI_TRAINING' });
    expect(deAll).toMatchObject({ allWorks: true, recognised: true, work: null, contentHash: null });
  });

  it('lets only the owner withdraw; withdrawing twice is idempotent and adds one WITHDRAWN change', async () => {
    const creator = await signUpCreator(app.url);
    const other = await signUpCreator(app.url);
    const work = await registerWork(app.url, creator.token, { contentHash: hash() });
    const { cursor: start } = await readFeedToEnd(firm.token, null);
    const o = await optOut(creator.token, { workId: work.id, scope: 'ALL_AI_TRAINING' });
    expect((await fails(app.url, WITHDRAW, { id: o.id }, other.token)).code).toBe('NOT_FOUND');
    expect((await fails(app.url, WITHDRAW, { id: '00000000-0000-0000-0000-000000000000' }, creator.token)).code).toBe('NOT_FOUND');
    expect((await fails(app.url, WITHDRAW, { id: o.id }, firm.token)).code).toBe('FORBIDDEN');
    const once = (await ok(app.url, WITHDRAW, { id: o.id }, creator.token)).withdrawOptOut;
    expect(once.withdrawnAt).not.toBeNull();
    const twice = (await ok(app.url, WITHDRAW, { id: o.id }, creator.token)).withdrawOptOut;
    expect(twice.withdrawnAt).toBe(once.withdrawnAt);
    const { edges } = await readFeedToEnd(firm.token, start);
    expect(edges.map((e) => [e.node.id, e.change])).toEqual([[o.id, 'REGISTERED'], [o.id, 'WITHDRAWN']]);
  });
});

describe('what AI firms run against the registry', () => {
  it('checkOptOuts matches active recognised opt-outs (per work and allWorks), not withdrawn, not-yet-effective, unrecognised or unknown hashes', async () => {
    const creator = await signUpCreator(app.url);
    const [hActive, hWithdrawn, hFuture, hForeign, hAllBefore, hAllAfter, hMiss] = Array.from({ length: 7 }, hash);
    const wActive = await registerWork(app.url, creator.token, { contentHash: hActive });
    const wWithdrawn = await registerWork(app.url, creator.token, { contentHash: hWithdrawn });
    const wFuture = await registerWork(app.url, creator.token, { contentHash: hFuture });
    const active = await optOut(creator.token, { workId: wActive.id, scope: 'GENERATIVE_TRAINING' });
    const withdrawn = await optOut(creator.token, { workId: wWithdrawn.id, scope: 'ALL_AI_TRAINING' });
    await ok(app.url, WITHDRAW, { id: withdrawn.id }, creator.token);
    const future = await optOut(creator.token, { workId: wFuture.id, scope: 'ALL_AI_TRAINING', effectiveFrom: new Date(Date.now() + 86_400_000).toISOString() });
    expect(future.recognised).toBe(true);

    const american = await signUpCreator(app.url, {}, { nationality: 'US' });
    const wForeign = await registerWork(app.url, american.token, { contentHash: hForeign, firstPublicationCountry: 'US' });
    await optOut(american.token, { workId: wForeign.id, scope: 'ALL_AI_TRAINING' });

    const studio = await signUpCreator(app.url, {}, { kind: 'CORPORATION', nationality: 'JP', principalOfficeCountry: 'JP' });
    const wBefore = await registerWork(app.url, studio.token, { contentHash: hAllBefore });
    const all = await optOut(studio.token, { allWorks: true, scope: 'COMMERCIAL_TRAINING' });
    const wAfter = await registerWork(app.url, studio.token, { contentHash: hAllAfter });

    const input = [hMiss, hActive, hWithdrawn, hFuture, hForeign, hAllBefore, hAllAfter, hActive];
    const matches = (await ok(app.url, CHECK, { h: input }, firm.token)).checkOptOuts;
    expect(matches.map((m: any) => [m.contentHash, m.optOut.id])).toEqual([[hActive, active.id], [hAllBefore, all.id], [hAllAfter, all.id]]);
    // A firm matches on the hash: the work itself (title, URL …) is its creator's to see.
    expect(matches[0].optOut).toMatchObject({ scope: 'GENERATIVE_TRAINING', allWorks: false, recognised: true, work: null });
    expect(matches[1].optOut).toMatchObject({ scope: 'COMMERCIAL_TRAINING', allWorks: true, work: null });
    expect(wBefore.id).not.toBe(wAfter.id);

    // One hash, two creators' works: the per-work opt-out of one and the allWorks opt-out of the other both match.
    const hShared = hash();
    const shared = await optOut(creator.token, { workId: (await registerWork(app.url, creator.token, { contentHash: hShared })).id, scope: 'ALL_AI_TRAINING' });
    await registerWork(app.url, studio.token, { contentHash: hShared });
    const both = (await ok(app.url, CHECK, { h: [hShared] }, firm.token)).checkOptOuts;
    expect(both.map((m: any) => m.optOut.id).sort()).toEqual([shared.id, all.id].sort());
    expect((await fails(app.url, CHECK, { h: [hActive] }, creator.token)).code).toBe('FORBIDDEN');
    expect((await fails(app.url, CHECK, { h: [hActive] })).code).toBe('UNAUTHENTICATED');
  });

  it('checkOptOuts refuses 10,001 hashes and malformed hashes, naming the position', async () => {
    const many = Array.from({ length: 10_001 }, (_, i) => createHash('sha256').update(String(i)).digest('hex'));
    // 10,000 hashes fit the cost limit with the selection a firm's sync needs (QUERY_MAX_COST; README).
    const CHECK_MANY = 'query($h: [String!]!) { checkOptOuts(contentHashes: $h) { contentHash optOut { id scope effectiveFrom allWorks recognised } } }';
    const tooMany = await fails(app.url, CHECK_MANY, { h: many }, firm.token);
    expect(tooMany.code).toBe('BAD_USER_INPUT');
    expect(tooMany.extensions.fields).toEqual([expect.objectContaining({ argument: 'contentHashes', field: 'contentHashes[10000]' })]);
    expect(tooMany.message).toContain('10000');
    const exactly = (await ok(app.url, CHECK_MANY, { h: many.slice(0, 10_000) }, firm.token)).checkOptOuts;
    expect(exactly).toEqual([]);

    const bad = await fails(app.url, CHECK, { h: [hash(), hash(), 'not-a-hash', hash().toUpperCase(), hash()] }, firm.token);
    expect(bad.code).toBe('BAD_USER_INPUT');
    expect(bad.extensions.fields.map((f: any) => f.field)).toEqual(['contentHashes[2]', 'contentHashes[3]']);
  });

  it('acknowledgeOptOuts is idempotent, counts what is new, and names the position of an unknown id', async () => {
    const creator = await signUpCreator(app.url);
    const a = await optOut(creator.token, { workId: (await registerWork(app.url, creator.token, { contentHash: hash() })).id, scope: 'ALL_AI_TRAINING' });
    const b = await optOut(creator.token, { workId: (await registerWork(app.url, creator.token, { contentHash: hash() })).id, scope: 'ALL_AI_TRAINING' });
    expect((await ok(app.url, ACK, { ids: [a.id] }, firm.token)).acknowledgeOptOuts).toBe(1);
    expect((await ok(app.url, ACK, { ids: [a.id, b.id, b.id] }, firm.token)).acknowledgeOptOuts).toBe(1);
    expect((await ok(app.url, ACK, { ids: [a.id, b.id] }, firm.token)).acknowledgeOptOuts).toBe(0);
    const unknown = await fails(app.url, ACK, { ids: [a.id, b.id, a.id, 'nope'] }, firm.token);
    expect(unknown).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { fields: [{ argument: 'ids', field: 'ids[3]', message: 'no opt-out has the id nope' }] } });
    expect((await fails(app.url, ACK, { ids: [a.id] }, creator.token)).code).toBe('FORBIDDEN');
    const otherFirm = await signUpFirm(app.url);
    expect((await ok(app.url, ACK, { ids: [a.id, b.id] }, otherFirm.token)).acknowledgeOptOuts).toBe(2);
  });

  it('gives the screening criteria the opt-out facts of a complaint (registered, recognised, signals, acknowledged, effective before use)', async () => {
    const creator = await signUpCreator(app.url);
    const work = await registerWork(app.url, creator.token, { contentHash: hash() });
    const other = await registerWork(app.url, creator.token, { contentHash: hash() });
    const em = app.db.reads;
    const base = { complainantId: creator.account.id, firmId: firm.firmId };
    expect(await optOutFactsFor(em, { ...base, workIds: [work.id], useDate: new Date() }))
      .toEqual({ registered: false, recognised: false, signals: [], acknowledgedByFirm: false, effectiveBeforeUse: null });
    const o = await optOut(creator.token, { workId: work.id, scope: 'ALL_AI_TRAINING', signals: ['REGISTRY', 'AI_TXT'] });
    const effective = new Date(o.effectiveFrom);
    expect(await optOutFactsFor(em, { ...base, workIds: [work.id], useDate: new Date(effective.getTime() - 60_000) }))
      .toEqual({ registered: true, recognised: true, signals: ['REGISTRY', 'AI_TXT'], acknowledgedByFirm: false, effectiveBeforeUse: false });
    await ok(app.url, ACK, { ids: [o.id] }, firm.token);
    expect(await optOutFactsFor(em, { ...base, workIds: [work.id, other.id], useDate: new Date(effective.getTime() + 60_000) }))
      .toMatchObject({ registered: true, acknowledgedByFirm: true, effectiveBeforeUse: true });
    expect((await optOutFactsFor(em, { ...base, workIds: [other.id], useDate: null })).registered).toBe(false);
    expect((await optOutFactsFor(em, { ...base, workIds: [work.id], useDate: null })).effectiveBeforeUse).toBeNull();
  });
});

describe('the opt-out feed', () => {
  it('pages through registrations and withdrawals made concurrently, seeing every change exactly once in seq order', async () => {
    const { cursor: start } = await readFeedToEnd(firm.token, null);
    const creators = await Promise.all(Array.from({ length: 4 }, () => signUpCreator(app.url)));
    const works = await Promise.all(creators.map(async (c) =>
      ({ c, works: await Promise.all(Array.from({ length: 6 }, () => registerWork(app.url, c.token, { contentHash: hash() }))) })));

    const expected: Array<[string, string]> = [];
    let writing = true;
    const writers = Promise.all(works.map(async ({ c, works: ws }) => {
      for (const w of ws) {
        const o = await optOut(c.token, { workId: w.id, scope: 'ALL_AI_TRAINING' });
        expected.push([o.id, 'REGISTERED']);
        if (ws.indexOf(w) % 2 === 0) {
          await ok(app.url, WITHDRAW, { id: o.id }, c.token);
          expected.push([o.id, 'WITHDRAWN']);
        }
      }
    })).finally(() => { writing = false; });

    const seen: Array<{ seq: number; change: string; node: { id: string } }> = [];
    let cursor = start;
    let pages = 0;
    while (writing) {
      const page = (await ok(app.url, FEED, { first: 3, after: cursor }, firm.token)).optOutFeed;
      seen.push(...page.edges);
      cursor = page.pageInfo.endCursor ?? cursor;
      pages += 1;
    }
    await writers;
    const rest = await readFeedToEnd(firm.token, cursor, 3);
    seen.push(...rest.edges);

    expect(pages).toBeGreaterThan(1);
    const seqs = seen.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(expected).toHaveLength(24 + 12);
    expect(seen.map((e) => `${e.node.id}:${e.change}`).sort()).toEqual(expected.map(([id, kind]) => `${id}:${kind}`).sort());
    // A withdrawal always follows its registration.
    for (const [id] of expected.filter(([, kind]) => kind === 'WITHDRAWN')) {
      const reg = seen.findIndex((e) => e.node.id === id && e.change === 'REGISTERED');
      const wd = seen.findIndex((e) => e.node.id === id && e.change === 'WITHDRAWN');
      expect(reg).toBeLessThan(wd);
    }
    // Caught up: the end cursor stays where it was, so a client can keep it.
    const tail = (await ok(app.url, FEED, { first: 5, after: rest.cursor }, firm.token)).optOutFeed;
    expect(tail).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: rest.cursor } });
  });

  it('never shows a later change while an earlier one is uncommitted (seq order is commit order)', async () => {
    const { cursor } = await readFeedToEnd(firm.token, null);
    const register = async (tx: Tx) => {
      const id = randomUUID();
      await tx.em.insert(OptOutEntity, {
        id, ownerId: randomUUID(), workId: null, allWorks: true, scope: 'ALL_AI_TRAINING' as never, signals: [], effectiveFrom: new Date(), withdrawnAt: null,
        recognised: true, notRecognisedReason: null, contentHash: null, importKey: null, createdAt: new Date(),
      });
      await appendOptOutChanges(tx, [{ optOutId: id, kind: OptOutChangeKind.REGISTERED, at: new Date() }]);
      return id;
    };
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    let appended!: () => void;
    const aAppended = new Promise<void>((r) => { appended = r; });
    const a = app.db.transaction(async (tx) => { const id = await register(tx); appended(); await held; return id; });
    await aAppended;
    const b = app.db.transaction(register);
    if (app.db.kind === 'postgres') {
      // B is queued behind A's lock on the feed table rather than committing a higher seq first.
      const waiting = waitFor(async () => ((await app.db.write.query(
        `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'opt_out_change' AND NOT l.granted`,
      )) as Array<{ n: number }>)[0].n > 0, 'the second writer to wait for the feed lock');
      expect(await Promise.race([b.then(() => 'B committed first'), waiting.then(() => 'B waits')])).toBe('B waits');
    }
    expect((await ok(app.url, FEED, { first: 10, after: cursor }, firm.token)).optOutFeed.edges).toEqual([]);
    release();
    const [idA, idB] = await Promise.all([a, b]);
    const { edges } = await readFeedToEnd(firm.token, cursor);
    expect(edges.map((e) => e.node.id)).toEqual([idA, idB]);
  });

  it('is for AI firms only and refuses cursors it did not give out', async () => {
    const creator = await signUpCreator(app.url);
    expect((await fails(app.url, FEED, { first: 5 }, creator.token)).code).toBe('FORBIDDEN');
    expect((await fails(app.url, FEED, { first: 5, after: 'garbage' }, firm.token)).code).toBe('BAD_USER_INPUT');
    expect((await fails(app.url, FEED, { first: 101 }, firm.token)).code).toBe('BAD_USER_INPUT');
  });
});

describe('GET /opt-outs.jsonl', () => {
  it('streams the recognised opt-outs in force, nothing personal, with a strong ETag and 304 on If-None-Match', async () => {
    const creator = await signUpCreator(app.url);
    const [hIn, hOut, hFuture, hAll] = Array.from({ length: 4 }, hash);
    const wIn = await registerWork(app.url, creator.token, { contentHash: hIn, title: 'Secret title of the work' });
    const wOut = await registerWork(app.url, creator.token, { contentHash: hOut });
    const wFuture = await registerWork(app.url, creator.token, { contentHash: hFuture });
    await optOut(creator.token, { workId: wIn.id, scope: 'GENERATIVE_TRAINING', signals: ['REGISTRY', 'TDMREP'] });
    const gone = await optOut(creator.token, { workId: wOut.id, scope: 'ALL_AI_TRAINING' });
    await ok(app.url, WITHDRAW, { id: gone.id }, creator.token);
    await optOut(creator.token, { workId: wFuture.id, scope: 'ALL_AI_TRAINING', effectiveFrom: new Date(Date.now() + 86_400_000).toISOString() });
    const studio = await signUpCreator(app.url, {}, { kind: 'PUBLISHER', nationality: 'JP', principalOfficeCountry: 'JP' });
    await registerWork(app.url, studio.token, { contentHash: hAll });
    await optOut(studio.token, { allWorks: true, scope: 'ALL_AI_TRAINING' });
    const american = await signUpCreator(app.url, {}, { nationality: 'US' });
    const hForeign = hash();
    await optOut(american.token, { workId: (await registerWork(app.url, american.token, { contentHash: hForeign, firstPublicationCountry: 'US' })).id, scope: 'ALL_AI_TRAINING' });

    const res = await fetch(`${root}/opt-outs.jsonl`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    const body = await res.text();
    const lines = body.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(Number(/-(\d+)"$/.exec(etag)![1])).toBe(lines.length);
    for (const l of lines) expect(Object.keys(l).sort()).toEqual(['contentHash', 'effectiveFrom', 'scope', 'signals']);
    expect(body).not.toContain('Secret title');
    expect(body).not.toContain(creator.account.id);
    const byHash = new Map(lines.map((l) => [l.contentHash, l]));
    expect(byHash.get(hIn)).toMatchObject({ scope: 'GENERATIVE_TRAINING', signals: ['REGISTRY', 'TDMREP'] });
    expect(byHash.get(hAll)).toMatchObject({ scope: 'ALL_AI_TRAINING', signals: ['REGISTRY'] });
    expect(byHash.has(hOut)).toBe(false);
    expect(byHash.has(hFuture)).toBe(false);
    expect(byHash.has(hForeign)).toBe(false);

    const again = await fetch(`${root}/opt-outs.jsonl`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const listed = await fetch(`${root}/opt-outs.jsonl`, { headers: { 'if-none-match': `"other", W/${etag}` } });
    expect(listed.status).toBe(304);

    // A new work of the allWorks creator adds a line: new ETag, full body.
    const hNew = hash();
    await registerWork(app.url, studio.token, { contentHash: hNew });
    const changed = await fetch(`${root}/opt-outs.jsonl`, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(await changed.text()).toContain(hNew);
  });

  it('streams the same bytes whatever the batch size (keyset paging over per-work and allWorks rows)', async () => {
    const studio = await signUpCreator(app.url, {}, { kind: 'COLLECTIVE', nationality: 'JP', principalOfficeCountry: 'JP' });
    for (let i = 0; i < 5; i += 1) await registerWork(app.url, studio.token, { contentHash: hash() });
    await optOut(studio.token, { allWorks: true, scope: 'GENERATIVE_TRAINING' });
    const creator = await signUpCreator(app.url);
    for (let i = 0; i < 5; i += 1) {
      await optOut(creator.token, { workId: (await registerWork(app.url, creator.token, { contentHash: hash() })).id, scope: 'ALL_AI_TRAINING' });
    }
    const small = express();
    optOutExportRoutes(small, { optOuts: app.services.optOuts, batchSize: 2 });
    const server = small.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const port = (server.address() as { port: number }).port;
      const [a, b] = await Promise.all([fetch(`${root}/opt-outs.jsonl`), fetch(`http://127.0.0.1:${port}/opt-outs.jsonl`)]);
      const [ta, tb] = await Promise.all([a.text(), b.text()]);
      expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
      expect(tb).toBe(ta);
      expect(tb.trimEnd().split('\n').length).toBeGreaterThanOrEqual(10);
    } finally {
      server.close();
    }
  });
});

// The GraphQL client must not leak: an unauthenticated feed request is refused.
describe('anonymous', () => {
  it('cannot read the feed', async () => {
    const r = await gql(app.url, FEED, { first: 1 });
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
