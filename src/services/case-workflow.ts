import type { JobDraft, Queryable, Tx } from '../persistence/database';
import * as caseEvents from '../persistence/repositories/case-event.repository';
import * as cases from '../persistence/repositories/case.repository';
import * as mandates from '../persistence/repositories/mandate.repository';
import {
  Actor, ActorKind, CaseState, Command, EventDraft, initialState, transition,
} from '../domain/case/case-machine';
import { CaseEffect, CaseMove, effectsOf, EVENT_EFFECTS } from '../domain/case/effects';
import type { EligibilityOutcome } from '../domain/types';
import { CaseStatus } from '../domain/enums';
import { actorFor, isParty, needsPrincipals } from '../policies';
import { requireConfirmedEmail } from '../policies/guards';
import type { CaseEntity, CaseEventEntity } from '../persistence/entities';
import type { Viewer } from '../policies/context';
import { AppError, conflict, notFound } from '../domain/errors';

/** One applied command, as a transition effect's handler sees it. */
export interface AppliedMove extends CaseMove {
  commandData: Command;
  actor: Actor;
  /** Screening's eligibility outcome, when the move comes from screening (the cross-border referral reads it). */
  eligibility: EligibilityOutcome | null;
}

/** Runs one transition effect inside the transaction, after the case row and its events are written. */
export type TransitionEffectHandler = (tx: Tx, row: CaseEntity, move: AppliedMove, now: Date) => Promise<void> | void;

/** Runs one event effect inside the transaction, for a batch of events just appended. */
export type EventEffectHandler = (tx: Tx, row: CaseEntity, events: CaseEventEntity[]) => Promise<void> | void;

type EventEffect = CaseEffect.NOTIFY | CaseEffect.PUBLISH;

/** One handler per effect of src/domain/case/effects.ts (the composition root, src/services/index.ts, supplies them). */
export type EffectHandlers =
  & { [E in CaseEffect.NOTIFY | CaseEffect.PUBLISH]: EventEffectHandler }
  & { [E in Exclude<CaseEffect, CaseEffect.NOTIFY | CaseEffect.PUBLISH>]: TransitionEffectHandler };

/** The machine state of a stored case. */
export function stateOf(row: CaseEntity): CaseState {
  return { ...initialState(), ...(row.machine as Partial<CaseState>), status: row.status, outcome: row.outcome, resolution: row.resolution };
}

/**
 * Reads the principals of the cases whose row check needs them for this
 * viewer (a creator who is not the complainant may be a principal: see
 * needsPrincipals in src/policies/case.policy.ts) and sets
 * `principalIds` on those rows, in one statement; none when no row needs them.
 */
export async function withPrincipals<T extends CaseEntity>(q: Queryable, viewer: Viewer | null, rows: T[]): Promise<T[]> {
  const missing = rows.filter((r) => needsPrincipals(viewer, r));
  if (!missing.length) return rows;
  const links = await mandates.principalLinksOfCases(q, [...new Set(missing.map((r) => r.id))]);
  for (const row of missing) row.principalIds = links.filter((l) => l.caseId === row.id).map((l) => l.principalId);
  return rows;
}

/** Who may see a case is decided in src/policies (one rule for rows, lists and subscriptions); re-exported for the workflow's callers. */
export { actorFor, canSeeCase as canSee } from '../policies';

/**
 * Moves cases: asks the domain state machine, writes the guarded update
 * (id, version, status) and appends the events, all inside the caller's
 * transaction. The only code that writes `case.status`.
 */
export class CaseWorkflow {
  private handlers: EffectHandlers | null = null;

  /**
   * The handlers of the effects table (src/domain/case/effects.ts), given once
   * by the composition root. The table decides which run and in what order;
   * a handler only does its effect.
   */
  useEffects(handlers: EffectHandlers): void {
    this.handlers = handlers;
  }

  private get effects(): EffectHandlers {
    if (!this.handlers) throw new Error('CaseWorkflow has no effect handlers: createServices() gives them');
    return this.handlers;
  }

  /** Loads a case for a change (row-locked on PostgreSQL). */
  async load(tx: Tx, caseId: string): Promise<CaseEntity> {
    const row = await cases.caseForUpdate(tx, caseId);
    if (!row) throw notFound('Case', caseId);
    return row;
  }

  /** Loads a case the viewer may act on; another party's case is NOT_FOUND, exactly like a missing one. */
  async loadFor(tx: Tx, caseId: string, viewer: Viewer): Promise<{ row: CaseEntity; actor: Actor }> {
    const row = await this.load(tx, caseId).catch((e) => { throw e instanceof AppError ? notFound('Case', caseId) : e; });
    await withPrincipals(tx, viewer, [row]);
    const actor = actorFor(viewer, row);
    if (!actor) throw notFound('Case', caseId);
    if (isParty(actor)) requireConfirmedEmail(viewer, 'act on a case');
    return { row, actor };
  }

