import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { Database } from '../persistence/database';
import {
  LicenseAgreementEntity, LicenseTemplateEntity, MediationSessionEntity, MediatorNoteEntity, OfferEntity, RecommendationEntity, RemedyCertificationEntity,
  SettlementEntity,
} from '../persistence/entities';
import type { GraphQLContext } from './context';

function groupBy<T extends { caseId: string }>(load: (ids: string[]) => Promise<T[]>) {
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await load([...keys]);
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.caseId, [...(map.get(row.caseId) ?? []), row]);
    return keys.map((k) => map.get(k) ?? []);
  });
}

/** The newest row per case (rows ordered oldest first). */
function latestBy<T extends { caseId: string }>(load: (ids: string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (keys) => {
    const rows = await load([...keys]);
    const map = new Map<string, T>();
    for (const row of rows) map.set(row.caseId, row);
    return keys.map((k) => map.get(k) ?? null);
  });
}

/**
 * Batch loaders for the negotiation, mediation and remedy fields of Case: a page
 * of cases costs one statement per field, whatever its size. Per request, like
 * the loaders of loaders.ts (kept beside them, keyed by that request's loaders).
 */
export function createLifecycleLoaders(db: Database) {
  const em = db.reader;
  const asc = { createdAt: 'ASC' as const, id: 'ASC' as const };
  return {
    offersByCase: groupBy((ids) => em.find(OfferEntity, { where: { caseId: In(ids) }, order: asc })),
    settlementByCase: latestBy((ids) => em.find(SettlementEntity, { where: { caseId: In(ids) }, order: asc })),
    licenseAgreementsByCase: groupBy((ids) => em.find(LicenseAgreementEntity, { where: { caseId: In(ids) }, order: asc })),
    recommendationByCase: latestBy((ids) => em.find(RecommendationEntity, { where: { caseId: In(ids) }, order: asc })),
    sessionsByCase: groupBy((ids) => em.find(MediationSessionEntity, { where: { caseId: In(ids) }, order: { scheduledAt: 'ASC', id: 'ASC' } })),
    notesByCase: groupBy((ids) => em.find(MediatorNoteEntity, { where: { caseId: In(ids) }, order: asc })),
    certificationsByCase: groupBy((ids) => em.find(RemedyCertificationEntity, { where: { caseId: In(ids) }, order: asc })),
    licenseTemplate: new DataLoader<string, LicenseTemplateEntity | null>(async (codes) => {
      const rows = await em.find(LicenseTemplateEntity, { where: { code: In([...codes]) } });
      return codes.map((c) => rows.find((r) => r.code === c) ?? null);
    }),
  };
}

export type LifecycleLoaders = ReturnType<typeof createLifecycleLoaders>;

const perRequest = new WeakMap<object, LifecycleLoaders>();

/** This request's lifecycle loaders (created on first use, dropped with the request). */
export function lifecycleLoaders({ loaders, services }: GraphQLContext): LifecycleLoaders {
  let found = perRequest.get(loaders);
  if (!found) {
    found = createLifecycleLoaders(services.db);
    perRequest.set(loaders, found);
  }
  return found;
}
