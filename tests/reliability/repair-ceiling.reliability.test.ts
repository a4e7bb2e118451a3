import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp, waitFor } from '../support/harness';
import { ok } from '../support/client';
import { complaintInput, fileComplaint, getCase, registerWork, signUpCreator, signUpFirm } from '../support/factories';
import { admin } from '../support/staff';
import { FAULT, injectFault, PrivateRedis, REDIS_SERVER } from './support';

/**
 * The reconciler's ceiling: a fault that never passes gets RECONCILE_MAX_REPAIRS repairs (with a backoff that
 * doubles), then the reconciler stops, says so once in the case's history, and leaves the job in the failed
 * set for an admin. Short retries (JOB_RETRY_BASE) so that each round of eight tries takes about a second.
 */
describe.skipIf(!REDIS_SERVER)('the reconciler gives up after its ceiling', () => {
  let redis: PrivateRedis;
  let app: TestApp;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    app = await startTestApp({
      REDIS_URL: redis.url, SWEEP_INTERVAL: 'PT0.5S', RECONCILE_GRACE: 'PT1S', RECONCILE_BACKOFF: 'PT0.3S', RECONCILE_MAX_REPAIRS: '2', JOB_RETRY_BASE: 'PT0.01S',
    });
  });
  afterAll(async () => {
    await app?.stop();
    await redis?.destroy();
  });

  it('repairs a job RECONCILE_MAX_REPAIRS times, then leaves it failed and visible, with the history saying so', async () => {
    const creator = await signUpCreator(app.url);
    const firm = await signUpFirm(app.url);
    const adminToken = (await admin(app)).token;
    const fault = await injectFault(app);
    try {
      const work = await registerWork(app.url, creator.token);
      const { id } = await fileComplaint(app.url, creator.token, complaintInput(firm.firmId, [work.id]));
      const history = await waitFor(async () => {
        const events = (await getCase(app.url, creator.token, id)).events.edges.map((e: any) => e.node);
        return events.some((e: any) => e.type === 'JOB_REPAIRS_EXHAUSTED') && events;
      }, 'the reconciler to give up', 45_000, 100);
      const repaired = history.filter((e: any) => e.type === 'JOB_REPAIRED');
      expect(repaired.map((e: any) => e.detail.repair)).toEqual([1, 2]);
      expect(repaired.every((e: any) => e.detail.jobId === `screen-${id}` && e.detail.reason === 'failed')).toBe(true);
      expect(history.filter((e: any) => e.type === 'JOB_REPAIRS_EXHAUSTED')).toHaveLength(1);
      expect(history.find((e: any) => e.type === 'JOB_REPAIRS_EXHAUSTED').detail).toMatchObject({ jobId: `screen-${id}`, repairs: 2 });
      expect((await getCase(app.url, creator.token, id, 'status')).status).toBe('SCREENING');

      // Left for an admin: still in the failed set, and no further repair however many passes run.
      const failed = await ok(app.url, '{ failedJobs { jobId failedReason } }', {}, adminToken);
      expect(failed.failedJobs.find((j: any) => j.jobId === `screen-${id}`)?.failedReason).toContain(FAULT);
      const passes = app.services.reconciler.totals.passes;
      await waitFor(async () => app.services.reconciler.totals.passes >= passes + 3, 'three more reconciler passes', 20_000);
      const later = (await getCase(app.url, creator.token, id)).events.edges.map((e: any) => e.node);
      expect(later.filter((e: any) => e.type === 'JOB_REPAIRED')).toHaveLength(2);
      expect(later.filter((e: any) => e.type === 'JOB_REPAIRS_EXHAUSTED')).toHaveLength(1);
    } finally {
      await fault.heal();
    }
  });
});
