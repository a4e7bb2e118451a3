import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { REDIS_URL, startTestApp, TestApp, waitFor } from '../support/harness';
import { ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, parties, registerWork, signUpCreator } from '../support/factories';
import { watch, wsClient } from '../support/subscriptions';

const CASE_EVENTS = 'subscription($id: ID!) { caseEvents(caseId: $id) { caseId seq type fromStatus toStatus detail at actor { kind accountId } } }';
const WITHDRAW = 'mutation($id: ID!) { withdrawComplaint(caseId: $id, reason: "settled privately") { status } }';

let app: TestApp;
const clients: Client[] = [];
beforeAll(async () => { app = await startTestApp(); });
afterEach(async () => { await Promise.all(clients.splice(0).map((c) => c.dispose())); });
afterAll(async () => { await app?.stop(); });

function client(url: string, token?: string | null, options: { header?: boolean } = {}) {
  const c = wsClient(url, token, options);
  clients.push(c);
  return c;
}

/** Waits until the server holds `n` live case-event subscriptions (so nothing published after this point is missed). */
const subscribed = (target: TestApp, n: number) =>
  waitFor(async () => target.services.caseEvents.subscriptionCount >= n, `${n} live subscription(s) on the server`);

async function settled(token: string, id: string) {
  return waitFor(async () => {
    const c = await getCase(app.url, token, id, 'status');
    return !['FILED', 'SCREENING'].includes(c.status) && c;
  }, 'screening to finish');
}

describe('caseEvents subscription', () => {
  it('delivers its own case\'s events (WITHDRAWN after withdrawComplaint) and never another case\'s', async () => {
    const { creator, firm, work, system } = await parties(app.url);
    const mine = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }));
    const work2 = await registerWork(app.url, creator.token);
    const other = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work2.id], { aiSystemId: system.id }));
    await settled(creator.token, mine.id);
    await settled(creator.token, other.id);

    const base = app.services.caseEvents.subscriptionCount;
    const w = watch(client(app.url, creator.token), CASE_EVENTS, { id: mine.id });
    await subscribed(app, base + 1);
    await ok(app.url, WITHDRAW, { id: other.id }, creator.token);
    await ok(app.url, WITHDRAW, { id: mine.id }, creator.token);

    const withdrawn = await waitFor(async () => w.events.find((e) => e.caseEvents.type === 'WITHDRAWN'), 'the WITHDRAWN event');
    expect(withdrawn.caseEvents).toMatchObject({
      caseId: mine.id, type: 'WITHDRAWN', toStatus: 'CLOSED', actor: { kind: 'COMPLAINANT', accountId: creator.account.id },
      detail: expect.objectContaining({ outcome: 'WITHDRAWN' }),
    });
    // The other case was withdrawn first: had it leaked, it would have arrived before.
    expect(w.events.every((e) => e.caseEvents.caseId === mine.id)).toBe(true);
    expect(w.errors).toEqual([]);
    // The live event is the one in the history.
    const history = await getCase(app.url, creator.token, mine.id);
    const last = history.events.edges.map((e: any) => e.node).at(-1);
    expect(last).toMatchObject({ seq: withdrawn.caseEvents.seq, type: 'WITHDRAWN' });
  });

  it('reaches the respondent firm once noticed, with the token in the upgrade request\'s Authorization header', async () => {
    const { creator, firm, work, system } = await parties(app.url);
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }));
    await waitFor(async () => (await getCase(app.url, creator.token, filed.id, 'status')).status === 'NOTICE_SENT', 'the notice');
    const base = app.services.caseEvents.subscriptionCount;
    const w = watch(client(app.url, firm.token, { header: true }), CASE_EVENTS, { id: filed.id });
    await subscribed(app, base + 1);
    await ok(app.url, WITHDRAW, { id: filed.id }, creator.token);
    const event = await waitFor(async () => w.events.find((e) => e.caseEvents.type === 'WITHDRAWN'), 'the firm to see WITHDRAWN');
    expect(event.caseEvents.caseId).toBe(filed.id);
  });

  it('refuses clients that may not see the case exactly like case(id): UNAUTHENTICATED or NOT_FOUND', async () => {
    const { creator, firm, work } = await parties(app.url);
    const stranger = await signUpCreator(app.url);
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], { facts: {}, claimType: 'TRANSPARENCY_FAILURE' }));
    const refusals = [
      { who: 'no credential', w: watch(client(app.url, null), CASE_EVENTS, { id: filed.id }), code: 'UNAUTHENTICATED' },
      { who: 'a bad token', w: watch(client(app.url, 'not-a-token'), CASE_EVENTS, { id: filed.id }), code: 'UNAUTHENTICATED' },
      { who: 'another creator', w: watch(client(app.url, stranger.token), CASE_EVENTS, { id: filed.id }), code: 'NOT_FOUND' },
      { who: 'a missing case', w: watch(client(app.url, creator.token), CASE_EVENTS, { id: randomUUID() }), code: 'NOT_FOUND' },
    ];
    for (const r of refusals) {
      await waitFor(async () => r.w.done, `${r.who} to be refused`);
      expect({ who: r.who, code: r.w.errors[0]?.extensions?.code }).toEqual({ who: r.who, code: r.code });
      expect(r.w.events).toEqual([]);
    }
    // Queries and mutations do not go over the WebSocket.
    const q = watch(client(app.url, creator.token), 'query { me { id } }', {});
    await waitFor(async () => q.done, 'the query to be refused');
    expect(q.errors[0]?.extensions?.code).toBe('BAD_REQUEST');
    await waitFor(async () => app.services.caseEvents.subscriptionCount === 0, 'no subscription left open by the refusals');
  });

  it('ends the stream for the client when it unsubscribes, releasing the server side', async () => {
    const { creator, firm, work } = await parties(app.url);
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id]));
    const base = app.services.caseEvents.subscriptionCount;
    const w = watch(client(app.url, creator.token), CASE_EVENTS, { id: filed.id });
    await subscribed(app, base + 1);
    w.stop();
    await waitFor(async () => app.services.caseEvents.subscriptionCount === base, 'the server to drop the subscription');
  });

  it('subscribes the process in Redis only to cases it has live subscribers for, and leaves when the last one goes', async () => {
    const { creator, firm, work } = await parties(app.url);
    const watched = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id]));
    const redis = new IORedis(REDIS_URL);
    onTestFinished(() => { redis.disconnect(); });
    const channels = async () => (await redis.pubsub('CHANNELS', `${app.prefix}:case-events:*`)) as string[];
    const channel = `${app.prefix}:case-events:${watched.id}`;
    const base = app.services.caseEvents.subscriptionCount;
    const first = watch(client(app.url, creator.token), CASE_EVENTS, { id: watched.id });
    const second = watch(client(app.url, creator.token), CASE_EVENTS, { id: watched.id });
    await subscribed(app, base + 2);
    // Cases filed and moved by other tests in this file publish too; this process listens to none of them.
    expect(await channels()).toEqual([channel]);
    first.stop();
    await waitFor(async () => app.services.caseEvents.subscriptionCount === base + 1, 'one subscription left');
    expect(await channels()).toEqual([channel]);
    second.stop();
    await waitFor(async () => (await channels()).length === 0, 'the process to unsubscribe from the case');
    expect(app.services.caseEvents.channelCount).toBe(0);
  });
});

