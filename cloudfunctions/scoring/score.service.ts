import type { ServiceHours } from '../../shared/deadlines';
import { AppError } from '../../shared/errors';
import { rangeOf } from '../../shared/periods';
import {
  rulesFor,
  type ScoringRating,
  ScoringRules,
  type ScoringTicket,
  scoreUnit,
  type TicketLabel,
  type UnitScore,
} from '../../shared/scoring';
import { SCORING_ERRORS } from '../../shared/scoring/scoring.errors';
import { shanghaiDate } from '../../shared/time/shanghai';
import type { CallerContext } from '../_lib/caller';
import { COLLECTIONS, cmd, db, rowsOf, updatedOf } from '../_lib/cloud';
import { logger } from '../_lib/logger';
import { timeOrderedId } from '../_lib/now';
import { allUnits, category, zonesByIds } from '../_lib/refdata';
import { scanAll } from '../_lib/scan';
import { type ScoreDoc, type ScorePeriodDoc, type ScoreRun, scorePeriod, scoresOfRun } from '../_lib/scores.repo';
import { isDuplicateKey, type TicketDoc, ticketsCreatedIn } from '../_lib/tickets.repo';
import { hoursOfZones } from '../_lib/zone-hours';
import { assetFacts, missedOccurrences } from './sources';

/** Every published rule version (few: one or two a year). */
export async function ruleVersions(): Promise<ScoringRules[]> {
  const res = await db().collection(COLLECTIONS.scoringRules).orderBy('effectiveFrom', 'asc').limit(100).get();
  return rowsOf<ScoringRules & { _id: string; publishedAt: Date; publishedBy: string }>(res).map(
    ({ _id, publishedAt, publishedBy, ...r }) => ScoringRules.parse(r),
  );
}

/** Publishes a new rule version; versions are immutable, so an existing version is refused. */
export async function publishRules(rules: ScoringRules, caller: CallerContext, now: Date) {
  try {
    await db()
      .collection(COLLECTIONS.scoringRules)
      .add({ data: { _id: rules.version, ...rules, publishedAt: now, publishedBy: caller.id } });
  } catch (e) {
    if (isDuplicateKey(e)) throw new AppError(SCORING_ERRORS.RULES_EXIST, `rule version ${rules.version} exists; publish a new version`);
    throw e;
  }
  return { version: rules.version, effectiveFrom: rules.effectiveFrom };
}

const TICKET_FIELDS = {
  _id: true,
  no: true,
  kind: true,
  state: true,
  severity: true,
  unitId: true,
  zoneId: true,
  assigneeId: true,
  repeat: true,
  notRectified: true,
  createdAt: true,
  dueAt: true,
  'rectification.at': true,
  clock: true,
  held: true,
  // What the ticket was, copied into its score lines at freeze time (ScoringTicket.label).
  zonePath: true,
  categoryCode: true,
  description: true,
} as const;

export const toScoringTicket = (
  t: Pick<TicketDoc, keyof typeof TICKET_FIELDS & keyof TicketDoc> & { rectification?: { at: Date } | null },
  hours: ServiceHours | null = null,
): ScoringTicket => ({
  _id: t._id,
  no: t.no,
  kind: t.kind,
  state: t.state,
  severity: t.severity,
  unitId: t.unitId,
  assigneeId: t.assigneeId,
  repeat: t.repeat,
  notRectified: t.notRectified,
  createdAt: t.createdAt,
  dueAt: t.dueAt,
  rectifiedAt: t.rectification?.at ?? null,
  clock: t.clock,
  hours,
});

/** The first words of a report, for a line that names the ticket (a whole report is up to 500 characters). */
const EXCERPT = 30;

/**
 * Each ticket's label (ScoringTicket.label): the names of its zone and the zones above it below the campus (bounded
 * reads, zones cached), its category's name now, the first words of the report, and its day in Beijing.
 */
async function labelsOf(
  tickets: ReadonlyArray<Pick<TicketDoc, '_id' | 'zoneId' | 'zonePath' | 'categoryCode' | 'description' | 'createdAt'>>,
): Promise<Map<string, TicketLabel>> {
  const zoneIds = [...new Set(tickets.flatMap((t) => [...(t.zonePath ?? []), t.zoneId]))];
  const codes = [...new Set(tickets.map((t) => t.categoryCode))];
  const [zones, names] = await Promise.all([
    zonesByIds(zoneIds),
    Promise.all(
      codes.map(
        async (c) =>
          [
            c,
            await category(c).then(
              (x) => x.name,
              () => c,
            ),
          ] as const,
      ),
    ).then((e) => new Map(e)),
  ]);
  const out = new Map<string, TicketLabel>();
  for (const t of tickets) {
    const path = (t.zonePath ?? [t.zoneId]).filter((id) => zones.get(id)?.kind !== 'campus');
    const place = path
      .map((id) => zones.get(id)?.name ?? '')
      .filter(Boolean)
      .join(' · ');
    const text = (t.description ?? '').replace(/\s+/g, ' ').trim();
    out.set(t._id, {
      place,
      category: names.get(t.categoryCode) ?? t.categoryCode,
      text: text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text,
      day: shanghaiDate(t.createdAt),
    });
  }
  return out;
}

