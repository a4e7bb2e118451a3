import type { Logger } from 'pino';
import type { Config } from '../config/env';
import type { Database, JobDraft, Tx } from '../persistence/database';
import type { CaseEntity, JobRepairEntity } from '../persistence/entities';
import * as cases from '../persistence/repositories/case.repository';
import * as notices from '../persistence/repositories/notice.repository';
import * as outbox from '../persistence/repositories/outbox.repository';
import * as repairs from '../persistence/repositories/job-repair.repository';
import * as deliveries from '../persistence/repositories/webhook-delivery.repository';
import * as evidenceRows from '../persistence/repositories/evidence.repository';
import { SYSTEM_ACTOR } from '../domain/case/case-machine';
import { CaseEventType } from '../domain/case/case-state';
import { CaseStatus, Role, ServiceChannel, WebhookDeliveryStatus } from '../domain/enums';
import { jobId, QueueName } from '../domain/queues';
import { requireRole } from '../policies/guards';
import type { RequestContext } from '../policies/context';
import type { FailedJob, JobInspector } from '../infra/queues/job-inspector';
import type { CaseWorkflow } from './case-workflow';
import { ASSIGN_MEDIATOR_JOB } from './mediation.service';
import { deliveryJobId } from './webhook.service';
import { serveNoticeJobId } from './notice.service';

/** How many cases, notices and deliveries one pass examines of each kind (oldest first; the next pass takes the rest). */
const PASS_BATCH = 200;
/** Most failed jobs the `failedJobs` query lists. */
export const MAX_FAILED_JOBS = 200;

/** Why a job is re-created: BullMQ no longer knows it (Redis lost it), or it is in the failed set (its retries ran out). */
export type RepairReason = 'missing' | 'failed';

/** What one pass did (logged; the reconcile job returns it). */
export interface ReconcileReport { examined: number; repaired: number; exhausted: number }

/** A job the database says should exist, and what it belongs to. */
interface Expected { draft: JobDraft; caseId: string | null; check(tx: Tx): Promise<CaseEntity | null | 'ok'> }

/**
 * Makes the database the source of truth for the work BullMQ holds. A pass
 * looks at what expects a job — a case in FILED (`intake-<id>`), SCREENING
 * (`screen-<id>`), MEDIATION without a mediator (`assign-<id>-<version>`), a
 * notice not yet served by email (`serve-notice-<id>`), an output-sample file of a
 * case past screening not yet triaged (`triage-<evidenceId>`), a PENDING webhook
 * delivery whose job failed (`webhook-<id>`; lost ones are the webhook sweep's) —
 * and asks BullMQ (through the JobInspector) whether that job is still on its
 * way. One that BullMQ lost, or that sits in the failed set, is written to the
 * outbox again under the SAME id (a failed one is first taken out of the failed
 * set), so the relay re-adds it and the idempotent processor finishes the work.
 * Overdue deadlines are the deadline sweep's (DeadlineService.sweep), on the same
 * maintenance queue.
 *
 * Each repair is recorded in `job_repair` (count, next allowed moment: the
 * backoff doubles from RECONCILE_BACKOFF) and in the case's history
 * (JOB_REPAIRED); after RECONCILE_MAX_REPAIRS the job is left in the failed set
 * for an admin to see (failedJobs) and the history says so once
 * (JOB_REPAIRS_EXHAUSTED). Safe in every worker at once: each repair re-checks,
 * under the case's (or delivery's) row lock, that nothing changed and that no
 * other reconciler repaired the job meanwhile.
 */
export class ReconcilerService {
  private jobs: JobInspector | null = null;
  /** Repairs made by this process since it started (for logs and metrics). */
  readonly totals = { passes: 0, repaired: 0, exhausted: 0 };

  constructor(private readonly db: Database, private readonly config: Config, private readonly workflow: CaseWorkflow, private readonly log: Logger) {}

  /** The BullMQ side, given once Redis is connected (src/app.ts). */
  useJobs(inspector: JobInspector): void {
    this.jobs = inspector;
  }

  private get inspector(): JobInspector {
    if (!this.jobs) throw new Error('ReconcilerService has no JobInspector: src/app.ts gives it once the queues exist');
    return this.jobs;
  }

  /** ADMIN: the jobs in BullMQ's failed sets, newest first (at most `first`, 200 at most). */
  async failedJobs(ctx: RequestContext, first: number | null | undefined): Promise<FailedJob[]> {
    requireRole(ctx, Role.ADMIN);
    const limit = Math.min(MAX_FAILED_JOBS, Math.max(1, first ?? 50));
    return this.inspector.failed(limit);
  }

