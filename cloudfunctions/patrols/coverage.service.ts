import { AppError } from '../../shared/errors';
import {
  addDays,
  type CoverageDoc,
  type CoverageTerm,
  type CoverageZone,
  checkTerms,
  coverage,
  datesBetween,
  PATROL_ERRORS,
  termWeekKey,
  weeksOf,
} from '../../shared/patrols';
import { shanghaiDate } from '../../shared/time/shanghai';
import type { CallerContext } from '../_lib/caller';
import { COLLECTIONS as C, COLLECTIONS, cmd, db } from '../_lib/cloud';
import { CACHE_TTL_MS } from '../_lib/refdata';
import { scanAll } from '../_lib/scan';
import { coverageTerms, forgetTerms, PATROL_SETTINGS_ID } from './patrols.repo';
import { managedUnits } from './scope';

/** The longest period a coverage request may span (a semester and a little). */
export const MAX_PERIOD_DAYS = 200;

/** Zones by filter, kept warm for 30 s like the other reference data (refdata.ts): the map is read often. */
const zoneCache = new Map<string, { at: number; value: Promise<Array<CoverageZone & { active?: boolean }>> }>();
function zonesFor(where: Record<string, unknown>, key: string) {
  const hit = zoneCache.get(key);
  if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.value;
  const value = scanAll<CoverageZone & { active?: boolean }>(COLLECTIONS.zones, where, '_id', {
    name: true,
    unitId: true,
    serviceHours: true,
    active: true,
  });
  value.catch(() => zoneCache.delete(key));
  zoneCache.set(key, { at: Date.now(), value });
  return value;
}

/**
 * Term documents parsed once per warm instance and kept by id with the `rev` they were read at. Every write to a
 * coverage document bumps its `rev` (patrols.repo `incrementInTx`, the nightly repair), so a map request reads
 * only the ids and revs of its term documents and re-reads just the documents that changed since: a semester
 * map no longer deserialises every unit's whole term document on every view.
 */
const TERM_CACHE_MAX = 2_000;
const termDocCache = new Map<string, { rev: number; doc: CoverageDoc }>();
export const forgetTermDocs = (): void => termDocCache.clear();

type Rev = { _id: string; rev?: number };

/** The term documents matching `where`, from the cache where their `rev` is unchanged; returns them and how many were read. */
export async function termDocs(where: Record<string, unknown>): Promise<{ docs: CoverageDoc[]; read: number }> {
  const heads = await scanAll<Rev>(COLLECTIONS.patrolCoverage, where, '_id', { rev: true });
  const stale = heads.filter((h) => termDocCache.get(h._id)?.rev !== (h.rev ?? 0)).map((h) => h._id);
  const _ = cmd();
  for (let i = 0; i < stale.length; i += 100) {
    const batch = stale.slice(i, i + 100);
    const fresh = await scanAll<CoverageDoc & Rev>(COLLECTIONS.patrolCoverage, { _id: _.in(batch) }, '_id');
    for (const d of fresh) {
      termDocCache.delete(d._id);
      termDocCache.set(d._id, { rev: d.rev ?? 0, doc: d });
    }
  }
  while (termDocCache.size > TERM_CACHE_MAX) termDocCache.delete(termDocCache.keys().next().value as string);
  return { docs: heads.flatMap((h) => termDocCache.get(h._id)?.doc ?? []), read: stale.length };
}

export interface CoverageInput {
  from: string;
  to: string;
  unitId?: string;
  campusId?: string;
  staleDays: number;
  offset: number;
  limit: number;
}

/**
 * Coverage of a period from the week rollups (never the visits): one bounded scan of the zones and one of
 * the weeks' rollup documents (a unit per week each). Returns the totals, one page of zone rows for the heat
 * map, the first blind spots and the compliance figures.
 */
export async function coverageReport(input: CoverageInput, caller: CallerContext, now: Date) {
  if (input.to < input.from || datesBetween(input.from, input.to).length > MAX_PERIOD_DAYS)
    throw new AppError(PATROL_ERRORS.PERIOD_INVALID, 'the period must run forwards and span at most 200 days');
  const wide = ['admin', 'leader', 'inspector'].some((r) => caller.globalRoles.has(r as never));
  const units = wide ? null : await managedUnits(caller);
  if (units && units.length === 0) throw new AppError(PATROL_ERRORS.OUT_OF_SCOPE, 'no units to show');
  if (units && input.unitId && !units.includes(input.unitId)) throw new AppError(PATROL_ERRORS.OUT_OF_SCOPE, 'not your unit');
  const _ = cmd();
  const zoneWhere: Record<string, unknown> = {};
  if (input.unitId) zoneWhere.unitId = input.unitId;
  else if (units) zoneWhere.unitId = _.in(units);
  if (input.campusId) zoneWhere.campusId = input.campusId;
  const today = shanghaiDate(now);
  const staleFrom = addDays(today, -input.staleDays);
  const readFrom = staleFrom < input.from ? staleFrom : input.from;
  const unitFilter = zoneWhere.unitId ? { unitId: zoneWhere.unitId } : {};
  const terms = await coverageTerms();
  // A configured term (the semester) reads one document per unit; any other period reads its weeks.
  const term = terms.find((t) => t.from === input.from && t.to === input.to);
  const [zones, docs, recent] = await Promise.all([
    zonesFor(zoneWhere, JSON.stringify([input.unitId ?? null, units, input.campusId ?? null])),
    term
      ? termDocs({ week: termWeekKey(term.id), ...unitFilter }).then((r) => r.docs)
      : scanAll<CoverageDoc>(
          COLLECTIONS.patrolCoverage,
          { week: _.in(weeksOf(readFrom, input.to > today ? input.to : today)), ...unitFilter },
          '_id',
        ),
    term
      ? scanAll<CoverageDoc>(COLLECTIONS.patrolCoverage, { week: _.in(weeksOf(staleFrom, today)), ...unitFilter }, '_id', {
          unitId: true,
          week: true,
          z: true,
        })
      : Promise.resolve([] as CoverageDoc[]),
  ]);
  const report = coverage(
    zones.filter((z) => z.active !== false),
    docs,
    { from: input.from, to: input.to, today, staleDays: input.staleDays, blindLimit: 100 },
    recent,
  );
  return {
    ...report,
    terms,
    fromTerm: term?.id ?? null,
    zones: report.zones.slice(input.offset, input.offset + input.limit),
    zoneCount: report.zones.length,
    nextOffset: input.offset + input.limit < report.zones.length ? input.offset + input.limit : null,
    staleZones: report.staleZones.slice(0, 100),
    staleZoneCount: report.staleZones.length,
  };
}

/**
 * Replaces the configured terms (学期). Visits already recorded are in their weeks; a new term's document
 * fills from the next visit on (say so to the admin: configure the term before it starts).
 */
export async function saveTerms(input: { terms: CoverageTerm[] }, caller: CallerContext, now: Date) {
  const problem = checkTerms(input.terms);
  if (problem) throw new AppError(PATROL_ERRORS.PERIOD_INVALID, problem);
  await db()
    .collection(C.settings)
    .doc(PATROL_SETTINGS_ID)
    .set({ data: { terms: input.terms, updatedAt: now, updatedBy: caller.id } });
  forgetTerms();
  return { terms: input.terms };
}
