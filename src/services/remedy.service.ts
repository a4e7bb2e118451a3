import { randomUUID } from 'node:crypto';
import type { Database } from '../persistence/database';
import { CommandType } from '../domain/case/case-machine';
import { Remedy, Role } from '../domain/enums';
import type { CaseEntity } from '../persistence/entities';
import * as remedies from '../persistence/repositories/remedy.repository';
import type { CaseWorkflow } from './case-workflow';
import type { RequestContext } from '../policies/context';
import { InputCheck } from '../domain/errors';
import { requireRole } from '../policies/guards';

export interface RemedyActionData {
  remedy: Remedy; description: string; datasetIds?: string[] | null; completedAt?: Date | null; paymentReference?: string | null;
}

export const MAX_ACTIONS = 50;
export const MAX_DATASET_IDS = 1000;
/** Clock skew tolerated on completedAt (the firm's clock may run slightly ahead). */
export const COMPLETED_AT_SKEW_MS = 60_000;

/**
 * Remedies: the firm certifies what it did (REMEDY_IN_PROGRESS → VERIFICATION);
 * the creator confirms (CLOSED, RESOLVED with the resolution kind) or
 * disputes (back to MEDIATION). The deadline service handles the windows' ends.
 */
export class RemedyService {
  constructor(private readonly db: Database, private readonly workflow: CaseWorkflow) {}

  /** Per action: a description; dataset ids and the date for DATASET_REMOVAL; a payment reference for COMPENSATION; no date in the future. */
  checkActions(actions: RemedyActionData[], now: Date): void {
    const check = new InputCheck('input');
    check.check(actions.length > 0, 'actions', 'certify at least one action');
    actions.slice(0, MAX_ACTIONS).forEach((a, i) => {
      const at = `actions[${i}]`;
      check.check(a.description.trim().length > 0, `${at}.description`, 'must not be empty: say what was done');
      if (a.completedAt != null) {
        check.check(!Number.isNaN(a.completedAt.getTime()) && a.completedAt.getTime() <= now.getTime() + COMPLETED_AT_SKEW_MS, `${at}.completedAt`,
          'must not be in the future: certify what is done');
      }
      if (a.remedy === Remedy.DATASET_REMOVAL) {
        const ids = a.datasetIds ?? [];
        check.check(ids.length > 0, `${at}.datasetIds`, 'name the datasets the work was removed from (required for DATASET_REMOVAL)');
        ids.forEach((id, j) => check.check(id.trim().length > 0, `${at}.datasetIds[${j}]`, 'must not be empty'));
        check.check(a.completedAt != null, `${at}.completedAt`, 'say when the removal was completed (required for DATASET_REMOVAL)');
      }
      if (a.remedy === Remedy.COMPENSATION) {
        check.check(!!a.paymentReference && a.paymentReference.trim().length > 0 && a.paymentReference.length <= 200, `${at}.paymentReference`,
          'give the payment reference, 1 to 200 characters (required for COMPENSATION)');
      }
    });
    check.throwIfAny();
  }

  /** AI_FIRM: certifies the remedy at REMEDY_IN_PROGRESS → VERIFICATION. */
  async certify(ctx: RequestContext, caseId: string, input: { actions: RemedyActionData[] }, now = new Date()): Promise<CaseEntity> {
    const viewer = requireRole(ctx, Role.AI_FIRM);
    this.checkActions(input.actions, now);
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      const certification = {
        id: randomUUID(), caseId: row.id, certifiedById: viewer.accountId, createdAt: now,
        actions: input.actions.map((a) => ({
          remedy: a.remedy, description: a.description.trim(), datasetIds: a.datasetIds?.map((d) => d.trim()) ?? null,
          completedAt: a.completedAt ? a.completedAt.toISOString() : null, paymentReference: a.paymentReference?.trim() || null,
        })),
      };
      // The move first: a refused certification (wrong status or party) leaves no record behind.
      await this.workflow.apply(tx, row, { type: CommandType.CERTIFY_REMEDY }, actor, now);
      await remedies.insertCertification(tx, certification);
      return row;
    });
  }

  /** CREATOR: confirms the certified remedy → CLOSED(RESOLVED) with the resolution kind. */
  async confirm(ctx: RequestContext, caseId: string, now = new Date()): Promise<CaseEntity> {
    const viewer = requireRole(ctx, Role.CREATOR);
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      await this.workflow.apply(tx, row, { type: CommandType.CONFIRM_REMEDY }, actor, now);
      return row;
    });
  }

  /** CREATOR: disputes the certification → back to MEDIATION (a mediator is assigned if none). */
  async dispute(ctx: RequestContext, caseId: string, reason: string, now = new Date()): Promise<CaseEntity> {
    const viewer = requireRole(ctx, Role.CREATOR);
    new InputCheck('reason').check(reason.trim().length > 0, 'reason', 'must not be empty: say what is missing').throwIfAny();
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      await this.workflow.apply(tx, row, { type: CommandType.DISPUTE_REMEDY, reason: reason.trim() }, actor, now);
      return row;
    });
  }
}
