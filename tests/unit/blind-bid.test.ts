import { describe, expect, it } from 'vitest';
import { ActorKind } from '../../src/domain/case/actor';
import {
  blindBidStatus, evaluateBlindBids, MAX_BLIND_BID_ROUNDS, placeBlindBid, SealedBid,
} from '../../src/domain/negotiation/blind-bid';

const C = ActorKind.COMPLAINANT;
const R = ActorKind.RESPONDENT;

describe('evaluateBlindBids', () => {
  it('settles when the offer meets or exceeds the demand, at the midpoint', () => {
    expect(evaluateBlindBids({ demandJpy: 1_000_000, offerJpy: 1_000_000 })).toEqual({ settles: true, amountJpy: 1_000_000 });
    expect(evaluateBlindBids({ demandJpy: 1_000_000, offerJpy: 1_200_001 })).toEqual({ settles: true, amountJpy: 1_100_000 });
  });
  it('settles exactly at 10% below the demand, not one yen further', () => {
    expect(evaluateBlindBids({ demandJpy: 1_000_000, offerJpy: 900_000 })).toEqual({ settles: true, amountJpy: 950_000 });
    expect(evaluateBlindBids({ demandJpy: 1_000_000, offerJpy: 899_999 })).toEqual({ settles: false });
  });
  it('is exact where floating point would not be (10% of 30, 70, 0.3 × ...)', () => {
    expect(evaluateBlindBids({ demandJpy: 30, offerJpy: 27 }).settles).toBe(true);
    expect(evaluateBlindBids({ demandJpy: 70, offerJpy: 63 }).settles).toBe(true);
    expect(evaluateBlindBids({ demandJpy: 70, offerJpy: 62 }).settles).toBe(false);
    expect(evaluateBlindBids({ demandJpy: 1_000, offerJpy: 700, tolerance: 0.3 }).settles).toBe(true);
    expect(evaluateBlindBids({ demandJpy: 1_000, offerJpy: 699, tolerance: 0.3 }).settles).toBe(false);
  });
  it('rounds the midpoint down to whole yen', () => {
    expect(evaluateBlindBids({ demandJpy: 1_001, offerJpy: 1_000 })).toEqual({ settles: true, amountJpy: 1_000 });
    expect(evaluateBlindBids({ demandJpy: 99, offerJpy: 90 })).toEqual({ settles: true, amountJpy: 94 });
    const max = Number.MAX_SAFE_INTEGER;
    expect(evaluateBlindBids({ demandJpy: max, offerJpy: max })).toEqual({ settles: true, amountJpy: max });
  });
  it('takes another tolerance, including 0', () => {
    expect(evaluateBlindBids({ demandJpy: 1000, offerJpy: 999, tolerance: 0 }).settles).toBe(false);
    expect(evaluateBlindBids({ demandJpy: 1000, offerJpy: 800, tolerance: 0.2 }).settles).toBe(true);
  });
  it.each([
    [{ demandJpy: 0, offerJpy: 1 }], [{ demandJpy: 1, offerJpy: -1 }], [{ demandJpy: 1.5, offerJpy: 1 }],
    [{ demandJpy: 2 ** 53, offerJpy: 1 }], [{ demandJpy: NaN, offerJpy: 1 }], [{ demandJpy: '5' as unknown as number, offerJpy: 1 }],
    [{ demandJpy: 1, offerJpy: 1, tolerance: 1 }], [{ demandJpy: 1, offerJpy: 1, tolerance: -0.1 }], [{ demandJpy: 1, offerJpy: 1, tolerance: NaN }],
  ])('refuses %j', (input) => expect(() => evaluateBlindBids(input)).toThrow(RangeError));
});

