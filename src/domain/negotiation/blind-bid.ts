/**
 * Double-blind bidding: the complainant seals a demand, the respondent seals an offer, per round.
 * A round settles when the offer reaches the demand or the two are within a tolerance of the demand;
 * the settlement is the midpoint, rounded down to whole yen. Results never carry the other side's figure.
 */
import { ActorKind } from '../case/actor';

export const MAX_BLIND_BID_ROUNDS = 3;
export const DEFAULT_BLIND_BID_TOLERANCE = 0.1;

/** The complainant bids a demand, the respondent an offer. */
export type BidSide = ActorKind.COMPLAINANT | ActorKind.RESPONDENT;

export interface BlindBidInput { demandJpy: number; offerJpy: number; tolerance?: number }

export function assertYen(amount: unknown, what = 'amountJpy'): asserts amount is number {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) {
    throw new RangeError(`${what} must be a positive whole number of yen`);
  }
}

function assertTolerance(t: number): void {
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0 || t >= 1) throw new RangeError('tolerance must be a number in [0, 1)');
}

/** Settles when offer ≥ demand or (demand − offer) ≤ tolerance × demand, compared exactly (tolerance to 1 ppm). */
export function evaluateBlindBids({ demandJpy, offerJpy, tolerance = DEFAULT_BLIND_BID_TOLERANCE }: BlindBidInput): { settles: boolean; amountJpy?: number } {
  assertYen(demandJpy, 'demandJpy');
  assertYen(offerJpy, 'offerJpy');
  assertTolerance(tolerance);
  const d = BigInt(demandJpy);
  const o = BigInt(offerJpy);
  const ppm = BigInt(Math.round(tolerance * 1_000_000));
  const settles = o >= d || (d - o) * 1_000_000n <= d * ppm;
  return settles ? { settles, amountJpy: Number((d + o) / 2n) } : { settles };
}

// ------------------------------------------------------------------ rounds

export interface SealedBid { round: number; side: BidSide; amountJpy: number }

/** Where the bidding stands for one party (OPEN: no round completed yet and this party has not bid). */
export const BLIND_BID_STATUSES = {
  OPEN: 'OPEN',
  WAITING_FOR_OTHER_PARTY: 'WAITING_FOR_OTHER_PARTY',
  SETTLED: 'SETTLED',
  NO_SETTLEMENT_THIS_ROUND: 'NO_SETTLEMENT_THIS_ROUND',
  ROUNDS_EXHAUSTED: 'ROUNDS_EXHAUSTED',
} as const;

export type BlindBidStatus = (typeof BLIND_BID_STATUSES)[keyof typeof BLIND_BID_STATUSES];

/** What a party may see. Deliberately has no field for either bid. */
export interface BlindBidResult {
  status: BlindBidStatus;
  /** The round this result is about (for OPEN: the round open for bids). */
  round: number;
  /** Rounds not yet completed (MAX − completed rounds); 0 when exhausted or settled in the last round. */
  roundsLeft: number;
  settledAmountJpy?: number;
}

export type BlindBidRefusalCode = 'INVALID_AMOUNT' | 'ALREADY_BID_THIS_ROUND' | 'ALREADY_SETTLED' | 'ROUNDS_EXHAUSTED';

export type PlaceBlindBidResult =
  | { ok: true; bid: SealedBid; result: BlindBidResult }
  | { ok: false; code: BlindBidRefusalCode; message: string };

interface Summary {
  completed: number;
  settled: { round: number; amountJpy: number } | null;
  /** Sides that have bid in the open round. */
  bidInOpenRound: Set<BidSide>;
}

