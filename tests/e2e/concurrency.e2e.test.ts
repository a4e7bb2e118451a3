import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { gql } from '../support/client';
import { complaintInput, fileComplaint, getCase, parties } from '../support/factories';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.stop(); });

describe('concurrent moves of one case', () => {
  it('lets exactly one of 50 concurrent withdrawals win; the others get CONFLICT or INVALID_TRANSITION', async () => {
    const { creator, firm, work, system } = await parties(app.url);
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id], { aiSystemId: system.id }));
    await waitFor(async () => (await getCase(app.url, creator.token, filed.id, 'status')).status === 'NOTICE_SENT', 'the notice');
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      gql(app.url, 'mutation($id: ID!, $r: String) { withdrawComplaint(caseId: $id, reason: $r) { status outcome } }', { id: filed.id, r: `attempt ${i}` }, creator.token)));
    const wins = results.filter((r) => !r.errors);
    const codes = results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.code);
    expect(wins).toHaveLength(1);
    expect(wins[0].data.withdrawComplaint).toEqual({ status: 'CLOSED', outcome: 'WITHDRAWN' });
    expect(codes).toHaveLength(49);
    for (const code of codes) expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(code);
    const refusal = results.find((r) => r.errors?.[0].extensions?.code === 'INVALID_TRANSITION');
    if (refusal) expect(refusal.errors![0].extensions).toMatchObject({ status: 'CLOSED', allowed: [] });
    const c = await getCase(app.url, creator.token, filed.id);
    const withdrawn = c.events.edges.filter((e: any) => e.node.type === 'WITHDRAWN');
    expect(withdrawn).toHaveLength(1);
    const seqs = c.events.edges.map((e: any) => e.node.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    // Closing the case stopped its windows.
    expect((await getCase(app.url, creator.token, filed.id, 'deadlines { kind }')).deadlines).toEqual([]);
  });
});