/** Scores every ranked unit for a month from the tickets and ratings of the month (bounded pages). */
export async function computeMonth(month: string): Promise<{ rules: ScoringRules; scores: UnitScore[] }> {
  const { from, to } = rangeOf(month);
  const _ = cmd();
  const [rules, units, tickets, ratings] = await Promise.all([
    ruleVersions().then((v) => rulesFor(month, v)),
    allUnits(),
    ticketsCreatedIn(from, to, TICKET_FIELDS),
    scanAll<ScoringRating & { unitId: string }>(COLLECTIONS.feedback, { at: _.gte(from).and(_.lt(to)) }, 'at', {
      _id: true,
      unitId: true,
      rating: true,
      at: true,
    }),
  ]);
  // Reports held by the content check were never confirmed as problems: they are not scored.
  const kept = tickets.filter((t) => !t.held);
  const [hours, labels] = await Promise.all([hoursOfZones(kept), labelsOf(kept)]);
  const scoring = kept.map((t) => ({ ...toScoringTicket(t, hours.get(t.zoneId) ?? null), label: labels.get(t._id) }));
  const scored = units.filter((u) => u.kind !== 'office');
  // Patrol and asset facts are read only when the version in force scores them (older versions stay as they were).
  const [occurrences, assets] = await Promise.all([
    rules.patrols ? missedOccurrences(month) : Promise.resolve([]),
    rules.assets
      ? assetFacts(
          month,
          scored.map((u) => u._id),
        )
      : Promise.resolve(new Map()),
  ]);
  const scores = scored.map((u) =>
    scoreUnit(
      { unitId: u._id, from, to, label: month },
      scoring.filter((t) => t.unitId === u._id),
      ratings.filter((r) => r.unitId === u._id).map((r) => ({ _id: r._id, rating: r.rating })),
      rules,
      { occurrences, assets: assets.get(u._id) },
    ),
  );
  return { rules, scores };
}

/** Writes a run's unit scores (never updated afterwards) and returns the run record. */
async function writeRun(month: string, by: string, reason: string, now: Date): Promise<ScoreRun> {
  const { rules, scores } = await computeMonth(month);
  const runId = timeOrderedId(now);
  const docs: ScoreDoc[] = scores.map((s) => ({ ...s, _id: `${runId}-${s.unitId}`, runId, month }));
  for (let i = 0; i < docs.length; i += 100) {
    await db()
      .collection(COLLECTIONS.scores)
      .add({ data: docs.slice(i, i + 100) as never });
  }
  return { runId, at: now, by, reason, ruleVersion: rules.version };
}

/**
 * Freezes a month (the monthly timer): scores it and publishes the run as the month's result by creating the
 * month's header. A month that already has a header is left alone (the timer may fire twice).
 */
export async function freezeMonth(month: string, now: Date): Promise<{ month: string; frozen: boolean; runId: string }> {
  const existing = await scorePeriod(month);
  if (existing) return { month, frozen: false, runId: existing.currentRunId };
  const run = await writeRun(month, 'system', 'monthly freeze', now);
  try {
    const head: ScorePeriodDoc = { _id: month, period: month, currentRunId: run.runId, runs: [run] };
    await db().collection(COLLECTIONS.scorePeriods).add({ data: head });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const winner = (await scorePeriod(month)) as ScorePeriodDoc;
    logger.info('month frozen concurrently; this run is unused', { month, runId: run.runId });
    return { month, frozen: false, runId: winner.currentRunId };
  }
  return { month, frozen: true, runId: run.runId };
}

/**
 * An admin's recompute: a new run with who and why, made current only if nobody else recomputed meanwhile
 * (conditional on the current run id). Earlier runs stay readable by their id.
 */
export async function recompute(month: string, reason: string, caller: CallerContext, now: Date) {
  const head = await scorePeriod(month);
  if (!head) throw new AppError(SCORING_ERRORS.NOT_SCORED, `${month} has not been frozen yet`);
  const run = await writeRun(month, caller.id, reason, now);
  const _ = cmd();
  const res = await db()
    .collection(COLLECTIONS.scorePeriods)
    .where({ _id: month, currentRunId: head.currentRunId })
    .update({ data: { currentRunId: run.runId, runs: _.push([run]) } });
  if (updatedOf(res) === 0) throw new AppError(SCORING_ERRORS.STALE, 'another recompute finished first; reload and try again');
  return { month, runId: run.runId, previousRunId: head.currentRunId, ruleVersion: run.ruleVersion };
}

/** A month's scores (the current run, or any earlier run by id), with the runs' who and why. */
export async function result(month: string, runId: string | undefined, unitIds: Set<string> | 'all', withLines: boolean) {
  const head = await scorePeriod(month);
  if (!head) throw new AppError(SCORING_ERRORS.NOT_SCORED, `${month} has not been scored yet`);
  const id = runId ?? head.currentRunId;
  if (!head.runs.some((r) => r.runId === id)) throw new AppError(SCORING_ERRORS.RUN_NOT_FOUND, 'no such run for this month');
  const scores = (await scoresOfRun(id, withLines)).filter((s) => unitIds === 'all' || unitIds.has(s.unitId));
  return { month, runId: id, current: id === head.currentRunId, runs: head.runs, scores };
}
