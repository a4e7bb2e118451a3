import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoticeEntity } from '../../src/persistence/entities';
import { QueueName } from '../../src/domain/queues';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { fails, ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, registerWork, signUpCreator, signUpFirm } from '../support/factories';
import { admin } from '../support/staff';
import { FAULT, injectFault, PrivateRedis, REDIS_SERVER } from './support';

/**
 * The reconciler makes the database the source of truth for the jobs BullMQ holds:
 *  - Redis wiped (FLUSHALL) while cases wait in FILED and SCREENING: every case still reaches NOTICE_SENT, with
 *    no restart, each with one NOTICE_SENT, one notice and one notice mail, and the repair in its history;
 *  - a fault longer than a job's retries (the database refuses the assessment write): the job lands in the failed
 *    set, admins see it (failedJobs), and once the fault has passed the reconciler re-creates it and the case moves on.
 * Runs against a private redis-server (AOF on) on a free port; skipped where redis-server is not installed.
 */
describe.skipIf(!REDIS_SERVER)('a pipeline that heals itself', () => {
  let redis: PrivateRedis;
  let app: TestApp;
  let creator: { token: string };
  let firm: { token: string; firmId: string };
  let adminToken: string;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    app = await startTestApp({
      REDIS_URL: redis.url, SWEEP_INTERVAL: 'PT1S', RECONCILE_GRACE: 'PT2S', RECONCILE_BACKOFF: 'PT3S', RECONCILE_MAX_REPAIRS: '5', JOB_RETRY_BASE: 'PT0.05S',
    });
    creator = await signUpCreator(app.url);
    firm = await signUpFirm(app.url);
    adminToken = (await admin(app)).token;
  });
  afterAll(async () => {
    await app?.stop();
    await redis?.destroy();
  });

  /** Files one complaint on a work of its own (the same works twice would close as DUPLICATE). */
  async function file(): Promise<string> {
    const work = await registerWork(app.url, creator.token);
    return (await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id]))).id;
  }
  const statusOf = async (id: string) => (await getCase(app.url, creator.token, id, 'status')).status as string;
  const eventsOf = async (id: string) => (await getCase(app.url, creator.token, id)).events.edges.map((e: any) => e.node) as Array<{ type: string; detail: any }>;
  const worker = (queue: QueueName) => app.workers.find((w) => w.name === queue)!;
  const job = (queue: QueueName, id: string) => app.queues.get(queue).getJob(id);
  /** The notice mails written for a notice (MAIL_DIR: .eml files named after the kind and the Message-ID). */
  const noticeMails = (noticeId: string) => {
    const dir = join(app.config.mail.dir);
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.eml') && f.includes('notice-served') && f.includes(noticeId)) : [];
  };

  it('brings every case to NOTICE_SENT after Redis is wiped while cases wait in FILED and SCREENING', async () => {
    // Cases waiting in SCREENING: intake ran, their screening jobs sit in Redis.
    await worker(QueueName.SCREEN).pause();
    const screening = [await file(), await file(), await file()];
    for (const id of screening) await waitFor(async () => (await statusOf(id)) === 'SCREENING' && (await job(QueueName.SCREEN, `screen-${id}`)), `case ${id} in SCREENING with its job queued`);
    // Cases waiting in FILED: their intake jobs sit in Redis.
    await worker(QueueName.INTAKE).pause();
    const filed = [await file(), await file(), await file()];
    for (const id of filed) await waitFor(async () => job(QueueName.INTAKE, `intake-${id}`), `the intake job of ${id} in Redis`);

    await redis.wipe();
    for (const id of filed) expect(await job(QueueName.INTAKE, `intake-${id}`)).toBeUndefined();
    for (const id of screening) expect(await job(QueueName.SCREEN, `screen-${id}`)).toBeUndefined();
    const wipedAt = Date.now();
    await worker(QueueName.INTAKE).resume();
    await worker(QueueName.SCREEN).resume();

    const all = [...filed, ...screening];
    for (const id of all) await waitFor(async () => (await statusOf(id)) === 'NOTICE_SENT', `case ${id} to reach NOTICE_SENT after the wipe`, 60_000 - (Date.now() - wipedAt), 100);
    expect(Date.now() - wipedAt).toBeLessThan(60_000);

    // The schedulers came back by themselves (every worker upserts them periodically).
    expect(await app.queues.get(QueueName.MAINTENANCE).getJobScheduler('reconcile')).toBeTruthy();
    expect(await app.queues.get(QueueName.MAINTENANCE).getJobScheduler('deadline-sweep')).toBeTruthy();

    for (const id of all) {
      const events = await eventsOf(id);
      expect(events.filter((e) => e.type === 'NOTICE_SENT')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'INTAKE_ACCEPTED')).toHaveLength(1);
      const repaired = events.filter((e) => e.type === 'JOB_REPAIRED');
      expect(repaired.length).toBeGreaterThanOrEqual(1);
      expect(repaired[0].detail).toMatchObject({ reason: 'missing', jobId: filed.includes(id) ? `intake-${id}` : `screen-${id}` });
      const notices = await app.db.reads.em.find(NoticeEntity, { where: { caseId: id } });
      expect(notices).toHaveLength(1);
      // The notice's mail (serve-notice job, queued after the wipe) goes out once.
      await waitFor(async () => noticeMails(notices[0].id).length > 0, `the notice mail of case ${id}`, 20_000);
      expect(noticeMails(notices[0].id)).toHaveLength(1);
    }
  });

  it('re-creates a job whose retries ran out once the fault has passed, and shows it to admins meanwhile', async () => {
    const fault = await injectFault(app);
    let ids: string[];
    try {
      ids = [await file(), await file()];
      // Screening cannot write its assessment: eight tries, then the job is in the failed set.
      const listed = await waitFor(async () => {
        const data = await ok(app.url, '{ failedJobs(first: 100) { queue jobId name failedReason attemptsMade finishedOn } }', {}, adminToken);
        const mine = data.failedJobs.filter((j: any) => ids.some((id) => j.jobId === `screen-${id}`));
        return mine.length === ids.length && mine;
      }, 'both screening jobs in the failed set', 40_000, 100);
      for (const j of listed) {
        expect(j).toMatchObject({ queue: 'screen', name: 'screen', attemptsMade: 8 });
        expect(j.failedReason).toContain(FAULT);
        expect(Date.parse(j.finishedOn)).not.toBeNaN();
      }
      for (const id of ids) expect(await statusOf(id)).toBe('SCREENING');
      // Only admins see them.
      expect((await fails(app.url, '{ failedJobs { jobId } }', {}, creator.token)).code).toBe('FORBIDDEN');
    } finally {
      await fault.heal();
    }

    for (const id of ids) await waitFor(async () => (await statusOf(id)) === 'NOTICE_SENT', `case ${id} to reach NOTICE_SENT once the fault passed`, 45_000, 100);
    for (const id of ids) {
      const events = await eventsOf(id);
      expect(events.filter((e) => e.type === 'NOTICE_SENT')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'ASSESSED')).toHaveLength(1);
      const repaired = events.filter((e) => e.type === 'JOB_REPAIRED');
      expect(repaired.length).toBeGreaterThanOrEqual(1);
      expect(repaired.every((e) => e.detail.jobId === `screen-${id}` && e.detail.reason === 'failed')).toBe(true);
      expect(repaired.length).toBeLessThanOrEqual(5);
      expect(await app.db.reads.em.count(NoticeEntity, { where: { caseId: id } })).toBe(1);
    }
    // The re-created jobs completed: the failed set no longer has them.
    const after = await ok(app.url, '{ failedJobs(first: 100) { jobId } }', {}, adminToken);
    expect(after.failedJobs.filter((j: any) => ids.some((id) => j.jobId === `screen-${id}`))).toEqual([]);
  });
});
