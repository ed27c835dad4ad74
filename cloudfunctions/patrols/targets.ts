import { AppError } from '../../shared/errors';
import { addDays, type CoverageDoc, coverageRollupId, PATROL_ERRORS, type Targets } from '../../shared/patrols';
import { daysOf, isoWeekOf } from '../../shared/periods';
import { COLLECTIONS, cmd, db, rowsOf } from '../_lib/cloud';
import { scanAll } from '../_lib/scan';
import { coverageDocs, type ZoneLite } from './patrols.repo';

const ZONE_FIELDS = { name: true, unitId: true, sceneId: true, serviceHours: true, responsible: true, path: true, active: true };

/** The zones a plan targets (active ones), in id order; a listed zone that does not exist is a coded error. */
export async function targetZones(t: Targets): Promise<ZoneLite[]> {
  const _ = cmd();
  if (t.kind === 'zones') {
    const rows = rowsOf<ZoneLite>(
      await db()
        .collection(COLLECTIONS.zones)
        .where({ _id: _.in(t.zoneIds) })
        .field({ ...ZONE_FIELDS, _id: true })
        .limit(t.zoneIds.length)
        .get(),
    );
    const missing = t.zoneIds.filter((id) => !rows.some((z) => z._id === id));
    if (missing.length > 0) throw new AppError(PATROL_ERRORS.ZONE_NOT_FOUND, 'no such zone', { zoneIds: missing });
    return rows.filter((z) => z.active !== false).sort((a, b) => (a._id < b._id ? -1 : 1));
  }
  const root = rowsOf<ZoneLite>(await db().collection(COLLECTIONS.zones).where({ _id: t.rootId }).field(ZONE_FIELDS).limit(1).get())[0];
  if (!root) throw new AppError(PATROL_ERRORS.ZONE_NOT_FOUND, 'no such zone', { zoneIds: [t.rootId] });
  const below = await scanAll<ZoneLite>(COLLECTIONS.zones, { path: t.rootId }, '_id', ZONE_FIELDS);
  return [root, ...below].filter((z) => z.active !== false).sort((a, b) => (a._id < b._id ? -1 : 1));
}

/** Visits of the two levels to each zone in the four weeks before `period` starts (the sampling weights). */
export async function sampleWeights(zones: readonly ZoneLite[], period: string): Promise<Map<string, number>> {
  const start = daysOf(period)[0];
  const weeks = [1, 2, 3, 4].map((k) => isoWeekOf(addDays(start, -7 * k)));
  const units = [...new Set(zones.map((z) => z.unitId))];
  const ids = units.flatMap((u) => weeks.map((w) => coverageRollupId(u, w)));
  const _ = cmd();
  const docs: CoverageDoc[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const batch = ids.slice(i, i + 100);
    docs.push(
      ...rowsOf<CoverageDoc>(
        await coverageDocs()
          .where({ _id: _.in(batch) })
          .limit(batch.length)
          .get(),
      ),
    );
  }
  const out = new Map<string, number>();
  for (const z of zones) {
    let n = 0;
    for (const d of docs) for (const k of Object.values(d.z?.[z._id]?.n ?? {})) n += k;
    out.set(z._id, n);
  }
  return out;
}
