import { shanghaiDate } from '../time/shanghai';
import { emptyCounts, type OpenGaugeDoc, type TicketCounts, type TicketRollupDoc } from './ticket-rollup';

/** A satisfaction tally of one unit in one month (from its satisfaction rollup: count and sum of stars). */
export interface SatTally {
  unitId: string;
  month: string;
  n: number;
  sum: number;
}

/** Everything the overview is computed from: rollups, gauges and the overdue counts — never the tickets. */
export interface OverviewInput {
  now: Date;
  /** The months shown, oldest first; the last is the current month. */
  months: string[];
  units: Array<{ id: string; name: string }>;
  /** Unit rollups of the current and the previous month. */
  unitMonths: TicketRollupDoc[];
  /** Campus rollups of `months`. */
  campus: TicketRollupDoc[];
  gauges: OpenGaugeDoc[];
  /** Open problems past their deadline now, per unit. */
  overdue: Record<string, number>;
  sat: SatTally[];
  /** Zone rollups of the current month with the most problems, and with the most repeats. */
  worstZones: TicketRollupDoc[];
  repeatZones: TicketRollupDoc[];
  zoneNames: Record<string, { name: string; unitId: string }>;
}

export interface Figure {
  value: number | null;
  /** The same figure a period earlier (last week, last month), when it means something. */
  previous?: number | null;
}

export interface UnitRow {
  unitId: string;
  name: string;
  open: number;
  overdue: number;
  found: number;
  onTimeRate: number | null;
  satisfaction: number | null;
  ratings: number;
  repeat: number;
}

export interface TrendPoint {
  month: string;
  found: number;
  onTimeRate: number | null;
  satisfaction: number | null;
}

export interface ZoneRow {
  zoneId: string;
  name: string;
  unitName: string;
  found: number;
  repeat: number;
  notRectified: number;
}

export interface Overview {
  asOf: Date;
  month: string;
  week: { from: string; to: string; found: Figure; rectified: Figure; positive: Figure };
  monthFigures: {
    found: Figure;
    rectified: Figure;
    onTimeRate: Figure;
    /** Mean hours from report to first rectification. */
    hoursToRectify: Figure;
    satisfaction: Figure;
    repeat: Figure;
    notRectified: Figure;
  };
  now: { open: number; overdue: number };
  trend: TrendPoint[];
  units: UnitRow[];
  worstZones: ZoneRow[];
  repeatZones: ZoneRow[];
}

const DAY = 86_400_000;
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const ratio = (a: number, b: number): number | null => (b > 0 ? round(a / b, 3) : null);
const mean = (sum: number, n: number): number | null => (n > 0 ? round(sum / n, 2) : null);

/** The sum of the counters of several rollups. */
export function sumCounts(docs: Iterable<Partial<TicketCounts>>): TicketCounts {
  const out = emptyCounts();
  for (const d of docs) for (const k of Object.keys(out) as Array<keyof TicketCounts>) out[k] += d[k] ?? 0;
  return out;
}

/** The counters of the Shanghai days `from`..`to` (inclusive, `YYYY-MM-DD`) from month rollups' day buckets. */
export function daysOf(docs: readonly TicketRollupDoc[], from: string, to: string): TicketCounts {
  const buckets: Array<Partial<TicketCounts>> = [];
  for (const doc of docs)
    for (const [k, b] of Object.entries(doc.d ?? {})) {
      const day = `${doc.month}-${k.slice(1)}`;
      if (day >= from && day <= to) buckets.push(b);
    }
  return sumCounts(buckets);
}

/** The previous month of `YYYY-MM`. */
export const previousMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/** The `n` months up to and including `month`, oldest first. */
export function monthsUpTo(month: string, n: number): string[] {
  const out = [month];
  while (out.length < n) out.unshift(previousMonth(out[0]));
  return out;
}

/**
 * How we are doing: this week (the last 7 Shanghai days, against the 7 before), this month (against the last),
 * open and overdue now, the trend of problems, on-time rectification and satisfaction over `months`, the units
 * with their open and overdue problems, and the zones with the most problems and repeats this month.
 */
