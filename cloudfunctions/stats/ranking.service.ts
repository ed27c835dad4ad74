import { AppError } from '../../shared/errors';
import type { Unit, Zone } from '../../shared/org';
import { daysOf, monthsOf, periodKind, previousPeriod } from '../../shared/periods';
import {
  type Bucket,
  bucketForDays,
  compareSatisfaction,
  DEFAULT_PRIOR,
  monthBucket,
  type RollupDoc,
  rankWithTrend,
  type SatisfactionRow,
  satisfactionRow,
  type Tally,
} from '../../shared/satisfaction';
import { comparePeople, compareScores, type PersonScore } from '../../shared/scoring';
import { STATS_ERRORS } from '../../shared/stats/stats.errors';
import { type CallerContext, isAdmin, unitsWhere } from '../_lib/caller';
import { COLLECTIONS, cmd, db, rowsOf } from '../_lib/cloud';
import { LIB_ERRORS } from '../_lib/errors';
import { allUnits, namesOf, oversees, zonesByIds } from '../_lib/refdata';
import { type ScoreDoc, type ScorePeriodDoc, scorePeriod, scoresOfRun } from '../_lib/scores.repo';

const EMPTY: Tally = { n: 0, sum: 0 };

/** A ranking page: `cursor` is the offset the previous page ended at; no `limit` means the whole ranking. */
export interface Paging {
  cursor?: string;
  limit?: number;
}

/**
 * One page of an already ranked list. A ranking is computed whole (a rank needs every row) and is small
 * (units, a unit's staff, the zones with ratings), so pages are offsets into it; a live month's ranking may
 * shift between pages, a frozen month's cannot.
 */
export function pageOf<T>(rows: readonly T[], paging: Paging): { rows: T[]; total: number; nextCursor: string | null } {
  if (paging.limit === undefined) return { rows: [...rows], total: rows.length, nextCursor: null };
  const start = paging.cursor ? Number(paging.cursor) : 0;
  const end = start + paging.limit;
  return { rows: rows.slice(start, end), total: rows.length, nextCursor: end < rows.length ? String(end) : null };
}

/**
 * Each unit's satisfaction bucket for a period, from the rollups only: a month reads one document per unit
 * (without its day buckets), a week or a day the one or two months it falls in.
 */
export async function bucketsByUnit(period: string): Promise<Map<string, Bucket>> {
  const rollups = db().collection(COLLECTIONS.satRollups);
  const out = new Map<string, Bucket>();
  if (periodKind(period) === 'month') {
    const docs = rowsOf<RollupDoc>(await rollups.where({ month: period }).field({ d: false }).limit(1000).get());
    for (const d of docs) out.set(d.unitId, monthBucket(d));
    return out;
  }
  const _ = cmd();
  const months = monthsOf(period);
  const days = daysOf(period);
  const docs = rowsOf<RollupDoc>(
    await rollups
      .where({ month: months.length === 1 ? months[0] : _.in(months) })
      .limit(1000)
      .get(),
  );
  for (const unitId of new Set(docs.map((d) => d.unitId))) {
    out.set(
      unitId,
      bucketForDays(
        docs.filter((d) => d.unitId === unitId),
        days,
      ),
    );
  }
  return out;
}

/** Units that are ranked: centres and contractors (not the office), optionally under one centre. */
async function rankedUnits(centreId?: string): Promise<Unit[]> {
  const units = (await allUnits()).filter((u) => u.kind !== 'office');
  return centreId ? units.filter((u) => u._id === centreId || u.parentId === centreId) : units;
}

export interface UnitRankingInput extends Paging {
  period: string;
  by: 'satisfaction' | 'score';
  campusId?: string;
  centreId?: string;
}

/**
 * Units ranked by satisfaction (Bayesian-adjusted mean, see shared/satisfaction/ranking.ts) or by frozen
 * score, with each unit's rank and value in the previous period of the same kind.
 */
export async function unitRanking(input: UnitRankingInput) {
  const units = await rankedUnits(input.centreId);
  const names = new Map(units.map((u) => [u._id, u.name]));
  if (input.by === 'score') return scoreRanking(input, units, names);
  const prev = previousPeriod(input.period);
  const [now, before] = await Promise.all([bucketsByUnit(input.period), bucketsByUnit(prev)]);
  const rowsOf = (buckets: Map<string, Bucket>): SatisfactionRow[] =>
    units.flatMap((u) => {
      const b = buckets.get(u._id);
      const t = input.campusId ? (b?.k[input.campusId] ?? EMPTY) : (b ?? EMPTY);
      return input.campusId && t.n === 0 ? [] : [satisfactionRow(u._id, t, DEFAULT_PRIOR)];
    });
  const ranked = rankWithTrend(rowsOf(now), rowsOf(before), compareSatisfaction, (r) => r.adjusted);
  const page = pageOf(ranked, input);
  return {
    period: input.period,
    previousPeriod: prev,
    by: 'satisfaction' as const,
    prior: DEFAULT_PRIOR,
    total: page.total,
    nextCursor: page.nextCursor,
    rows: page.rows.map(({ rank, row, previous }) => ({
      rank,
      unitId: row.id,
      name: names.get(row.id) ?? row.id,
      n: row.n,
      mean: row.mean,
      adjusted: row.adjusted,
      previous,
    })),
  };
}