describe('blind-bid rounds', () => {
  function bid(bids: SealedBid[], side: typeof C | typeof R, amount: number) {
    const r = placeBlindBid(bids, side, amount);
    if (!r.ok) throw new Error(r.message);
    bids.push(r.bid);
    return r.result;
  }
  const noFigures = (result: object, ...figures: number[]) => {
    const keys = Object.keys(result).sort();
    expect(keys.every((k) => ['status', 'round', 'roundsLeft', 'settledAmountJpy'].includes(k))).toBe(true);
    const text = JSON.stringify(result);
    for (const f of figures) expect(text).not.toContain(String(f));
  };

  it('waits for the other party, then settles in round 1', () => {
    const bids: SealedBid[] = [];
    expect(blindBidStatus(bids, C)).toEqual({ status: 'OPEN', round: 1, roundsLeft: 3 });
    const a = bid(bids, C, 1_000_000);
    expect(a).toEqual({ status: 'WAITING_FOR_OTHER_PARTY', round: 1, roundsLeft: 3 });
    expect(blindBidStatus(bids, R)).toEqual({ status: 'OPEN', round: 1, roundsLeft: 3 }); // does not reveal that C bid
    const b = bid(bids, R, 950_000);
    expect(b).toEqual({ status: 'SETTLED', round: 1, roundsLeft: 2, settledAmountJpy: 975_000 });
    expect(blindBidStatus(bids, C)).toEqual(b);
    noFigures(b, 1_000_000, 950_000);
    expect(placeBlindBid(bids, C, 1)).toMatchObject({ ok: false, code: 'ALREADY_SETTLED' });
  });

  it('three failed rounds exhaust the bidding; results never show the other figure', () => {
    const bids: SealedBid[] = [];
    const figures: [number, number][] = [[5_000_000, 1_000_000], [4_000_000, 2_000_000], [3_500_000, 2_500_001]];
    figures.forEach(([demand, offer], i) => {
      const round = i + 1;
      const first = bid(bids, R, offer);
      expect(first).toEqual({ status: 'WAITING_FOR_OTHER_PARTY', round, roundsLeft: 3 - i });
      noFigures(first, demand);
      expect(placeBlindBid(bids, R, offer + 1)).toMatchObject({ ok: false, code: 'ALREADY_BID_THIS_ROUND' });
      const second = bid(bids, C, demand);
      noFigures(second, offer, demand);
      noFigures(blindBidStatus(bids, R), demand, offer);
      if (round < MAX_BLIND_BID_ROUNDS) {
        expect(second).toEqual({ status: 'NO_SETTLEMENT_THIS_ROUND', round, roundsLeft: 2 - i });
        expect(blindBidStatus(bids, R)).toEqual(second);
      } else {
        expect(second).toEqual({ status: 'ROUNDS_EXHAUSTED', round: 3, roundsLeft: 0 });
      }
    });
    expect(bids.map((b) => b.round)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(placeBlindBid(bids, C, 3_000_000)).toMatchObject({ ok: false, code: 'ROUNDS_EXHAUSTED' });
  });

  it('settles in a later round', () => {
    const bids: SealedBid[] = [];
    bid(bids, C, 2_000_000); bid(bids, R, 1_000_000);
    bid(bids, R, 1_500_000);
    expect(blindBidStatus(bids, C)).toEqual({ status: 'NO_SETTLEMENT_THIS_ROUND', round: 1, roundsLeft: 2 });
    expect(bid(bids, C, 1_600_000)).toEqual({ status: 'SETTLED', round: 2, roundsLeft: 1, settledAmountJpy: 1_550_000 });
  });

  it('refuses bad amounts and malformed stored bids', () => {
    for (const amount of [0, -5, 1.5, NaN, 2 ** 53]) expect(placeBlindBid([], C, amount)).toMatchObject({ ok: false, code: 'INVALID_AMOUNT' });
    expect(() => blindBidStatus([{ round: 4, side: C, amountJpy: 1 }], C)).toThrow(RangeError);
    expect(() => blindBidStatus([{ round: 1, side: C, amountJpy: 1 }, { round: 1, side: C, amountJpy: 2 }], C)).toThrow(/two bids/);
  });
});
