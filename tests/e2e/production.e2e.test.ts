import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../support/harness';
import { gql } from '../support/client';

/** In production the API gives away nothing about itself. */
describe('production hardening', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp({ NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '5' }); });
  afterAll(async () => { await app?.stop(); });

  it('refuses introspection', async () => {
    const r = await gql(app.url, '{ __schema { types { name } } }');
    expect(r.errors?.[0].message).toMatch(/introspection/i);
  });

  it('gives no field suggestions and no stack traces', async () => {
    const r = await gql(app.url, '{ cass { id } }');
    expect(r.errors?.[0].message).not.toMatch(/Did you mean/);
    expect(JSON.stringify(r.errors)).not.toMatch(/stacktrace/);
  });

  it('rate-limits a client over its budget with RATE_LIMITED and Retry-After', async () => {
    const results = [];
    for (let i = 0; i < 8; i += 1) {
      const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer rate-limit-probe' }, body: JSON.stringify({ query: '{ __typename }' }) });
      results.push({ status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() as any });
    }
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0].body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(limited[0].retryAfter)).toBeGreaterThan(0);
  });
});

describe('unexpected errors', () => {
  it('are masked for the client, carry the request id, and leak no internals', async () => {
    const app = await startTestApp({ NODE_ENV: 'production' });
    try {
      const signUp = await gql(app.url, `mutation { signUp(input: { email: "mask@example.jp", password: "long enough password", displayName: "M", role: CREATOR,
        creator: { kind: INDIVIDUAL, nationality: "JP" } }) { token } }`);
      await app.db.read.destroy(); // the database goes away under the API
      const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${signUp.data.signUp.token}`, 'x-request-id': 'req-masked-0001' },
        body: JSON.stringify({ query: '{ me { id } }' }) });
      const body = await res.json() as any;
      expect(body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(body.errors[0].message).toBe('Internal server error');
      expect(body.errors[0].extensions.requestId).toBe('req-masked-0001');
      expect(JSON.stringify(body)).not.toMatch(/SQL|sqlite|DataSource|stack/i);
    } finally {
      await app.stop();
    }
  });
});
