import { rangeOf } from '../../shared/periods';
import {
  type Bucket,
  type Drift,
  dayBuckets,
  dayKey,
  diffBuckets,
  flatten,
  normaliseRating,
  type RatingRecord,
  type RollupDoc,
  rollupId,
} from '../../shared/satisfaction';
import { COLLECTIONS, cmd, db, rowsOf } from '../_lib/cloud';
import { logger } from '../_lib/logger';
import { timeOrderedId } from '../_lib/now';
import { scan } from '../_lib/scan';
import { isDuplicateKey } from '../_lib/tickets.repo';

export interface UnitDrift {
  unitId: string;
  drift: Drift[];
}

export interface CheckReport {
  day: string;
  records: number;
  units: number;
  drifted: UnitDrift[];
  repaired: boolean;
}

/** Drift details kept per unit in the report (the count is always exact). */
const MAX_PATHS = 50;

/**
 * Recomputes one Shanghai day's satisfaction from the source records (every rating in `feedback` with `at`
 * in the day, read a bounded page at a time) and compares it with that day's buckets in the rollups. Any
 * difference is reported (logged as a warning and stored in `rollupChecks`) and, when `repair` is set,
 * fixed: the day bucket is replaced by the recomputed one and the month totals are moved by the same delta.
 */
export async function checkDay(day: string, now: Date, repair = true): Promise<CheckReport> {
  const { from, to } = rangeOf(day);
  const _ = cmd();
  const records: RatingRecord[] = [];
  for await (const page of scan<RatingRecord>(COLLECTIONS.feedback, { at: _.gte(from).and(_.lt(to)) }, 'at')) {
    for (const r of page) records.push(normaliseRating(r));
  }
  const expected = dayBuckets(records);
  const month = day.slice(0, 7);
  const stored = rowsOf<RollupDoc>(
    await db()
      .collection(COLLECTIONS.satRollups)
      .where({ month })
      .field({ _id: true, unitId: true, [`d.${dayKey(day)}`]: true })
      .limit(1000)
      .get(),
  );
  const storedBy = new Map(stored.map((d) => [d.unitId, d.d?.[dayKey(day)]]));
  const units = [...new Set([...storedBy.keys(), ...expected.keys()])].sort();
  const drifted: UnitDrift[] = [];
  for (const unitId of units) {
    const want = expected.get(unitId)?.get(day);
    const have = storedBy.get(unitId);
    const drift = diffBuckets(have, want);
    if (drift.length === 0) continue;
    drifted.push({ unitId, drift });
    if (repair) await repairDay(unitId, day, have, want);
  }
  const report: CheckReport = { day, records: records.length, units: units.length, drifted, repaired: repair && drifted.length > 0 };
  if (drifted.length > 0)
    logger.warn('satisfaction rollup drift', {
      day,
      units: drifted.map((d) => d.unitId),
      counters: drifted.reduce((a, d) => a + d.drift.length, 0),
    });
  await db()
    .collection(COLLECTIONS.rollupChecks)
    .add({
      data: {
        _id: timeOrderedId(now),
        day,
        at: now,
        records: report.records,
        units: report.units,
        repaired: report.repaired,
        drifted: drifted.map((d) => ({ unitId: d.unitId, counters: d.drift.length, drift: d.drift.slice(0, MAX_PATHS) })),
      },
    });
  return report;
}

/** Replaces a day bucket with its recomputed value and moves the month totals by the difference. */
async function repairDay(unitId: string, day: string, have: Bucket | undefined, want: Bucket | undefined): Promise<void> {
  const _ = cmd();
  const id = rollupId(unitId, day.slice(0, 7));
  const a = flatten(have);
  const b = flatten(want);
  const data: Record<string, unknown> = { [`d.${dayKey(day)}`]: _.set(want ?? {}) };
  for (const p of new Set([...a.keys(), ...b.keys()])) {
    const delta = (b.get(p) ?? 0) - (a.get(p) ?? 0);
    if (delta !== 0) data[p] = _.inc(delta);
  }
  const rollups = db().collection(COLLECTIONS.satRollups);
  const exists = rowsOf(await rollups.where({ _id: id }).field({ _id: true }).limit(1).get()).length > 0;
  if (!exists) {
    // No rating of that month reached the rollup: create the document through the normal path first.
    try {
      await rollups.add({ data: { _id: id, unitId, month: day.slice(0, 7), n: 0, sum: 0, r: {}, z: {}, c: {}, s: {}, k: {}, d: {} } });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }
  await rollups.doc(id).update({ data });
}
