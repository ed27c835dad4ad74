import type { ServiceHours } from '../deadlines/service-hours.schema';
import { daysOf, isoWeekOf } from '../periods/period';
import { nextDate, shanghaiDate, type Weekday, wallClock, weekdayOf } from '../time/shanghai';
import type { ComplianceKey } from './occurrence.machine';
import type { VisitRole } from './plan.schema';
import { addDays, datesBetween } from './recurrence';

/**
 * Coverage (巡查范围全覆盖, 巡查时间与服务作息时间全方位对应). A cell is (zone, weekday, service interval) in the
 * period; it is covered when a proven visit overlaps that interval on a date of that weekday in the period.
 *
 * Maintained rollups, like shared/satisfaction/rollup.ts: one document per unit per ISO week,
 * `_id` `cov-<unitId>-<YYYY-Www>`; every ended visit and every occurrence outcome adds to it with one `$inc`:
 * - `z.<zoneId>.c.<wd>-<HHmm>.<role>`: visits overlapping the interval opening at HH:mm on weekday wd;
 * - `z.<zoneId>.h.<wd>-<HH>.<role>`: visits overlapping clock hour HH (the heat map);
 * - `z.<zoneId>.n.<wd>.<role>`: visits begun on weekday wd (last visit, sampling weights);
 * - `o.<wd>.<level>.<s|on|late|miss|exc>`: occurrences by slot date (on-time compliance).
 * The week and weekday name the date, so a period of any dates reads whole weeks and keeps the days inside it.
 */
export type RoleCounts = Partial<Record<VisitRole, number>>;
export interface ZoneCounts {
  c?: Record<string, RoleCounts>;
  h?: Record<string, RoleCounts>;
  n?: Record<string, RoleCounts>;
}
export interface CoverageDoc {
  _id: string;
  unitId: string;
  week: string;
  z?: Record<string, ZoneCounts>;
  o?: Record<string, Record<string, Partial<Record<ComplianceKey, number>>>>;
}

export const coverageRollupId = (unitId: string, week: string): string => `cov-${unitId}-${week}`;

const HOUR = 3_600_000;

/** One rollup document's increments: its id and the `$inc` paths with amounts. */
export interface RollupIncrement {
  id: string;
  unitId: string;
  week: string;
  inc: Record<string, number>;
}

const bump = (out: Map<string, RollupIncrement>, unitId: string, date: string, path: string, v: number) => {
  const week = isoWeekOf(date);
  const id = coverageRollupId(unitId, week);
  const r = out.get(id) ?? { id, unitId, week, inc: {} };
  out.set(id, r);
  r.inc[path] = (r.inc[path] ?? 0) + v;
};

/** The cell key of an interval: `cellKey(3, '06:30') === '3-0630'`. */
export const cellKey = (weekday: Weekday, open: string): string => `${weekday}-${open.replace(':', '')}`;

/**
 * What an ended visit adds to the coverage rollups: every (date, service interval) it overlaps, every clock
 * hour it overlaps, and one visit on the date it began. A visit outside the zone's hours covers no cell but
 * is still a visit. Spans at most the dates it touches (callers cap a visit's length).
 */
export function visitIncrements(
  v: { zoneId: string; unitId: string; role: VisitRole; startedAt: Date; endedAt: Date },
  hours: ServiceHours,
): RollupIncrement[] {
  const out = new Map<string, RollupIncrement>();
  const a = v.startedAt.getTime();
  const b = Math.max(v.endedAt.getTime(), a + 1);
  const first = shanghaiDate(v.startedAt);
  const z = `z.${v.zoneId}`;
  bump(out, v.unitId, first, `${z}.n.${weekdayOf(first)}.${v.role}`, 1);
  const last = shanghaiDate(new Date(b - 1));
  for (let date = first; date <= last; date = nextDate(date)) {
    const wd = weekdayOf(date);
    for (const i of hours[wd]) {
      const s = wallClock(date, i.open).getTime();
      const e = wallClock(date, i.close).getTime();
      if (s < b && a < e) bump(out, v.unitId, date, `${z}.c.${cellKey(wd, i.open)}.${v.role}`, 1);
    }
    const midnight = wallClock(date, '00:00').getTime();
    for (let h = 0; h < 24; h++) {
      const s = midnight + h * HOUR;
      if (s < b && a < s + HOUR) bump(out, v.unitId, date, `${z}.h.${wd}-${String(h).padStart(2, '0')}.${v.role}`, 1);
    }
  }
  return [...out.values()];
}

/** What an occurrence's compliance change adds: `o.<wd>.<level>.<key>` on the week of its slot date. */
export function complianceIncrement(
  o: { unitId: string; level: string; date: string },
  delta: Partial<Record<ComplianceKey, number>>,
): RollupIncrement | null {
  const out = new Map<string, RollupIncrement>();
  for (const [k, v] of Object.entries(delta)) if (v) bump(out, o.unitId, o.date, `o.${weekdayOf(o.date)}.${o.level}.${k}`, v);
  return [...out.values()][0] ?? null;
}