  /**
   * Applies a command. Refusals become INVALID_TRANSITION (with the current
   * status and allowed moves) or FORBIDDEN; a lost race becomes CONFLICT.
   * `options.jobs`: the jobs the move starts, written with it (their outbox rows commit with the move).
   */
  async apply(tx: Tx, row: CaseEntity, command: Command, actor: Actor, now: Date,
    options: { idempotencyKey?: string; extra?: Pick<cases.CaseMoveFields, 'mediatorId'>; eligibility?: EligibilityOutcome | null; jobs?: readonly JobDraft[] } = {}): Promise<CaseEventEntity[]> {
    const result = transition(stateOf(row), command, actor, now);
    if (!result.ok) {
      throw new AppError(result.code, result.message, { status: result.status, allowed: result.allowed, reason: result.reason });
    }
    const { status, outcome, resolution, ...machine } = result.state;
    const changes: Omit<cases.CaseMoveFields, 'updatedAt'> = { status, outcome, resolution, machine, ...options.extra };
    if (status === CaseStatus.CLOSED && row.status !== CaseStatus.CLOSED) changes.closedAt = now;
    if (status === CaseStatus.NOTICE_SENT && !row.noticeSentAt) changes.noticeSentAt = now;
    const from = row.status;
    // The case row, the move's events and the jobs it starts (options.jobs) together: one statement on PostgreSQL.
    const moved = await cases.moveCase(tx, row, { ...changes, updatedAt: now }, eventFields(result.events, actor, now, options.idempotencyKey), options.jobs);
    if (!moved.moved) throw conflict();
    Object.assign(row, changes, { version: row.version + 1, updatedAt: now });
    const events = moved.events;
    if (events.length > 0) for (const effect of EVENT_EFFECTS as EventEffect[]) await this.effects[effect](tx, row, events);
    const move: AppliedMove = {
      from, to: status, command: command.type, mediatorAssigned: !!row.mediatorId, commandData: command, actor, eligibility: options.eligibility ?? null,
    };
    for (const effect of effectsOf(move)) await (this.effects[effect] as TransitionEffectHandler)(tx, row, move, now);
    return events;
  }

  /** Appends events that do not move the case (evidence, offers, assessments …). */
  async record(tx: Tx, row: CaseEntity, drafts: EventDraft[], actor: Actor, now: Date, idempotencyKey?: string): Promise<CaseEventEntity[]> {
    return this.append(tx, row, drafts, actor, now, idempotencyKey);
  }

  /**
   * Writes a new case with its reference numbered (`numbering`; the first event's detail names it), the works
   * it concerns, its first event and the outbox row of its first job (cases.insertFiledCase: one statement on
   * PostgreSQL), then runs the event's effects as record does.
   */
  async open(tx: Tx, fields: Omit<Partial<CaseEntity>, 'reference'>, workIds: readonly string[], draft: EventDraft, actor: Actor, now: Date, job: JobDraft,
    numbering: cases.Numbering): Promise<CaseEntity> {
    const { row, events } = await cases.insertFiledCase(tx, fields, workIds, eventFields([draft], actor, now)[0], job, numbering);
    for (const effect of EVENT_EFFECTS as EventEffect[]) await this.effects[effect](tx, row, events);
    return row;
  }

  private async append(tx: Tx, row: CaseEntity, drafts: EventDraft[], actor: Actor, now: Date, idempotencyKey?: string): Promise<CaseEventEntity[]> {
    if (drafts.length === 0) return [];
    // Numbered after the case's last event; a duplicate idempotency key (a job run twice) is a CONFLICT (case-event.repository).
    const rows = await caseEvents.appendEvents(tx, row.id, eventFields(drafts, actor, now, idempotencyKey));
    for (const effect of EVENT_EFFECTS as EventEffect[]) await this.effects[effect](tx, row, rows);
    return rows;
  }
}

/** Event rows of drafts by one actor (the idempotency key goes on the first). */
function eventFields(drafts: EventDraft[], actor: Actor, now: Date, idempotencyKey?: string): caseEvents.EventFields[] {
  return drafts.map((d, i) => ({
    type: d.type, fromStatus: d.fromStatus, toStatus: d.toStatus,
    actorId: actor.kind === ActorKind.SYSTEM ? null : actor.accountId ?? null, actorRole: actor.kind,
    detail: d.detail ?? {}, idempotencyKey: i === 0 && idempotencyKey ? idempotencyKey : null, at: d.occurredAt ?? now,
  }));
}
