import DataLoader from 'dataloader';
import type { Database } from '../persistence/database';
import * as accounts from '../persistence/repositories/account.repository';
import * as aiSystems from '../persistence/repositories/ai-system.repository';
import * as assessments from '../persistence/repositories/assessment.repository';
import * as caseEvents from '../persistence/repositories/case-event.repository';
import * as cases from '../persistence/repositories/case.repository';
import * as deadlines from '../persistence/repositories/deadline.repository';
import * as evidence from '../persistence/repositories/evidence.repository';
import * as firms from '../persistence/repositories/firm.repository';
import * as mandates from '../persistence/repositories/mandate.repository';
import * as works from '../persistence/repositories/work.repository';

type Row = object;

function byKey<K extends string, T extends Row>(load: (keys: readonly K[]) => Promise<T[]>, keyOf: (row: T) => K) {
  return new DataLoader<K, T | null>(async (keys) => {
    const rows = await load(keys);
    const map = new Map(rows.map((r) => [keyOf(r), r]));
    return keys.map((k) => map.get(k) ?? null);
  });
}

function groupBy<K extends string, T extends Row>(load: (keys: readonly K[]) => Promise<T[]>, keyOf: (row: T) => K) {
  return new DataLoader<K, T[]>(async (keys) => {
    const rows = await load(keys);
    const map = new Map<K, T[]>();
    for (const row of rows) {
      const key = keyOf(row);
      const list = map.get(key);
      if (list) list.push(row);
      else map.set(key, [row]);
    }
    return keys.map((k) => map.get(k) ?? []);
  });
}

/**
 * Per-request batch loaders (never global: a global cache would share rows across viewers).
 * Each one answers a whole page of cases with one statement.
 */
export function createLoaders(db: Database) {
  const q = db.reads;
  const account = byKey((ids: readonly string[]) => accounts.accountsWithIds(q, ids), (r) => r.id);
  const firm = byKey((ids: readonly string[]) => firms.firmsWithIds(q, ids), (r) => r.id);
  const aiSystem = byKey((ids: readonly string[]) => aiSystems.aiSystemsWithIds(q, ids), (r) => r.id);
  return {
    /** A case with its complainant, respondent and AI system read in the same statement (their loaders are primed). */
    case: byKey(async (ids: readonly string[]) => {
      const rows = await cases.casesWithParties(q, ids);
      return rows.map(([row, complainant, respondent, system]) => {
        if (complainant) account.prime(complainant.id, complainant);
        if (respondent) firm.prime(respondent.id, respondent);
        if (system) aiSystem.prime(system.id, system);
        return row;
      });
    }, (r) => r.id),
    account,
    creatorProfile: byKey((ids: readonly string[]) => accounts.creatorProfilesOf(q, ids), (r) => r.accountId),
    mediatorProfile: byKey((ids: readonly string[]) => accounts.mediatorProfilesOf(q, ids), (r) => r.accountId),
    firm,
    firmByAccount: byKey((ids: readonly string[]) => firms.firmsOfAccounts(q, ids), (r) => r.accountId ?? ''),
    work: byKey((ids: readonly string[]) => works.worksWithIds(q, ids), (r) => r.id),
    aiSystem,
    aiSystemsByFirm: groupBy((ids: readonly string[]) => aiSystems.aiSystemsOfFirms(q, ids), (r) => r.firmId),
    worksByCase: groupBy((ids: readonly string[]) => works.worksOfCases(q, ids), (r) => r.caseId),
    eventsByCase: groupBy((ids: readonly string[]) => caseEvents.eventsOfCases(q, ids), (r) => r.caseId),
    evidenceByCase: groupBy((ids: readonly string[]) => evidence.evidenceOfCases(q, ids), (r) => r.caseId),
    assessmentsByCase: groupBy((ids: readonly string[]) => assessments.assessmentsOfCases(q, ids), (r) => r.caseId),
    deadlinesByCase: groupBy((ids: readonly string[]) => deadlines.pendingDeadlinesOfCases(q, ids), (r) => r.caseId),
    /** The accounts a case was filed for (case_principal), a page of cases in one statement. */
    principalsByCase: groupBy((ids: readonly string[]) => mandates.principalsOfCases(q, ids), (r) => r.caseId),
    /** The works a mandate lists (mandate_work), a page of mandates in one statement. */
    worksByMandate: groupBy((ids: readonly string[]) => mandates.worksOfMandates(q, ids), (r) => r.mandateId),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