  /** One pass (the maintenance queue's `reconcile` job, src/jobs/reconcile.job.ts). */
  async reconcile(now: Date): Promise<ReconcileReport> {
    const before = new Date(now.getTime() - this.config.reconcile.graceMs);
    const expected: Expected[] = [];
    for (const row of await cases.casesExpectingJobs(this.db.reads, before, PASS_BATCH)) {
      const draft = caseJob(row);
      if (draft) expected.push({ draft, caseId: row.id, check: (tx) => this.unchangedCase(tx, row) });
    }
    for (const notice of await notices.noticesAwaitingEmail(this.db.reads, before, PASS_BATCH)) {
      expected.push({
        draft: { queue: QueueName.MAIL, name: 'serve-notice', jobId: serveNoticeJobId(notice.id, Number((notice.summary as Record<string, unknown>)?.emailServiceRound ?? 0)), payload: { noticeId: notice.id } },
        caseId: notice.caseId, check: (tx) => this.unservedNotice(tx, notice.caseId, notice.id),
      });
    }
    // Evidence files past screening whose triage job (issue 17) never ran: screening triages the earlier ones itself.
    for (const e of await evidenceRows.evidenceAwaitingTriage(this.db.reads, before, PASS_BATCH)) {
      expected.push({
        draft: { queue: QueueName.SCREEN, name: 'triage-similarity', jobId: jobId('triage', e.id), payload: { caseId: e.caseId, evidenceId: e.id } },
        caseId: e.caseId, check: (tx) => this.awaitingTriage(tx, e.caseId, e.id),
      });
    }
    const webhookJobs = new Set<string>();
    for (const d of await deliveries.pendingDeliveries(this.db.reads, PASS_BATCH)) {
      if ((d.redeliveredAt ?? d.createdAt).getTime() > before.getTime()) continue;
      // The job of the delivery's current round (redeliverWebhook starts a new one under a new id).
      const draft = { queue: QueueName.WEBHOOK, name: 'deliver', jobId: deliveryJobId(d.id, d.redeliveries), payload: { deliveryId: d.id } };
      webhookJobs.add(draft.jobId);
      expected.push({
        draft, caseId: null,
        check: async (tx) => ((await deliveries.lockedDelivery(tx, d.id))?.status === WebhookDeliveryStatus.PENDING ? 'ok' : null),
      });
    }
    const report: ReconcileReport = { examined: expected.length, repaired: 0, exhausted: 0 };
    if (expected.length === 0) return this.done(report);
    const ids = expected.map((e) => e.draft.jobId);
    const [onTheWay, records] = await Promise.all([outbox.jobIdsAwaitingDispatch(this.db.reads, ids), repairs.repairsOf(this.db.reads, ids)]);
    for (const item of expected) {
      if (onTheWay.has(item.draft.jobId)) continue; // the relay has not sent it yet
      try {
        const { standing, finishedAt } = await this.inspector.standing(item.draft.queue, item.draft.jobId);
        if (standing === 'pending' || standing === 'completed') continue;
        // A lost webhook job is the webhook sweep's (it knows each delivery's backoff); a failed one is ours.
        if (standing === 'missing' && webhookJobs.has(item.draft.jobId)) continue;
        const record = records.get(item.draft.jobId) ?? null;
        // A failed job stays in the failed set (where admins see it) for the backoff before it is tried again.
        if (standing === 'failed' && finishedAt && now.getTime() < finishedAt.getTime() + this.backoff(record?.repairs ?? 0)) continue;
        const outcome = await this.repair(item, standing, record, now);
        if (outcome === 'repaired') report.repaired += 1;
        if (outcome === 'exhausted') report.exhausted += 1;
      } catch (error) {
        this.log.warn({ err: error, jobId: item.draft.jobId }, 'reconciler could not repair a job; the next pass tries again');
      }
    }
    return this.done(report);
  }

  private done(report: ReconcileReport): ReconcileReport {
    this.totals.passes += 1;
    this.totals.repaired += report.repaired;
    this.totals.exhausted += report.exhausted;
    if (report.repaired || report.exhausted) this.log.info({ ...report, totals: this.totals }, 'reconciler re-created jobs BullMQ had lost or failed');
    return report;
  }

  /** The backoff before repair n + 1 of one job (n repairs made): RECONCILE_BACKOFF · 2^n. */
  private backoff(n: number): number {
    return this.config.reconcile.backoffMs * 2 ** Math.min(20, n);
  }

