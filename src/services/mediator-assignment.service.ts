import type { Tx } from '../persistence/database';
import { Actor, CommandType, SYSTEM_ACTOR } from '../domain/case/case-machine';
import type { CaseEntity } from '../persistence/entities';
import { accountsWithIds } from '../persistence/repositories/account.repository';
import { findFirm } from '../persistence/repositories/firm.repository';
import * as mediation from '../persistence/repositories/mediation.repository';
import type { CaseWorkflow } from './case-workflow';

/**
 * Picks a mediator: capacity left, no conflict of interest with either party,
 * a language shared with both parties preferred, then the least loaded.
 */
export class MediatorAssignmentService {
  constructor(private readonly workflow: CaseWorkflow) {}

  async pick(tx: Tx, row: CaseEntity): Promise<{ mediatorId: string; reason: Record<string, unknown> } | null> {
    const profiles = await mediation.allMediatorProfiles(tx);
    if (!profiles.length) return null;
    const accounts = await mediation.mediatorAccountsAmong(tx, profiles.map((p) => p.accountId));
    const firm = await findFirm(tx, row.respondentFirmId);
    const partyAccounts = await accountsWithIds(tx, [row.complainantId, firm?.accountId ?? row.complainantId]);
    const partyLocales = new Set(partyAccounts.map((a) => a.locale));
    const load = await mediation.openCaseLoads(tx, profiles.map((p) => p.accountId));
    const conflicted = new Set([row.respondentFirmId, row.complainantId, firm?.accountId].filter(Boolean) as string[]);
    const candidates = profiles
      .filter((p) => accounts.some((a) => a.id === p.accountId))
      .filter((p) => (load.get(p.accountId) ?? 0) < p.capacity)
      .filter((p) => !p.conflicts.some((c) => conflicted.has(c)))
      .map((p) => {
        const shared = p.languages.filter((l) => partyLocales.has(l)).length;
        const used = load.get(p.accountId) ?? 0;
        return { p, shared, used, ratio: used / p.capacity };
      })
      .sort((a, b) => b.shared - a.shared || a.ratio - b.ratio || a.used - b.used || a.p.accountId.localeCompare(b.p.accountId));
    const best = candidates[0];
    if (!best) return null;
    return { mediatorId: best.p.accountId, reason: { sharedLanguages: best.shared, openCases: best.used, capacity: best.p.capacity, candidates: candidates.length } };
  }

  /** Assigns the best mediator (or the one an admin names); records MEDIATOR_ASSIGNED. Returns false when nobody is available. */
  async assign(tx: Tx, row: CaseEntity, now: Date, options: { mediatorId?: string; actor?: Actor } = {}): Promise<boolean> {
    const choice = options.mediatorId ? { mediatorId: options.mediatorId, reason: { chosenBy: 'ADMIN' } } : await this.pick(tx, row);
    if (!choice) {
      await this.workflow.record(tx, row, [{ type: 'MEDIATOR_UNAVAILABLE', fromStatus: row.status, toStatus: row.status, detail: { reason: 'no mediator with capacity and no conflict of interest' } }],
        SYSTEM_ACTOR, now);
      return false;
    }
    await this.workflow.apply(tx, row, { type: CommandType.ASSIGN_MEDIATOR, mediatorAccountId: choice.mediatorId }, options.actor ?? SYSTEM_ACTOR, now,
      { extra: { mediatorId: choice.mediatorId } });
    return true;
  }
}

