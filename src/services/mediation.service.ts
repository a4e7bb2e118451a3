import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../persistence/database';
import { Actor, ActorKind, allowedCommands, CommandType } from '../domain/case/case-machine';
import { CaseStatus, RecommendationFinding, Remedy, Role, MediationChannel } from '../domain/enums';
import type { CaseEntity, MediationSessionEntity, MediatorNoteEntity } from '../persistence/entities';
import { findAccountById, mediatorProfilesOf } from '../persistence/repositories/account.repository';
import { findFirm } from '../persistence/repositories/firm.repository';
import * as mediation from '../persistence/repositories/mediation.repository';
import { insertSettlement } from '../persistence/repositories/offer.repository';
import { jobId, QueueName } from '../domain/queues';
import { CaseWorkflow, stateOf } from './case-workflow';
import type { RequestContext } from '../policies/context';
import { AppError, badInput, forbidden, InputCheck } from '../domain/errors';
import { requireRole } from '../policies/guards';
import type { MediatorAssignmentService } from './mediator-assignment.service';


export interface RecommendationData { finding: RecommendationFinding; remedies: Remedy[]; amountJpy?: number | null; reasoning: string }

export const MAX_NOTE = 20_000;
export const MAX_REASONING = 20_000;
export const MAX_REASON = 2_000;

/** The job that picks a mediator for a case that entered MEDIATION without one. */
export const ASSIGN_MEDIATOR_JOB = 'assign-mediator';

/**
 * Mediation: asking for it, assigning the mediator (a job, or an admin's
 * override), the mediator's private notes, sessions, the one extension, the
 * recommendation and the parties' answers to it.
 */
export class MediationService {
  constructor(private readonly db: Database, private readonly workflow: CaseWorkflow, private readonly mediators: MediatorAssignmentService) {}

  /** Effect QUEUE_MEDIATOR_ASSIGNMENT (src/domain/case/effects.ts): entering MEDIATION with no mediator, the assignment job runs after commit (outbox row in this transaction). */
  async queueAssignment(tx: Tx, row: CaseEntity): Promise<void> {
    await tx.enqueue({ queue: QueueName.MEDIATION, name: ASSIGN_MEDIATOR_JOB, jobId: jobId('assign', row.id, row.version), payload: { caseId: row.id } });
  }

