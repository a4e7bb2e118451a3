import { spawn, ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { In } from 'typeorm';
import { CaseEventEntity } from '../../src/persistence/entities';
import { processIntake } from '../../src/jobs/intake-case.job';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { complaintInput, fileComplaint, parties, registerWork } from '../support/factories';
import { CaseStatus } from '../../src/domain/enums';
import { CaseEntity } from '../../src/persistence/entities';

describe('intake is idempotent', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp({ ROLE: 'api' }); });
  afterAll(async () => { await app?.stop(); });

  it('gives one transition and one event when the same intake job is delivered twice (and concurrently)', async () => {
    const { creator, firm, work } = await parties(app.url);
    const filed = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id]));
    const ctx = { services: app.services, log: app.log, now: () => new Date() };
    const job = { name: 'intake', attemptsMade: 0 };
    const outcomes = await Promise.all([processIntake(ctx, { caseId: filed.id }, job), processIntake(ctx, { caseId: filed.id }, job)]);
    const again = await processIntake(ctx, { caseId: filed.id }, job);
    expect(outcomes.sort()).toEqual(['accepted', 'skipped']);
    expect(again).toBe('skipped');
    const events = await app.db.reader.find(CaseEventEntity, { where: { caseId: filed.id, type: 'INTAKE_ACCEPTED' } });
    expect(events).toHaveLength(1);
  });
});

/**
 * A worker process killed with SIGKILL in the middle of its jobs, then
 * restarted: BullMQ redelivers the jobs it held, and every case still gets
 * exactly one intake transition and one screening result.
 */
describe('a worker killed mid-job', () => {
  let app: TestApp;
  const children: ChildProcess[] = [];
  beforeAll(async () => { app = await startTestApp({ ROLE: 'api', JOB_LOCK_DURATION: 'PT2S' }); });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await app?.stop();
  });

  const startWorker = () => {
    const child = spawn(process.execPath, [resolve(__dirname, '../../dist/src/main.js')], {
      env: { ...process.env, ...app.env, ROLE: 'worker', PORT: '0', WORKER_CONCURRENCY: '20', JOB_LOCK_DURATION: 'PT2S', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error' },
      stdio: ['ignore', process.env.TEST_LOG_LEVEL ? 'inherit' : 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  };

  it('moves every case exactly once after a restart', async () => {
    const { creator, firm, work, system } = await parties(app.url);
    const works = [work];
    for (let i = 0; i < 7; i += 1) works.push(...await Promise.all(Array.from({ length: 25 }, () => registerWork(app.url, creator.token))));
    const worker = startWorker();
    const ids: string[] = [];
    for (let i = 0; i < works.length; i += 25) {
      const batch = await Promise.all(works.slice(i, i + 25).map((w) => fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [w.id], { aiSystemId: system.id }))));
      ids.push(...batch.map((c) => c.id));
    }
    // Kill it while it is working through the queue.
    await waitFor(async () => (await app.db.reader.count(CaseEventEntity, { where: { caseId: In(ids), type: 'INTAKE_ACCEPTED' } })) > 10 || (await app.db.reader.count(CaseEventEntity, { where: { caseId: In(ids), type: 'INTAKE_REJECTED' } })) > 10, 'the worker to start', 30_000, 5);
    worker.kill('SIGKILL');
    await new Promise((r) => worker.once('exit', r));
    const unfinishedAtKill = await app.db.reader.count(CaseEntity, { where: { id: In(ids), status: In([CaseStatus.FILED, CaseStatus.SCREENING]) } });
    startWorker();
    if (process.env.TEST_DEBUG) {
      const timer = setInterval(async () => {
        const counts = await app.db.reader.query('SELECT status, COUNT(*) AS n FROM "case" GROUP BY status');
        const activity = app.db.kind === 'postgres' ? await app.db.reader.query("SELECT state, wait_event_type, left(query, 80) AS q FROM pg_stat_activity WHERE datname = current_database()") : [];
        console.error(JSON.stringify({ counts, activity }));
      }, 5000);
      setTimeout(() => clearInterval(timer), 60_000);
    }
    await waitFor(async () => (await app.db.reader.count(CaseEntity, { where: { id: In(ids), status: In([CaseStatus.FILED, CaseStatus.SCREENING]) } })) === 0,
      'every case to be screened after the restart', 120_000, 100);
    const events = await app.db.reader.find(CaseEventEntity, { where: { caseId: In(ids) } });
    for (const id of ids) {
      const mine = events.filter((e) => e.caseId === id);
      const intake = mine.filter((e) => e.fromStatus === CaseStatus.FILED && e.toStatus !== CaseStatus.FILED);
      expect(intake, `case ${id}`).toHaveLength(1);
      const screened = mine.filter((e) => e.fromStatus === CaseStatus.SCREENING && e.toStatus !== CaseStatus.SCREENING);
      if (intake[0].toStatus === CaseStatus.SCREENING) expect(screened, `case ${id}`).toHaveLength(1);
      expect(new Set(mine.map((e) => e.seq)).size).toBe(mine.length);
    }
    expect(unfinishedAtKill, 'the kill came while jobs were still to do').toBeGreaterThan(0);
    expect(events.filter((e) => e.type === 'INTAKE_ACCEPTED')).toHaveLength(ids.length);
  }, 180_000);
});
