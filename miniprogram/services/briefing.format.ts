/**
 * Briefing (巡查简报) labels and replies shared by the leaders' and the admin's briefing pages, which live in
 * different subpackages (a subpackage cannot import another's code). Pure functions of their arguments.
 */
import { asShanghaiWall, type BriefingRow, shanghaiMonth } from '../shared/contract';
import { messageOf } from './reply';

/** A row of `briefings.list` (shared/contract), as it arrives. */
export type { BriefingRow };

/** A row of `briefings.list` (cloudfunctions/briefings/briefings.service.ts `BriefingRow`), as it arrives. */

/** What a list shows of a briefing. */
export type BriefingListItem = {
  no: number;
  name: string;
  period: string;
  title: string;
  draft: boolean;
  problems: number;
  positives: number;
  rate: string;
  date: string;
};

/** `2030-07` → `2030年7月`. */
export const periodLabel = (p: string): string => {
  const m = /^(\d{4})-(\d{2})$/.exec(p);
  return m ? `${m[1]}年${Number(m[2])}月` : p;
};

/** `0.875` → `87.5%`; no eligible problems → `—`. */
export const percent = (r: number | null | undefined): string => (r === null || r === undefined ? '—' : `${Math.round(r * 1000) / 10}%`);

/** `2030-07-08T02:00:00Z` → `2030-07-08` in Shanghai. */
export const shanghaiDay = (at: string | null | undefined): string => {
  if (!at) return '';
  const t = asShanghaiWall(at);
  return Number.isNaN(t.getTime()) ? '' : t.toISOString().slice(0, 10);
};

/** The month in Shanghai at `now` (ms): `2030-07`. */
export const monthAt = (now: number): string => shanghaiMonth(new Date(now));

/** The month `n` months after `month` (negative for before): `addMonths('2030-12', 1) === '2031-01'`. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

export const toListItem = (r: BriefingRow): BriefingListItem => ({
  no: r.no,
  name: `第${r.no}期`,
  period: periodLabel(r.period),
  title: r.title,
  draft: r.status === 'draft',
  problems: r.problems,
  positives: r.positives,
  rate: percent(r.onTimeRate),
  date: shanghaiDay(r.status === 'published' ? r.publishedAt : r.createdAt),
});

/** A zh-CN message for a failed briefings call (the contract's sentence for its code). */
export const briefingMessage = (r: { code: string | 0 }): string => messageOf(r);
