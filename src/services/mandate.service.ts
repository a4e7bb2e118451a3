import { randomUUID } from 'node:crypto';
import type { Database } from '../persistence/database';
import { ActorKind } from '../domain/case/actor';
import { ClaimType, Role } from '../domain/enums';
import { forbidden, InputCheck, notFound } from '../domain/errors';
import { MandateEntity, type WorkEntity } from '../persistence/entities';
import * as accounts from '../persistence/repositories/account.repository';
import * as mandates from '../persistence/repositories/mandate.repository';
import * as works from '../persistence/repositories/work.repository';
import { decodeCursor, encodeCursor, type Page, type PageArgs, pageSize, toPage } from '../persistence/paging/cursor';
import type { RequestContext } from '../policies/context';
import { requireRole } from '../policies/guards';
import type { CaseWorkflow } from './case-workflow';

export interface MandateData {
  agentId: string; workIds?: string[] | null; allWorks?: boolean | null; claimTypes?: ClaimType[] | null; validUntil?: Date | null;
}

/** Works one mandate may list (MandateInput.workIds; a larger catalogue uses allWorks). */
export const MAX_MANDATE_WORKS = 1000;

/**
 * Mandates (issue 14 point 7): a creator (the principal) authorises another
 * creator account (the agent) to file complaints for it. Any CREATOR account
 * may be an agent — a collective, a publisher, a corporation or an individual
 * agent alike: what the agent may do is bounded by the mandate, not by its
 * kind; AI firms, mediators and admins never hold one. The agent files with
 * FileComplaintInput.principalIds (CaseService.checkComplaint decides whether
 * a mandate covers the filing). Only the principal revokes; revoking stops new
 * filings, and each open case filed under the mandate says so in its history
 * while keeping its principals (they still read it).
 */
export class MandateService {
  constructor(private readonly db: Database, private readonly workflow: CaseWorkflow) {}

  async grantMandate(ctx: RequestContext, input: MandateData, now = new Date()): Promise<MandateEntity> {
    const viewer = requireRole(ctx, Role.CREATOR);
    const check = new InputCheck('input');
    const workIds = input.workIds ?? [];
    const allWorks = input.allWorks === true;
    if (allWorks === (workIds.length > 0)) {
      check.add(allWorks ? 'workIds' : 'allWorks', 'give exactly one of workIds (the works it covers) and allWorks: true (every work of yours)');
    }
    check.check(workIds.length <= MAX_MANDATE_WORKS, 'workIds', `at most ${MAX_MANDATE_WORKS} works; use allWorks for a larger catalogue`);
    check.check(new Set(workIds).size === workIds.length, 'workIds', 'a work is listed twice');
    check.check(input.agentId !== viewer.accountId, 'agentId', 'you cannot grant a mandate to yourself: you file for yourself without one');
    check.check(!input.validUntil || input.validUntil > now, 'validUntil', 'must be in the future');
    const [agent] = input.agentId !== viewer.accountId ? await accounts.accountsWithIds(this.db.reads, [input.agentId]) : [];
    // A missing account and one that cannot hold a mandate answer alike.
    if (input.agentId !== viewer.accountId) {
      check.check(!!agent && agent.role === Role.CREATOR, 'agentId', `no creator account (collective, publisher or agent) has the id ${input.agentId}`);
    }
    let found: WorkEntity[] = [];
    if (workIds.length && workIds.length <= MAX_MANDATE_WORKS) found = await works.worksWithIds(this.db.reads, workIds);
    workIds.forEach((id, i) => {
      const work = found.find((w) => w.id === id);
      if (!work || work.ownerId !== viewer.accountId) check.add(`workIds[${i}]`, `no work of yours has the id ${id}`, { key: 'validation.noWorkWithId', params: { id } });
    });
    check.throwIfAny();
    const row = Object.assign(new MandateEntity(), {
      id: randomUUID(), principalId: viewer.accountId, agentId: input.agentId, allWorks, claimTypes: [...new Set(input.claimTypes ?? [])],
      validFrom: now, validUntil: input.validUntil ?? null, revokedAt: null, createdAt: now,
    });
    return this.db.transaction((tx) => mandates.insertMandate(tx, row, allWorks ? [] : workIds));
  }

  /**
   * The principal revokes a mandate: no new filing may rely on it. Cases
   * already filed under it keep their principals; each one not yet closed
   * records MANDATE_REVOKED in its history. Revoking again answers the
   * mandate as it is. The agent may see the mandate but not revoke it
   * (FORBIDDEN); anyone else's is NOT_FOUND.
   */
  async revokeMandate(ctx: RequestContext, id: string, now = new Date()): Promise<MandateEntity> {
    const viewer = requireRole(ctx, Role.CREATOR);
    return this.db.transaction(async (tx) => {
      // Locked on PostgreSQL: of two revocations, the second waits and finds it revoked.
      const mandate = await mandates.mandateForUpdate(tx, id);
      if (!mandate || (mandate.principalId !== viewer.accountId && mandate.agentId !== viewer.accountId)) throw notFound('Mandate', id);
      if (mandate.principalId !== viewer.accountId) throw forbidden('Only the principal who granted a mandate revokes it');
      if (mandate.revokedAt) return mandate;
      await mandates.revokeMandate(tx, id, now);
      mandate.revokedAt = now;
      const actor = { kind: ActorKind.PRINCIPAL, accountId: viewer.accountId };
      for (const row of await mandates.openCasesFiledUnder(tx, id)) {
        await this.workflow.record(tx, row, [{
          type: 'MANDATE_REVOKED', fromStatus: row.status, toStatus: row.status,
          detail: { mandateId: id, principalId: viewer.accountId, agentId: mandate.agentId, revokedAt: now.toISOString(), principalStays: true },
        }], actor, now);
      }
      return mandate;
    });
  }

  /** The mandates the viewer granted or holds, oldest first. */
  async mandates(ctx: RequestContext, args: PageArgs): Promise<Page<MandateEntity>> {
    const viewer = requireRole(ctx, Role.CREATOR);
    const first = pageSize(args);
    const after = decodeCursor(args.after, 'mandates');
    const rows = await mandates.mandatesOfAccount(this.db.reads, viewer.accountId, after?.[0] ?? null, first + 1);
    return toPage(rows, first, (m) => encodeCursor('mandates', m.id), after);
  }
}
