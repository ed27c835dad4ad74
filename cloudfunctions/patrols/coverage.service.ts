import { AppError } from '../../shared/errors';
import { addDays, type CoverageDoc, type CoverageZone, coverage, datesBetween, PATROL_ERRORS, weeksOf } from '../../shared/patrols';
import { shanghaiDate } from '../../shared/time/shanghai';
import type { CallerContext } from '../_lib/caller';
import { COLLECTIONS, cmd } from '../_lib/cloud';
import { scanAll } from '../_lib/scan';
import { managedUnits } from './scope';

/** The longest period a coverage request may span (a semester and a little). */
export const MAX_PERIOD_DAYS = 200;

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
  const [zones, docs] = await Promise.all([
    scanAll<CoverageZone & { active?: boolean }>(COLLECTIONS.zones, zoneWhere, '_id', {
      name: true,
      unitId: true,
      serviceHours: true,
      active: true,
    }),
    scanAll<CoverageDoc>(
      COLLECTIONS.patrolCoverage,
      { week: _.in(weeksOf(readFrom, input.to > today ? input.to : today)), ...(zoneWhere.unitId ? { unitId: zoneWhere.unitId } : {}) },
      '_id',
    ),
  ]);
  const report = coverage(
    zones.filter((z) => z.active !== false),
    docs,
    { from: input.from, to: input.to, today, staleDays: input.staleDays, blindLimit: 100 },
  );
  return {
    ...report,
    zones: report.zones.slice(input.offset, input.offset + input.limit),
    zoneCount: report.zones.length,
    nextOffset: input.offset + input.limit < report.zones.length ? input.offset + input.limit : null,
    staleZones: report.staleZones.slice(0, 100),
    staleZoneCount: report.staleZones.length,
  };
}
