import type { Tx } from '../persistence/database';
import { findIn } from '../persistence/sqlite/fast-read';
import { guardedUpdate as guardedUpdateRow, insertRows } from '../persistence/sqlite/fast-write';
import {
  Actor, ActorKind, CaseState, Command, EventDraft, initialState, transition,
} from '../domain/case/case-machine';
import { CaseStatus } from '../domain/enums';
import { actorFor } from '../policies';
import { CaseEntity, CaseEventEntity } from '../persistence/entities';
import type { Viewer } from './context';
import { AppError, conflict, notFound } from '../domain/errors';

/** What the workflow tells its listeners after each committed batch of events. */
export type CaseEventListener = (caseRow: CaseEntity, events: CaseEventEntity[], tx: Tx) => Promise<void> | void;

/** Told of every applied command, inside the transaction, after the case row and events are written. */
export type TransitionListener = (tx: Tx, caseRow: CaseEntity, move: { from: CaseStatus; to: CaseStatus; command: Command; actor: Actor }, now: Date) => Promise<void> | void;


/** The machine state of a stored case. */
export function stateOf(row: CaseEntity): CaseState {
  return { ...initialState(), ...(row.machine as Partial<CaseState>), status: row.status, outcome: row.outcome, resolution: row.resolution };
}

/** Who may see a case is decided in src/policies (one rule for rows, lists and subscriptions); re-exported for the workflow's callers. */
export { actorFor, canSeeCase as canSee } from '../policies';

/**
 * Moves cases: asks the domain state machine, writes the guarded update
 * (id, version, status) and appends the events, all inside the caller's
 * transaction. The only code that writes `case.status`.
 */
export class CaseWorkflow {
  private readonly listeners: CaseEventListener[] = [];
  private readonly transitionListeners: TransitionListener[] = [];

  onEvents(listener: CaseEventListener): void {
    this.listeners.push(listener);
  }

  onTransition(listener: TransitionListener): void {
    this.transitionListeners.push(listener);
  }

  /** Loads a case for a change (row-locked on PostgreSQL). */
  async load(tx: Tx, caseId: string): Promise<CaseEntity> {
    const [row] = await findIn(tx.em, CaseEntity, 'id', [caseId], { forUpdate: true });
    if (!row) throw notFound('Case', caseId);
    return row;
  }

  /** Loads a case the viewer may act on; another party's case is NOT_FOUND, exactly like a missing one. */
  async loadFor(tx: Tx, caseId: string, viewer: Viewer): Promise<{ row: CaseEntity; actor: Actor }> {
    const row = await this.load(tx, caseId).catch((e) => { throw e instanceof AppError ? notFound('Case', caseId) : e; });
    const actor = actorFor(viewer, row);
    if (!actor) throw notFound('Case', caseId);
    return { row, actor };
  }

  /**
   * Applies a command. Refusals become INVALID_TRANSITION (with the current
   * status and allowed moves) or FORBIDDEN; a lost race becomes CONFLICT.
   */
  async apply(tx: Tx, row: CaseEntity, command: Command, actor: Actor, now: Date,
    options: { idempotencyKey?: string; extra?: Partial<CaseEntity> } = {}): Promise<CaseEventEntity[]> {
    const result = transition(stateOf(row), command, actor, now);
    if (!result.ok) {
      throw new AppError(result.code, result.message, { status: result.status, allowed: result.allowed, reason: result.reason });
    }
    const { status, outcome, resolution, ...machine } = result.state;
    const changes: Partial<CaseEntity> = { status, outcome, resolution, machine, ...options.extra };
    if (status === CaseStatus.CLOSED && row.status !== CaseStatus.CLOSED) changes.closedAt = now;
    if (status === CaseStatus.NOTICE_SENT && !row.noticeSentAt) changes.noticeSentAt = now;
    const from = row.status;
    await this.guardedUpdate(tx, row, changes, now);
    const events = await this.append(tx, row, result.events, actor, now, options.idempotencyKey);
    for (const listener of this.transitionListeners) await listener(tx, row, { from, to: status, command, actor }, now);
    return events;
  }

  /** Appends events that do not move the case (evidence, offers, assessments …). */
  async record(tx: Tx, row: CaseEntity, drafts: EventDraft[], actor: Actor, now: Date, idempotencyKey?: string): Promise<CaseEventEntity[]> {
    return this.append(tx, row, drafts, actor, now, idempotencyKey);
  }

  private async guardedUpdate(tx: Tx, row: CaseEntity, changes: Partial<CaseEntity>, now: Date): Promise<void> {
    const affected = await guardedUpdateRow(tx.em, CaseEntity, { ...changes, updatedAt: now }, { id: row.id, version: row.version, status: row.status });
    if (affected === 0) throw conflict();
    Object.assign(row, changes, { version: row.version + 1, updatedAt: now });
  }

  private async append(tx: Tx, row: CaseEntity, drafts: EventDraft[], actor: Actor, now: Date, idempotencyKey?: string): Promise<CaseEventEntity[]> {
    if (drafts.length === 0) return [];
    // On PostgreSQL, appends to one case are serialised by its row lock (a no-op when this transaction holds it already).
    if (tx.kind === 'postgres') await tx.em.query('SELECT id FROM "case" WHERE id = $1 FOR UPDATE', [row.id]);
    const [last] = await tx.query<{ max: number | string | null }>(`SELECT MAX("seq") AS "max" FROM "case_event" WHERE "caseId" = ${tx.kind === 'postgres' ? '$1' : '?'}`, [row.id]);
    let seq = Number(last?.max ?? 0);
    const rows = drafts.map((d, i) => tx.em.create(CaseEventEntity, {
      caseId: row.id, seq: ++seq, type: d.type, fromStatus: d.fromStatus, toStatus: d.toStatus,
      actorId: actor.kind === ActorKind.SYSTEM ? null : actor.accountId ?? null, actorRole: actor.kind,
      detail: d.detail ?? {}, idempotencyKey: i === 0 && idempotencyKey ? idempotencyKey : null, at: d.occurredAt ?? now,
    }));
    try {
      await insertRows(tx.em, CaseEventEntity, rows);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict();
      throw error;
    }
    for (const listener of this.listeners) await listener(row, rows, tx);
    return rows;
  }
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
