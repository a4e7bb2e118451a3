import { randomUUID } from 'node:crypto';
import type { Config } from '../config/env';
import type { Database, Queryable, Tx } from '../persistence/database';
import { Actor, ActorKind, allowedCommands, CommandType } from '../domain/case/case-machine';
import { BARGAINING_STATUSES } from '../domain/case/effects';
import { BidSide, blindBidStatus, BlindBidResult, placeBlindBid, SealedBid } from '../domain/negotiation/blind-bid';
import { CaseStatus, Remedy, ResolutionKind, Role, OfferStatus, OfferSide } from '../domain/enums';
import type { CaseEntity, OfferEntity, SettlementEntity } from '../persistence/entities';
import { caseById } from '../persistence/repositories/case.repository';
import * as bargaining from '../persistence/repositories/offer.repository';
import { actorFor, blindBidViewer, PartyActor, requireParty } from '../policies';
import { CaseWorkflow, stateOf } from './case-workflow';
import type { RequestContext } from '../policies/context';
import { AppError, badInput, forbidden, notFound } from '../domain/errors';
import { requireRole } from '../policies/guards';
import { OfferData, OfferService } from './offer.service';

/** Statuses in which offers and blind bids are open (DESIGN.md: negotiation, and mediation too). */
export { BARGAINING_STATUSES };

/** What a party learns of the blind bidding: the domain's result plus how many bids it submitted itself. */
export interface BlindBidView extends BlindBidResult { bidsSubmitted: number }

/**
 * Negotiation between the parties: offers and counter-offers, acceptance
 * (which settles the case), and double-blind bidding. Blind-bid figures are
 * read only here and never leave this service except as the settled midpoint.
 */
export class NegotiationService {
  constructor(private readonly db: Database, private readonly config: Config, private readonly workflow: CaseWorkflow, private readonly offers: OfferService) {}

  // ------------------------------------------------------------------ offers

