import DataLoader from 'dataloader';
import type { Database } from '../persistence/database';
import type { LicenseTemplateEntity } from '../persistence/entities';
import * as mediation from '../persistence/repositories/mediation.repository';
import * as offers from '../persistence/repositories/offer.repository';
import { licenseTemplatesWithCodes } from '../persistence/repositories/reference.repository';
import * as remedies from '../persistence/repositories/remedy.repository';
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
  const q = db.reads;
  return {
    offersByCase: groupBy((ids) => offers.offersOfCases(q, ids)),
    settlementByCase: latestBy((ids) => offers.settlementsOfCases(q, ids)),
    licenseAgreementsByCase: groupBy((ids) => offers.licenseAgreementsOfCases(q, ids)),
    recommendationByCase: latestBy((ids) => mediation.recommendationsOfCases(q, ids)),
    sessionsByCase: groupBy((ids) => mediation.sessionsOfCases(q, ids)),
    notesByCase: groupBy((ids) => mediation.notesOfCases(q, ids)),
    certificationsByCase: groupBy((ids) => remedies.certificationsOfCases(q, ids)),
    licenseTemplate: new DataLoader<string, LicenseTemplateEntity | null>(async (codes) => {
      const rows = await licenseTemplatesWithCodes(q, codes);
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
