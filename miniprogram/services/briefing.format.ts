/**
 * Briefing (巡查简报) labels and replies shared by the leaders' and the admin's briefing pages, which live in
 * different subpackages (a subpackage cannot import another's code). Pure functions of their arguments.
 */
import { messageOf } from './reply';

/** A row of `briefings.list` (cloudfunctions/briefings/briefings.service.ts `BriefingRow`), as it arrives. */
export type BriefingRow = {
  no: number;
  period: string;
  title: string;
  status: 'draft' | 'published';
  createdAt: string;
  publishedAt: string | null;
  problems: number;
  positives: number;
  onTimeRate: number | null;
  closed: number;
  open: number;
};

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
  const t = new Date(new Date(at).getTime() + 8 * 3_600_000);
  return Number.isNaN(t.getTime()) ? '' : t.toISOString().slice(0, 10);
};

/** The month in Shanghai at `now` (ms): `2030-07`. */
export const monthAt = (now: number): string => new Date(now + 8 * 3_600_000).toISOString().slice(0, 7);

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

const BRIEFING_MESSAGES: Record<string, string> = {
  'BRIEFING.NOT_FOUND': '该期简报不存在或尚未发布',
  'BRIEFING.PUBLISHED': '该期简报已发布，不能再修改',
  'BRIEFING.UNKNOWN_ITEM': '所选条目不属于本期，请刷新后重选',
  'BRIEFING.PERIOD_NOT_STARTED': '该月份还没开始，不能生成简报',
};

/** A zh-CN message for a failed briefings call (its own codes first, then the common ones). */
export const briefingMessage = (r: { code: string | 0; message?: string }): string =>
  (typeof r.code === 'string' && BRIEFING_MESSAGES[r.code]) || messageOf(r);
