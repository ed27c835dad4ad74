import type { PatrolsContract } from '../../shared/contract/patrols.contract';
import {
  type CheckOccurrence,
  type CheckVisit,
  type CoverageDoc,
  diffCoverage,
  expectedWeek,
  termDelta,
  termDocId,
  termWeekKey,
  weekDocId,
} from '../../shared/patrols';
import { daysOf, rangeOf } from '../../shared/periods';
import { COLLECTIONS, cmd, db } from '../_lib/cloud';
import { logger } from '../_lib/logger';
import { timeOrderedId } from '../_lib/now';
import { zonesByIds } from '../_lib/refdata';
import { scanAll } from '../_lib/scan';
import { runTx, type Tx, txGet } from '../_lib/tx';
import { coverageTerms, insertOnce } from './patrols.repo';
import { MAX_VISIT_MS } from './visits.service';

/** Drift details kept per unit in the report (the count is always exact). */
const MAX_PATHS = 50;

/** What a check found and did (the `checkCoverage` reply, declared once in the contract). */
export type CoverageCheckReport = PatrolsContract['checkCoverage']['reply'];

type StoredDoc = CoverageDoc & { rev?: number };

/**
 * Recomputes one ISO week's coverage documents from the records (ended visits that reach into the week, the
 * outcomes of its occurrences), compares them counter by counter, and, when `repair` is set, replaces each
 * drifted week document's counters with the recomputed ones and moves the term documents by the same amounts,
 * in one transaction per unit that goes ahead only if the document's `rev` (bumped by every increment) is the
 * one read before the records were: so a visit ending during the check is never undone, and a second run finds
 * nothing to repair (exactly once). Stored as a `rollupChecks` record with `kind: 'coverage'`.
 * Zones' service hours are today's: a zone whose hours changed since would be recounted on its new hours.
 */
export async function checkCoverageWeek(week: string, now: Date, repair = true): Promise<CoverageCheckReport> {
  const { from, to } = rangeOf(week);
  const days = daysOf(week);
  const _ = cmd();
  // Read the documents (and their revs) first: whatever lands after this is in a newer rev.
  const stored = await scanAll<StoredDoc>(COLLECTIONS.patrolCoverage, { week }, '_id');
  const [visits, occs, terms] = await Promise.all([
    scanAll<CheckVisit & { _id: string; state: string }>(
      COLLECTIONS.patrolVisits,
      { state: 'ended', startedAt: _.gte(new Date(from.getTime() - MAX_VISIT_MS)).and(_.lt(to)) },
      'startedAt',
      { zoneId: true, unitId: true, role: true, startedAt: true, endedAt: true, state: true },
    ),
    scanAll<CheckOccurrence & { _id: string }>(
      COLLECTIONS.patrolOccurrences,
      { date: _.gte(days[0]).and(_.lte(days[days.length - 1])), state: _.in(['doneOnTime', 'doneLate', 'missed', 'excused']) },
      '_id',
      { unitId: true, level: true, date: true, state: true },
    ),
    coverageTerms(),
  ]);
  const zones = await zonesByIds([...new Set(visits.map((v) => v.zoneId))]);
  const capped = visits.map((v) => ({
    ...v,
    endedAt: new Date(Math.min(new Date(v.endedAt).getTime(), new Date(v.startedAt).getTime() + MAX_VISIT_MS)),
  }));
  const expected = expectedWeek(week, capped, occs, (id) => zones.get(id)?.serviceHours ?? null);
  const storedBy = new Map(stored.map((d) => [d._id, d]));
  const ids = [...new Set([...storedBy.keys(), ...expected.keys()])].sort();
  const overlapping = terms.filter((t) => t.from <= days[days.length - 1] && t.to >= days[0]);

  const report: CoverageCheckReport = {
    week,
    visits: visits.length,
    occurrences: occs.length,
    units: ids.length,
    drifted: [],
    busy: [],
    repaired: false,
  };
  for (const id of ids) {
    const have = storedBy.get(id);
    const want = expected.get(id);
    const unitId = have?.unitId ?? want?.unitId ?? id;
    const drift = diffCoverage(have, want);
    if (drift.length === 0) continue;
    const termIncs = overlapping.map((t) => ({ term: t, ...termDelta(week, drift, t) }));
    const entry = {
      unitId,
      counters: drift.length,
      drift: drift.slice(0, MAX_PATHS),
      repaired: false,
      termPaths: termIncs.reduce((a, t) => a + Object.keys(t.inc).length, 0),
      unattributed: termIncs.flatMap((t) => t.unattributed).slice(0, MAX_PATHS),
    };
    report.drifted.push(entry);
    if (!repair) continue;
    if (!have) await insertOnce(COLLECTIONS.patrolCoverage, { _id: weekDocId(unitId, week), unitId, week, z: {}, o: {} });
    for (const t of termIncs) {
      if (Object.keys(t.inc).length === 0) continue;
      await insertOnce(COLLECTIONS.patrolCoverage, {
        _id: termDocId(unitId, t.term.id),
        unitId,
        week: termWeekKey(t.term.id),
        term: t.term.id,
        z: {},
        o: {},
      });
    }
    const done = await runTx(async (tx: Tx) => {
      const fresh = await txGet<StoredDoc>(tx, COLLECTIONS.patrolCoverage, id);
      if ((fresh?.rev ?? 0) !== (have?.rev ?? 0)) return false;
      await tx
        .collection(COLLECTIONS.patrolCoverage)
        .doc(id)
        .update({ data: { z: _.set(want?.z ?? {}), o: _.set(want?.o ?? {}), rev: _.inc(1) } });
      for (const t of termIncs) {
        if (Object.keys(t.inc).length === 0) continue;
        const data = { ...Object.fromEntries(Object.entries(t.inc).map(([p, v]) => [p, _.inc(v)])), rev: _.inc(1) };
        await tx.collection(COLLECTIONS.patrolCoverage).doc(termDocId(unitId, t.term.id)).update({ data });
      }
      return true;
    });
    if (done) entry.repaired = true;
    else report.busy.push(unitId);
  }
  report.repaired = report.drifted.some((d) => d.repaired);
  if (report.drifted.length > 0)
    logger.warn('coverage rollup drift', { week, units: report.drifted.map((d) => d.unitId), busy: report.busy });
  await db()
    .collection(COLLECTIONS.rollupChecks)
    .add({ data: { _id: timeOrderedId(now), kind: 'coverage', at: now, ...report } });
  return report;
}
