import type { ServiceHours } from '../deadlines/service-hours.schema';
import { daysOf } from '../periods/period';
import { weekdayOf } from '../time/shanghai';
import {
  applyIncrements,
  type CoverageDoc,
  type CoverageTerm,
  complianceIncrement,
  coverageRollupId,
  type RollupIncrement,
  termWeekKey,
  visitIncrements,
} from './coverage';
import { complianceDelta, type OccurrenceState } from './occurrence.machine';
import type { VisitRole } from './plan.schema';

/**
 * The nightly check of the coverage rollups (like shared/satisfaction's): one ISO week's documents are
 * recomputed from the records (ended visits, occurrence outcomes), compared path by path, and repaired.
 */

/** A counter that differs: its path in the week document, what is stored and what the records give. */
export interface CoverageDrift {
  path: string;
  stored: number;
  expected: number;
}

/** Every numeric leaf of a document's `z` and `o` as `path → value` (zeros dropped: absent and 0 are the same). */
export function flattenCoverage(doc: Pick<CoverageDoc, 'z' | 'o'> | null | undefined): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (o: unknown, prefix: string) => {
    if (typeof o === 'number') {
      if (o !== 0) out.set(prefix, o);
      return;
    }
    if (!o || typeof o !== 'object') return;
    for (const [k, v] of Object.entries(o)) walk(v, prefix ? `${prefix}.${k}` : k);
  };
  walk(doc?.z, 'z');
  walk(doc?.o, 'o');
  return out;
}

/** The paths where `stored` and `expected` differ, sorted. */
export function diffCoverage(
  stored: Pick<CoverageDoc, 'z' | 'o'> | null | undefined,
  expected: Pick<CoverageDoc, 'z' | 'o'> | null | undefined,
): CoverageDrift[] {
  const a = flattenCoverage(stored);
  const b = flattenCoverage(expected);
  return [...new Set([...a.keys(), ...b.keys()])]
    .sort()
    .flatMap((path) => ((a.get(path) ?? 0) === (b.get(path) ?? 0) ? [] : [{ path, stored: a.get(path) ?? 0, expected: b.get(path) ?? 0 }]));
}

/** What the check reads of a visit. */
export interface CheckVisit {
  zoneId: string;
  unitId: string;
  role: VisitRole;
  startedAt: Date;
  endedAt: Date;
}

/** What the check reads of an occurrence (any state; only outcomes count). */
export interface CheckOccurrence {
  unitId: string;
  level: string;
  date: string;
  state: OccurrenceState;
}

/**
 * The week documents (`cov-<unit>-<week>`) as the records give them: every ended visit's increments (visits are
 * passed with `endedAt` already capped as when they were counted) and every occurrence's outcome counters
 * (`complianceDelta` from a state without an outcome to its present one, which is what its transitions summed to).
 * Increments landing in other weeks or in term documents are left out. `maxVisitMs` bounds how long before the
 * week a visit that reaches into it may have begun (callers read visits from `weekStart − maxVisitMs`).
 */
export function expectedWeek(
  week: string,
  visits: readonly CheckVisit[],
  occurrences: readonly CheckOccurrence[],
  hoursOf: (zoneId: string) => ServiceHours | null,
): Map<string, CoverageDoc> {
  const incs: RollupIncrement[] = [];
  for (const v of visits) {
    const hours = hoursOf(v.zoneId);
    if (hours) incs.push(...visitIncrements(v, hours));
  }
  for (const o of occurrences) incs.push(...complianceIncrement(o, complianceDelta('upcoming', o.state)));
  const docs = new Map<string, CoverageDoc>();
  applyIncrements(
    docs,
    incs.filter((i) => i.week === week),
  );
  return docs;
}

/**
 * How a week's repair moves a term document: each drifted counter whose date lies in the term moves the term by
 * the same amount. Cell (`c`) and compliance (`o`) paths name their weekday, so their date is known; clock-hour
 * (`h`) paths are kept per week, so they move the term only when the whole week lies in it (otherwise they are
 * returned in `unattributed` for the report). Per-weekday visit counts (`n`) are not kept in terms.
 */
export function termDelta(
  week: string,
  drift: readonly CoverageDrift[],
  term: CoverageTerm,
): { inc: Record<string, number>; unattributed: string[] } {
  const days = daysOf(week);
  const dateOf = new Map(days.map((d) => [String(weekdayOf(d)), d]));
  const inTerm = (d: string | undefined) => !!d && d >= term.from && d <= term.to;
  const whole = days.every((d) => inTerm(d));
  const inc: Record<string, number> = {};
  const unattributed: string[] = [];
  for (const d of drift) {
    const parts = d.path.split('.');
    let ok: boolean;
    if (parts[0] === 'o') ok = inTerm(dateOf.get(parts[1]));
    else if (parts[2] === 'c') ok = inTerm(dateOf.get(parts[3].split('-')[0]));
    else if (parts[2] === 'h') {
      ok = whole;
      if (!whole && days.some((x) => inTerm(x))) unattributed.push(d.path);
    } else ok = false;
    if (ok) inc[d.path] = d.expected - d.stored;
  }
  return { inc, unattributed };
}

/** The ids of a unit's week and term documents. */
export const weekDocId = (unitId: string, week: string): string => coverageRollupId(unitId, week);
export const termDocId = (unitId: string, termId: string): string => coverageRollupId(unitId, termWeekKey(termId));
