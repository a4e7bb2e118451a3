import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { complaintInput, fileComplaint, getCase, parties, signUpCreator } from '../support/factories';
import { watch, wsClient } from '../support/subscriptions';
import { PrivateRedis, REDIS_SERVER } from './support';

/**
 * Redis goes away (SIGKILL of a private redis-server) while the API runs, then comes back on the same port:
 *  - requests that do not need Redis keep answering, at once: `{ __typename }`, and a filing (it writes the
 *    database and its outbox only; the relay hands the job to BullMQ when Redis is back);
 *  - the rate limit keeps counting, in the process (the same allowance, then 429);
 *  - requests that need Redis (log-in: its throttle fails closed) answer SERVICE_UNAVAILABLE within a second,
 *    HTTP 503 with Retry-After;
 *  - /readyz answers 503 within a second, naming the Redis check;
 *  - once Redis is back, all of it recovers by itself (no restart), and the case filed meanwhile moves on.
 * Skipped where redis-server is not installed.
 */
const ALLOWANCE = 200;

/** One HTTP request, timed. */
async function timed(url: string, init: RequestInit = {}): Promise<{ ms: number; status: number; headers: Headers; body: any }> {
  const started = performance.now();
  const res = await fetch(url, init);
  const body = await res.json();
  return { ms: performance.now() - started, status: res.status, headers: res.headers, body };
}

const post = (url: string, query: string, variables: Record<string, unknown> = {}, token?: string) => timed(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify({ query, variables }),
});

const LOG_IN = 'mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }';

describe.skipIf(!REDIS_SERVER)('a Redis outage: fail fast where Redis is needed, keep working where it is not', () => {
  let redis: PrivateRedis;
  let app: TestApp;
  let readyz: string;
  let sides: Awaited<ReturnType<typeof parties>>;
  let burster: { token: string };
  let filedDuringOutage: string;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    app = await startTestApp({ REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: String(ALLOWANCE), STORAGE_MIN_FREE_MB: '0' });
    readyz = app.url.replace('/graphql', '/readyz');
    sides = await parties(app.url);
    burster = await signUpCreator(app.url);
    await waitFor(async () => (await timed(readyz)).status === 200, '/readyz to say ready', 10_000);
  });
  afterAll(async () => {
    await app?.stop();
    await redis?.destroy();
  });

  it('while Redis is down, { __typename } answers in under a second', async () => {
    await redis.stop(true);
    for (let i = 0; i < 3; i += 1) {
      const answer = await post(app.url, '{ __typename }');
      expect(answer.status).toBe(200);
      expect(answer.body.data).toEqual({ __typename: 'Query' });
      expect(answer.ms).toBeLessThan(1_000);
    }
  });

  it('while Redis is down, /readyz answers 503 within a second and says the Redis check failed', async () => {
    const answer = await timed(readyz);
    expect(answer.ms).toBeLessThan(1_000);
    expect(answer.status).toBe(503);
    expect(answer.body.status).toBe('not ready');
    expect(answer.body.checks.redis.ok).toBe(false);
    expect(answer.body.checks.database.ok).toBe(true);
    expect(answer.body.reason).toMatch(/^redis: /);
  });

  it('while Redis is down, a log-in (its throttle needs Redis) answers SERVICE_UNAVAILABLE within a second, HTTP 503 and Retry-After', async () => {
    const answer = await post(app.url, LOG_IN, { e: sides.creator.account.email, p: 'correct horse battery' });
    expect(answer.ms).toBeLessThan(1_000);
    expect(answer.status).toBe(503);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    const [error] = answer.body.errors;
    expect(error.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.message).toMatch(/unavailable/);
    expect(answer.body.data?.logIn ?? null).toBeNull();
  });

  it('while Redis is down, a filing (database and outbox only) is accepted at once', async () => {
    const started = performance.now();
    const filed = await fileComplaint(app.url, sides.creator.token, complaintInput(sides.firm.firmId, [sides.work.id]));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(filed.status).toBe('FILED');
    filedDuringOutage = filed.id;
  });

  it('while Redis is down, a live subscription (it needs Redis pub/sub) is refused within a second with SERVICE_UNAVAILABLE', async () => {
    const client = wsClient(app.url, sides.creator.token);
    try {
      const started = performance.now();
      const w = watch(client, 'subscription($id: ID!) { caseEvents(caseId: $id) { seq type } }', { id: filedDuringOutage });
      await waitFor(async () => w.errors.length > 0 || w.done, 'the subscription to be refused', 1_000, 10);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(w.errors[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(w.errors[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    } finally {
      await client.dispose();
    }
  });

  it('while Redis is down, the rate limit still counts, in the process: the same allowance, then 429', async () => {
    let passed = 0;
    let refused: Awaited<ReturnType<typeof post>> | null = null;
    for (let i = 0; i < ALLOWANCE + 5 && !refused; i += 1) {
      const answer = await post(app.url, '{ __typename }', {}, burster.token);
      if (answer.status === 200) passed += 1;
      else refused = answer;
    }
    expect(passed).toBe(ALLOWANCE);
    expect(refused?.status).toBe(429);
    expect(refused?.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('after Redis returns, /readyz, log-ins and the shared rate limit recover by themselves, and the case filed meanwhile moves on', async () => {
    await redis.restart();
    const back = Date.now();
    await waitFor(async () => (await timed(readyz)).status === 200, '/readyz to say ready again', 10_000, 100);
    const ready = await timed(readyz);
    expect(ready.body.checks.redis.ok).toBe(true);
    expect(ready.ms).toBeLessThan(1_000);

    // (No time bound on the log-in itself: it hashes a password, which takes what the machine's CPU gives it.)
    await waitFor(async () => {
      const answer = await post(app.url, LOG_IN, { e: sides.creator.account.email, p: 'correct horse battery' });
      return answer.status === 200 && answer.body.data?.logIn?.token ? answer : null;
    }, 'log-ins to work again', 10_000, 100);

    // Counted in Redis again: the in-process count of the outage is not carried over.
    const again = await post(app.url, '{ __typename }', {}, burster.token);
    expect(again.status).toBe(200);
    expect(again.ms).toBeLessThan(1_000);

    await waitFor(async () => (await getCase(app.url, sides.creator.token, filedDuringOutage, 'status')).status !== 'FILED',
      'the case filed during the outage to leave FILED', 30_000, 250);
    expect(Date.now() - back).toBeLessThan(60_000);
  });
});
