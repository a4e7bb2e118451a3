import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { complaintInput, fileComplaint, parties, signUpCreator } from '../support/factories';

/**
 * graphql-ws as an attacker uses it: many connections, many subscriptions spread over connections,
 * junk credentials, subscribing in a loop. Spoken in the raw protocol (graphql-transport-ws) so every
 * close code and Error message is seen as sent.
 */

const CASE_EVENTS = 'subscription($id: ID!) { caseEvents(caseId: $id) { seq type } }';

interface Conn {
  socket: WebSocket; acked: boolean; closed: { code: number; reason: string } | null;
  /** Error payloads by subscription id. */
  errors: Map<string, Array<{ message: string; extensions?: Record<string, any> }>>;
  subscribe(id: string, query: string, variables: Record<string, unknown>): void;
  complete(id: string): void;
}

const open: Conn[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) c.socket.close();
});

/** Opens a graphql-ws connection; resolves once acknowledged or closed. */
function connect(url: string, credential?: string): Promise<Conn> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const conn: Conn = {
    socket, acked: false, closed: null, errors: new Map(),
    subscribe: (id, query, variables) => socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } })),
    complete: (id) => socket.send(JSON.stringify({ id, type: 'complete' })),
  };
  open.push(conn);
  return new Promise((resolve) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: credential ? { authorization: credential } : {} })));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type === 'connection_ack') {
        conn.acked = true;
        resolve(conn);
      }
      if (message.type === 'error') conn.errors.set(message.id, message.payload);
    });
    socket.on('close', (code, reason) => {
      conn.closed = { code, reason: String(reason) };
      resolve(conn);
    });
  });
}

function expectRefused(conn: Conn) {
  expect(conn.acked).toBe(false);
  expect(conn.closed?.code).toBe(4429);
  expect(conn.closed?.reason).toMatch(/^RATE_LIMITED/);
}

describe('WebSocket limits (2 connections, 3 subscriptions per principal)', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp({ WS_MAX_CONNECTIONS: '2', WS_MAX_SUBSCRIPTIONS: '3' }); });
  afterAll(async () => { await app?.stop(); });

  it('limits anonymous connections per address, junk credentials included, but not an account\'s', async () => {
    expect((await connect(app.url)).acked).toBe(true);
    const second = await connect(app.url);
    expect(second.acked).toBe(true);
    expectRefused(await connect(app.url));
    // A credential that does not verify counts against the address too.
    expectRefused(await connect(app.url, 'Bearer not-a-real-token'));
    // A signed-in account is its own principal.
    expect((await connect(app.url, `Bearer ${(await signUpCreator(app.url)).token}`)).acked).toBe(true);
    // When a connection ends, its slot is free again.
    second.socket.close();
    await waitFor(async () => {
      const again = await connect(app.url);
      return again.acked;
    }, 'the closed connection\'s slot to be given back', 10_000, 100);
  });

  it('limits an account\'s connections', async () => {
    const bearer = `Bearer ${(await signUpCreator(app.url)).token}`;
    expect((await connect(app.url, bearer)).acked).toBe(true);
    expect((await connect(app.url, bearer)).acked).toBe(true);
    expectRefused(await connect(app.url, bearer));
  });

  it('limits an account\'s subscriptions across its connections, and frees a slot when one completes', async () => {
    const p = await parties(app.url);
    const caseId = (await fileComplaint(app.url, p.creator.token, complaintInput(p.firm.firmId, [p.work.id], { aiSystemId: p.system.id }))).id;
    const bearer = `Bearer ${p.creator.token}`;
    const one = await connect(app.url, bearer);
    const two = await connect(app.url, bearer);
    const base = app.services.caseEvents.subscriptionCount;
    one.subscribe('a', CASE_EVENTS, { id: caseId });
    one.subscribe('b', CASE_EVENTS, { id: caseId });
    two.subscribe('c', CASE_EVENTS, { id: caseId });
    await waitFor(async () => app.services.caseEvents.subscriptionCount >= base + 3, 'three live subscriptions');
    two.subscribe('d', CASE_EVENTS, { id: caseId });
    const refused = await waitFor(async () => two.errors.get('d'), 'the fourth subscription to be refused');
    expect(refused[0].extensions?.code).toBe('RATE_LIMITED');
    expect(refused[0].message).toMatch(/3 active subscriptions/);

    one.complete('a');
    await waitFor(async () => app.services.caseEvents.subscriptionCount === base + 2, 'the completed subscription to end');
    await waitFor(async () => {
      two.subscribe(`e${Date.now()}`, CASE_EVENTS, { id: caseId });
      return app.services.caseEvents.subscriptionCount === base + 3;
    }, 'a new subscription to take the freed slot', 10_000, 200);
  });
});

describe('WebSocket request rate (RATE_LIMIT_PER_MINUTE=12)', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '12' }); });
  afterAll(async () => { await app?.stop(); });

  it('counts each Subscribe against the principal\'s per-minute allowance, shared with HTTP and across connections', async () => {
    // Two connections of the same (anonymous) principal, each well under the per-connection message cap.
    const conns = [await connect(app.url), await connect(app.url)];
    for (let i = 0; i < 14; i += 1) conns[i % 2].subscribe(`s${i}`, CASE_EVENTS, { id: '00000000-0000-4000-8000-000000000000' });
    await waitFor(async () => conns[0].errors.size + conns[1].errors.size === 14, 'an answer to every subscription');
    const answers = conns.flatMap((c) => [...c.errors.values()]);
    // Anonymous subscribers are refused anyway (UNAUTHENTICATED) — but only the first 12 get that far.
    expect(answers.filter((e) => e[0].extensions?.code === 'RATE_LIMITED')).toHaveLength(2);
    const limited = answers.find((e) => e[0].extensions?.code === 'RATE_LIMITED')!;
    expect(limited[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // The same allowance as HTTP: this address's POST /graphql is refused too.
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(res.status).toBe(429);
  });

  it('closes a connection that sends more messages a minute than the allowance (4429)', async () => {
    const conn = await connect(app.url);
    for (let i = 0; i < 20 && conn.socket.readyState === WebSocket.OPEN; i += 1) conn.socket.send(JSON.stringify({ type: 'ping' }));
    await waitFor(async () => conn.closed, 'the connection to be closed');
    expect(conn.closed!.code).toBe(4429);
    expect(conn.closed!.reason).toMatch(/^RATE_LIMITED/);
  });
});