async function scoreRanking(input: UnitRankingInput, units: Unit[], names: Map<string, string>) {
  if (input.campusId)
    throw new AppError(STATS_ERRORS.FILTER_UNSUPPORTED, 'scores are per unit; a campus filter applies to satisfaction only');
  if (periodKind(input.period) !== 'month') throw new AppError(LIB_ERRORS.INVALID, 'scores are monthly: give a YYYY-MM period');
  const prev = previousPeriod(input.period);
  const [head, prevHead] = await Promise.all([scorePeriod(input.period), scorePeriod(prev)]);
  if (!head) throw new AppError(STATS_ERRORS.NOT_SCORED, `${input.period} has not been scored yet`);
  const wanted = new Set(units.map((u) => u._id));
  const keep = (docs: ScoreDoc[]) => docs.filter((d) => wanted.has(d.unitId)).map((d) => ({ ...d, id: d.unitId }));
  const [current, previous] = await Promise.all([scoresOfRun(head.currentRunId), prevHead ? scoresOfRun(prevHead.currentRunId) : []]);
  const ranked = rankWithTrend(keep(current), keep(previous), compareScores, (r) => r.total);
  const page = pageOf(ranked, input);
  const run = head.runs.find((r) => r.runId === head.currentRunId) ?? null;
  return {
    period: input.period,
    previousPeriod: prev,
    by: 'score' as const,
    runId: head.currentRunId,
    ruleVersion: current[0]?.ruleVersion ?? null,
    /** The run in force (when, by whom, why) and whether the month was recomputed after its freeze. */
    run,
    recomputed: head.runs.length > 1,
    total: page.total,
    nextCursor: page.nextCursor,
    rows: page.rows.map(({ rank, row, previous }) => ({
      rank,
      unitId: row.unitId,
      name: names.get(row.unitId) ?? row.unitId,
      total: row.total,
      deductions: row.deductions,
      bonuses: row.bonuses,
      problems: row.counts.problems,
      previous,
    })),
  };
}

/** Units a caller may see zone and staff figures of: all for leaders, admins and office inspectors; else those they manage or inspect. */
async function scopeOf(caller: CallerContext): Promise<Set<string> | 'all'> {
  if (isAdmin(caller) || caller.globalRoles.has('leader') || caller.roles.some((r) => r.role === 'inspector' && r.level === 'office'))
    return 'all';
  const mine = [...unitsWhere(caller, 'manager'), ...unitsWhere(caller, 'inspector')];
  return new Set((await Promise.all(mine.map(oversees))).flat());
}

/**
 * Zones ranked by satisfaction (same formula and tie-break as units), within the caller's scope, optionally
 * on one campus (read from the zones themselves: the rollups key zones by id only).
 */
export async function zoneRanking(
  caller: CallerContext,
  input: { period: string; unitId?: string; centreId?: string; campusId?: string } & Paging,
) {
  const scope = await scopeOf(caller);
  if (input.unitId && scope !== 'all' && !scope.has(input.unitId)) throw new AppError(STATS_ERRORS.OUT_OF_SCOPE, 'not a unit you oversee');
  const units = (await rankedUnits(input.centreId)).filter(
    (u) => (scope === 'all' || scope.has(u._id)) && (!input.unitId || u._id === input.unitId),
  );
  const prev = previousPeriod(input.period);
  const [now, before] = await Promise.all([bucketsByUnit(input.period), bucketsByUnit(prev)]);
  const zoneUnit = new Map<string, string>();
  const rows = (buckets: Map<string, Bucket>) =>
    units.flatMap((u) =>
      Object.entries(buckets.get(u._id)?.z ?? {}).map(([zoneId, t]) => {
        zoneUnit.set(zoneId, u._id);
        return satisfactionRow(zoneId, t, DEFAULT_PRIOR);
      }),
    );
  let [current, earlier] = [rows(now), rows(before)];
  let zones = new Map<string, Zone>();
  if (input.campusId) {
    zones = await zonesByIds([...new Set([...current, ...earlier].map((r) => r.id))]);
    const onCampus = (r: SatisfactionRow) => zones.get(r.id)?.campusId === input.campusId;
    [current, earlier] = [current.filter(onCampus), earlier.filter(onCampus)];
  }
  const ranked = rankWithTrend(current, earlier, compareSatisfaction, (r) => r.adjusted);
  const page = pageOf(ranked, input);
  if (!input.campusId) zones = await zonesByIds(page.rows.map((r) => r.row.id));
  const unitNames = new Map(units.map((u) => [u._id, u.name]));
  return {
    period: input.period,
    previousPeriod: prev,
    prior: DEFAULT_PRIOR,
    total: page.total,
    nextCursor: page.nextCursor,
    rows: page.rows.map(({ rank, row, previous }) => {
      const unitId = zoneUnit.get(row.id) ?? null;
      return {
        rank,
        zoneId: row.id,
        /** The zone's name, null for a zone deleted since its ratings were given. */
        name: zones.get(row.id)?.name ?? null,
        unitId,
        unitName: unitId ? (unitNames.get(unitId) ?? null) : null,
        n: row.n,
        mean: row.mean,
        adjusted: row.adjusted,
        previous,
      };
    }),
  };
}

