/** The overview reply (`overview.summary`, dates as strings) → what the page renders. */
import type { ChartData } from '../../../components/chart/draw';
import type { OverviewSummary } from '../../../shared/contract';

type Tone = 'good' | 'bad' | '';
export interface FigureView {
  key: string;
  label: string;
  value: string;
  delta: string;
  tone: Tone;
  /** Where a tap goes (the list behind the number), or '' when there is none. */
  url: string;
}

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
const num = (v: number | null) => (v === null ? '—' : String(v));
const signed = (d: number, digits = 0) => `${d > 0 ? '+' : d < 0 ? '−' : '±'}${Math.abs(d).toFixed(digits).replace(/\.0+$/, '')}`;

/**
 * The change from the previous period as people read it: "较上周 +3", "较上月 +4.5个百分点". `better` says which
 * way is good (more problems found is bad, a higher on-time rate is good); no tone when unchanged or unknown.
 */
export function deltaOf(
  value: number | null,
  previous: number | null | undefined,
  opts: { than: string; better: 'up' | 'down'; kind?: 'count' | 'rate' | 'hours' | 'score' },
): { delta: string; tone: Tone } {
  if (value === null || previous === null || previous === undefined) return { delta: '', tone: '' };
  const kind = opts.kind ?? 'count';
  const d = value - previous;
  const text =
    kind === 'rate'
      ? `${signed(Math.round(d * 1000) / 10, 1)}个百分点`
      : kind === 'hours'
        ? `${signed(d, 1)}小时`
        : kind === 'score'
          ? signed(Math.round(d * 100) / 100, 2)
          : signed(d);
  const tone: Tone = d === 0 ? '' : d > 0 === (opts.better === 'up') ? 'good' : 'bad';
  return { delta: `较${opts.than} ${text}`, tone };
}

const list = (q: Record<string, string | undefined>) =>
  `/packages/leader/tickets/index?${Object.entries(q)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
    .join('&')}`;

const monthLabel = (m: string) => `${Number(m.slice(5, 7))}月`;
const dayLabel = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export function overviewView(o: OverviewSummary) {
  const m = o.monthFigures;
  const w = o.week;
  const found = list({ view: 'found', month: o.month, title: `${monthLabel(o.month)}发现的问题` });
  const week: FigureView[] = [
    {
      key: 'found',
      label: '发现问题',
      value: num(w.found.value),
      ...deltaOf(w.found.value, w.found.previous, { than: '上周', better: 'down' }),
      url: list({ view: 'found', from: w.from, to: w.to, title: '本周发现的问题' }),
    },
    {
      key: 'rectified',
      label: '已整改',
      value: num(w.rectified.value),
      ...deltaOf(w.rectified.value, w.rectified.previous, { than: '上周', better: 'up' }),
      url: list({ view: 'found', from: w.from, to: w.to, title: '本周发现的问题' }),
    },
    {
      key: 'positive',
      label: '正面典型',
      value: num(w.positive.value),
      ...deltaOf(w.positive.value, w.positive.previous, { than: '上周', better: 'up' }),
      url: '',
    },
  ];
  const month: FigureView[] = [
    {
      key: 'found',
      label: '发现问题',
      value: num(m.found.value),
      ...deltaOf(m.found.value, m.found.previous, { than: '上月', better: 'down' }),
      url: found,
    },
    {
      key: 'onTime',
      label: '按时整改率',
      value: pct(m.onTimeRate.value),
      ...deltaOf(m.onTimeRate.value, m.onTimeRate.previous, { than: '上月', better: 'up', kind: 'rate' }),
      url: found,
    },
    {
      key: 'hours',
      label: '平均整改用时',
      value: m.hoursToRectify.value === null ? '—' : `${m.hoursToRectify.value}小时`,
      ...deltaOf(m.hoursToRectify.value, m.hoursToRectify.previous, { than: '上月', better: 'down', kind: 'hours' }),
      url: found,
    },
    {
      key: 'satisfaction',
      label: '满意度',
      value: m.satisfaction.value === null ? '—' : `${m.satisfaction.value.toFixed(2)}分`,
      ...deltaOf(m.satisfaction.value, m.satisfaction.previous, { than: '上月', better: 'up', kind: 'score' }),
      url: '/packages/leader/ranking/index?tab=satisfaction',
    },
    {
      key: 'repeat',
      label: '屡查屡犯',
      value: num(m.repeat.value),
      ...deltaOf(m.repeat.value, m.repeat.previous, { than: '上月', better: 'down' }),
      url: found,
    },
    {
      key: 'notRectified',
      label: '查而不改',
      value: num(m.notRectified.value),
      ...deltaOf(m.notRectified.value, m.notRectified.previous, { than: '上月', better: 'down' }),
      url: found,
    },
  ];
  const trend: ChartData = {
    kind: 'trend',
    labels: o.trend.map((p) => monthLabel(p.month)),
    bars: o.trend.map((p) => p.found),
    line: o.trend.map((p) => p.onTimeRate),
    barLabel: '发现问题（个）',
    lineLabel: '按时整改率',
    lineTop: '100%',
    lineBottom: '0%',
  };
  const satisfaction: ChartData = {
    kind: 'trend',
    labels: o.trend.map((p) => monthLabel(p.month)),
    bars: [],
    line: o.trend.map((p) => (p.satisfaction === null ? null : (p.satisfaction - 1) / 4)),
    barLabel: '',
    lineLabel: '满意度',
    lineTop: '5分',
    lineBottom: '1分',
  };
  const openUnits = o.units.filter((u) => u.open > 0);
  const units: ChartData = { kind: 'units', rows: openUnits.map((u) => ({ name: u.name, open: u.open, overdue: u.overdue })) };
  return {
    period: `${dayLabel(w.from)}—${dayLabel(w.to)}`,
    monthText: `${o.month.slice(0, 4)}年${monthLabel(o.month)}`,
    week,
    month,
    now: {
      open: o.now.open,
      overdue: o.now.overdue,
      openUrl: list({ view: 'open', title: '正在整改的问题' }),
      overdueUrl: list({ view: 'overdue', title: '已超时的问题' }),
    },
    trend,
    satisfaction,
    hasSatisfaction: o.trend.some((p) => p.satisfaction !== null),
    units,
    hasOpen: openUnits.length > 0,
    unitRows: o.units.map((u) => ({
      key: u.unitId,
      name: u.name,
      open: u.open,
      overdue: u.overdue,
      found: u.found,
      onTime: pct(u.onTimeRate),
      satisfaction: u.satisfaction === null ? '—' : u.satisfaction.toFixed(2),
      openUrl: list({ view: 'open', unitId: u.unitId, title: `${u.name} · 正在整改` }),
      overdueUrl: list({ view: 'overdue', unitId: u.unitId, title: `${u.name} · 已超时` }),
      foundUrl: list({ view: 'found', unitId: u.unitId, month: o.month, title: `${u.name} · ${monthLabel(o.month)}发现` }),
    })),
    zones: o.worstZones.map((z) => ({
      key: z.zoneId,
      name: z.name,
      unit: z.unitName,
      found: z.found,
      repeat: z.repeat,
      url: list({ view: 'found', zoneId: z.zoneId, month: o.month, title: `${z.name} · ${monthLabel(o.month)}发现` }),
    })),
    repeats: o.repeatZones.map((z) => ({
      key: z.zoneId,
      name: z.name,
      unit: z.unitName,
      repeat: z.repeat,
      notRectified: z.notRectified,
      url: list({ view: 'found', zoneId: z.zoneId, month: o.month, title: `${z.name} · ${monthLabel(o.month)}发现` }),
    })),
  };
}