  private async repair(item: Expected, reason: RepairReason, record: JobRepairEntity | null, now: Date): Promise<'repaired' | 'exhausted' | 'skipped'> {
    const made = record?.repairs ?? 0;
    if (record?.gaveUpAt) return 'skipped';
    if (record?.nextRepairAt && record.nextRepairAt.getTime() > now.getTime()) return 'skipped';
    if (made >= this.config.reconcile.maxRepairs) return this.giveUp(item, reason, made, now);
    // A failed job leaves the failed set first, so that the same id can be added again (BullMQ ignores a duplicate id).
    if (reason === 'failed' && !(await this.inspector.removeFailed(item.draft.queue, item.draft.jobId))) return 'skipped';
    return this.db.transaction(async (tx) => {
      const owner = await item.check(tx);
      if (!owner) return 'skipped';
      const current = await repairs.repairOf(tx, item.draft.jobId);
      if ((current?.repairs ?? 0) !== made) return 'skipped'; // another reconciler repaired it meanwhile
      const n = made + 1;
      await repairs.saveRepair(tx, {
        jobId: item.draft.jobId, queue: item.draft.queue, caseId: item.caseId, repairs: n, lastRepairedAt: now,
        nextRepairAt: new Date(now.getTime() + this.backoff(made)), gaveUpAt: null,
      });
      if (owner !== 'ok') {
        await this.workflow.record(tx, owner, [{
          type: CaseEventType.JOB_REPAIRED, fromStatus: owner.status, toStatus: owner.status,
          detail: { queue: item.draft.queue, job: item.draft.name, jobId: item.draft.jobId, reason, repair: n, maxRepairs: this.config.reconcile.maxRepairs },
        }], SYSTEM_ACTOR, now);
      }
      await tx.enqueue(item.draft);
      return 'repaired';
    });
  }

  private async giveUp(item: Expected, reason: RepairReason, made: number, now: Date): Promise<'exhausted' | 'skipped'> {
    return this.db.transaction(async (tx) => {
      const owner = await item.check(tx);
      if (!owner) return 'skipped';
      const current = await repairs.repairOf(tx, item.draft.jobId);
      if (!current || current.gaveUpAt) return 'skipped';
      await repairs.saveRepair(tx, { ...current, gaveUpAt: now, nextRepairAt: null });
      if (owner !== 'ok') {
        await this.workflow.record(tx, owner, [{
          type: CaseEventType.JOB_REPAIRS_EXHAUSTED, fromStatus: owner.status, toStatus: owner.status,
          detail: { queue: item.draft.queue, job: item.draft.name, jobId: item.draft.jobId, reason, repairs: made },
        }], SYSTEM_ACTOR, now);
      }
      this.log.error({ jobId: item.draft.jobId, queue: item.draft.queue, repairs: made }, 'reconciler gave up on a job after its last repair; it is left for an admin (failedJobs)');
      return 'exhausted';
    });
  }

  /** The case locked, if the evidence still awaits its triage (same check as the triage service's). */
  private async awaitingTriage(tx: Tx, caseId: string, evidenceId: string): Promise<CaseEntity | null> {
    const row = await this.workflow.load(tx, caseId);
    const evidence = await evidenceRows.evidenceById(tx, evidenceId);
    return evidence && evidence.caseId === caseId && evidence.fileId && evidence.triageComputedAt == null && row.status !== CaseStatus.CLOSED ? row : null;
  }

  /** The notice's case locked (case first: the lock order of every writer), if the notice is still not served by email. */
  private async unservedNotice(tx: Tx, caseId: string, noticeId: string): Promise<CaseEntity | null> {
    const row = await this.workflow.load(tx, caseId);
    const notice = await notices.lockedNotice(tx, { id: noticeId });
    const attempts = (notice?.serviceAttempts ?? []) as Array<{ channel: string; ok: boolean; permanent?: boolean }>;
    if (!notice || attempts.some((a) => a.channel === ServiceChannel.EMAIL && (a.ok || a.permanent))) return null;
    return row;
  }

  /** The case locked, if it is still as the pass saw it (same status and version); null when it moved on. */
  private async unchangedCase(tx: Tx, seen: CaseEntity): Promise<CaseEntity | null> {
    const row = await this.workflow.load(tx, seen.id);
    if (row.status !== seen.status || row.version !== seen.version) return null;
    if (row.status === CaseStatus.MEDIATION && row.mediatorId) return null;
    return row;
  }
}

/**
 * The job a case's status expects, with the id its service gave it: CaseService.fileComplaint
 * (`intake-<id>`), CaseService.intake (`screen-<id>`), MediationService.queueAssignment (`assign-<id>-<version>`).
 */
function caseJob(row: CaseEntity): JobDraft | null {
  const payload = { caseId: row.id };
  switch (row.status) {
    case CaseStatus.FILED: return { queue: QueueName.INTAKE, name: 'intake', jobId: jobId('intake', row.id), payload };
    case CaseStatus.SCREENING: return { queue: QueueName.SCREEN, name: 'screen', jobId: jobId('screen', row.id), payload };
    case CaseStatus.MEDIATION: return row.mediatorId ? null : { queue: QueueName.MEDIATION, name: ASSIGN_MEDIATOR_JOB, jobId: jobId('assign', row.id, row.version), payload };
    default: return null;
  }
}

