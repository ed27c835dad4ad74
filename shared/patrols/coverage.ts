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
 * - `z.<zoneId>.h.<HH>`: two-level (office, centre) visits overlapping clock hour HH in that week (the heat map;
 *   a week that straddles the period's edge counts whole there, the cells above stay exact to the day);
 * - `z.<zoneId>.n.<wd>`: two-level visits begun on weekday wd (last visit, staleness, sampling weights);
 * - `o.<wd>.<level>.<s|on|late|miss|exc>`: occurrences by slot date (on-time compliance).
 * The week and weekday name the date, so a period of any dates reads whole weeks and keeps the days inside it.
 */
export type RoleCounts = Partial<Record<VisitRole, number>>;
export interface ZoneCounts {
  c?: Record<string, RoleCounts>;
  h?: Record<string, number>;
  n?: Record<string, number>;
}
export interface CoverageDoc {
  _id: string;
  unitId: string;
  /** The ISO week, or `T-<termId>` for a term document. */
  week: string;
  /** Set on a term document: it covers every day of that term. */
  term?: string;
  z?: Record<string, ZoneCounts>;
  o?: Record<string, Record<string, Partial<Record<ComplianceKey, number>>>>;
}

export const coverageRollupId = (unitId: string, week: string): string => `cov-${unitId}-${week}`;

/**
 * A configured term (学期) such as `{ id: '2032S', name: '2032 春季学期', from: '2032-03-01', to: '2032-07-18' }`.
 * Every increment dated inside a term is also added to one document per unit for the whole term
 * (`cov-<unitId>-T-<termId>`, the same paths without the per-weekday visit counts), so the semester's map reads
 * one small document per unit instead of twenty weeks.
 */
export interface CoverageTerm {
  id: string;
  name: string;
  from: string;
  to: string;
}
export const termWeekKey = (termId: string): string => `T-${termId}`;

const HOUR = 3_600_000;

/** One rollup document's increments: its id and the `$inc` paths with amounts. */
export interface RollupIncrement {
  id: string;
  unitId: string;
  week: string;
  term?: string;
  inc: Record<string, number>;
}

const add = (out: Map<string, RollupIncrement>, unitId: string, week: string, term: string | undefined, path: string, v: number) => {
  const id = coverageRollupId(unitId, week);
  const r = out.get(id) ?? { id, unitId, week, ...(term ? { term } : {}), inc: {} };
  out.set(id, r);
  r.inc[path] = (r.inc[path] ?? 0) + v;
};

const bump = (
  out: Map<string, RollupIncrement>,
  unitId: string,
  date: string,
  path: string,
  v: number,
  terms: readonly CoverageTerm[] = [],
) => {
  add(out, unitId, isoWeekOf(date), undefined, path, v);
  if (path.includes('.n.')) return; // per-weekday visit counts stay in the weeks (staleness reads recent weeks)
  for (const t of terms) if (date >= t.from && date <= t.to) add(out, unitId, termWeekKey(t.id), t.id, path, v);
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
  terms: readonly CoverageTerm[] = [],
): RollupIncrement[] {
  const out = new Map<string, RollupIncrement>();
  const a = v.startedAt.getTime();
  const b = Math.max(v.endedAt.getTime(), a + 1);
  const first = shanghaiDate(v.startedAt);
  const z = `z.${v.zoneId}`;
  // Only the two levels feed the heat map and staleness; volunteers and self-checks count in their own cells.
  const level = v.role === 'office' || v.role === 'centre';
  if (level) bump(out, v.unitId, first, `${z}.n.${weekdayOf(first)}`, 1);
  const last = shanghaiDate(new Date(b - 1));
  for (let date = first; date <= last; date = nextDate(date)) {
    const wd = weekdayOf(date);
    for (const i of hours[wd]) {
      const s = wallClock(date, i.open).getTime();
      const e = wallClock(date, i.close).getTime();
      if (s < b && a < e) bump(out, v.unitId, date, `${z}.c.${cellKey(wd, i.open)}.${v.role}`, 1, terms);
    }
    if (!level) continue;
    const midnight = wallClock(date, '00:00').getTime();
    for (let h = 0; h < 24; h++) {
      const s = midnight + h * HOUR;
      if (s < b && a < s + HOUR) bump(out, v.unitId, date, `${z}.h.${String(h).padStart(2, '0')}`, 1, terms);
    }
  }
  return [...out.values()];
}

/** What an occurrence's compliance change adds: `o.<wd>.<level>.<key>` on the week (and term) of its slot date. */
export function complianceIncrement(
  o: { unitId: string; level: string; date: string },
  delta: Partial<Record<ComplianceKey, number>>,
  terms: readonly CoverageTerm[] = [],
): RollupIncrement[] {
  const out = new Map<string, RollupIncrement>();
  for (const [k, v] of Object.entries(delta)) if (v) bump(out, o.unitId, o.date, `o.${weekdayOf(o.date)}.${o.level}.${k}`, v, terms);
  return [...out.values()];
}

/** Adds increments to in-memory documents (the twin of the `$inc` writes; the nightly check and tests use it). */
export function applyIncrements(docs: Map<string, CoverageDoc>, incs: readonly RollupIncrement[]): void {
  for (const r of incs) {
    const doc = docs.get(r.id) ?? { _id: r.id, unitId: r.unitId, week: r.week, ...(r.term ? { term: r.term } : {}) };
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
  /** Proven visits of the two levels overlapping each clock hour 0–23 in the period's weeks. */
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

const ROLE_BITS: Record<string, number> = { office: 1, centre: 2, volunteer: 4, self: 8 };

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
  recent: readonly CoverageDoc[] = [],
): CoverageReport {
  const { from, to } = opts;
  const blindLimit = opts.blindLimit ?? 200;
  // Per week: its seven dates, and which weekdays fall inside the period.
  const weekDates = new Map<string, string[]>();
  const inPeriod = new Map<string, boolean[]>();
  const weekOf = (week: string) => {
    let dates = weekDates.get(week);
    if (!dates) {
      dates = daysOf(week);
      weekDates.set(week, dates);
      inPeriod.set(
        week,
        dates.map((d) => d >= from && d <= to),
      );
    }
    return dates;
  };
  for (const week of weeksOf(from, to)) weekOf(week);
  const weekdaysInPeriod: number[] = [];
  for (let wd = 1; wd <= 7; wd++) if ([...inPeriod.values()].some((days) => days[wd - 1])) weekdaysInPeriod.push(wd);

  // One pass over the documents: per zone, the roles seen per cell, the heat and the last two-level visit.
  // The roles seen in a cell as bits (no Set per cell: the semester map folds ~10,000 cells per request).
  interface Acc {
    seen: Map<string, number>;
    heat: number[];
    last: string | null;
  }
  const acc = new Map<string, Acc>();
  const accOf = (id: string): Acc => {
    let a = acc.get(id);
    if (!a) {
      a = { seen: new Map(), heat: new Array<number>(24).fill(0), last: null };
      acc.set(id, a);
    }
    return a;
  };
  const ALL_DAYS = [true, true, true, true, true, true, true];
  // Term documents cover the whole period (the service passes them only when the period is that term); the
  // weeks in `recent` only say when each zone was last visited.
  for (const doc of [...docs, ...recent]) {
    const isRecent = recent.includes(doc);
    const dates = doc.term ? null : weekOf(doc.week);
    const days = doc.term ? ALL_DAYS : (inPeriod.get(doc.week) as boolean[]);
    const anyIn = !isRecent && days.some(Boolean);
    for (const zoneId in doc.z ?? {}) {
      const zc = (doc.z as Record<string, ZoneCounts>)[zoneId];
      const a = accOf(zoneId);
      if (anyIn) {
        for (const cell in zc.c ?? {}) {
          if (!days[cell.charCodeAt(0) - 49]) continue;
          const roles = (zc.c as Record<string, RoleCounts>)[cell];
          let bits = 0;
          for (const role in roles) {
            if (((roles as Record<string, number>)[role] ?? 0) > 0) bits |= ROLE_BITS[role] ?? 0;
          }
          if (bits) a.seen.set(cell, (a.seen.get(cell) ?? 0) | bits);
        }
        for (const hh in zc.h ?? {}) a.heat[Number(hh)] += (zc.h as Record<string, number>)[hh];
      }
      if (!dates) continue;
      for (const wd in zc.n ?? {}) {
        if (((zc.n as Record<string, number>)[wd] ?? 0) <= 0) continue;
        const date = dates[Number(wd) - 1];
        if (date <= opts.today && (!a.last || date > a.last)) a.last = date;
      }
    }
  }

  const staleSince = addDays(opts.today, -opts.staleDays);
  const totals = { cells: 0, office: 0, centre: 0, together: 0, overlap: 0, volunteer: 0, self: 0 };
  const out: ZoneCoverage[] = [];
  const blindCells: BlindCell[] = [];
  let blindCellCount = 0;
  const staleZones: CoverageReport['staleZones'] = [];

  for (const zone of zones) {
    const hours = zone.serviceHours;
    const a = acc.get(zone._id);
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
      lastVisit: a?.last ?? null,
      hours: a?.heat ?? new Array<number>(24).fill(0),
      open,
    };
    if (hours) {
      for (const wd of weekdaysInPeriod) {
        for (const i of hours[wd as Weekday]) {
          const first = Number(i.open.slice(0, 2));
          const end = i.close === '24:00' ? 24 : Math.ceil((Number(i.close.slice(0, 2)) * 60 + Number(i.close.slice(3))) / 60);
          for (let h = first; h < end; h++) open[h] = true;
          z.cells++;
          const roles = a?.seen.get(cellKey(wd as Weekday, i.open)) ?? 0;
          const o = (roles & ROLE_BITS.office) !== 0;
          const c = (roles & ROLE_BITS.centre) !== 0;
          if (o) z.office++;
          if (c) z.centre++;
          if (o || c) z.together++;
          else {
            blindCellCount++;
            if (blindCells.length < blindLimit)
              blindCells.push({ zoneId: zone._id, name: zone.name, weekday: wd as Weekday, open: i.open, close: i.close });
          }
          if (o && c) z.overlap++;
          if (roles & ROLE_BITS.volunteer) z.volunteer++;
          if (roles & ROLE_BITS.self) z.self++;
        }
      }
    }
    for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += z[k];
    if (!z.lastVisit || z.lastVisit <= staleSince) staleZones.push({ zoneId: zone._id, name: zone.name, lastVisit: z.lastVisit });
    out.push(z);
  }

  const compliance = { office: emptyCompliance(), centre: emptyCompliance(), self: emptyCompliance(), all: emptyCompliance() };
  const zoneUnits = new Set(zones.map((z) => z.unitId));
  for (const doc of docs) {
    const days = doc.term ? ALL_DAYS : inPeriod.get(doc.week);
    if (!days || !zoneUnits.has(doc.unitId)) continue;
    for (const [wd, levels] of Object.entries(doc.o ?? {})) {
      if (!days[Number(wd) - 1]) continue;
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

/** Whether a document is a term document (read for a whole term) rather than a week. */
export const isTermDoc = (d: Pick<CoverageDoc, 'term'>): boolean => !!d.term;

/** Terms as configured: ids safe as keys, from ≤ to, at most 200 days each, not overlapping. */
export function checkTerms(terms: readonly CoverageTerm[]): string | null {
  const sorted = [...terms].sort((a, b) => (a.from < b.from ? -1 : 1));
  for (const [i, t] of sorted.entries()) {
    if (!/^[A-Za-z0-9_-]{1,20}$/.test(t.id)) return `bad term id ${t.id}`;
    if (t.to < t.from || datesBetween(t.from, t.to).length > 200) return `term ${t.id} must run forwards and span at most 200 days`;
    if (i > 0 && t.from <= sorted[i - 1].to) return `term ${t.id} overlaps ${sorted[i - 1].id}`;
  }
  return new Set(terms.map((t) => t.id)).size === terms.length ? null : 'term ids repeat';
}