describe('caseEvents across processes', () => {
  it('delivers an event made by a separate worker process (INTAKE_ACCEPTED) to a client of the API process', async () => {
    const api = await startTestApp({ ROLE: 'api' });
    let worker: TestApp | null = null;
    try {
      const { creator, firm, work, system } = await parties(api.url);
      const filed = await fileComplaint(api.url, creator.token, complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }));
      // No worker runs yet: the case waits in FILED.
      expect((await getCase(api.url, creator.token, filed.id, 'status')).status).toBe('FILED');
      // Before the notice the respondent firm may not see the case, so it may not subscribe to it either.
      const early = watch(client(api.url, firm.token), CASE_EVENTS, { id: filed.id });
      await waitFor(async () => early.done, 'the un-noticed firm to be refused');
      expect(early.errors[0]?.extensions?.code).toBe('NOT_FOUND');
      const w = watch(client(api.url, creator.token), CASE_EVENTS, { id: filed.id });
      await subscribed(api, 1);

      worker = await startTestApp({ ROLE: 'worker' }, { shareWith: api });
      expect(worker.services.caseEvents.subscriptionCount).toBe(0);
      const accepted = await waitFor(async () => w.events.find((e) => e.caseEvents.type === 'INTAKE_ACCEPTED'), 'INTAKE_ACCEPTED from the worker process');
      expect(accepted.caseEvents).toMatchObject({ caseId: filed.id, seq: 2, fromStatus: 'FILED', toStatus: 'SCREENING', actor: { kind: 'SYSTEM', accountId: null } });
    } finally {
      await worker?.stop();
      await api.stop();
    }
  });
});
