import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays, addDuration, BusinessCalendar, DAY_MS, isBusinessDay, JP_CALENDAR, parseDuration, reminderTimes,
} from '../../src/domain/time/windows';

const jst = (s: string) => new Date(`${s}+09:00`);
const H = 3_600_000;

describe('parseDuration', () => {
  it.each([
    ['P7D', 7 * DAY_MS], ['PT2S', 2000], ['P1DT2H', DAY_MS + 2 * H], ['PT0.5S', 500], ['P2W', 14 * DAY_MS],
    ['PT1M', 60_000], ['PT1H30M', 5_400_000], ['P1W2D', 9 * DAY_MS], ['PT1,5S', 1500], ['pt2s', 2000], [' P20D ', 20 * DAY_MS],
    ['PT0S', 0], ['P0.5D', DAY_MS / 2], ['PT0.001S', 1],
  ])('%s', (iso, ms) => expect(parseDuration(iso)).toEqual({ ms }));

  it.each(['', 'P', 'PT', '7D', 'P-1D', 'P1DT', 'PT1D', 'abc', 'P1.5.2D', 'P1D2W', 'PT2S5M', 'P 1D', 'P1H'])('refuses %j', (iso) => {
    expect(() => parseDuration(iso)).toThrow(/invalid duration .*P7D, PT2S/);
  });

  it.each(['P1Y', 'P1M', 'P1Y2M3D', 'P2M1D'])('refuses years and months: %s', (iso) => {
    expect(() => parseDuration(iso)).toThrow(/years and months/);
  });

  it('refuses a non-string and an absurd length', () => {
    expect(() => parseDuration(7 as unknown as string)).toThrow(/not a string/);
    expect(() => parseDuration('P99999999999999D')).toThrow(/too long/);
  });
});

describe('addDuration', () => {
  it('adds milliseconds', () => {
    expect(addDuration(new Date('2025-01-01T00:00:00Z'), parseDuration('P20D').ms)).toEqual(new Date('2025-01-21T00:00:00Z'));
  });
  it('refuses bad input', () => {
    expect(() => addDuration(new Date('x'), 1)).toThrow(RangeError);
    expect(() => addDuration(new Date(), NaN)).toThrow(RangeError);
  });
});

