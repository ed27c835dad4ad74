import { z } from 'zod';
import { OFFSET_MS, shanghaiDate, wallClock } from '../time/shanghai';

/**
 * Reporting periods in Shanghai calendar terms: a day `2026-05-03`, an ISO week `2026-W18`, a month `2026-05`.
 * Every rollup, score and briefing is keyed by one of these strings, never by a UTC date.
 */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
export const Week = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'expected YYYY-Www');
export const Day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected YYYY-MM-DD');
export const Period = z.union([Month, Week, Day]);
export type Period = z.infer<typeof Period>;
export type PeriodKind = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;
const utcMidnight = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const periodKind = (p: string): PeriodKind => (Week.safeParse(p).success ? 'week' : Month.safeParse(p).success ? 'month' : 'day');

/** The Shanghai month of an instant: `monthOf(new Date('2026-04-30T16:00:00Z')) === '2026-05'`. */
export const monthOf = (at: Date): string => shanghaiDate(at).slice(0, 7);

/** The ISO week (Monday first) containing a calendar date: `isoWeekOf('2026-01-01') === '2026-W01'`. */
export function isoWeekOf(day: string): string {
  const ms = utcMidnight(day);
  const weekday = new Date(ms).getUTCDay() || 7;
  const thursday = new Date(ms + (4 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The calendar dates of a period, in order. */
export function daysOf(p: string): string[] {
  const kind = periodKind(p);
  if (kind === 'day') return [p];
  if (kind === 'month') {
    const [y, m] = p.split('-').map(Number);
    const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return Array.from({ length: n }, (_, i) => `${p}-${String(i + 1).padStart(2, '0')}`);
  }
  const [y, w] = [Number(p.slice(0, 4)), Number(p.slice(6))];
  const jan4 = Date.UTC(y, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() || 7) - 1) * DAY_MS + (w - 1) * 7 * DAY_MS;
  return Array.from({ length: 7 }, (_, i) => dayOf(monday + i * DAY_MS));
}

/** The months a period touches (a week can straddle two). */
export const monthsOf = (p: string): string[] => [...new Set(daysOf(p).map((d) => d.slice(0, 7)))];

/** `[from, to)` instants of a period, Shanghai midnight to Shanghai midnight. */
export function rangeOf(p: string): { from: Date; to: Date } {
  const days = daysOf(p);
  return { from: wallClock(days[0], '00:00'), to: wallClock(days[days.length - 1], '24:00') };
}

/** The period before `p` of the same kind: `previousPeriod('2026-01') === '2025-12'`. */
export function previousPeriod(p: string): string {
  const kind = periodKind(p);
  const first = daysOf(p)[0];
  const before = dayOf(utcMidnight(first) - DAY_MS);
  if (kind === 'day') return before;
  if (kind === 'month') return before.slice(0, 7);
  return isoWeekOf(before);
}

/** The Shanghai calendar date before the one containing `at` (what a nightly job recomputes). */
export const yesterdayOf = (at: Date): string => dayOf(utcMidnight(shanghaiDate(at)) - DAY_MS);

/** The Shanghai month before the one containing `at` (what the monthly scoring freezes). */
export const lastMonthOf = (at: Date): string => previousPeriod(monthOf(at));

/** Whole hours between two instants, rounded down (scoring counts started hours as not yet due). */
export const wholeHours = (from: Date, to: Date): number => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 3_600_000));

export { OFFSET_MS };
