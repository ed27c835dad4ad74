import { buildOverview, monthsUpTo, type Overview, previousMonth, type SatTally } from '../../shared/overview/overview';
import { gaugeDocId, type OpenGaugeDoc, scopeMonth, type TicketRollupDoc } from '../../shared/overview/ticket-rollup';
import { monthOf } from '../../shared/periods';
import { COLLECTIONS, cmd, db, rowsOf } from '../_lib/cloud';
import { allUnits, zonesByIds } from '../_lib/refdata';
import { overdueByUnit } from '../_lib/tickets.repo';

/** Months on the trend lines. */
export const TREND_MONTHS = 6;
/** Zones listed as the worst of the month, and as the most repeated. */
export const ZONES_LISTED = 5;

const rollups = () => db().collection(COLLECTIONS.ticketRollups);
/** A query's documents (wx-server-sdk types `get()` loosely). */
const rows = async <T>(q: { get(): unknown }): Promise<T[]> => rowsOf<T>(await q.get());

/**
 * The leaders' overview (see `buildOverview`), read from rollups: the campus rollups of the trend months, the
 * unit rollups of this month and the last, each unit's open gauge and satisfaction rollups, the five zones with
 * the most problems and the five with the most repeats (two ordered reads on `sm_1_found_-1` / `sm_1_repeat_-1`:
 * five documents each, on CloudBase and on the local engine alike), and the overdue tickets themselves (`overdueByUnit`). No other ticket or rating is read.
 */
export async function summary(now: Date): Promise<Overview> {
  const _ = cmd();
  const month = monthOf(now);
  const months = monthsUpTo(month, TREND_MONTHS);
  const units = await allUnits();
  const noDays = { d: false } as Record<string, boolean>;
  const [unitMonths, campus, gauges, sat, worstZones, repeatZones, overdue] = await Promise.all([
    rows<TicketRollupDoc>(
      rollups()
        .where({ sm: _.in([scopeMonth('unit', month), scopeMonth('unit', previousMonth(month))]) })
        .field(noDays)
        .limit(1000),
    ),
    rows<TicketRollupDoc>(
      rollups()
        .where({ sm: _.in(months.map((m) => scopeMonth('all', m))) })
        .limit(TREND_MONTHS),
    ),
    rows<OpenGaugeDoc>(
      rollups()
        .where({ _id: _.in(units.map((u) => gaugeDocId(u._id))) })
        .limit(1000),
    ),
    rows<SatTally>(
      db()
        .collection(COLLECTIONS.satRollups)
        .where({ month: _.in(months) })
        .field({ unitId: true, month: true, n: true, sum: true })
        .limit(1000),
    ),
    rows<TicketRollupDoc>(
      rollups()
        .where({ sm: scopeMonth('zone', month) })
        .orderBy('found', 'desc')
        .field(noDays)
        .limit(ZONES_LISTED),
    ),
    rows<TicketRollupDoc>(
      rollups()
        .where({ sm: scopeMonth('zone', month) })
        .orderBy('repeat', 'desc')
        .field(noDays)
        .limit(ZONES_LISTED),
    ),
    overdueByUnit(now),
  ]);
  const zones = await zonesByIds([...new Set([...worstZones, ...repeatZones].map((z) => z.key))]);
  return buildOverview({
    now,
    months,
    units: units.map((u) => ({ id: u._id, name: u.name })),
    unitMonths,
    campus,
    gauges,
    overdue,
    sat,
    worstZones,
    repeatZones,
    zoneNames: Object.fromEntries([...zones].map(([id, z]) => [id, { name: z.name, unitId: z.unitId }])),
  });
}
