/**
 * Japanese public holidays by rule (国民の祝日に関する法律), for the years after the maintained data set
 * (src/domain/time/jp-holiday-table.ts, from @holiday-jp/holiday_jp) ends: fixed days, Happy Monday days, the
 * equinox approximation, substitute holidays (振替休日) and citizens' holidays (休日, 国民の休日), with the special
 * dates of 2019–2021. Valid 2000–2099. The equinox days of a year are fixed by the Cabinet Office only in February of
 * the year before, so for far years any list (the data set's too) is this projection. Names follow the data set
 * ("こどもの日 振替休日", "休日"). Months are 1-based; dates are calendar days in Japan.
 */

export interface RuleHoliday {
  /** YYYY-MM-DD */
  date: string;
  nameJa: string;
}

export const RULE_MIN_YEAR = 2000;
export const RULE_MAX_YEAR = 2099;

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

type Named = [month: number, day: number, nameJa: string];
/** The statutory holidays (祝日) of a year, before substitute and citizens' holidays. */
function statutory(y: number): Named[] {
  const h: Named[] = [
    [1, 1, '元日'],
    [1, nthMonday(y, 1, 2), '成人の日'],
    [2, 11, '建国記念の日'],
    [3, vernalEquinoxDay(y), '春分の日'],
    y >= 2007 ? [4, 29, '昭和の日'] : [4, 29, 'みどりの日'],
    [5, 3, '憲法記念日'],
    [5, 5, 'こどもの日'],
    [9, autumnalEquinoxDay(y), '秋分の日'],
    [11, 3, '文化の日'],
    [11, 23, '勤労感謝の日'],
  ];
  if (y >= 2007) h.push([5, 4, 'みどりの日']);
  if (y <= 2018) h.push([12, 23, '天皇誕生日']);
  if (y >= 2020) h.push([2, 23, '天皇誕生日']);

  // Marine Day
  if (y === 2020) h.push([7, 23, '海の日']);
  else if (y === 2021) h.push([7, 22, '海の日']);
  else if (y <= 2002) h.push([7, 20, '海の日']);
  else h.push([7, nthMonday(y, 7, 3), '海の日']);

  // Mountain Day (from 2016)
  if (y === 2020) h.push([8, 10, '山の日']);
  else if (y === 2021) h.push([8, 8, '山の日']);
  else if (y >= 2016) h.push([8, 11, '山の日']);

  // Respect for the Aged Day
  h.push(y <= 2002 ? [9, 15, '敬老の日'] : [9, nthMonday(y, 9, 3), '敬老の日']);

  // Health and Sports Day (体育の日) → Sports Day (スポーツの日) from 2020
  if (y === 2020) h.push([7, 24, 'スポーツの日']);
  else if (y === 2021) h.push([7, 23, 'スポーツの日']);
  else if (y >= 2020) h.push([10, nthMonday(y, 10, 2), 'スポーツの日']);
  else h.push([10, nthMonday(y, 10, 2), '体育の日']);

  if (y === 2019) {
    h.push([5, 1, '休日（祝日扱い）']); // 即位の日
    h.push([10, 22, '休日（祝日扱い）']); // 即位礼正殿の儀の行われる日
  }
  return h;
}

/** The holidays of a year by the rules (RULE_MIN_YEAR–RULE_MAX_YEAR), in date order, named as the data set names them. */
export function ruleHolidays(y: number): RuleHoliday[] {
  if (!Number.isInteger(y) || y < RULE_MIN_YEAR || y > RULE_MAX_YEAR) {
    throw new RangeError(`Japanese holidays are computed by rule for ${RULE_MIN_YEAR}–${RULE_MAX_YEAR}, not ${y}`);
  }
  const map = new Map<string, RuleHoliday>();
  for (const [m, d, nameJa] of statutory(y)) map.set(dateKey(y, m, d), { date: dateKey(y, m, d), nameJa });
  const isStatutory = (t: number) => map.has(keyOf(t));
  const day = 86_400_000;

  // 振替休日: a statutory holiday on Sunday makes the next non-holiday day a holiday
  // (until 2006: only the Monday after).
  const subs: Array<[number, string]> = [];
  for (const h of map.values()) {
    const t = Date.parse(h.date);
    if (new Date(t).getUTCDay() !== 0) continue;
    let s = t + day;
    if (y >= 2007) while (isStatutory(s)) s += day;
    if (!isStatutory(s)) subs.push([s, `${h.nameJa} 振替休日`]);
  }
  // 国民の休日: a day between two statutory holidays that is not itself a holiday (nor, until 2006, a Sunday).
  const citizens: number[] = [];
  for (const h of map.values()) {
    const mid = Date.parse(h.date) + day;
    if (isStatutory(mid) || !isStatutory(mid + day) || subs.some(([s]) => s === mid)) continue;
    if (y < 2007 && new Date(mid).getUTCDay() === 0) continue;
    citizens.push(mid);
  }
  for (const [t, nameJa] of subs) map.set(keyOf(t), { date: keyOf(t), nameJa });
  for (const t of citizens) map.set(keyOf(t), { date: keyOf(t), nameJa: '休日' });

  return [...map.values()].filter((h) => h.date.startsWith(`${y}-`)).sort((a, b) => a.date.localeCompare(b.date));
}

function keyOf(t: number): string {
  const d = new Date(t);
  return dateKey(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
