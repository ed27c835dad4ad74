/** Rows of the ranking page as the view shows them: pure functions of the rows `stats` returns. */

export type TabKey = 'score' | 'satisfaction' | 'zone' | 'staff';

import type {
  Previous,
  SatisfactionRankRow as SatisfactionRow,
  ScoreRankRow as ScoreRow,
  StaffRankRow as StaffRow,
  ZoneRankRow as ZoneRow,
} from '../../../shared/contract';
import { shanghaiDayTimeZh, shanghaiMonth as shanghaiMonthOf } from '../../../shared/contract';

export type { Previous, SatisfactionRow, ScoreRow, StaffRow, ZoneRow };
export type AnyRow = ScoreRow | SatisfactionRow | ZoneRow | StaffRow;

export type Trend = { tone: 'up' | 'down' | 'same' | 'none'; mark: string; delta: string };

/** What one line of the list shows. `unitId` is where a tap leads (null: not tappable). */
export type RankItem = {
  key: string;
  rank: number;
  name: string;
  sub: string;
  value: string;
  suffix: string;
  /** Under the value: what kind of value it is, where the plain mean beside it could be mistaken for it. */
  caption: string;
  trend: Trend;
  unitId: string | null;
};

/** Points as a reader writes them: no trailing zeros, a real minus sign. `points(-7) === '−7'`. */
export const points = (x: number, signed = false): string => {
  const abs = String(Math.round(Math.abs(x) * 100) / 100);
  if (x < 0) return `−${abs}`;
  return signed && x > 0 ? `+${abs}` : abs;
};

const fixed2 = (x: number, signed = false): string => {
  const s = Math.abs(x).toFixed(2);
  return x < 0 ? `−${s}` : signed && x > 0 ? `+${s}` : s;
};

/**
 * The trend mark: rank movement against the previous period (↑ climbed, ↓ fell, — held), with the value's
 * change underneath; a row that was not ranked last period has no trend.
 */
export function trendOf(rank: number, p: Previous, delta: (d: number) => string): Trend {
  if (p.rank === null) return { tone: 'none', mark: '—', delta: '上期无' };
  const moved = p.rank - rank;
  const d = p.delta === null ? '' : delta(p.delta);
  if (moved > 0) return { tone: 'up', mark: `↑${moved}`, delta: d };
  if (moved < 0) return { tone: 'down', mark: `↓${-moved}`, delta: d };
  return { tone: 'same', mark: '—', delta: d };
}

const scoreDelta = (d: number) => (d === 0 ? '持平' : `${points(d, true)}分`);
const satDelta = (d: number) => (d === 0 ? '持平' : fixed2(d, true));
const ratings = (n: number, mean: number | null) => (n === 0 || mean === null ? '暂无评价' : `均分 ${mean.toFixed(2)} · ${n} 条评价`);

/** The list line of a row of the given tab. */
export function toRankItem(tab: TabKey, row: AnyRow): RankItem {
  if (tab === 'score') {
    const r = row as ScoreRow;
    const parts = [`扣 ${points(-r.deductions)}`];
    if (r.bonuses > 0) parts.push(`加 ${points(r.bonuses)}`);
    parts.push(r.problems > 0 ? `问题 ${r.problems} 件` : '无问题');
    return {
      key: r.unitId,
      rank: r.rank,
      name: r.name,
      sub: parts.join(' · '),
      value: points(r.total),
      suffix: '分',
      caption: '',
      trend: trendOf(r.rank, r.previous, scoreDelta),
      unitId: r.unitId,
    };
  }
  if (tab === 'satisfaction') {
    const r = row as SatisfactionRow;
    return {
      key: r.unitId,
      rank: r.rank,
      name: r.name,
      sub: ratings(r.n, r.mean),
      value: r.adjusted.toFixed(2),
      suffix: '',
      caption: '调整后',
      trend: trendOf(r.rank, r.previous, satDelta),
      unitId: r.unitId,
    };
  }
  if (tab === 'zone') {
    const r = row as ZoneRow;
    return {
      key: r.zoneId,
      rank: r.rank,
      name: r.name ?? '（已删除的场所）',
      sub: [r.unitName, ratings(r.n, r.mean)].filter(Boolean).join(' · '),
      value: r.adjusted.toFixed(2),
      suffix: '',
      caption: '调整后',
      trend: trendOf(r.rank, r.previous, satDelta),
      unitId: r.unitId,
    };
  }
  const r = row as StaffRow;
  return {
    key: r.personId,
    rank: r.rank,
    name: r.name ?? '（已离岗人员）',
    sub: `扣加分 ${points(r.points, true)} · 涉及工单 ${r.tickets} 件`,
    value: points(r.total),
    suffix: '分',
    caption: '',
    trend: trendOf(r.rank, r.previous, scoreDelta),
    unitId: null,
  };
}

/** `monthLabel('2030-03') === '2030年3月'`. */
export const monthLabel = (m: string): string => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;

/** `previousMonth('2030-01') === '2029-12'`. */
export function previousMonth(m: string): string {
  const [y, mo] = [Number(m.slice(0, 4)), Number(m.slice(5, 7))];
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}

/** The Shanghai month of an instant (the client may run in any time zone). */
export const shanghaiMonth = (ms: number): string => shanghaiMonthOf(new Date(ms));

/** `shortDate('2030-04-01T19:00:00.000Z') === '4月2日 03:00'` (Shanghai). */
export const shortDate = (iso: string): string => shanghaiDayTimeZh(iso);

/** The one-line explanation under each tab: how the value is computed and how ties are broken. */
export function explanation(tab: TabKey, prior: { mean: number; weight: number } | null): string {
  const C = prior?.weight ?? 10;
  const m = prior?.mean ?? 3;
  const bayes = `调整后满意度 =（${C}×${m} + 评分总和）÷（${C} + 评价数）：评价少时向 ${m} 分靠拢，3 条 5 分排不过 300 条均分 4.8。`;
  if (tab === 'score') return '得分 = 基础分 − 扣分 + 加分，每一分都可追溯到工单。同分时问题少者在前，再比扣分少者。';
  if (tab === 'satisfaction') return `${bayes}同分时评价多者在前，再比均分。`;
  if (tab === 'zone') return `${bayes}同分时评价多者在前。`;
  return '个人得分 = 基础分 + 本人名下工单的扣加分。同分时涉及工单少者在前。';
}