  /** A party makes an offer (or a counter-offer, which supersedes its earlier open one) at NEGOTIATION or MEDIATION. */
  async makeOffer(ctx: RequestContext, caseId: string, input: OfferData, now = new Date()): Promise<OfferEntity> {
    const viewer = requireRole(ctx, Role.CREATOR, Role.AI_FIRM);
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      const party = requireParty(actor, 'make offers');
      requireBargaining(row, party, 'Offers are made');
      await this.offers.checkOffer(tx, input, 'input', '', row);
      return this.offers.create(tx, row, party, input, now);
    });
  }

  /**
   * The other party answers an open offer. Accepting settles the case
   * (LICENSED when the offer names a license template, else SETTLED) with a
   * settlement record and, when licensed, a license agreement; the other open
   * offers lapse. An offer on a case the viewer may not see is NOT_FOUND.
   */
  async respondToOffer(ctx: RequestContext, offerId: string, accept: boolean, now = new Date()): Promise<OfferEntity> {
    const viewer = requireRole(ctx, Role.CREATOR, Role.AI_FIRM);
    return this.db.transaction(async (tx) => {
      const caseId = await bargaining.caseIdOfOffer(tx, offerId);
      if (!caseId) throw notFound('Offer', offerId);
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer).catch((e) => {
        throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('Offer', offerId) : e;
      });
      // Read the offer again under the case lock: a concurrent answer or counter-offer may have changed it.
      const offer = await bargaining.offerOrFail(tx, offerId);
      const party = requireParty(actor, 'answer offers');
      if (sideOf(party) === offer.side) throw forbidden('This is your own offer: the other party accepts or rejects it (make a new offer to change it)');
      if (offer.status !== OfferStatus.OPEN) {
        throw new AppError('INVALID_TRANSITION', `This offer is ${offer.status} and can no longer be answered`, {
          status: row.status, offerStatus: offer.status, allowed: allowedCommands(stateOf(row), party),
        });
      }
      requireBargaining(row, party, 'Offers are answered');
      if (!accept) {
        await bargaining.setOfferStatus(tx, offer.id, OfferStatus.REJECTED, now);
        await this.workflow.record(tx, row, [{ type: 'OFFER_REJECTED', fromStatus: row.status, toStatus: row.status, detail: { offerId: offer.id, by: party.kind } }], party, now);
        return { ...offer, status: OfferStatus.REJECTED, respondedAt: now };
      }
      // Mark it accepted first: the move below lapses every offer still OPEN.
      await bargaining.setOfferStatus(tx, offer.id, OfferStatus.ACCEPTED, now);
      const kind = offer.licenseTemplateCode ? ResolutionKind.LICENSED : ResolutionKind.SETTLED;
      const amountJpy = offer.amountJpy && offer.amountJpy > 0 ? offer.amountJpy : null;
      await this.workflow.apply(tx, row, { type: CommandType.SETTLE, kind, via: 'OFFER', offerId: offer.id, amountJpy }, party, now);
      await this.settle(tx, row, {
        via: 'OFFER', amountJpy, offerId: offer.id, licenseTemplateCode: offer.licenseTemplateCode,
        remedies: settlementRemedies(offer.remedies, amountJpy, offer.licenseTemplateCode),
        // The division among the case's principals, as offered (issue 14).
        splits: amountJpy ? offer.splits ?? null : null,
      }, now);
      return { ...offer, status: OfferStatus.ACCEPTED, respondedAt: now };
    });
  }

  /** Writes what was agreed: a settlement, and a license agreement when a template was chosen. */
  private async settle(tx: Tx, row: CaseEntity, s: Omit<SettlementEntity, 'id' | 'caseId' | 'createdAt'>, now: Date): Promise<SettlementEntity> {
    const settlement = await bargaining.insertSettlement(tx, { id: randomUUID(), caseId: row.id, ...s, createdAt: now });
    if (s.licenseTemplateCode) {
      await bargaining.insertLicenseAgreement(tx, {
        id: randomUUID(), caseId: row.id, settlementId: settlement.id, templateCode: s.licenseTemplateCode,
        licensorAccountId: row.complainantId, licenseeFirmId: row.respondentFirmId, amountJpy: s.amountJpy, createdAt: now,
      });
    }
    return settlement;
  }

  // ------------------------------------------------------------------ blind bids

  /**
   * A sealed figure for the open round: the complainant's demand or the
   * firm's offer. The answer, the errors and the history never carry the
   * other side's figure (nor this one: the event says only that a bid was
   * made for round n); a settlement carries the settled midpoint only.
   */
  async submitBlindBid(ctx: RequestContext, caseId: string, amountJpy: number, now = new Date()): Promise<BlindBidView> {
    const viewer = requireRole(ctx, Role.CREATOR, Role.AI_FIRM);
    if (!Number.isSafeInteger(amountJpy) || amountJpy <= 0) {
      throw badInput([{ field: 'amountJpy', message: 'must be a positive whole number of yen' }], 'amountJpy');
    }
    return this.db.transaction(async (tx) => {
      const { row, actor } = await this.workflow.loadFor(tx, caseId, viewer);
      const party = requireParty(actor, 'submit blind bids');
      requireBargaining(row, party, 'Blind bids are submitted');
      const side = bidSideOf(party);
      const bids = await sealedBids(tx, caseId);
      const placed = placeBlindBid(bids, side, amountJpy, this.config.blindBidTolerance);
      if (!placed.ok) {
        if (placed.code === 'INVALID_AMOUNT') throw badInput([{ field: 'amountJpy', message: placed.message }], 'amountJpy');
        throw new AppError('INVALID_TRANSITION', placed.message, { status: row.status, reason: placed.code, allowed: allowedCommands(stateOf(row), party) });
      }
      const { bid, result } = placed;
      await bargaining.insertBlindBid(tx, { id: randomUUID(), caseId, side: bid.side, round: bid.round, amountJpy: bid.amountJpy, createdAt: now });
      await this.workflow.record(tx, row, [{ type: 'BLIND_BID_SUBMITTED', fromStatus: row.status, toStatus: row.status, detail: { round: bid.round, by: side } }], party, now);
      if (result.status === 'SETTLED') {
        const settled = result.settledAmountJpy!;
        await this.workflow.apply(tx, row, { type: CommandType.SETTLE, kind: ResolutionKind.SETTLED, via: 'BLIND_BID', amountJpy: settled }, party, now);
        await this.settle(tx, row, { via: 'BLIND_BID', amountJpy: settled, offerId: null, licenseTemplateCode: null, remedies: [Remedy.COMPENSATION], splits: null }, now);
      } else if (result.status === 'NO_SETTLEMENT_THIS_ROUND' || result.status === 'ROUNDS_EXHAUSTED') {
        await this.workflow.record(tx, row, [{
          type: 'BLIND_BID_ROUND_CLOSED', fromStatus: row.status, toStatus: row.status,
          detail: { round: result.round, settled: false, roundsLeft: result.roundsLeft },
        }], party, now);
      }
      return { ...result, bidsSubmitted: bids.filter((b) => b.side === side).length + 1 };
    });
  }

  /** Where the blind bidding stands for the viewing party (its own bid count; no figure of either side). */
  async blindBidStatus(ctx: RequestContext, caseId: string): Promise<BlindBidView> {
    const viewer = requireRole(ctx, Role.CREATOR, Role.AI_FIRM);
    const row = await caseById(this.db.reads, caseId);
    const actor = row ? actorFor(viewer, row) : null;
    if (!actor) throw notFound('Case', caseId);
    const side = bidSideOf(blindBidViewer(actor));
    const bids = await sealedBids(this.db.reads, caseId);
    return { ...blindBidStatus(bids, side, this.config.blindBidTolerance), bidsSubmitted: bids.filter((b) => b.side === side).length };
  }
}

/** The case's sealed bids as the blind-bid domain reads them (figures stay in this service). */
async function sealedBids(q: Queryable, caseId: string): Promise<SealedBid[]> {
  const rows = await bargaining.sealedBidsOf(q, caseId);
  return rows.map((b) => ({ round: b.round, side: b.side as BidSide, amountJpy: b.amountJpy }));
}

function sideOf(actor: Actor): OfferSide {
  return actor.kind === ActorKind.COMPLAINANT ? OfferSide.COMPLAINANT : OfferSide.RESPONDENT;
}

function bidSideOf(actor: PartyActor): BidSide {
  return actor.kind;
}

function requireBargaining(row: CaseEntity, actor: Actor, what: string): void {
  if (!BARGAINING_STATUSES.has(row.status)) {
    throw new AppError('INVALID_TRANSITION', `${what} at NEGOTIATION or MEDIATION; the case is ${row.status}`, {
      status: row.status, allowed: allowedCommands(stateOf(row), actor),
    });
  }
}

/** What a settlement by offer provides: the offer's remedies, compensation when money is paid, a license when a template is named. */
export function settlementRemedies(remedies: Remedy[], amountJpy: number | null, licenseTemplateCode: string | null): Remedy[] {
  const out = new Set(remedies);
  if (amountJpy) out.add(Remedy.COMPENSATION);
  if (licenseTemplateCode) out.add(Remedy.LICENSE);
  return [...out];
}
