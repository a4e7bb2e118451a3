import { JP_HOLIDAY_DATA_SET, JP_HOLIDAY_TABLE } from './jp-holiday-table';
import { dateKey, RULE_MAX_YEAR, ruleHolidays } from './jp-holiday-rules';

/**
 * Japanese public holidays (国民の祝日) and 休日 (substitute holidays 振替休日, citizens' holidays 国民の休日, and the
 * one-off days such as 2019's), as the business-day calendar of src/domain/time/windows.ts counts them.
 *
 * Source: the maintained data set @holiday-jp/holiday_jp (the Cabinet Office's list), through the generated
 * module jp-holiday-table.ts, for JP_HOLIDAY_MIN_YEAR (1970) to its last year (JP_HOLIDAY_DATA_LAST_YEAR, 2050 in
 * 2.5.1). Years after it, up to JP_HOLIDAY_MAX_YEAR (2099), are computed by the statutory rules
 * (jp-holiday-rules.ts: Happy Monday days, the equinox approximation, substitute and citizens' holidays), the same
 * projection the data set makes for its own future years, marked `source: 'rules'`; a law changed later is
 * picked up by upgrading the package and running `node bin/jp-holiday-table.js`. Other years throw RangeError:
 * no deadline of a case falls there.
 * Dates are calendar days in Japan (JST); months are 1-based.
 */

export interface JapaneseHoliday {
  /** YYYY-MM-DD */
  date: string;
  /** English name, e.g. "Vernal Equinox Day", "Holiday in lieu" (a substitute holiday), "Citizen's Holiday". */
  name: string;
  /** Japanese name as the Cabinet Office gives it, e.g. 春分の日, "こどもの日 振替休日", 休日 (国民の休日). */
  nameJa: string;
  /** 'data-set': from @holiday-jp/holiday_jp; 'rules': computed, for the years after the data set. */
  source: 'data-set' | 'rules';
}

export { dateKey, JP_HOLIDAY_DATA_SET };

const BY_YEAR = new Map<number, Map<string, JapaneseHoliday>>();
/** English names by Japanese name, for the computed years (the data set's own, e.g. "Holiday in lieu"). */
const NAME_EN = new Map<string, string>();
for (const line of JP_HOLIDAY_TABLE.split('\n')) {
  if (!line) continue;
  const [date, nameJa, name] = line.split('|');
  const year = Number(date.slice(0, 4));
  const list = BY_YEAR.get(year) ?? new Map<string, JapaneseHoliday>();
  list.set(date, { date, name, nameJa, source: 'data-set' });
  BY_YEAR.set(year, list);
  NAME_EN.set(nameJa, name);
}

export const JP_HOLIDAY_MIN_YEAR = Math.min(...BY_YEAR.keys());
/** The last year of the data set; later years come from the rules. */
export const JP_HOLIDAY_DATA_LAST_YEAR = Math.max(...BY_YEAR.keys());
export const JP_HOLIDAY_MAX_YEAR = RULE_MAX_YEAR;

/** English names of computed substitute and citizens' holidays, as the data set gives them. */
const SUBSTITUTE_EN = 'Holiday in lieu';
const CITIZENS_EN = "Citizen's Holiday";

function holidayMap(y: number): Map<string, JapaneseHoliday> {
  if (!Number.isInteger(y) || y < JP_HOLIDAY_MIN_YEAR || y > JP_HOLIDAY_MAX_YEAR) {
    throw new RangeError(`Japanese holidays are known for ${JP_HOLIDAY_MIN_YEAR}–${JP_HOLIDAY_MAX_YEAR} (${JP_HOLIDAY_DATA_SET} to ${JP_HOLIDAY_DATA_LAST_YEAR}, by rule after it), not ${y}`);
  }
  const hit = BY_YEAR.get(y);
  if (hit) return hit;
  const computed = new Map(ruleHolidays(y).map((h): [string, JapaneseHoliday] => [h.date, {
    date: h.date, nameJa: h.nameJa, source: 'rules',
    name: h.nameJa === '休日' ? CITIZENS_EN : NAME_EN.get(h.nameJa) ?? (h.nameJa.endsWith('振替休日') ? SUBSTITUTE_EN : h.nameJa),
  }]));
  BY_YEAR.set(y, computed);
  return computed;
}

/** All public holidays of a year, in date order. Throws RangeError outside JP_HOLIDAY_MIN_YEAR–JP_HOLIDAY_MAX_YEAR. */
export function japaneseHolidays(year: number): JapaneseHoliday[] {
  return [...holidayMap(year).values()];
}

/** The holiday on that calendar day, or null. */
export function japaneseHoliday(year: number, month: number, day: number): JapaneseHoliday | null {
  return holidayMap(year).get(dateKey(year, month, day)) ?? null;
}

export function isJapaneseHoliday(year: number, month: number, day: number): boolean {
  return japaneseHoliday(year, month, day) !== null;
}

/** 29 December – 3 January: the year-end closure of Japanese offices (not public holidays, but not business days). */
export function isYearEndClosure(month: number, day: number): boolean {
  return (month === 12 && day >= 29) || (month === 1 && day <= 3);
}
