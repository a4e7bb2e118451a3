import DataLoader from 'dataloader';
import type { Database } from '../config/database';
import { findIn } from '../config/fast-read';
import {
  AccountEntity, AiFirmEntity, AiSystemEntity, AssessmentEntity, CaseEventEntity, CaseWorkEntity, CreatorProfileEntity, DeadlineEntity, EvidenceEntity,
  MediatorProfileEntity, WorkEntity,
} from '../entities';

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
    for (const row of rows) map.set(keyOf(row), [...(map.get(keyOf(row)) ?? []), row]);
    return keys.map((k) => map.get(k) ?? []);
  });
}

/**
 * Per-request batch loaders (never global: a global cache would share rows across viewers).
 * Each one answers a whole page of cases with one statement.
 */
export function createLoaders(db: Database) {
  const em = db.reader;
  return {
    account: byKey((ids: readonly string[]) => findIn(em, AccountEntity, 'id', ids), (r) => r.id),
    creatorProfile: byKey((ids: readonly string[]) => findIn(em, CreatorProfileEntity, 'accountId', ids), (r) => r.accountId),
    mediatorProfile: byKey((ids: readonly string[]) => findIn(em, MediatorProfileEntity, 'accountId', ids), (r) => r.accountId),
    firm: byKey((ids: readonly string[]) => findIn(em, AiFirmEntity, 'id', ids), (r) => r.id),
    firmByAccount: byKey((ids: readonly string[]) => findIn(em, AiFirmEntity, 'accountId', ids), (r) => r.accountId),
    work: byKey((ids: readonly string[]) => findIn(em, WorkEntity, 'id', ids), (r) => r.id),
    aiSystem: byKey((ids: readonly string[]) => findIn(em, AiSystemEntity, 'id', ids), (r) => r.id),
    aiSystemsByFirm: groupBy((ids: readonly string[]) => findIn(em, AiSystemEntity, 'firmId', ids, { orderBy: [['createdAt', 'ASC']] }), (r) => r.firmId),
    worksByCase: groupBy(async (ids: readonly string[]) => {
      const links = await findIn(em, CaseWorkEntity, 'caseId', ids);
      const works = await findIn(em, WorkEntity, 'id', [...new Set(links.map((l) => l.workId))]);
      const byId = new Map(works.map((w) => [w.id, w]));
      return links.filter((l) => byId.has(l.workId)).map((l) => ({ ...byId.get(l.workId)!, caseId: l.caseId }));
    }, (r) => r.caseId),
    eventsByCase: groupBy((ids: readonly string[]) => findIn(em, CaseEventEntity, 'caseId', ids, { orderBy: [['caseId', 'ASC'], ['seq', 'ASC']] }), (r) => r.caseId),
    evidenceByCase: groupBy((ids: readonly string[]) => findIn(em, EvidenceEntity, 'caseId', ids, { orderBy: [['createdAt', 'ASC'], ['id', 'ASC']] }), (r) => r.caseId),
    assessmentsByCase: groupBy((ids: readonly string[]) => findIn(em, AssessmentEntity, 'caseId', ids, { orderBy: [['caseId', 'ASC'], ['number', 'ASC']] }), (r) => r.caseId),
    deadlinesByCase: groupBy((ids: readonly string[]) => findIn(em, DeadlineEntity, 'caseId', ids, { where: { state: 'PENDING' }, orderBy: [['dueAt', 'ASC']] }), (r) => r.caseId),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
