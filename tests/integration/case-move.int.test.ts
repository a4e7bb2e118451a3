import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseEventEntity, CaseEntity, OutboxEntity } from '../../src/persistence/entities';
import { caseForUpdate, moveCase } from '../../src/persistence/repositories/case.repository';
import { CaseStatus } from '../../src/domain/enums';
import { ActorKind } from '../../src/domain/case/actor';
import { startTestApp, TestApp } from '../support/harness';
import { complaintInput, fileComplaint, parties, registerWork } from '../support/factories';

/**
 * case.repository moveCase, what every command's move writes: the guarded update of the case, its events
 * numbered after the last, and the outbox rows of the jobs it starts — all or nothing. On PostgreSQL one
 * statement when the transaction holds the case's lock (as every command does), else the steps in turn;
 * on SQLite the steps in turn. Both are checked here.
 */
describe('a case move with its events and jobs', () => {
  let app: TestApp;
  let filer: Awaited<ReturnType<typeof parties>>;
  beforeAll(async () => {
    // No workers: the filed cases stay in FILED until the test moves them.
    app = await startTestApp({ ROLE: 'api' });
    filer = await parties(app.url);
  });
  afterAll(async () => { await app?.stop(); });

  const file = async () => {
    const work = await registerWork(app.url, filer.creator.token);
    return (await fileComplaint(app.url, filer.creator.token, complaintInput(filer.firm.firmId, [work.id]))).id;
  };
  const eventsOf = (caseId: string) => app.db.reader.find(CaseEventEntity, { where: { caseId }, order: { seq: 'ASC' } });
  const outboxRow = (jobId: string) => app.db.reader.findOne(OutboxEntity, { where: { jobId } });
  const event = (type: string, idempotencyKey: string | null = null) => ({
    type, fromStatus: CaseStatus.FILED, toStatus: CaseStatus.SCREENING, actorId: null, actorRole: ActorKind.SYSTEM, detail: { note: type }, idempotencyKey, at: new Date(),
  });
  const move = () => ({ status: CaseStatus.SCREENING, outcome: null, resolution: null, machine: {}, updatedAt: new Date() });
  const job = (caseId: string, tag: string) => ({ queue: 'screen', name: 'screen', jobId: `${tag}-${caseId}`, payload: { caseId } });

  for (const locked of [true, false]) {
    const how = locked ? 'on a locked case' : 'on a case not locked first';
    it(`writes the move, its events after the last one and its jobs (${how})`, async () => {
      const caseId = await file();
      const result = await app.db.transaction(async (tx) => {
        const row = locked ? (await caseForUpdate(tx, caseId))! : (await app.db.reader.findOneByOrFail(CaseEntity, { id: caseId }));
        return moveCase(tx, row, move(), [event('FIRST_OF_MOVE'), event('SECOND_OF_MOVE')], [job(caseId, 'move-a'), job(caseId, 'move-b')]);
      });
      expect(result.moved).toBe(true);
      // FILED is seq 1: the move's events are 2 and 3, with their generated ids.
      expect(result.events.map((e) => [e.type, e.seq])).toEqual([['FIRST_OF_MOVE', 2], ['SECOND_OF_MOVE', 3]]);
      const stored = await eventsOf(caseId);
      expect(stored.map((e) => [e.type, e.seq, e.id])).toEqual([['FILED', 1, stored[0].id], ...result.events.map((e) => [e.type, e.seq, e.id])]);
      expect(stored[2].detail).toEqual({ note: 'SECOND_OF_MOVE' });
      const row = await app.db.reader.findOneByOrFail(CaseEntity, { id: caseId });
      expect([row.status, row.version]).toEqual([CaseStatus.SCREENING, 2]);
      expect(await outboxRow(`move-a-${caseId}`)).toMatchObject({ queue: 'screen', payload: { caseId } });
      expect(await outboxRow(`move-b-${caseId}`)).not.toBeNull();
    });

    it(`writes nothing when the case moved on meanwhile (${how})`, async () => {
      const caseId = await file();
      const result = await app.db.transaction(async (tx) => {
        const row = locked ? (await caseForUpdate(tx, caseId))! : (await app.db.reader.findOneByOrFail(CaseEntity, { id: caseId }));
        return moveCase(tx, { ...row, version: row.version + 1 }, move(), [event('STALE')], [job(caseId, 'stale')]);
      });
      expect(result).toEqual({ moved: false, events: [] });
      expect((await eventsOf(caseId)).map((e) => e.type)).toEqual(['FILED']);
      expect(await outboxRow(`stale-${caseId}`)).toBeNull();
      expect((await app.db.reader.findOneByOrFail(CaseEntity, { id: caseId })).status).toBe(CaseStatus.FILED);
    });

    it(`refuses an idempotency key used before as CONFLICT, and the transaction writes nothing (${how})`, async () => {
      const caseId = await file();
      await app.db.transaction(async (tx) => {
        await caseForUpdate(tx, caseId);
        await tx.query(app.db.kind === 'postgres'
          ? 'UPDATE "case_event" SET "idempotencyKey" = $1 WHERE "caseId" = $2'
          : 'UPDATE "case_event" SET "idempotencyKey" = ? WHERE "caseId" = ?', [`used-${caseId}`, caseId]);
      });
      const error = await app.db.transaction(async (tx) => {
        const row = locked ? (await caseForUpdate(tx, caseId))! : (await app.db.reader.findOneByOrFail(CaseEntity, { id: caseId }));
        return moveCase(tx, row, move(), [event('AGAIN', `used-${caseId}`)], [job(caseId, 'again')]);
      }).catch((e: unknown) => e);
      expect((error as { code?: string }).code).toBe('CONFLICT');
      expect((await eventsOf(caseId)).map((e) => e.type)).toEqual(['FILED']);
      expect(await outboxRow(`again-${caseId}`)).toBeNull();
      expect((await app.db.reader.findOneByOrFail(CaseEntity, { id: caseId })).status).toBe(CaseStatus.FILED);
    });
  }
});