export function buildOverview(input: OverviewInput): Overview {
  const month = input.months[input.months.length - 1];
  const prev = previousMonth(month);
  const today = shanghaiDate(input.now);
  const day = (offset: number) => shanghaiDate(new Date(input.now.getTime() - offset * DAY));
  const campusOf = (m: string) => input.campus.filter((d) => d.month === m);
  const thisWeek = daysOf(input.campus, day(6), today);
  const lastWeek = daysOf(input.campus, day(13), day(7));
  const cur = sumCounts(campusOf(month));
  const last = sumCounts(campusOf(prev));
  const satOf = (m: string, unitId?: string) => {
    const rows = input.sat.filter((s) => s.month === m && (!unitId || s.unitId === unitId));
    return { n: rows.reduce((a, s) => a + s.n, 0), sum: rows.reduce((a, s) => a + s.sum, 0) };
  };
  const satCur = satOf(month);
  const satLast = satOf(prev);
  const gauge = new Map(input.gauges.map((g) => [g.unitId, g.open]));
  const unitName = new Map(input.units.map((u) => [u.id, u.name]));
  const units: UnitRow[] = input.units
    .map((u) => {
      const c = sumCounts(input.unitMonths.filter((d) => d.key === u.id && d.month === month));
      const s = satOf(month, u.id);
      return {
        unitId: u.id,
        name: u.name,
        open: Math.max(0, gauge.get(u.id) ?? 0),
        overdue: input.overdue[u.id] ?? 0,
        found: c.found,
        onTimeRate: ratio(c.onTime, c.rectified),
        satisfaction: mean(s.sum, s.n),
        ratings: s.n,
        repeat: c.repeat,
      };
    })
    .filter((u) => u.open + u.overdue + u.found + u.ratings > 0)
    .sort((a, b) => b.overdue - a.overdue || b.open - a.open || b.found - a.found || (a.unitId < b.unitId ? -1 : 1));
  const zoneRow = (d: TicketRollupDoc): ZoneRow => {
    const z = input.zoneNames[d.key];
    return {
      zoneId: d.key,
      name: z?.name ?? d.key,
      unitName: z ? (unitName.get(z.unitId) ?? z.unitId) : '',
      found: d.found ?? 0,
      repeat: d.repeat ?? 0,
      notRectified: d.notRectified ?? 0,
    };
  };
  return {
    asOf: input.now,
    month,
    week: {
      from: day(6),
      to: today,
      found: { value: thisWeek.found, previous: lastWeek.found },
      rectified: { value: thisWeek.rectified, previous: lastWeek.rectified },
      positive: { value: thisWeek.positive, previous: lastWeek.positive },
    },
    monthFigures: {
      found: { value: cur.found, previous: last.found },
      rectified: { value: cur.rectified, previous: last.rectified },
      onTimeRate: { value: ratio(cur.onTime, cur.rectified), previous: ratio(last.onTime, last.rectified) },
      hoursToRectify: {
        value: cur.rectified > 0 ? round(cur.rectifyMs / cur.rectified / 3_600_000, 1) : null,
        previous: last.rectified > 0 ? round(last.rectifyMs / last.rectified / 3_600_000, 1) : null,
      },
      satisfaction: { value: mean(satCur.sum, satCur.n), previous: mean(satLast.sum, satLast.n) },
      repeat: { value: cur.repeat, previous: last.repeat },
      notRectified: { value: cur.notRectified, previous: last.notRectified },
    },
    now: {
      open: units.reduce((a, u) => a + u.open, 0),
      overdue: units.reduce((a, u) => a + u.overdue, 0),
    },
    trend: input.months.map((m) => {
      const c = sumCounts(campusOf(m));
      const s = satOf(m);
      return { month: m, found: c.found, onTimeRate: ratio(c.onTime, c.rectified), satisfaction: mean(s.sum, s.n) };
    }),
    units,
    worstZones: input.worstZones.filter((d) => (d.found ?? 0) > 0).map(zoneRow),
    repeatZones: input.repeatZones.filter((d) => (d.repeat ?? 0) > 0).map(zoneRow),
  };
}