  /** Either party asks for a mediator at NEGOTIATION. */
  async requestMediation(ctx: RequestContext, caseId: string, reason: string | null | undefined, now = new Date()): Promise<CaseEntity> {
    const viewer = requireRole(ctx, Role.CREATOR, Role.AI_FIRM);
    checkReason(reason, false);
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      await this.workflow.apply(tx, row, { type: CommandType.REQUEST_MEDIATION, reason: reason?.trim() || null }, actor, now);
      return row;
    });
  }

  /**
   * The assignment job: picks a mediator (capacity, no conflict of interest,
   * shared language, least loaded) for a case in MEDIATION that has none.
   * Idempotent: a case that has a mediator or has left MEDIATION is skipped.
   */
  async assignFromJob(caseId: string, now: Date): Promise<'assigned' | 'unavailable' | 'skipped'> {
    return this.db.transaction(async (tx) => {
      const row = await this.workflow.load(tx, caseId);
      if (row.status !== CaseStatus.MEDIATION || row.mediatorId) return 'skipped';
      return (await this.mediators.assign(tx, row, now)) ? 'assigned' : 'unavailable';
    });
  }

  /** ADMIN: assigns (or replaces) the mediator of a case. The mediator must exist, be a MEDIATOR and have no conflict with either party. */
  async assignMediator(ctx: RequestContext, caseId: string, mediatorId: string, now = new Date()): Promise<CaseEntity> {
    const viewer = requireRole(ctx, Role.ADMIN);
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      const account = await findAccountById(tx, mediatorId);
      if (!account || account.role !== Role.MEDIATOR) {
        throw badInput([{ field: 'mediatorId', message: `no mediator has the id ${mediatorId}` }], 'mediatorId');
      }
      const [profile] = await mediatorProfilesOf(tx, [mediatorId]);
      const firm = await findFirm(tx, row.respondentFirmId);
      const conflicts = new Set(profile?.conflicts ?? []);
      const problem = conflicts.has(row.complainantId) ? 'the mediator has declared a conflict of interest with the complainant'
        : conflicts.has(row.respondentFirmId) || (!!firm?.accountId && conflicts.has(firm.accountId)) ? 'the mediator has declared a conflict of interest with the respondent firm'
        : mediatorId === row.complainantId || mediatorId === firm?.accountId ? 'a party cannot mediate its own case'
        : null;
      if (problem) throw badInput([{ field: 'mediatorId', message: problem }], 'mediatorId');
      await this.mediators.assign(tx, row, now, { mediatorId, actor });
      return row;
    });
  }

  /** The assigned mediator (or an admin) keeps a private note on the case. */
  async addNote(ctx: RequestContext, caseId: string, text: string, now = new Date()): Promise<MediatorNoteEntity> {
    const viewer = requireRole(ctx, Role.MEDIATOR, Role.ADMIN);
    new InputCheck('text').check(text.trim().length > 0, 'text', 'must not be empty').throwIfAny();
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      requireCaseWorker(actor, 'keep mediator notes');
      const note = await mediation.insertNote(tx, { id: randomUUID(), caseId: row.id, authorId: viewer.accountId, text: text.trim(), createdAt: now });
      // Deliberately no case event: the history is visible to the parties, and the notes (even their existence) are not.
      return note;
    });
  }

  /** The assigned mediator (or an admin) schedules a session with the parties while the case is in MEDIATION. */
  async scheduleSession(ctx: RequestContext, caseId: string, at: Date, channel: MediationChannel, now = new Date()): Promise<MediationSessionEntity> {
    const viewer = requireRole(ctx, Role.MEDIATOR, Role.ADMIN);
    new InputCheck('at').check(at instanceof Date && !Number.isNaN(at.getTime()) && at.getTime() > now.getTime(), 'at', 'must be in the future').throwIfAny();
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      requireCaseWorker(actor, 'schedule mediation sessions');
      if (row.status !== CaseStatus.MEDIATION) {
        throw new AppError('INVALID_TRANSITION', `Sessions are scheduled while the case is in MEDIATION; it is ${row.status}`, {
          status: row.status, allowed: allowedCommands(stateOf(row), actor),
        });
      }
      const session = await mediation.insertSession(tx, { id: randomUUID(), caseId: row.id, scheduledAt: at, channel, createdById: viewer.accountId, createdAt: now });
      await this.workflow.record(tx, row, [{
        type: 'MEDIATION_SESSION_SCHEDULED', fromStatus: row.status, toStatus: row.status,
        detail: { sessionId: session.id, scheduledAt: at.toISOString(), channel, parties: [ActorKind.COMPLAINANT, ActorKind.RESPONDENT] },
      }], actor, now);
      return session;
    });
  }

  /** The assigned mediator (or an admin) extends the mediation window, once per case. */
  async extendMediation(ctx: RequestContext, caseId: string, reason: string, now = new Date()): Promise<CaseEntity> {
    const viewer = requireRole(ctx, Role.MEDIATOR, Role.ADMIN);
    checkReason(reason, true);
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      await this.workflow.apply(tx, row, { type: CommandType.EXTEND_MEDIATION, reason: reason.trim() }, actor, now);
      return row;
    });
  }

  /** The assigned mediator (or an admin) issues a recommendation: MEDIATION → RECOMMENDATION_ISSUED. */
  async issueRecommendation(ctx: RequestContext, caseId: string, input: RecommendationData, now = new Date()): Promise<CaseEntity> {
    const viewer = requireRole(ctx, Role.MEDIATOR, Role.ADMIN);
    const check = new InputCheck('input');
    check.check(input.reasoning.trim().length > 0, 'reasoning', 'must not be empty: explain the recommendation');
    check.check(input.finding === RecommendationFinding.NO_INFRINGEMENT || input.remedies.length > 0, 'remedies',
      `name at least one remedy for a finding of ${input.finding}`);
    check.check(input.finding !== RecommendationFinding.NO_INFRINGEMENT || !input.amountJpy, 'amountJpy', 'no amount goes with NO_INFRINGEMENT');
    check.throwIfAny();
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      const recommendation = await mediation.insertRecommendation(tx, {
        id: randomUUID(), caseId: row.id, mediatorId: viewer.accountId, finding: input.finding, remedies: [...new Set(input.remedies)],
        amountJpy: input.amountJpy ?? null, reasoning: input.reasoning.trim(), acceptedByComplainantAt: null, acceptedByRespondentAt: null, rejectedAt: null,
        createdAt: now,
      });
      await this.workflow.apply(tx, row, { type: CommandType.ISSUE_RECOMMENDATION, recommendationId: recommendation.id, finding: input.finding }, actor, now);
      return row;
    });
  }

  /**
   * A party accepts or rejects the recommendation. Both accepting → REMEDY_IN_PROGRESS
   * (resolves as RECOMMENDATION_ACCEPTED, with a settlement on its terms); a rejection → CLOSED(REFERRED).
   */
  async respondToRecommendation(ctx: RequestContext, caseId: string, accept: boolean, reason: string | null | undefined, now = new Date()): Promise<CaseEntity> {
    const viewer = requireRole(ctx, Role.CREATOR, Role.AI_FIRM);
    checkReason(reason, false);
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      const recommendation = await mediation.latestRecommendationOf(tx, row.id);
      if (!accept) {
        await this.workflow.apply(tx, row, { type: CommandType.REJECT_RECOMMENDATION, reason: reason?.trim() || null }, actor, now);
        if (recommendation) await mediation.updateRecommendation(tx, recommendation.id, { rejectedAt: now });
        return row;
      }
      await this.workflow.apply(tx, row, { type: CommandType.ACCEPT_RECOMMENDATION }, actor, now);
      if (recommendation) {
        await mediation.updateRecommendation(tx, recommendation.id,
          actor.kind === ActorKind.COMPLAINANT ? { acceptedByComplainantAt: now } : { acceptedByRespondentAt: now });
        if (row.status === CaseStatus.REMEDY_IN_PROGRESS) {
          const amountJpy = recommendation.amountJpy || null;
          await insertSettlement(tx, {
            id: randomUUID(), caseId: row.id, via: 'RECOMMENDATION', amountJpy, offerId: null, licenseTemplateCode: null,
            remedies: [...new Set([...recommendation.remedies, ...(amountJpy ? [Remedy.COMPENSATION] : [])])], createdAt: now,
          });
        }
      }
      return row;
    });
  }
}

function requireCaseWorker(actor: Actor, what: string): void {
  if (actor.kind !== ActorKind.MEDIATOR && actor.kind !== ActorKind.ADMIN) throw forbidden(`Only the assigned mediator or an admin may ${what}`);
}

function checkReason(reason: string | null | undefined, required: boolean): void {
  const check = new InputCheck('reason');
  if (required) check.check(!!reason && reason.trim().length > 0, 'reason', 'must not be empty: say why');
  check.throwIfAny();
}
