import { In } from 'typeorm';
import { OfferSide, OfferStatus } from '../../domain/enums';
import type { Queryable } from '../database';
import { BlindBidEntity, LicenseAgreementEntity, OfferEntity, SettlementEntity } from '../entities';

/**
 * What the parties bargain with and agree to: offers (one OPEN per side),
 * sealed blind bids (their figures are read only by NegotiationService),
 * settlements and license agreements.
 */

const OLDEST_FIRST = { createdAt: 'ASC' as const, id: 'ASC' as const };

// ---------------------------------------------------------------- offers

/** The ids of the side's OPEN offers on the case (what a new offer supersedes). */
export async function openOfferIdsOfSide(q: Queryable, caseId: string, side: OfferSide): Promise<string[]> {
  const rows = await q.em.find(OfferEntity, { where: { caseId, side, status: OfferStatus.OPEN }, select: { id: true } });
  return rows.map((o) => o.id);
}

/** The side's OPEN offers on the case become SUPERSEDED. */
export async function supersedeOpenOffers(q: Queryable, caseId: string, side: OfferSide, now: Date): Promise<void> {
  await q.em.update(OfferEntity, { caseId, side, status: OfferStatus.OPEN }, { status: OfferStatus.SUPERSEDED, respondedAt: now });
}

/** Inserts an offer built from `fields`; returns the row as written. */
export async function insertOffer(q: Queryable, fields: Partial<OfferEntity>): Promise<OfferEntity> {
  const offer = q.em.create(OfferEntity, fields);
  await q.em.insert(OfferEntity, offer);
  return offer;
}

/** The ids of every OPEN offer on the case. */
export async function openOfferIdsOf(q: Queryable, caseId: string): Promise<string[]> {
  const rows = await q.em.find(OfferEntity, { where: { caseId, status: OfferStatus.OPEN }, select: { id: true } });
  return rows.map((o) => o.id);
}

/** These offers LAPSE (the case settled or left bargaining). */
export async function lapseOffers(q: Queryable, ids: readonly string[], now: Date): Promise<void> {
  await q.em.update(OfferEntity, { id: In([...ids]) }, { status: OfferStatus.LAPSED, respondedAt: now });
}

/** The case an offer belongs to (null when there is no such offer): read before the case is locked. */
export async function caseIdOfOffer(q: Queryable, offerId: string): Promise<string | null> {
  const found = await q.em.findOne(OfferEntity, { where: { id: offerId }, select: { id: true, caseId: true } });
  return found?.caseId ?? null;
}

/** The offer with this id (it must exist). */
export function offerOrFail(q: Queryable, offerId: string): Promise<OfferEntity> {
  return q.em.findOneOrFail(OfferEntity, { where: { id: offerId } });
}

/** Sets an offer's answer: its status and when it was answered. */
export async function setOfferStatus(q: Queryable, offerId: string, status: OfferStatus, respondedAt: Date): Promise<void> {
  await q.em.update(OfferEntity, { id: offerId }, { status, respondedAt });
}

/** The offers of many cases in one statement, oldest first (per-request loader). */
export function offersOfCases(q: Queryable, caseIds: readonly string[]): Promise<OfferEntity[]> {
  return q.em.find(OfferEntity, { where: { caseId: In([...caseIds]) }, order: OLDEST_FIRST });
}

// ---------------------------------------------------------------- blind bids

/** The case's sealed bids, by round then oldest first (figures included: for NegotiationService only). */
export function sealedBidsOf(q: Queryable, caseId: string): Promise<BlindBidEntity[]> {
  return q.em.find(BlindBidEntity, { where: { caseId }, order: { round: 'ASC', createdAt: 'ASC' } });
}

/** Inserts a sealed bid. */
export async function insertBlindBid(q: Queryable, fields: Pick<BlindBidEntity, 'id' | 'caseId' | 'side' | 'round' | 'amountJpy' | 'createdAt'>): Promise<void> {
  await q.em.insert(BlindBidEntity, fields);
}

// ---------------------------------------------------------------- settlements and license agreements

/** Inserts a settlement built from `fields`; returns the row as written. */
export async function insertSettlement(q: Queryable, fields: Partial<SettlementEntity>): Promise<SettlementEntity> {
  const settlement = q.em.create(SettlementEntity, fields);
  await q.em.insert(SettlementEntity, settlement);
  return settlement;
}

/** Inserts a license agreement (a settlement that names a license template). */
export async function insertLicenseAgreement(q: Queryable, fields: Partial<LicenseAgreementEntity>): Promise<void> {
  await q.em.insert(LicenseAgreementEntity, fields);
}

/** The settlements of many cases in one statement, oldest first (per-request loader: the newest wins). */
export function settlementsOfCases(q: Queryable, caseIds: readonly string[]): Promise<SettlementEntity[]> {
  return q.em.find(SettlementEntity, { where: { caseId: In([...caseIds]) }, order: OLDEST_FIRST });
}

/** The license agreements of many cases in one statement, oldest first (per-request loader). */
export function licenseAgreementsOfCases(q: Queryable, caseIds: readonly string[]): Promise<LicenseAgreementEntity[]> {
  return q.em.find(LicenseAgreementEntity, { where: { caseId: In([...caseIds]) }, order: OLDEST_FIRST });
}
