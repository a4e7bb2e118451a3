import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { ok } from '../support/client';
import { complaintInput, fileComplaint, parties, registerWork } from '../support/factories';
import { admin } from '../support/staff';

/** Lists batch their nested reads: the statement count of a page does not grow with its size. */
describe('SQL statements per page', () => {
  let app: TestApp;
  let adminToken: string;
  beforeAll(async () => {
    app = await startTestApp({ ROLE: 'all' }, { countQueries: true });
    adminToken = (await admin(app)).token;
    const { creator, firm, system } = await parties(app.url);
    for (let i = 0; i < 5; i += 1) {
      const works = await Promise.all(Array.from({ length: 25 }, () => registerWork(app.url, creator.token)));
      await Promise.all(works.map((w) => fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [w.id], { aiSystemId: system.id }))));
    }
    await waitFor(async () => (await ok(app.url, '{ cases(first: 100, filter: { status: [FILED, SCREENING] }) { edges { node { id } } } }', {}, adminToken)).cases.edges.length === 0,
      'all cases screened', 60_000, 100);
  });
  afterAll(async () => { await app?.stop(); });

  const query = (n: number) => `{ cases(first: ${n}) { edges { node { id reference complainant { id displayName } respondent { id legalName }
    works { id title } events(first: 20) { edges { node { seq type actor { kind displayName } } } } } } } }`;

  async function statements(n: number): Promise<number> {
    await ok(app.url, query(n), {}, adminToken); // warm-up
    // Workers and the relay also query; measure several times and take the least.
    const counts: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const before = app.db.counter.queries;
      const data = await ok(app.url, query(n), {}, adminToken);
      counts.push(app.db.counter.queries - before);
      expect(data.cases.edges).toHaveLength(n);
    }
    return Math.min(...counts);
  }

  it('is the same for cases(first: 100) as for first: 10, with complainant, respondent, works and events', async () => {
    const ten = await statements(10);
    const hundred = await statements(100);
    expect(hundred).toBe(ten);
    expect(ten).toBeLessThan(15);
  });
});
