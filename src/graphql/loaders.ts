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
import * as storedFiles from '../persistence/repositories/stored-file.repository';
import * as perceptualOptOuts from '../persistence/repositories/perceptual-opt-out.repository';
import type { CaseEventEntity } from '../persistence/entities';

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
    /** Uploaded files by id (Evidence.file, Work.referenceFile): a page of evidence in one statement. */
    storedFile: byKey((ids: readonly string[]) => storedFiles.storedFilesWithIds(q, ids), (r) => r.id),
    aiSystem,
    aiSystemsByFirm: groupBy((ids: readonly string[]) => aiSystems.aiSystemsOfFirms(q, ids), (r) => r.firmId),
    worksByCase: groupBy((ids: readonly string[]) => works.worksOfCases(q, ids), (r) => r.caseId),
    /** The image perceptual hashes registered with each opt-out (OptOut.perceptualHashes). */
    perceptualHashesByOptOut: new DataLoader<string, string[]>(async (ids) => {
      const rows = await perceptualOptOuts.perceptualHashRowsOf(q, ids);
      const byId = new Map<string, string[]>();
      for (const r of rows) byId.set(r.optOutId, [...(byId.get(r.optOutId) ?? []), r.hash]);
      return ids.map((id) => byId.get(id) ?? []);
    }),
    /** One page of a case's history (seq > afterSeq, at most limit): the same page of a page of cases in one statement. */
    eventPageByCase: new DataLoader<{ caseId: string; afterSeq: number; limit: number }, CaseEventEntity[], string>(async (keys) => {
      const pages = new Map<string, CaseEventEntity[]>();
      const groups = new Map<string, { afterSeq: number; limit: number; caseIds: string[] }>();
      for (const k of keys) {
        const group = groups.get(`${k.afterSeq}|${k.limit}`) ?? { afterSeq: k.afterSeq, limit: k.limit, caseIds: [] };
        group.caseIds.push(k.caseId);
        groups.set(`${k.afterSeq}|${k.limit}`, group);
      }
      for (const g of groups.values()) {
        for (const row of await caseEvents.eventPagesOfCases(q, g.caseIds, g.afterSeq, g.limit)) {
          const key = `${row.caseId}|${g.afterSeq}|${g.limit}`;
          const page = pages.get(key);
          if (page) page.push(row);
          else pages.set(key, [row]);
        }
      }
      return keys.map((k) => pages.get(`${k.caseId}|${k.afterSeq}|${k.limit}`) ?? []);
    }, { cacheKeyFn: (k) => `${k.caseId}|${k.afterSeq}|${k.limit}` }),
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
