import { In, Not } from 'typeorm';
import type { Queryable } from '../database';
import { AiSystemEntity, CaseEntity } from '../entities';
import { CaseStatus } from '../../domain/enums';
import { readRows, sqlText } from '../sql';

/** AI systems firms register (public: no personal data). */

/** AI systems by id, in one statement (per-request loader). */
export async function aiSystemsWithIds(q: Queryable, ids: readonly string[]): Promise<AiSystemEntity[]> {
  return ids.length ? readRows(q, AiSystemEntity, 's', AI_SYSTEMS_WITH_IDS(q, ids.length), ids) : [];
}

const AI_SYSTEMS_WITH_IDS = sqlText(({ list, columns, n }) => `SELECT ${columns(AiSystemEntity, 's')} FROM "ai_system" s WHERE s."id" IN (${list(1, n)})`);

/** The AI systems of many firms in one statement, oldest first (per-request loader). */
export async function aiSystemsOfFirms(q: Queryable, firmIds: readonly string[]): Promise<AiSystemEntity[]> {
  return firmIds.length ? readRows(q, AiSystemEntity, 's', AI_SYSTEMS_OF_FIRMS(q, firmIds.length), firmIds) : [];
}

const AI_SYSTEMS_OF_FIRMS = sqlText(({ list, columns, n }) => `SELECT ${columns(AiSystemEntity, 's')} FROM "ai_system" s WHERE s."firmId" IN (${list(1, n)}) ORDER BY s."createdAt" ASC`);

/** Inserts an AI system (not yet disclosed) and returns the row as written. */
export async function insertAiSystem(q: Queryable, fields: Pick<AiSystemEntity, 'id' | 'firmId' | 'name' | 'modality' | 'purpose' | 'trainingServerInJapan' | 'servesJapaneseUsers' | 'usesRag'>): Promise<AiSystemEntity> {
  const system = q.em.create(AiSystemEntity, { ...fields, disclosedAt: null, trainingDataCategories: null, trainingCutoff: null, suppressionMeasures: null });
  await q.em.insert(AiSystemEntity, system);
  return system;
}

/** Every registered AI system, or one firm's, oldest first (the first 1,000). */
export function aiSystemsList(q: Queryable, firmId: string | null): Promise<AiSystemEntity[]> {
  return q.em.find(AiSystemEntity, { where: firmId ? { firmId } : {}, order: { createdAt: 'ASC' }, take: 1000 });
}

/** The AI system with this id. */
export function aiSystemById(q: Queryable, id: string): Promise<AiSystemEntity | null> {
  return q.em.findOne(AiSystemEntity, { where: { id } });
}

/** Records (or replaces) the system's training-data disclosure. */
export async function recordDisclosure(q: Queryable, id: string, disclosure: Pick<AiSystemEntity, 'disclosedAt' | 'trainingDataCategories' | 'trainingCutoff' | 'suppressionMeasures'>): Promise<void> {
  await q.em.update(AiSystemEntity, { id }, disclosure);
}

/** The ids of the cases against this system that are open (neither FILED nor CLOSED). */
export async function openCaseIdsOfAiSystem(q: Queryable, aiSystemId: string): Promise<string[]> {
  const open = await q.em.find(CaseEntity, { where: { aiSystemId, status: Not(In([CaseStatus.FILED, CaseStatus.CLOSED])) }, select: { id: true } });
  return open.map((c) => c.id);
}

/** How many AI systems are registered, and how many of them disclosed their training data. */
export async function aiSystemCounts(q: Queryable): Promise<{ registered: number; disclosed: number }> {
  const [registered, disclosed] = await Promise.all([
    q.em.count(AiSystemEntity),
    q.em.createQueryBuilder(AiSystemEntity, 's').where('s.disclosedAt IS NOT NULL').getCount(),
  ]);
  return { registered, disclosed };
}
