import { In } from 'typeorm';
import { CaseStatus, Role } from '../../domain/enums';
import type { Queryable } from '../database';
import { AccountEntity, CaseEntity, MediationSessionEntity, MediatorNoteEntity, MediatorProfileEntity, RecommendationEntity } from '../entities';

/**
 * Mediation: the mediators (profiles, accounts, open-case loads), their
 * private notes, the sessions they schedule and their recommendations.
 */

const OLDEST_FIRST = { createdAt: 'ASC' as const, id: 'ASC' as const };

// ---------------------------------------------------------------- mediators

/** Every mediator profile (the candidates of an assignment). */
export function allMediatorProfiles(q: Queryable): Promise<MediatorProfileEntity[]> {
  return q.em.find(MediatorProfileEntity);
}

/** The accounts among these ids that hold the MEDIATOR role. */
export function mediatorAccountsAmong(q: Queryable, accountIds: readonly string[]): Promise<AccountEntity[]> {
  return q.em.find(AccountEntity, { where: { id: In([...accountIds]), role: Role.MEDIATOR } });
}

/** How many cases not CLOSED each of these mediators holds (a mediator with none is absent from the map). */
export async function openCaseLoads(q: Queryable, mediatorIds: readonly string[]): Promise<Map<string, number>> {
  const loads = await q.em.createQueryBuilder(CaseEntity, 'c').select('c.mediatorId', 'mediatorId').addSelect('COUNT(*)', 'n')
    .where('c.mediatorId IN (:...ids)', { ids: mediatorIds }).andWhere('c.status != :closed', { closed: CaseStatus.CLOSED })
    .groupBy('c.mediatorId').getRawMany<{ mediatorId: string; n: string | number }>();
  return new Map(loads.map((l) => [l.mediatorId, Number(l.n)]));
}

// ---------------------------------------------------------------- notes and sessions

/** Inserts a mediator's private note; returns the row as written. */
export async function insertNote(q: Queryable, fields: Pick<MediatorNoteEntity, 'id' | 'caseId' | 'authorId' | 'text' | 'createdAt'>): Promise<MediatorNoteEntity> {
  const note = q.em.create(MediatorNoteEntity, fields);
  await q.em.insert(MediatorNoteEntity, note);
  return note;
}

/** Inserts a mediation session; returns the row as written. */
export async function insertSession(q: Queryable, fields: Pick<MediationSessionEntity, 'id' | 'caseId' | 'scheduledAt' | 'channel' | 'createdById' | 'createdAt'>): Promise<MediationSessionEntity> {
  const session = q.em.create(MediationSessionEntity, fields);
  await q.em.insert(MediationSessionEntity, session);
  return session;
}

/** The private notes of many cases in one statement, oldest first (per-request loader). */
export function notesOfCases(q: Queryable, caseIds: readonly string[]): Promise<MediatorNoteEntity[]> {
  return q.em.find(MediatorNoteEntity, { where: { caseId: In([...caseIds]) }, order: OLDEST_FIRST });
}

/** The sessions of many cases in one statement, soonest scheduled first (per-request loader). */
export function sessionsOfCases(q: Queryable, caseIds: readonly string[]): Promise<MediationSessionEntity[]> {
  return q.em.find(MediationSessionEntity, { where: { caseId: In([...caseIds]) }, order: { scheduledAt: 'ASC', id: 'ASC' } });
}

// ---------------------------------------------------------------- recommendations

/** Inserts a recommendation built from `fields`; returns the row as written. */
export async function insertRecommendation(q: Queryable, fields: Partial<RecommendationEntity>): Promise<RecommendationEntity> {
  const recommendation = q.em.create(RecommendationEntity, fields);
  await q.em.insert(RecommendationEntity, recommendation);
  return recommendation;
}

/** The case's latest recommendation (null before one is issued). */
export function latestRecommendationOf(q: Queryable, caseId: string): Promise<RecommendationEntity | null> {
  return q.em.findOne(RecommendationEntity, { where: { caseId }, order: { createdAt: 'DESC', id: 'DESC' } });
}

/** Records a party's answer to a recommendation (accepted by one side, or rejected). */
export async function updateRecommendation(q: Queryable, id: string, changes: Pick<Partial<RecommendationEntity>, 'acceptedByComplainantAt' | 'acceptedByRespondentAt' | 'rejectedAt'>): Promise<void> {
  await q.em.update(RecommendationEntity, { id }, changes);
}

/** The recommendations of many cases in one statement, oldest first (per-request loader: the newest wins). */
export function recommendationsOfCases(q: Queryable, caseIds: readonly string[]): Promise<RecommendationEntity[]> {
  return q.em.find(RecommendationEntity, { where: { caseId: In([...caseIds]) }, order: OLDEST_FIRST });
}
