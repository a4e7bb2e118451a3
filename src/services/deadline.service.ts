import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config/env';
import type { Database, Tx } from '../persistence/database';
import { Command, SYSTEM_ACTOR } from '../domain/case/case-machine';
import { deadlinePlan, EXPIRY_COMMAND, WINDOW_PARTY } from '../domain/case/deadline-policy';
import { DeadlineKind, DeadlineState } from '../domain/enums';
import { reminderTimes } from '../domain/time/windows';
import type { CaseEntity, DeadlineEntity } from '../persistence/entities';
import * as deadlines from '../persistence/repositories/deadline.repository';
import { jobId, QueueName } from '../domain/queues';
import type { AppliedMove, CaseWorkflow } from './case-workflow';
import { AppError } from '../domain/errors';

/** How many overdue deadlines one sweep takes. */
const SWEEP_BATCH = 500;

/**
 * Deadlines: a row per running window (the truth) plus a delayed job per row
 * and per reminder. A deadline fires exactly once: the PENDING → FIRED update is
 * guarded, so the job, a redelivered job and the sweep cannot all win.
 */
export class DeadlineService {
  constructor(private readonly db: Database, private readonly config: Config, private readonly workflow: CaseWorkflow, private readonly log: Logger) {}

  /** Effect WINDOWS (src/domain/case/effects.ts): cancels, starts and extends the windows the move's deadline plan names. */
  async applyWindows(tx: Tx, row: CaseEntity, move: AppliedMove, now: Date): Promise<void> {
    const plan = deadlinePlan(move.from, move.to, move.command, move.mediatorAssigned);
    if (plan.cancel.length) await this.cancel(tx, row.id, plan.cancel);
    for (const kind of plan.start) await this.start(tx, row.id, kind, now);
    for (const { kind, by } of plan.extend) await this.extend(tx, row.id, kind, this.config.windows[by], now);
  }

  windowMs(kind: DeadlineKind): number {
    return this.config.windows[kind];
  }

  async start(tx: Tx, caseId: string, kind: DeadlineKind, now: Date, dueAt = new Date(now.getTime() + this.windowMs(kind))): Promise<DeadlineEntity> {
    await this.cancel(tx, caseId, [kind]);
    const row = await deadlines.insertDeadline(tx, { id: randomUUID(), caseId, kind, startsAt: now, dueAt, state: DeadlineState.PENDING, remindersSent: 0, firedAt: null, createdAt: now });
    await tx.enqueue({ queue: QueueName.DEADLINE, name: 'fire', jobId: jobId('deadline', row.id), payload: { deadlineId: row.id }, runAt: dueAt });
    const reminders = reminderTimes(now, dueAt);
    for (const [i, at] of reminders.entries()) {
      await tx.enqueue({ queue: QueueName.DEADLINE, name: 'remind', jobId: jobId('remind', row.id, i + 1), payload: { deadlineId: row.id, n: i + 1 }, runAt: at });
    }
    return row;
  }

  async cancel(tx: Tx, caseId: string, kinds: DeadlineKind[]): Promise<void> {
    await deadlines.cancelPendingOfKinds(tx, caseId, kinds);
  }

  /** Moves a running window's end later (one extension): a new row, the old one cancelled. */
  async extend(tx: Tx, caseId: string, kind: DeadlineKind, byMs: number, now: Date): Promise<void> {
    const current = await deadlines.pendingDeadlineOfKind(tx, caseId, kind);
    const base = current ? current.dueAt : now;
    await this.start(tx, caseId, kind, current?.startsAt ?? now, new Date(base.getTime() + byMs));
  }

  async pending(caseId: string): Promise<DeadlineEntity[]> {
    return deadlines.pendingDeadlinesOf(this.db.reads, caseId);
  }

  /** Fires one deadline if it is still pending and due. Returns whether this call fired it. */
  async fire(deadlineId: string, now: Date, via: 'job' | 'sweep'): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const deadline = await deadlines.deadlineById(tx, deadlineId);
      if (!deadline || deadline.state !== 'PENDING') return false;
      if (deadline.dueAt.getTime() > now.getTime()) return false; // a job that ran early (clock skew): the sweep will take it
      // Case row first, then its deadlines: the same lock order as every party action (no deadlock on PostgreSQL).
      const row = await this.workflow.load(tx, deadline.caseId);
      if (!(await deadlines.markFiredIfPending(tx, deadlineId, now))) return false;
      const commandType = EXPIRY_COMMAND[deadline.kind];
      const key = `deadline-${deadline.id}`;
      if (commandType) {
        try {
          await this.workflow.apply(tx, row, { type: commandType } as Command, SYSTEM_ACTOR, now, { idempotencyKey: key });
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'INVALID_TRANSITION') throw error;
          this.log.warn({ deadlineId, kind: deadline.kind, status: row.status }, 'deadline expired after the case moved on; nothing to do');
        }
      } else {
        await this.workflow.record(tx, row, [{
          type: deadline.kind === DeadlineKind.ACKNOWLEDGE ? 'ACKNOWLEDGEMENT_OVERDUE' : 'MEDIATOR_ASSIGNMENT_OVERDUE',
          fromStatus: row.status, toStatus: row.status, detail: { deadlineId: deadline.id, kind: deadline.kind, dueAt: deadline.dueAt.toISOString(), via },
        }], SYSTEM_ACTOR, now, key);
      }
      return true;
    });
  }

  /** Sends reminder n of a deadline if it is still pending. */
  async remind(deadlineId: string, n: number, now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const deadline = await deadlines.deadlineById(tx, deadlineId);
      if (!deadline || deadline.state !== 'PENDING' || deadline.remindersSent >= n) return false;
      const row = await this.workflow.load(tx, deadline.caseId); // case row first (lock order)
      const fresh = await deadlines.deadlineById(tx, deadlineId);
      if (!fresh || fresh.state !== 'PENDING' || fresh.remindersSent >= n) return false;
      await deadlines.setRemindersSent(tx, deadlineId, n);
      await this.workflow.record(tx, row, [{
        type: 'DEADLINE_REMINDER', fromStatus: row.status, toStatus: row.status,
        detail: { deadlineId, kind: deadline.kind, dueAt: deadline.dueAt.toISOString(), reminder: n, parties: WINDOW_PARTY[deadline.kind] },
      }], SYSTEM_ACTOR, now, `remind-${deadlineId}-${n}`);
      return true;
    });
  }

  /** Fires every overdue deadline whose job was lost or late. Returns how many this sweep fired. */
  async sweep(now: Date): Promise<number> {
    const overdue = await deadlines.overdueDeadlines(this.db.reads, now, SWEEP_BATCH);
    let fired = 0;
    for (const d of overdue) if (await this.fire(d.id, now, 'sweep')) fired += 1;
    if (fired) this.log.info({ fired }, 'deadline sweep fired overdue deadlines');
    return fired;
  }
}