describe('addBusinessDays (Japanese calendar, JST days)', () => {
  it('Golden Week 2025: Friday 2 May + 1 → Wednesday 7 May, same JST time', () => {
    expect(addBusinessDays(jst('2025-05-02T10:00:00'), 1)).toEqual(jst('2025-05-07T10:00:00'));
  });
  it('Golden Week 2025 day by day from Monday 28 April', () => {
    const start = jst('2025-04-28T09:30:00');
    expect([1, 2, 3, 4, 5].map((n) => addBusinessDays(start, n).toISOString())).toEqual(
      ['2025-04-30', '2025-05-01', '2025-05-02', '2025-05-07', '2025-05-08'].map((d) => jst(`${d}T09:30:00`).toISOString()),
    );
  });
  it('Golden Week 2026: Thursday 30 April + 2 → Thursday 7 May', () => {
    expect(addBusinessDays(jst('2026-04-30T12:00:00'), 2)).toEqual(jst('2026-05-07T12:00:00'));
  });
  it('New Year 2025/26: Friday 26 December + 1 → Monday 5 January', () => {
    expect(addBusinessDays(jst('2025-12-26T17:00:00'), 1)).toEqual(jst('2026-01-05T17:00:00'));
  });
  it('New Year 2026/27: Monday 28 December + 1 → Monday 4 January; 29 December counts as closed', () => {
    expect(addBusinessDays(jst('2026-12-28T08:00:00'), 1)).toEqual(jst('2027-01-04T08:00:00'));
    expect(isBusinessDay(jst('2026-12-29T12:00:00'))).toBe(false);
    expect(isBusinessDay(jst('2026-12-28T12:00:00'))).toBe(true);
  });
  it('Silver Week 2026: Friday 18 September + 1 → Thursday 24 September', () => {
    expect(addBusinessDays(jst('2026-09-18T10:00:00'), 1)).toEqual(jst('2026-09-24T10:00:00'));
  });
  it('days are JST days, not UTC days', () => {
    // 2025-05-02T20:00Z is Saturday 3 May 05:00 in Tokyo (a UTC Friday)
    expect(isBusinessDay(new Date('2025-05-02T20:00:00Z'))).toBe(false);
    expect(addBusinessDays(new Date('2025-05-02T20:00:00Z'), 1)).toEqual(new Date('2025-05-06T20:00:00Z'));
  });
  it('weekends: Friday + 1 → Monday, Saturday + 1 → Monday, 0 → the date itself', () => {
    expect(addBusinessDays(jst('2025-06-06T10:00:00'), 1)).toEqual(jst('2025-06-09T10:00:00'));
    expect(addBusinessDays(jst('2025-06-07T10:00:00'), 1)).toEqual(jst('2025-06-09T10:00:00'));
    expect(addBusinessDays(jst('2025-06-07T10:00:00'), 0)).toEqual(jst('2025-06-07T10:00:00'));
  });
  it('refuses negative or fractional days', () => {
    expect(() => addBusinessDays(new Date(), -1)).toThrow(RangeError);
    expect(() => addBusinessDays(new Date(), 1.5)).toThrow(RangeError);
  });
  it('takes another calendar', () => {
    const everyDay: BusinessCalendar = { name: 'ALL', utcOffsetMinutes: 0, isNonBusinessDay: () => false };
    expect(addBusinessDays(new Date('2025-05-02T00:00:00Z'), 3, everyDay)).toEqual(new Date('2025-05-05T00:00:00Z'));
  });
  it('property: the result is a business day and exactly n business days lie in (start, result]', () => {
    const from = Date.parse('2024-01-01T00:00:00Z');
    fc.assert(fc.property(fc.integer({ min: 0, max: 3 * 365 * 24 }), fc.integer({ min: 1, max: 40 }), (hours, n) => {
      const start = new Date(from + hours * H);
      const end = addBusinessDays(start, n, JP_CALENDAR);
      expect(isBusinessDay(end)).toBe(true);
      let count = 0;
      for (let t = start.getTime() + DAY_MS; t <= end.getTime(); t += DAY_MS) if (isBusinessDay(new Date(t))) count++;
      expect(count).toBe(n);
      expect((end.getTime() - start.getTime()) % DAY_MS).toBe(0);
    }), { numRuns: 300 });
  });
});

describe('reminderTimes', () => {
  const start = new Date('2025-06-01T00:00:00Z');
  const at = (ms: number) => new Date(start.getTime() + ms);

  it('long windows: 7 days, 2 days and 12 hours before the deadline', () => {
    const due = at(20 * DAY_MS);
    expect(reminderTimes(start, due)).toEqual([at(13 * DAY_MS), at(18 * DAY_MS), at(19.5 * DAY_MS)]);
  });
  it('an 8-day window is the last unscaled one', () => {
    expect(reminderTimes(start, at(8 * DAY_MS))).toEqual([at(DAY_MS), at(6 * DAY_MS), at(7.5 * DAY_MS)]);
  });
  it('a 10-second window scales proportionally: 1.25 s, 7.5 s, 9.375 s', () => {
    expect(reminderTimes(start, at(10_000))).toEqual([at(1250), at(7500), at(9375)]);
  });
  it('a 5-day window scales by 5/8', () => {
    expect(reminderTimes(start, at(5 * DAY_MS))).toEqual([at(5 * DAY_MS / 8), at(5 * DAY_MS * 6 / 8), at(5 * DAY_MS * 7.5 / 8)]);
  });
  it('empty or negative windows have no reminders; tiny ones never fall on the bounds', () => {
    expect(reminderTimes(start, start)).toEqual([]);
    expect(reminderTimes(start, at(-1000))).toEqual([]);
    expect(reminderTimes(start, at(1))).toEqual([]);
  });
  it('property: ascending, unique, strictly inside the window, at most three', () => {
    fc.assert(fc.property(fc.integer({ min: -10, max: 90 * DAY_MS }), (len) => {
      const due = at(len);
      const r = reminderTimes(start, due).map((d) => d.getTime());
      expect(r.length).toBeLessThanOrEqual(3);
      for (let i = 0; i < r.length; i++) {
        expect(r[i]).toBeGreaterThan(start.getTime());
        expect(r[i]).toBeLessThan(due.getTime());
        if (i > 0) expect(r[i]).toBeGreaterThan(r[i - 1]);
      }
      if (len >= 100) expect(r.length).toBe(3);
    }), { numRuns: 500 });
  });
});