/** Adds increments to in-memory documents (the twin of the `$inc` writes; the nightly check and tests use it). */
export function applyIncrements(docs: Map<string, CoverageDoc>, incs: readonly RollupIncrement[]): void {
  for (const r of incs) {
    const doc = docs.get(r.id) ?? { _id: r.id, unitId: r.unitId, week: r.week };
    docs.set(r.id, doc);
    for (const [path, v] of Object.entries(r.inc)) {
      const parts = path.split('.');
      let o = doc as unknown as Record<string, unknown>;
      for (const p of parts.slice(0, -1)) {
        o[p] ??= {};
        o = o[p] as Record<string, unknown>;
      }
      const leaf = parts[parts.length - 1];
      o[leaf] = ((o[leaf] as number | undefined) ?? 0) + v;
    }
  }
}

export interface CoverageZone {
  _id: string;
  name: string;
  unitId: string;
  serviceHours?: ServiceHours;
}

export interface LevelCoverage {
  covered: number;
  rate: number | null;
}

export interface ZoneCoverage {
  zoneId: string;
  name: string;
  unitId: string;
  cells: number;
  office: number;
  centre: number;
  together: number;
  overlap: number;
  volunteer: number;
  self: number;
  lastVisit: string | null;
  /** Proven visits of the two levels overlapping each clock hour 0–23 in the period. */
  hours: number[];
  /** Whether the zone is open in that clock hour on some weekday of the period. */
  open: boolean[];
}

export interface BlindCell {
  zoneId: string;
  name: string;
  weekday: Weekday;
  open: string;
  close: string;
}

export type Compliance = Record<ComplianceKey, number> & { rate: number | null };

export interface CoverageReport {
  from: string;
  to: string;
  cells: number;
  office: LevelCoverage;
  centre: LevelCoverage;
  together: LevelCoverage;
  overlap: LevelCoverage;
  volunteer: LevelCoverage;
  self: LevelCoverage;
  zones: ZoneCoverage[];
  blindCells: BlindCell[];
  blindCellCount: number;
  /** Zones with no visit of either level in the last `staleDays` days before `today` (or never). */
  staleZones: Array<{ zoneId: string; name: string; lastVisit: string | null }>;
  compliance: Record<'office' | 'centre' | 'self' | 'all', Compliance>;
}

/** The weeks whose documents a period needs. */
export const weeksOf = (from: string, to: string): string[] => [...new Set(datesBetween(from, to).map(isoWeekOf))];

const LEVEL_KEYS = ['office', 'centre', 'volunteer', 'self'] as const;
const rate = (covered: number, total: number): LevelCoverage => ({ covered, rate: total > 0 ? covered / total : null });
const emptyCompliance = (): Compliance => ({ s: 0, on: 0, late: 0, miss: 0, exc: 0, rate: null });

/**
 * Coverage of `zones` from `from` to `to` (Shanghai dates, inclusive) read from the week rollups: per level and
 * together (office or centre), the overlap (both), volunteers and self-checks apart; the zone × hour heat map;
 * blind spots (cells never covered, at most `blindLimit` listed, and zones with no visit in `staleDays`);
 * on-time compliance. Pure: `coverage(zones, docs, { from, to, today, staleDays: 14 })`.
 */
