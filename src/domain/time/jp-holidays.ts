/**
 * Japanese public holidays (国民の祝日に関する法律), rule-based, for 2000–2099:
 * fixed days, Happy Monday days, the equinox formula, substitute holidays (振替休日),
 * citizens' holidays (国民の休日), and the special dates of 2019 (accession), 2020 and 2021 (Olympics).
 * Dates are calendar days in Japan (JST); months are 1-based.
 */

export interface JapaneseHoliday {
  /** YYYY-MM-DD */
  date: string;
  name: string;
  nameJa: string;
}

export const JP_HOLIDAY_MIN_YEAR = 2000;
export const JP_HOLIDAY_MAX_YEAR = 2099;

type Named = [month: number, day: number, name: string, nameJa: string];

const pad = (n: number) => String(n).padStart(2, '0');
export const dateKey = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

/** Day of the month of the n-th Monday. */
function nthMonday(y: number, m: number, n: number): number {
  const first = weekday(y, m, 1);
  return 1 + ((8 - first) % 7) + (n - 1) * 7;
}

/** Equinox days by the standard approximation valid for 1980–2099. */
export function vernalEquinoxDay(y: number): number {
  return Math.floor(20.8431 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4));
}
export function autumnalEquinoxDay(y: number): number {
  return Math.floor(23.2488 + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4));
}

/** The statutory holidays (祝日) of a year, before substitute and citizens' holidays. */
function statutory(y: number): Named[] {
  const h: Named[] = [
    [1, 1, "New Year's Day", '元日'],
    [1, nthMonday(y, 1, 2), 'Coming of Age Day', '成人の日'],
    [2, 11, 'National Foundation Day', '建国記念の日'],
    [3, vernalEquinoxDay(y), 'Vernal Equinox Day', '春分の日'],
    y >= 2007 ? [4, 29, 'Showa Day', '昭和の日'] : [4, 29, 'Greenery Day', 'みどりの日'],
    [5, 3, 'Constitution Memorial Day', '憲法記念日'],
    [5, 5, "Children's Day", 'こどもの日'],
    [9, autumnalEquinoxDay(y), 'Autumnal Equinox Day', '秋分の日'],
    [11, 3, 'Culture Day', '文化の日'],
    [11, 23, 'Labour Thanksgiving Day', '勤労感謝の日'],
  ];
  if (y >= 2007) h.push([5, 4, 'Greenery Day', 'みどりの日']);
  if (y <= 2018) h.push([12, 23, "Emperor's Birthday", '天皇誕生日']);
  if (y >= 2020) h.push([2, 23, "Emperor's Birthday", '天皇誕生日']);

  // Marine Day
  if (y === 2020) h.push([7, 23, 'Marine Day', '海の日']);
  else if (y === 2021) h.push([7, 22, 'Marine Day', '海の日']);
  else if (y <= 2002) h.push([7, 20, 'Marine Day', '海の日']);
  else h.push([7, nthMonday(y, 7, 3), 'Marine Day', '海の日']);

  // Mountain Day (from 2016)
  if (y === 2020) h.push([8, 10, 'Mountain Day', '山の日']);
  else if (y === 2021) h.push([8, 8, 'Mountain Day', '山の日']);
  else if (y >= 2016) h.push([8, 11, 'Mountain Day', '山の日']);

  // Respect for the Aged Day
  h.push(y <= 2002 ? [9, 15, 'Respect for the Aged Day', '敬老の日'] : [9, nthMonday(y, 9, 3), 'Respect for the Aged Day', '敬老の日']);

  // Health and Sports Day (体育の日) → Sports Day (スポーツの日) from 2020
  if (y === 2020) h.push([7, 24, 'Sports Day', 'スポーツの日']);
  else if (y === 2021) h.push([7, 23, 'Sports Day', 'スポーツの日']);
  else if (y >= 2020) h.push([10, nthMonday(y, 10, 2), 'Sports Day', 'スポーツの日']);
  else h.push([10, nthMonday(y, 10, 2), 'Health and Sports Day', '体育の日']);

  if (y === 2019) {
    h.push([5, 1, 'Accession of the Emperor', '即位の日']);
    h.push([10, 22, 'Enthronement Ceremony', '即位礼正殿の儀の行われる日']);
  }
  return h;
}

const cache = new Map<number, Map<string, JapaneseHoliday>>();

function holidayMap(y: number): Map<string, JapaneseHoliday> {
  if (!Number.isInteger(y) || y < JP_HOLIDAY_MIN_YEAR || y > JP_HOLIDAY_MAX_YEAR) {
    throw new RangeError(`Japanese holidays are computed for ${JP_HOLIDAY_MIN_YEAR}–${JP_HOLIDAY_MAX_YEAR}, not ${y}`);
  }
  const hit = cache.get(y);
  if (hit) return hit;

  const map = new Map<string, JapaneseHoliday>();
  for (const [m, d, name, nameJa] of statutory(y)) map.set(dateKey(y, m, d), { date: dateKey(y, m, d), name, nameJa });
  const isStatutory = (t: number) => map.has(keyOf(t));
  const day = 86_400_000;

  // 振替休日: a statutory holiday on Sunday makes the next non-holiday day a holiday
  // (until 2006: only the Monday after).
  const subs: number[] = [];
  for (const h of map.values()) {
    const t = Date.parse(h.date);
    if (new Date(t).getUTCDay() !== 0) continue;
    let s = t + day;
    if (y >= 2007) while (isStatutory(s)) s += day;
    if (!isStatutory(s)) subs.push(s);
  }
  // 国民の休日: a day between two statutory holidays that is not itself a holiday (nor, until 2006, a Sunday).
  const citizens: number[] = [];
  for (const h of map.values()) {
    const mid = Date.parse(h.date) + day;
    if (isStatutory(mid) || !isStatutory(mid + day) || subs.includes(mid)) continue;
    if (y < 2007 && new Date(mid).getUTCDay() === 0) continue;
    citizens.push(mid);
  }
  for (const t of subs) map.set(keyOf(t), { date: keyOf(t), name: 'Substitute Holiday', nameJa: '振替休日' });
  for (const t of citizens) map.set(keyOf(t), { date: keyOf(t), name: "Citizens' Holiday", nameJa: '国民の休日' });

  const sorted = new Map([...map.entries()].filter(([k]) => k.startsWith(`${y}-`)).sort(([a], [b]) => a.localeCompare(b)));
  cache.set(y, sorted);
  return sorted;
}

function keyOf(t: number): string {
  const d = new Date(t);
  return dateKey(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** All public holidays of a year, in date order. Throws RangeError outside 2000–2099. */
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
