import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlineKind, DeadlineState } from '../../src/domain/enums';
import { CaseEventEntity, DeadlineEntity } from '../../src/persistence/entities';
import { QueueName } from '../../src/domain/queues';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { complaintInput, fileComplaint, getCase, parties } from '../support/factories';

/** A deadline fires exactly once, whatever happens to its job. */
describe('deadlines that never get lost', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp({ WINDOW_RESPOND: 'PT3S', WINDOW_ACKNOWLEDGE: 'P7D', SWEEP_INTERVAL: 'PT1S' }); });
  afterAll(async () => { await app?.stop(); });

  async function noticed() {
    const p = await parties(app.url);
    const filed = await fileComplaint(app.url, p.creator.token, complaintInput(p.firm.firmId, [p.work.id], { aiSystemId: p.system.id }));
    await waitFor(async () => (await getCase(app.url, p.creator.token, filed.id, 'status')).status === 'NOTICE_SENT', 'the notice');
    return { ...p, caseId: filed.id };
  }
  const defaults = (caseId: string) => app.db.reader.count(CaseEventEntity, { where: { caseId, type: 'RESPONSE_DEFAULTED' } });

  it('fires through the sweep when the delayed job was deleted from Redis, exactly once', async () => {
    const p = await noticed();
    const deadline = await app.db.reader.findOneOrFail(DeadlineEntity, { where: { caseId: p.caseId, kind: DeadlineKind.RESPOND, state: DeadlineState.PENDING } });
    const queue = app.queues.get(QueueName.DEADLINE);
    const job = await waitFor(async () => queue.getJob(`deadline-${deadline.id}`), 'the delayed job to be in Redis');
    await job.remove();
    expect(await queue.getJob(`deadline-${deadline.id}`)).toBeUndefined();
    await waitFor(async () => (await defaults(p.caseId)) > 0, 'the sweep to fire the deadline', 20_000);
    expect((await getCase(app.url, p.creator.token, p.caseId, 'status defaulted')).status).toBe('NEGOTIATION');
    const row = await app.db.reader.findOneOrFail(DeadlineEntity, { where: { id: deadline.id } });
    expect(row.state).toBe('FIRED');
    expect(await defaults(p.caseId)).toBe(1);
  });

  it('fires once when the job, a redelivered job and the sweep race', async () => {
    const p = await noticed();
    // Make the window already over, as if the process had been down.
    const now = new Date();
    const due = await app.db.transaction(async (tx) => app.services.deadlines.start(tx, p.caseId, DeadlineKind.RESPOND, new Date(now.getTime() - 5000), new Date(now.getTime() - 1000)));
    const results = await Promise.all([
      app.services.deadlines.fire(due.id, now, 'job'), app.services.deadlines.sweep(now), app.services.deadlines.fire(due.id, now, 'job'), app.services.deadlines.sweep(now),
    ]);
    expect(results.filter((r) => r === true || r === 1).length).toBe(1);
    await waitFor(async () => (await getCase(app.url, p.creator.token, p.caseId, 'status')).status === 'NEGOTIATION', 'the move');
    expect(await defaults(p.caseId)).toBe(1);
  });
});
