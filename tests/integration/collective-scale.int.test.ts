import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { ok } from '../support/client';
import { complaintInput, getCase, parties, registerWork, signUpCreator } from '../support/factories';

const FILE = 'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id status } }';
const GRANT = 'mutation($input: MandateInput!) { grantMandate(input: $input) { id } }';

describe('a collective files for many principals in one pass', () => {
  let app: TestApp;
  let collective: Awaited<ReturnType<typeof signUpCreator>>;
  let sides: Awaited<ReturnType<typeof parties>>;
  beforeAll(async () => {
    app = await startTestApp({ ROLE: 'all' }, { countQueries: true });
    sides = await parties(app.url);
    collective = await signUpCreator(app.url, { displayName: 'Rights Collective' }, { kind: 'COLLECTIVE', nationality: 'JP' });
  });
  afterAll(async () => { await app?.stop(); });

  async function principals(n: number) {
    const out: Array<{ id: string; workId: string }> = [];
    for (let i = 0; i < n; i += 1) {
      const p = await signUpCreator(app.url);
      const work = await registerWork(app.url, p.token);
      await ok(app.url, GRANT, { input: { agentId: collective.account.id, allWorks: true } }, p.token);
      out.push({ id: p.account.id, workId: work.id });
    }
    return out;
  }

  async function pass(n: number) {
    const ps = await principals(n);
    const before = app.db.counter.queries;
    const t0 = Date.now();
    const filed = (await ok(app.url, FILE, { input: complaintInput(sides.firm.firmId, ps.map((p) => p.workId), { aiSystemId: sides.system.id, principalIds: ps.map((p) => p.id) }) }, collective.token)).fileComplaint;
    const filing = app.db.counter.queries - before;
    await waitFor(async () => (await getCase(app.url, collective.token, filed.id, 'status')).status === 'NOTICE_SENT', 'notice', 60_000);
    return { filing, total: app.db.counter.queries - before, ms: Date.now() - t0 };
  }

  it('files, screens and notices 40 principals\' works with the statements 3 need: nothing grows per work or principal', async () => {
    const small = await pass(3);
    const big = await pass(40);
    // The counts include the relay's and the sweep's polling meanwhile (a few statements either way); one statement
    // per work or principal would add 37 or more.
    expect(big.filing).toBeLessThanOrEqual(small.filing + 5);
    expect(big.total).toBeLessThanOrEqual(small.total + 15);
  });

  it('accepts 500 principals and their works in one call: a refusal names each unknown one, never the list sizes', async () => {
    // Many principals through the API would take minutes of sign-ups: the limits are checked here by the validation
    // layer (nothing is refused for its size below them) and `npm run bench` files, screens and notices 500 for real.
    const ps = await principals(2);
    const workIds = [...ps.map((p) => p.workId), ...Array.from({ length: 498 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)];
    const principalIds = [...ps.map((p) => p.id), ...Array.from({ length: 498 }, (_, i) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`)];
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${collective.token}` },
      body: JSON.stringify({ query: FILE, variables: { input: complaintInput(sides.firm.firmId, workIds, { aiSystemId: sides.system.id, principalIds }) } }) });
    const body = await res.json() as { errors: Array<{ extensions: { code: string; fields: Array<{ field: string; message: string }> } }> };
    // Refused for the unknown works and principals, each named — not for the list sizes.
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const fields = body.errors[0].extensions.fields.map((f) => f.field);
    expect(fields).toContain('workIds[2]');
    expect(fields).toContain('principalIds[499]');
    expect(fields).not.toContain('workIds');
    expect(fields).not.toContain('principalIds');
    expect(fields).not.toContain('workIds[0]');
  });
});
