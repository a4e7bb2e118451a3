import { describe, expect, it } from 'vitest';
import { holidays as dataSet } from '@holiday-jp/holiday_jp';
import { version as dataSetVersion } from '@holiday-jp/holiday_jp/package.json';
import {
  isJapaneseHoliday, isYearEndClosure, japaneseHoliday, japaneseHolidays,
  JP_HOLIDAY_DATA_LAST_YEAR, JP_HOLIDAY_DATA_SET, JP_HOLIDAY_MAX_YEAR, JP_HOLIDAY_MIN_YEAR,
} from '../../src/domain/time/jp-holidays';
import { autumnalEquinoxDay, ruleHolidays, vernalEquinoxDay } from '../../src/domain/time/jp-holiday-rules';
import { addBusinessDays, isBusinessDay } from '../../src/domain/time/windows';

const dates = (y: number) => japaneseHolidays(y).map((h) => h.date);
const jst = (iso: string) => new Date(`${iso}T09:00:00+09:00`);

describe('Japanese public holidays (from @holiday-jp/holiday_jp)', () => {
  it('the generated table is the installed data set (else run node bin/jp-holiday-table.js)', () => {
    expect(JP_HOLIDAY_DATA_SET).toBe(`@holiday-jp/holiday_jp ${dataSetVersion}`);
    const ours = [];
    for (let y = JP_HOLIDAY_MIN_YEAR; y <= JP_HOLIDAY_DATA_LAST_YEAR; y++) ours.push(...japaneseHolidays(y).map((h) => [h.date, h.nameJa, h.name]));
    expect(ours).toEqual(Object.values(dataSet).map((h) => [h.date, h.name, h.name_en]));
    expect(JP_HOLIDAY_MIN_YEAR).toBe(1970);
    expect(JP_HOLIDAY_DATA_LAST_YEAR).toBeGreaterThanOrEqual(2050);
  });

  it('2025: the three substitute holidays (24 Feb, 6 May, 24 Nov)', () => {
    expect(japaneseHolidays(2025).map((h) => [h.date, h.nameJa])).toEqual([
      ['2025-01-01', '元日'], ['2025-01-13', '成人の日'], ['2025-02-11', '建国記念の日'], ['2025-02-23', '天皇誕生日'],
      ['2025-02-24', '天皇誕生日 振替休日'], ['2025-03-20', '春分の日'], ['2025-04-29', '昭和の日'], ['2025-05-03', '憲法記念日'],
      ['2025-05-04', 'みどりの日'], ['2025-05-05', 'こどもの日'], ['2025-05-06', 'こどもの日 振替休日'], ['2025-07-21', '海の日'],
      ['2025-08-11', '山の日'], ['2025-09-15', '敬老の日'], ['2025-09-23', '秋分の日'], ['2025-10-13', 'スポーツの日'],
      ['2025-11-03', '文化の日'], ['2025-11-23', '勤労感謝の日'], ['2025-11-24', '勤労感謝の日 振替休日'],
    ]);
    expect(japaneseHoliday(2025, 11, 24)).toEqual({ date: '2025-11-24', name: 'Holiday in lieu', nameJa: '勤労感謝の日 振替休日', source: 'data-set' });
  });

  it('2026: 22 September is a citizens\' holiday (国民の休日) between Respect for the Aged Day and the equinox', () => {
    expect(japaneseHoliday(2026, 9, 22)).toEqual({ date: '2026-09-22', name: "Citizen's Holiday", nameJa: '休日', source: 'data-set' });
    expect(dates(2026)).toEqual([
      '2026-01-01', '2026-01-12', '2026-02-11', '2026-02-23', '2026-03-20', '2026-04-29', '2026-05-03', '2026-05-04',
      '2026-05-05', '2026-05-06', '2026-07-20', '2026-08-11', '2026-09-21', '2026-09-22', '2026-09-23', '2026-10-12',
      '2026-11-03', '2026-11-23',
    ]);
    // Silver Week 2026: Saturday 19 to Wednesday 23 September are all closed; a business day after Friday 18th is the 24th.
    expect(addBusinessDays(jst('2026-09-18'), 1).toISOString().slice(0, 10)).toBe('2026-09-24');
    expect(isBusinessDay(jst('2026-09-22'))).toBe(false);
  });

  it('2019: the accession days, 2020 and 2021: the Olympic moves', () => {
    expect(japaneseHoliday(2019, 5, 1)?.nameJa).toBe('休日（祝日扱い）');
    expect(japaneseHoliday(2019, 4, 30)?.nameJa).toBe('休日');
    expect(japaneseHoliday(2019, 10, 22)?.nameJa).toBe('休日（祝日扱い）');
    expect(dates(2020)).toContain('2020-07-24');
    expect(isJapaneseHoliday(2020, 10, 12)).toBe(false);
    expect(dates(2021)).toEqual(expect.arrayContaining(['2021-07-22', '2021-07-23', '2021-08-08', '2021-08-09']));
    expect(isJapaneseHoliday(2021, 10, 11)).toBe(false); // Sports Day moved to 23 July
  });

  it('years before 2000 come from the data set too (1989: 大喪の礼)', () => {
    expect(japaneseHoliday(1989, 2, 24)?.nameJa).toBe('大喪の礼');
    expect(japaneseHoliday(1970, 1, 15)?.nameJa).toBe('成人の日');
  });

  it('after the data set, up to 2099, holidays are computed by rule and marked so; the rules agree with the data set on 2000–its last year', () => {
    for (let y = 2000; y <= JP_HOLIDAY_DATA_LAST_YEAR; y++) {
      expect(ruleHolidays(y).map((h) => h.date), String(y)).toEqual(dates(y));
    }
    const later = JP_HOLIDAY_DATA_LAST_YEAR + 1;
    expect(japaneseHolidays(later).every((h) => h.source === 'rules')).toBe(true);
    expect(japaneseHoliday(later, 1, 1)).toMatchObject({ nameJa: '元日', name: "New Year's Day", source: 'rules' });
    expect(japaneseHoliday(2099, 3, vernalEquinoxDay(2099))?.nameJa).toBe('春分の日');
    expect(japaneseHoliday(2099, 9, autumnalEquinoxDay(2099))?.nameJa).toBe('秋分の日');
    for (let y = later; y <= JP_HOLIDAY_MAX_YEAR; y++) {
      const list = dates(y);
      expect(list.length).toBeGreaterThanOrEqual(16);
      expect(list.length).toBeLessThanOrEqual(22);
      expect([...list].sort()).toEqual(list);
    }
  });

  it('refuses years outside 1970–2099, saying where the dates come from', () => {
    expect(() => japaneseHolidays(1969)).toThrow(RangeError);
    expect(() => japaneseHolidays(2100)).toThrow(/1970–2099 \(@holiday-jp\/holiday_jp .* by rule after it\), not 2100/);
  });

  it('year-end closure is 29 December to 3 January', () => {
    expect([[12, 28], [12, 29], [12, 31], [1, 1], [1, 3], [1, 4]].map(([m, d]) => isYearEndClosure(m, d)))
      .toEqual([false, true, true, true, true, false]);
  });
});
