import DataLoader from 'dataloader';
import type { Database } from '../persistence/database';
import { findIn, findInWithReferences } from '../persistence/sqlite/fast-read';
import {
  AccountEntity, AiFirmEntity, AiSystemEntity, AssessmentEntity, CaseEntity, CaseEventEntity, CaseWorkEntity, CreatorProfileEntity, DeadlineEntity, EvidenceEntity,
  MediatorProfileEntity, WorkEntity,
} from '../persistence/entities';

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
  const em = db.reader;
  const account = byKey((ids: readonly string[]) => findIn(em, AccountEntity, 'id', ids), (r) => r.id);
  const firm = byKey((ids: readonly string[]) => findIn(em, AiFirmEntity, 'id', ids), (r) => r.id);
  const aiSystem = byKey((ids: readonly string[]) => findIn(em, AiSystemEntity, 'id', ids), (r) => r.id);
  return {
    /** A case with its complainant, respondent and AI system read in the same statement (their loaders are primed). */
    case: byKey(async (ids: readonly string[]) => {
      const rows = await findInWithReferences(em, CaseEntity, 'id', ids, [
        { entity: AccountEntity, via: 'complainantId' }, { entity: AiFirmEntity, via: 'respondentFirmId' }, { entity: AiSystemEntity, via: 'aiSystemId' },
      ]);
      return rows.map(([row, complainant, respondent, system]) => {
        if (complainant) account.prime(complainant.id, complainant as AccountEntity);
        if (respondent) firm.prime(respondent.id, respondent as AiFirmEntity);
        if (system) aiSystem.prime(system.id, system as AiSystemEntity);
        return row;
      });
    }, (r) => r.id),
    account,
    creatorProfile: byKey((ids: readonly string[]) => findIn(em, CreatorProfileEntity, 'accountId', ids), (r) => r.accountId),
    mediatorProfile: byKey((ids: readonly string[]) => findIn(em, MediatorProfileEntity, 'accountId', ids), (r) => r.accountId),
    firm,
    firmByAccount: byKey((ids: readonly string[]) => findIn(em, AiFirmEntity, 'accountId', ids), (r) => r.accountId ?? ''),
    work: byKey((ids: readonly string[]) => findIn(em, WorkEntity, 'id', ids), (r) => r.id),
    aiSystem,
    aiSystemsByFirm: groupBy((ids: readonly string[]) => findIn(em, AiSystemEntity, 'firmId', ids, { orderBy: [['createdAt', 'ASC']] }), (r) => r.firmId),
    worksByCase: groupBy(
      (ids: readonly string[]) => findIn(em, WorkEntity, 'id', ids, { through: { entity: CaseWorkEntity, join: 'workId', key: 'caseId' } }) as Promise<Array<WorkEntity & { caseId: string }>>,
      (r) => r.caseId,
    ),
    eventsByCase: groupBy((ids: readonly string[]) => findIn(em, CaseEventEntity, 'caseId', ids, { orderBy: [['caseId', 'ASC'], ['seq', 'ASC']] }), (r) => r.caseId),
    evidenceByCase: groupBy((ids: readonly string[]) => findIn(em, EvidenceEntity, 'caseId', ids, { orderBy: [['createdAt', 'ASC'], ['id', 'ASC']] }), (r) => r.caseId),
    assessmentsByCase: groupBy((ids: readonly string[]) => findIn(em, AssessmentEntity, 'caseId', ids, { orderBy: [['caseId', 'ASC'], ['number', 'ASC']] }), (r) => r.caseId),
    deadlinesByCase: groupBy((ids: readonly string[]) => findIn(em, DeadlineEntity, 'caseId', ids, { where: { state: 'PENDING' }, orderBy: [['dueAt', 'ASC']] }), (r) => r.caseId),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