export function coverage(
  zones: readonly CoverageZone[],
  docs: readonly CoverageDoc[],
  opts: { from: string; to: string; today: string; staleDays: number; blindLimit?: number },
): CoverageReport {
  const { from, to } = opts;
  const blindLimit = opts.blindLimit ?? 200;
  // For each week, the dates of that week inside the period, by weekday.
  const inPeriod = new Map<string, Map<number, string>>();
  for (const week of weeksOf(from, to)) {
    const days = new Map<number, string>();
    daysOf(week).forEach((d, i) => {
      if (d >= from && d <= to) days.set(i + 1, d);
    });
    inPeriod.set(week, days);
  }
  const weekdaysInPeriod = new Set<number>();
  for (const days of inPeriod.values()) for (const wd of days.keys()) weekdaysInPeriod.add(wd);
  const byUnit = new Map<string, CoverageDoc[]>();
  for (const d of docs) byUnit.set(d.unitId, [...(byUnit.get(d.unitId) ?? []), d]);

  const staleSince = addDays(opts.today, -opts.staleDays);
  const totals = { cells: 0, office: 0, centre: 0, together: 0, overlap: 0, volunteer: 0, self: 0 };
  const out: ZoneCoverage[] = [];
  const blindCells: BlindCell[] = [];
  let blindCellCount = 0;
  const staleZones: CoverageReport['staleZones'] = [];

  for (const zone of zones) {
    const hours = zone.serviceHours;
    const seen = new Map<string, Set<string>>(); // cell → roles that covered it
    const heat = new Array<number>(24).fill(0);
    let lastVisit: string | null = null;
    let lastLevelVisit: string | null = null;
    for (const doc of byUnit.get(zone.unitId) ?? []) {
      const zc = doc.z?.[zone._id];
      if (!zc) continue;
      const days = inPeriod.get(doc.week);
      for (const [cell, roles] of Object.entries(zc.c ?? {})) {
        if (!days?.has(Number(cell.slice(0, 1)))) continue;
        const s = seen.get(cell) ?? new Set<string>();
        seen.set(cell, s);
        for (const [role, n] of Object.entries(roles)) if ((n ?? 0) > 0) s.add(role);
      }
      for (const [key, roles] of Object.entries(zc.h ?? {})) {
        if (!days?.has(Number(key.slice(0, 1)))) continue;
        heat[Number(key.slice(2))] += (roles.office ?? 0) + (roles.centre ?? 0);
      }
      // Last visit looks at every day the documents hold up to today, not only the period's.
      const all = daysOf(doc.week);
      for (const [wd, roles] of Object.entries(zc.n ?? {})) {
        const date = all[Number(wd) - 1];
        if (date > opts.today) continue;
        const any = LEVEL_KEYS.some((r) => (roles[r] ?? 0) > 0);
        if (any && (!lastVisit || date > lastVisit)) lastVisit = date;
        if ((roles.office ?? 0) + (roles.centre ?? 0) > 0 && (!lastLevelVisit || date > lastLevelVisit)) lastLevelVisit = date;
      }
    }
    const open = new Array<boolean>(24).fill(false);
    const z: ZoneCoverage = {
      zoneId: zone._id,
      name: zone.name,
      unitId: zone.unitId,
      cells: 0,
      office: 0,
      centre: 0,
      together: 0,
      overlap: 0,
      volunteer: 0,
      self: 0,
      lastVisit,
      hours: heat,
      open,
    };
    if (hours) {
      for (const wd of [...weekdaysInPeriod].sort()) {
        for (const i of hours[wd as Weekday]) {
          const first = Number(i.open.slice(0, 2));
          const end = i.close === '24:00' ? 24 : Math.ceil((Number(i.close.slice(0, 2)) * 60 + Number(i.close.slice(3))) / 60);
          for (let h = first; h < end; h++) open[h] = true;
          z.cells++;
          const roles = seen.get(cellKey(wd as Weekday, i.open)) ?? new Set<string>();
          const o = roles.has('office');
          const c = roles.has('centre');
          if (o) z.office++;
          if (c) z.centre++;
          if (o || c) z.together++;
          else {
            blindCellCount++;
            if (blindCells.length < blindLimit)
              blindCells.push({ zoneId: zone._id, name: zone.name, weekday: wd as Weekday, open: i.open, close: i.close });
          }
          if (o && c) z.overlap++;
          if (roles.has('volunteer')) z.volunteer++;
          if (roles.has('self')) z.self++;
        }
      }
    }
    for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += z[k];
    if (!lastLevelVisit || lastLevelVisit <= staleSince) staleZones.push({ zoneId: zone._id, name: zone.name, lastVisit: lastLevelVisit });
    out.push(z);
  }

  const compliance = { office: emptyCompliance(), centre: emptyCompliance(), self: emptyCompliance(), all: emptyCompliance() };
  const zoneUnits = new Set(zones.map((z) => z.unitId));
  for (const doc of docs) {
    if (!inPeriod.has(doc.week) || !zoneUnits.has(doc.unitId)) continue;
    const days = inPeriod.get(doc.week) as Map<number, string>;
    for (const [wd, levels] of Object.entries(doc.o ?? {})) {
      if (!days.has(Number(wd))) continue;
      for (const [level, counts] of Object.entries(levels)) {
        const target = compliance[level as 'office' | 'centre' | 'self'];
        if (!target) continue;
        for (const [k, v] of Object.entries(counts) as Array<[ComplianceKey, number]>) {
          target[k] += v;
          compliance.all[k] += v;
        }
      }
    }
  }
  for (const c of Object.values(compliance)) c.rate = c.s - c.exc > 0 ? c.on / (c.s - c.exc) : null;

  return {
    from,
    to,
    cells: totals.cells,
    office: rate(totals.office, totals.cells),
    centre: rate(totals.centre, totals.cells),
    together: rate(totals.together, totals.cells),
    overlap: rate(totals.overlap, totals.cells),
    volunteer: rate(totals.volunteer, totals.cells),
    self: rate(totals.self, totals.cells),
    zones: out,
    blindCells,
    blindCellCount,
    staleZones,
    compliance,
  };
}

/** The naive baseline: the same report computed from the visits themselves (the bench compares the two). */
export function coverageFromVisits(
  zones: readonly CoverageZone[],
  visits: Iterable<{ zoneId: string; unitId: string; role: VisitRole; startedAt: Date; endedAt: Date }>,
  opts: { from: string; to: string; today: string; staleDays: number; blindLimit?: number },
): CoverageReport {
  const hours = new Map(zones.map((z) => [z._id, z.serviceHours]));
  const docs = new Map<string, CoverageDoc>();
  for (const v of visits) {
    const h = hours.get(v.zoneId);
    if (h) applyIncrements(docs, visitIncrements(v, h));
  }
  return coverage(zones, [...docs.values()], opts);
}
