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

  /** The statements run since `before` that are not the outbox relay's poll (it reads the outbox every 250 ms, whatever else runs). */
  const since = (before: number) => {
    const n = app.db.counter.queries - before;
    expect(n, 'more statements than the counter keeps').toBeLessThanOrEqual(200);
    return app.db.counter.recent.slice(-n).filter((s) => !/"outbox"/.test(s.sql));
  };

  /** Screening's follow-ups (notices, mail, deadlines) run for a while after the last case left SCREENING: wait until only the relay polls. */
  async function quiet(): Promise<void> {
    await waitFor(async () => {
      const before = app.db.counter.queries;
      await new Promise((r) => setTimeout(r, 300));
      return app.db.counter.queries - before <= 200 && since(before).length === 0;
    }, 'background work to settle', 60_000, 0);
  }

  async function statements(n: number): Promise<number> {
    await quiet();
    await ok(app.url, query(n), {}, adminToken); // warm-up
    // A late background statement may still land in a window: measure several times and take the least.
    const counts: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const before = app.db.counter.queries;
      const data = await ok(app.url, query(n), {}, adminToken);
      counts.push(since(before).length);
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

/** One case's nested lists are read through the case's own index entries, however many other cases there are. */
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('SQLite query plans of case(id)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ ROLE: 'all' }, { countQueries: true });
  });
  afterAll(async () => { await app?.stop(); });

  it('searches by the case (or the row\'s id) in every statement, never by status or a scan', async () => {
    const { creator, firm, system } = await parties(app.url);
    const works = await Promise.all(Array.from({ length: 30 }, () => registerWork(app.url, creator.token)));
    const filed = await Promise.all(works.map((w) => fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [w.id], { aiSystemId: system.id }))));
    const one = filed[0].id;
    // Screening opens the firm's windows: many cases with PENDING deadlines.
    await waitFor(async () => (await ok(app.url, '{ case(id: "' + one + '") { deadlines { kind } } }', {}, creator.token)).case.deadlines.length > 0, 'windows to open', 60_000, 100);
    const before = app.db.counter.queries;
    const data = await ok(app.url, `query($id: ID!) { case(id: $id) { id complainant { id } respondent { id } aiSystem { id } works { id } evidence { id }
      deadlines { kind dueAt } assessment { decision } events(first: 20) { edges { node { seq } } } } }`, { id: one }, creator.token);
    expect(data.case.deadlines.length).toBeGreaterThan(0);
    const statements = app.db.counter.recent.slice(-(app.db.counter.queries - before)).filter((s) => /^SELECT/i.test(s.sql) && /"(case|deadline|evidence|case_event|case_work|assessment)"/.test(s.sql));
    expect(statements.length).toBeGreaterThanOrEqual(5);
    for (const { sql, params } of statements) {
      const plan = (await app.db.reader.query(`EXPLAIN QUERY PLAN ${sql}`, params)) as Array<{ detail: string }>;
      const steps = plan.map((p) => p.detail).filter((d) => /^(SEARCH|SCAN)/.test(d));
      expect(steps.length, sql).toBeGreaterThan(0);
      for (const step of steps) expect(step, `${sql}\n${steps.join('\n')}`).toMatch(/^SEARCH \S+ USING (COVERING )?(INDEX \S+|INTEGER PRIMARY KEY) \((caseId|id|accountId|workId|firmId)=/);
    }
  });
});
