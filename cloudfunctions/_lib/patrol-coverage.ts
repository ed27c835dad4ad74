import type { BriefingCoverage } from '../../shared/briefings/briefing';
import { addDays, type CoverageDoc, type CoverageZone, coverage, weeksOf } from '../../shared/patrols';
import { daysOf } from '../../shared/periods';
import { shanghaiDate } from '../../shared/time/shanghai';
import { COLLECTIONS, cmd } from './cloud';
import { scanAll } from './scan';

/**
 * The coverage section of a briefing for a period (a month or a week), from the patrol week rollups: one scan
 * of the zones and one of the period's week documents (a unit per week each), never the visits.
 */
export async function briefingCoverage(period: string, now: Date): Promise<BriefingCoverage> {
  const days = daysOf(period);
  const from = days[0];
  const today = shanghaiDate(now);
  const to = days[days.length - 1] < today ? days[days.length - 1] : today;
  const _ = cmd();
  const [zones, docs] = await Promise.all([
    scanAll<CoverageZone & { active?: boolean }>(COLLECTIONS.zones, {}, '_id', {
      name: true,
      unitId: true,
      serviceHours: true,
      active: true,
    }),
    scanAll<CoverageDoc>(COLLECTIONS.patrolCoverage, { week: _.in(weeksOf(addDays(to, -14) < from ? addDays(to, -14) : from, to)) }, '_id'),
  ]);
  const r = coverage(
    zones.filter((z) => z.active !== false),
    docs,
    { from, to: to < from ? from : to, today: to, staleDays: 14, blindLimit: 0 },
  );
  const c = r.compliance.all;
  return {
    cells: r.cells,
    together: r.together.rate,
    office: r.office.rate,
    centre: r.centre.rate,
    overlap: r.overlap.rate,
    compliance: { scheduled: c.s, onTime: c.on, missed: c.miss, excused: c.exc, rate: c.rate },
    blindCells: r.blindCellCount,
    staleZones: r.staleZones.slice(0, 10).map((z) => z.name),
    staleZoneCount: r.staleZones.length,
  };
}