function summarize(bids: readonly SealedBid[], tolerance: number): Summary {
  const byRound = new Map<number, Map<BidSide, number>>();
  for (const b of bids) {
    if (!Number.isInteger(b.round) || b.round < 1 || b.round > MAX_BLIND_BID_ROUNDS) throw new RangeError(`bad bid round ${b.round}`);
    if (b.side !== ActorKind.COMPLAINANT && b.side !== ActorKind.RESPONDENT) throw new RangeError(`bad bid side ${String(b.side)}`);
    assertYen(b.amountJpy);
    const r = byRound.get(b.round) ?? new Map<BidSide, number>();
    if (r.has(b.side)) throw new RangeError(`two bids by ${b.side} in round ${b.round}`);
    r.set(b.side, b.amountJpy);
    byRound.set(b.round, r);
  }
  let completed = 0;
  for (let round = 1; round <= MAX_BLIND_BID_ROUNDS; round++) {
    const r = byRound.get(round);
    const demandJpy = r?.get(ActorKind.COMPLAINANT);
    const offerJpy = r?.get(ActorKind.RESPONDENT);
    if (demandJpy === undefined || offerJpy === undefined) {
      return { completed, settled: null, bidInOpenRound: new Set(r?.keys() ?? []) };
    }
    completed = round;
    const e = evaluateBlindBids({ demandJpy, offerJpy, tolerance });
    if (e.settles) return { completed, settled: { round, amountJpy: e.amountJpy! }, bidInOpenRound: new Set() };
  }
  return { completed, settled: null, bidInOpenRound: new Set() };
}

function view(s: Summary, viewer: BidSide): BlindBidResult {
  const roundsLeft = MAX_BLIND_BID_ROUNDS - s.completed;
  if (s.settled) return { status: 'SETTLED', round: s.settled.round, roundsLeft, settledAmountJpy: s.settled.amountJpy };
  if (s.completed >= MAX_BLIND_BID_ROUNDS) return { status: 'ROUNDS_EXHAUSTED', round: MAX_BLIND_BID_ROUNDS, roundsLeft: 0 };
  if (s.bidInOpenRound.has(viewer)) return { status: 'WAITING_FOR_OTHER_PARTY', round: s.completed + 1, roundsLeft };
  if (s.completed > 0) return { status: 'NO_SETTLEMENT_THIS_ROUND', round: s.completed, roundsLeft };
  return { status: 'OPEN', round: 1, roundsLeft };
}

/** Where the bidding stands for one party, from the stored sealed bids of a case. */
export function blindBidStatus(bids: readonly SealedBid[], viewer: BidSide, tolerance = DEFAULT_BLIND_BID_TOLERANCE): BlindBidResult {
  return view(summarize(bids, tolerance), viewer);
}

/** Check a new sealed bid against the stored ones; on success returns the bid to store and the bidder's result. */
export function placeBlindBid(
  bids: readonly SealedBid[], side: BidSide, amountJpy: number, tolerance = DEFAULT_BLIND_BID_TOLERANCE,
): PlaceBlindBidResult {
  if (typeof amountJpy !== 'number' || !Number.isSafeInteger(amountJpy) || amountJpy <= 0) {
    return { ok: false, code: 'INVALID_AMOUNT', message: 'the amount must be a positive whole number of yen' };
  }
  assertTolerance(tolerance);
  const s = summarize(bids, tolerance);
  if (s.settled) return { ok: false, code: 'ALREADY_SETTLED', message: `the blind bidding settled in round ${s.settled.round}` };
  if (s.completed >= MAX_BLIND_BID_ROUNDS) {
    return { ok: false, code: 'ROUNDS_EXHAUSTED', message: `all ${MAX_BLIND_BID_ROUNDS} blind-bid rounds have been used` };
  }
  const round = s.completed + 1;
  if (s.bidInOpenRound.has(side)) {
    return { ok: false, code: 'ALREADY_BID_THIS_ROUND', message: `you have already bid in round ${round}; wait for the other party` };
  }
  const bid: SealedBid = { round, side, amountJpy };
  return { ok: true, bid, result: view(summarize([...bids, bid], tolerance), side) };
}
