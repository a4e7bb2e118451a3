import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { complaintInput, fileComplaint, getCase, parties } from '../support/factories';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.stop(); });

describe('filing a complaint', () => {
  it('moves a new complaint from FILED to SCREENING with no other action, recording the move', async () => {
    const { creator, firm, work, system } = await parties(app.url);
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }));
    expect(filed.status).toBe('FILED');
    expect(filed.reference).toMatch(/^CH-\d{4}-\d{6}$/);
    const c = await waitFor(async () => {
      const row = await getCase(app.url, creator.token, filed.id);
      return row.status !== 'FILED' && row;
    }, 'intake to move the case');
    const types = c.events.edges.map((e: any) => e.node);
    expect(types[0]).toMatchObject({ seq: 1, type: 'FILED', toStatus: 'FILED' });
    expect(types[1]).toMatchObject({ seq: 2, type: 'INTAKE_ACCEPTED', fromStatus: 'FILED', toStatus: 'SCREENING', actor: { kind: 'SYSTEM' } });
  });

  it('closes the same complaint filed twice as DUPLICATE, naming the first', async () => {
    const { creator, firm, work } = await parties(app.url);
    const input = complaintInput(firm.firmId, [work.id]);
    const first = await fileComplaint(app.url, creator.token, input);
    const second = await fileComplaint(app.url, creator.token, input);
    const closed = await waitFor(async () => {
      const row = await getCase(app.url, creator.token, second.id, 'status outcome events(first: 10) { edges { node { type detail } } }');
      return row.status === 'CLOSED' && row;
    }, 'the duplicate to close');
    expect(closed.outcome).toBe('DUPLICATE');
    const rejected = closed.events.edges.map((e: any) => e.node).find((e: any) => e.type === 'INTAKE_REJECTED');
    expect(rejected.detail.duplicateOf).toBe(first.reference);
  });
});