/** A unit's responsible people ranked by their frozen score: only for a manager overseeing that unit, or an admin. */
export async function staffRanking(caller: CallerContext, input: { period: string; unitId: string } & Paging) {
  if (!isAdmin(caller)) {
    const managed = new Set((await Promise.all(unitsWhere(caller, 'manager').map(oversees))).flat());
    if (!managed.has(input.unitId)) throw new AppError(STATS_ERRORS.OUT_OF_SCOPE, 'only the unit’s manager sees its staff ranking');
  }
  const prev = previousPeriod(input.period);
  const [head, prevHead] = await Promise.all([scorePeriod(input.period), scorePeriod(prev)]);
  if (!head) throw new AppError(STATS_ERRORS.NOT_SCORED, `${input.period} has not been scored yet`);
  const peopleOf = async (runId: string | undefined): Promise<Array<PersonScore & { id: string }>> => {
    if (!runId) return [];
    const res = await db().collection(COLLECTIONS.scores).where({ runId, unitId: input.unitId }).field({ lines: false }).limit(1).get();
    const doc = rowsOf<ScoreDoc>(res)[0];
    return (doc?.byPerson ?? []).map((p) => ({ ...p, id: p.personId }));
  };
  const [current, previous] = await Promise.all([peopleOf(head.currentRunId), peopleOf(prevHead?.currentRunId)]);
  const ids = current.map((p) => p.personId);
  const names = await namesOf(COLLECTIONS.people, ids);
  const ranked = rankWithTrend(current, previous, comparePeople, (p) => p.total);
  const page = pageOf(ranked, input);
  return {
    period: input.period,
    unitId: input.unitId,
    total: page.total,
    nextCursor: page.nextCursor,
    rows: page.rows.map(({ rank, row, previous }) => ({
      rank,
      personId: row.personId,
      name: names.get(row.personId) ?? null,
      total: row.total,
      points: row.points,
      tickets: row.ticketIds.length,
      previous,
    })),
  };
}

/** Scored months offered by the ranking page's picker (newest first; five years is plenty for a picker). */
const MAX_PERIODS = 60;

/**
 * What the ranking page needs before its first ranking: the scored months (newest first, with whether each
 * was recomputed), the campuses and centres to filter by, and the units whose staff ranking the caller may
 * open as their manager (empty for everyone else, so the page shows that tab to managers only).
 */
export async function rankingOptions(caller: CallerContext) {
  const [heads, campusDocs, units, managed] = await Promise.all([
    db().collection(COLLECTIONS.scorePeriods).orderBy('_id', 'desc').field({ _id: true, runs: true }).limit(MAX_PERIODS).get(),
    db().collection(COLLECTIONS.zones).where({ kind: 'campus' }).field({ _id: true, name: true }).limit(100).get(),
    allUnits(),
    Promise.all(unitsWhere(caller, 'manager').map(oversees)),
  ]);
  const periods = rowsOf<Pick<ScorePeriodDoc, '_id' | 'runs'>>(heads).map((h) => ({
    period: h._id,
    runs: h.runs?.length ?? 1,
    recomputed: (h.runs?.length ?? 1) > 1,
  }));
  const campuses = rowsOf<{ _id: string; name: string }>(campusDocs)
    .map((z) => ({ _id: z._id, name: z.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const mine = new Set(managed.flat());
  const named = (u: Unit) => ({ _id: u._id, name: u.name });
  return {
    periods,
    latest: periods[0]?.period ?? null,
    campuses,
    centres: units.filter((u) => u.kind === 'centre').map(named),
    staffUnits: units.filter((u) => u.kind !== 'office' && mine.has(u._id)).map(named),
  };
}
