import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFreshDatabase, startTestApp, TestApp, waitFor } from '../support/harness';
import { complaintInput, fileComplaint, parties } from '../support/factories';
import { ok } from '../support/client';
import { nextCounterValue } from '../../src/persistence/repositories/case.repository';

const POSTGRES = !!process.env.TEST_DATABASE_URL;
const FILINGS = 32;
const numberOf = (reference: string) => Number(reference.slice('CH-YYYY-'.length));

/**
 * Case references (CH-YYYY-NNNNNN) under concurrent filing: unique and per
 * year on both databases, without gaps on SQLite (one writer, a counter row),
 * and on PostgreSQL from a sequence that no filing holds until its commit.
 */
describe('case references', () => {
  let app: TestApp;
  let filer: Awaited<ReturnType<typeof parties>>;
  beforeAll(async () => {
    app = await startTestApp();
    filer = await parties(app.url);
  });
  afterAll(async () => { await app?.stop(); });

  const fileMany = (n: number) => Promise.all(Array.from({ length: n }, () => fileComplaint(app.url, filer.creator.token, complaintInput(filer.firm.firmId, [filer.work.id]))));

  it(`gives ${FILINGS} concurrent filings ${FILINGS} distinct references of the year${POSTGRES ? '' : ', one after another'}`, async () => {
    const year = new Date().getUTCFullYear();
    const filed = await fileMany(FILINGS);
    const references = filed.map((c) => c.reference);
    for (const reference of references) expect(reference).toMatch(new RegExp(`^CH-${year}-\\d{6}$`));
    expect(new Set(references).size).toBe(FILINGS);
    // SQLite: the counter row, one writer at a time, so no gaps. PostgreSQL: a sequence; a rolled-back filing may leave one.
    const numbers = references.map(numberOf).sort((a, b) => a - b);
    if (!POSTGRES) expect(numbers[FILINGS - 1] - numbers[0]).toBe(FILINGS - 1);
  });

  // On PostgreSQL a plain filing is one statement that numbers its reference itself; one with evidence is a transaction.
  it('names the reference in the FILED event, for a plain filing and for one filed with evidence', async () => {
    const plain = await fileComplaint(app.url, filer.creator.token, complaintInput(filer.firm.firmId, [filer.work.id]));
    const withEvidence = await fileComplaint(app.url, filer.creator.token, complaintInput(filer.firm.firmId, [filer.work.id],
      { evidence: [{ kind: 'OUTPUT_SAMPLE', description: 'a generated image beside mine' }] }));
    for (const filed of [plain, withEvidence]) {
      const data = await ok(app.url, 'query($id: ID!) { case(id: $id) { reference events(first: 5) { edges { node { type detail } } } } }', { id: filed.id }, filer.creator.token);
      expect(data.case.reference).toBe(filed.reference);
      const first = data.case.events.edges[0].node;
      expect(first).toMatchObject({ type: 'FILED', detail: { reference: filed.reference, claimType: 'OUTPUT_REPRODUCES_WORK' } });
    }
    expect(numberOf(withEvidence.reference)).toBeGreaterThan(numberOf(plain.reference));
  });

  // SQLite has one writer: a write transaction left open holds back every other, by design.
  it.skipIf(!POSTGRES)('files while another filing transaction that took a reference is still open (PostgreSQL)', async () => {
    const year = new Date().getUTCFullYear();
    let release!: () => void;
    const released = new Promise<void>((r) => { release = r; });
    let held = 0;
    // A filing's transaction that has taken its number and not committed (with the counter row, every other filing waited here).
    const open = app.db.transaction(async (tx) => {
      held = await nextCounterValue(tx, `case-${year}`);
      await released;
    });
    try {
      await waitFor(async () => held > 0, 'the open transaction to take a number');
      const filings = fileMany(FILINGS);
      let done = false;
      void filings.then(() => { done = true; }, () => { done = true; });
      await waitFor(async () => done, `${FILINGS} filings to finish while the other transaction is open`, 20_000);
      const references = (await filings).map((c) => c.reference);
      expect(new Set(references).size).toBe(FILINGS);
      expect(references.map(numberOf)).not.toContain(held);
    } finally {
      release();
      await open;
    }
  });
});

describe('reference counters', () => {
  it('start at 1 in a year nobody has filed in, also when many transactions ask at once', async () => {
    const fresh = await openFreshDatabase();
    try {
      // 2041: no migration made its sequence on PostgreSQL; eight transactions race to make it.
      const values = await Promise.all(Array.from({ length: 8 }, () => fresh.db.transaction((tx) => nextCounterValue(tx, 'case-2041'))));
      expect([...values].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(await fresh.db.transaction((tx) => nextCounterValue(tx, 'case-2041'))).toBe(9);
    } finally {
      await fresh.close();
    }
  });

  it('continue after a counter row written before the sequence existed', async () => {
    const fresh = await openFreshDatabase();
    try {
      const p = fresh.db.kind === 'postgres' ? ['$1', '$2'] : ['?', '?'];
      await fresh.db.transaction((tx) => tx.query(`INSERT INTO "reference_counter" ("name", "value") VALUES (${p[0]}, ${p[1]})`, ['case-2042', 41]));
      expect(await fresh.db.transaction((tx) => nextCounterValue(tx, 'case-2042'))).toBe(42);
      expect(await fresh.db.transaction((tx) => nextCounterValue(tx, 'case-2043'))).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});
