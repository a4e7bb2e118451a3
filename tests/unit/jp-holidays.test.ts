import { describe, expect, it } from 'vitest';
import {
  autumnalEquinoxDay, isJapaneseHoliday, isYearEndClosure, japaneseHoliday, japaneseHolidays, vernalEquinoxDay,
} from '../../src/domain/time/jp-holidays';

const dates = (y: number) => japaneseHolidays(y).map((h) => h.date);

describe('Japanese public holidays', () => {
  it('2025 matches the Cabinet Office list', () => {
    expect(japaneseHolidays(2025).map((h) => [h.date, h.nameJa])).toEqual([
      ['2025-01-01', '元日'], ['2025-01-13', '成人の日'], ['2025-02-11', '建国記念の日'], ['2025-02-23', '天皇誕生日'],
      ['2025-02-24', '振替休日'], ['2025-03-20', '春分の日'], ['2025-04-29', '昭和の日'], ['2025-05-03', '憲法記念日'],
      ['2025-05-04', 'みどりの日'], ['2025-05-05', 'こどもの日'], ['2025-05-06', '振替休日'], ['2025-07-21', '海の日'],
      ['2025-08-11', '山の日'], ['2025-09-15', '敬老の日'], ['2025-09-23', '秋分の日'], ['2025-10-13', 'スポーツの日'],
      ['2025-11-03', '文化の日'], ['2025-11-23', '勤労感謝の日'], ['2025-11-24', '振替休日'],
    ]);
  });

  it('2026 matches the Cabinet Office list (with the 22 September citizens\' holiday)', () => {
    expect(japaneseHolidays(2026).map((h) => [h.date, h.nameJa])).toEqual([
      ['2026-01-01', '元日'], ['2026-01-12', '成人の日'], ['2026-02-11', '建国記念の日'], ['2026-02-23', '天皇誕生日'],
      ['2026-03-20', '春分の日'], ['2026-04-29', '昭和の日'], ['2026-05-03', '憲法記念日'], ['2026-05-04', 'みどりの日'],
      ['2026-05-05', 'こどもの日'], ['2026-05-06', '振替休日'], ['2026-07-20', '海の日'], ['2026-08-11', '山の日'],
      ['2026-09-21', '敬老の日'], ['2026-09-22', '国民の休日'], ['2026-09-23', '秋分の日'], ['2026-10-12', 'スポーツの日'],
      ['2026-11-03', '文化の日'], ['2026-11-23', '勤労感謝の日'],
    ]);
  });

  it('2019: accession days, citizens\' holidays around 1 May, no Emperor\'s Birthday', () => {
    expect(dates(2019)).toEqual([
      '2019-01-01', '2019-01-14', '2019-02-11', '2019-03-21', '2019-04-29', '2019-04-30', '2019-05-01', '2019-05-02',
      '2019-05-03', '2019-05-04', '2019-05-05', '2019-05-06', '2019-07-15', '2019-08-11', '2019-08-12', '2019-09-16',
      '2019-09-23', '2019-10-14', '2019-10-22', '2019-11-03', '2019-11-04', '2019-11-23',
    ]);
    expect(japaneseHoliday(2019, 5, 1)?.nameJa).toBe('即位の日');
    expect(japaneseHoliday(2019, 4, 30)?.nameJa).toBe('国民の休日');
  });

  it('2020 and 2021: the Olympic moves', () => {
    expect(dates(2020)).toEqual([
      '2020-01-01', '2020-01-13', '2020-02-11', '2020-02-23', '2020-02-24', '2020-03-20', '2020-04-29', '2020-05-03',
      '2020-05-04', '2020-05-05', '2020-05-06', '2020-07-23', '2020-07-24', '2020-08-10', '2020-09-21', '2020-09-22',
      '2020-11-03', '2020-11-23',
    ]);
    expect(dates(2021)).toEqual([
      '2021-01-01', '2021-01-11', '2021-02-11', '2021-02-23', '2021-03-20', '2021-04-29', '2021-05-03', '2021-05-04',
      '2021-05-05', '2021-07-22', '2021-07-23', '2021-08-08', '2021-08-09', '2021-09-20', '2021-09-23', '2021-11-03',
      '2021-11-23',
    ]);
    expect(isJapaneseHoliday(2021, 10, 11)).toBe(false); // Sports Day moved to 23 July
  });

  it('old rules: 2000–2006', () => {
    expect(japaneseHoliday(2000, 1, 10)?.nameJa).toBe('成人の日');
    expect(japaneseHoliday(2000, 7, 20)?.nameJa).toBe('海の日');
    expect(japaneseHoliday(2000, 10, 9)?.nameJa).toBe('体育の日');
    expect(japaneseHoliday(2002, 9, 16)?.nameJa).toBe('振替休日'); // 敬老の日 15 Sep on a Sunday
    expect(japaneseHoliday(2006, 4, 29)?.nameJa).toBe('みどりの日');
    expect(japaneseHoliday(2006, 5, 4)?.nameJa).toBe('国民の休日');
    expect(japaneseHoliday(2003, 5, 4)).toBeNull(); // a Sunday: not a citizens' holiday before 2007
    expect(japaneseHoliday(2018, 12, 23)?.nameJa).toBe('天皇誕生日');
    expect(japaneseHoliday(2018, 12, 24)?.nameJa).toBe('振替休日');
  });

  it('the 2007 substitute rule: the next day that is not a holiday', () => {
    expect(japaneseHoliday(2008, 5, 6)?.nameJa).toBe('振替休日'); // 4 May (Sunday) → 6 May
    expect(japaneseHoliday(2009, 9, 22)?.nameJa).toBe('国民の休日');
    expect(japaneseHoliday(2015, 9, 22)?.nameJa).toBe('国民の休日');
  });

  it('equinoxes follow the published dates', () => {
    const known: [number, number, number][] = [[2012, 20, 22], [2022, 21, 23], [2023, 21, 23], [2024, 20, 22], [2025, 20, 23], [2026, 20, 23]];
    for (const [y, v, a] of known) {
      expect(vernalEquinoxDay(y)).toBe(v);
      expect(autumnalEquinoxDay(y)).toBe(a);
    }
  });

  it('every year 2000–2099 has 15–22 holidays, sorted, none on a substitute-less Sunday clash', () => {
    for (let y = 2000; y <= 2099; y++) {
      const list = dates(y);
      expect(list.length).toBeGreaterThanOrEqual(15);
      expect(list.length).toBeLessThanOrEqual(22);
      expect([...list].sort()).toEqual(list);
      expect(new Set(list).size).toBe(list.length);
      for (const h of japaneseHolidays(y)) {
        if (h.nameJa !== '振替休日') continue;
        const prev = new Date(Date.parse(h.date) - 86_400_000);
        expect(isJapaneseHoliday(prev.getUTCFullYear(), prev.getUTCMonth() + 1, prev.getUTCDate())).toBe(true);
      }
    }
  });

  it('refuses years outside 2000–2099', () => {
    expect(() => japaneseHolidays(1999)).toThrow(RangeError);
    expect(() => japaneseHolidays(2100)).toThrow(/2000–2099/);
  });

  it('year-end closure is 29 December to 3 January', () => {
    expect([[12, 28], [12, 29], [12, 31], [1, 1], [1, 3], [1, 4]].map(([m, d]) => isYearEndClosure(m, d)))
      .toEqual([false, true, true, true, true, false]);
  });
});
