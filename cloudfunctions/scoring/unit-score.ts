import { AppError } from '../../shared/errors';
import { previousPeriod } from '../../shared/periods';
import { bayesianAverage, DEFAULT_PRIOR, round4 } from '../../shared/satisfaction';
import { compareScores, DEFAULT_SCORING_RULES, type LineKind, round2, type ScoreLine, type ScoringRules } from '../../shared/scoring';
import { SCORING_ERRORS } from '../../shared/scoring/scoring.errors';
import { shanghaiDate } from '../../shared/time/shanghai';
import { COLLECTIONS, db, rowsOf } from '../_lib/cloud';
import { allUnits, category, namesOf, zonesByIds } from '../_lib/refdata';
import { type ScoreDoc, type ScoreRun, scorePeriod, scoresOfRun } from '../_lib/scores.repo';
import { type TicketDoc, ticketsByIds } from '../_lib/tickets.repo';
import { ruleVersions } from './score.service';

/** The order a breakdown lists its groups in: deductions first, then bonuses (as the rules read). */
export const LINE_ORDER: readonly LineKind[] = [
  'problem',
  'repeat',
  'overdue',
  'notRectified',
  'missedSelfCheck',
  'missedPatrol',
  'assetNotVerified',
  'assetNoCampaign',
  'assetDamage',
  'positive',
  'onTime',
  'satisfaction',
  'assetInPlace',
];

/** Unit-level lines: one line whose facts are in its detail (no item list of tickets). */
const UNIT_LINES: ReadonlySet<LineKind> = new Set(['satisfaction', 'assetNoCampaign', 'assetInPlace']);

/** One ticket behind a group: what the reader needs to recognise it, and the points it caused (null for a unit bonus). */
export interface BreakdownTicket {
  ticketId: string;
  no: string | null;
  categoryCode: string | null;
  categoryName: string | null;
  severity: string | null;
  kind: string | null;
  state: string | null;
  points: number | null;
  /** Where, what and when, as frozen with the run (older runs: the zone's and category's names now). */
  place: string | null;
  text: string | null;
  day: string | null;
  detail: ScoreLine['detail'];
  /** For a patrol or asset line: what the id names (an occurrence, scan record or event), and the person charged. */
  source?: NonNullable<ScoreLine['source']>['kind'];
  personName?: string | null;
}

/** One rule's lines of a unit score: how many, how many points in all, and the tickets behind them. */
export interface BreakdownGroup {
  kind: LineKind;
  /** Lines for ticket rules; rectified-on-time tickets for the on-time bonus; ratings for the satisfaction bonus. */
  count: number;
  points: number;
  items: BreakdownTicket[];
  /** The unit-level facts of a bonus line (rate, mean, n). */
  detail: ScoreLine['detail'] | null;
}

/** Tickets by id in bounded `_id in` reads of at most 100 ids each, with only what a breakdown shows. */
type TicketFacts = Pick<TicketDoc, '_id' | 'no' | 'categoryCode' | 'severity' | 'kind' | 'state' | 'zoneId' | 'createdAt'> & {
  /** The zone's name now (for runs frozen before lines carried their place). */
  zoneName?: string;
};

async function ticketFacts(ids: readonly string[]): Promise<Map<string, TicketFacts>> {
  const tickets = await ticketsByIds<TicketFacts>(ids, {
    _id: true,
    no: true,
    categoryCode: true,
    severity: true,
    kind: true,
    state: true,
    zoneId: true,
    createdAt: true,
  });
  const zones = await zonesByIds([...new Set([...tickets.values()].map((t) => t.zoneId))]);
  for (const t of tickets.values()) t.zoneName = zones.get(t.zoneId)?.name;
  return tickets;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Category names by code, the code itself for one no longer configured. */
async function categoryNames(codes: readonly string[]): Promise<Map<string, string>> {
  const names = await Promise.all(
    [...new Set(codes)].map(
      async (c) =>
        [
          c,
          await category(c).then(
            (x) => x.name,
            () => c,
          ),
        ] as const,
    ),
  );
  return new Map(names);
}

/** Groups a score's lines by rule, in `LINE_ORDER`, each with its tickets (ticket facts from `tickets`). */
export function groupLines(
  lines: readonly ScoreLine[],
  tickets: ReadonlyMap<string, Pick<TicketFacts, 'no' | 'categoryCode' | 'severity' | 'kind' | 'state'> & Partial<TicketFacts>>,
  categories: ReadonlyMap<string, string>,
  people: ReadonlyMap<string, string> = new Map(),
): BreakdownGroup[] {
  const sourced = (l: ScoreLine): BreakdownTicket => ({
    ticketId: l.source?.ids[0] ?? '',
    place: null,
    text: null,
    day: null,
    no: null,
    categoryCode: null,
    categoryName: null,
    severity: null,
    kind: null,
    state: null,
    points: l.points,
    detail: l.detail,
    ...(l.source ? { source: l.source.kind } : {}),
    personName: l.personId ? (people.get(l.personId) ?? null) : null,
  });
  const item = (id: string, points: number | null, detail: ScoreLine['detail']): BreakdownTicket => {
    const t = tickets.get(id);
    return {
      ticketId: id,
      no: t?.no ?? (typeof detail.no === 'string' ? detail.no : null),
      categoryCode: t?.categoryCode ?? null,
      categoryName: str(detail.category) ?? (t ? (categories.get(t.categoryCode) ?? t.categoryCode) : null),
      severity: t?.severity ?? (typeof detail.severity === 'string' ? detail.severity : null),
      kind: t?.kind ?? null,
      state: t?.state ?? null,
      points,
      place: str(detail.place) ?? t?.zoneName ?? null,
      text: str(detail.text),
      day: str(detail.day) ?? (t?.createdAt ? shanghaiDate(t.createdAt) : null),
      detail,
    };
  };
  return LINE_ORDER.flatMap((kind): BreakdownGroup[] => {
    const mine = lines.filter((l) => l.kind === kind);
    if (mine.length === 0) return [];
    const points = round2(mine.reduce((a, l) => a + l.points, 0));
    if (kind === 'onTime' || UNIT_LINES.has(kind)) {
      const l = mine[0];
      const items = kind === 'onTime' ? l.ticketIds.map((id) => item(id, null, {})) : [];
      const count = kind === 'onTime' ? l.ticketIds.length : kind === 'satisfaction' ? l.ratingIds.length : 1;
      return [{ kind, count, points, items, detail: l.detail }];
    }
    if (mine[0].source) return [{ kind, count: mine.length, points, items: mine.map(sourced), detail: null }];
    return [{ kind, count: mine.length, points, items: mine.map((l) => item(l.ticketIds[0], l.points, l.detail)), detail: null }];
  });
}

/** The rule version a run scored with (the built-in defaults are not stored until an admin publishes a version). */
async function rulesOfVersion(version: string): Promise<ScoringRules | null> {
  const stored = (await ruleVersions()).find((r) => r.version === version);
  return stored ?? (version === DEFAULT_SCORING_RULES.version ? DEFAULT_SCORING_RULES : null);
}

/** Rank (by the documented score order) and total of a unit among a run's scores, null when it was not scored. */
function standing(scores: readonly ScoreDoc[], unitId: string): { rank: number; total: number; of: number } | null {
  const sorted = [...scores].sort(compareScores);
  const i = sorted.findIndex((s) => s.unitId === unitId);
  return i < 0 ? null : { rank: i + 1, total: sorted[i].total, of: sorted.length };
}

/**
 * One unit's score of a month with everything behind it: the run (current, or an earlier one by id) with
 * every run's who and why, the unit's rank, each rule's lines with the tickets that caused them (number,
 * category, severity, points), its satisfaction figures, and its result in the previous month.
 */
export async function unitScore(input: { period: string; unitId: string; runId?: string }, visible: Set<string> | 'all') {
  if (visible !== 'all' && !visible.has(input.unitId))
    throw new AppError(SCORING_ERRORS.OUT_OF_SCOPE, 'a manager sees the scores of the units they oversee');
  const prev = previousPeriod(input.period);
  const [head, prevHead, units] = await Promise.all([scorePeriod(input.period), scorePeriod(prev), allUnits()]);
  if (!head) throw new AppError(SCORING_ERRORS.NOT_SCORED, `${input.period} has not been scored yet`);
  const runId = input.runId ?? head.currentRunId;
  const run = head.runs.find((r) => r.runId === runId);
  if (!run) throw new AppError(SCORING_ERRORS.RUN_NOT_FOUND, 'no such run for this month');

  const [all, mineRes, prevAll, rules] = await Promise.all([
    scoresOfRun(runId),
    db().collection(COLLECTIONS.scores).where({ runId, unitId: input.unitId }).limit(1).get(),
    prevHead ? scoresOfRun(prevHead.currentRunId) : Promise.resolve([] as ScoreDoc[]),
    rulesOfVersion(run.ruleVersion),
  ]);
  const score = rowsOf<ScoreDoc>(mineRes)[0];
  if (!score) throw new AppError(SCORING_ERRORS.UNIT_NOT_SCORED, 'this unit has no score in this run');

  const ids = [...new Set(score.lines.flatMap((l) => l.ticketIds))];
  const tickets = await ticketFacts(ids);
  const categories = await categoryNames([...tickets.values()].map((t) => t.categoryCode));
  const charged = score.lines.filter((l) => l.source && l.personId).map((l) => l.personId as string);
  const people = charged.length > 0 ? await namesOf(COLLECTIONS.people, charged) : new Map<string, string>();
  const runs = await withNames(head.runs, head.currentRunId);
  const here = standing(all, input.unitId);
  const before = standing(prevAll, input.unitId);

  return {
    period: input.period,
    unitId: input.unitId,
    unitName: units.find((u) => u._id === input.unitId)?.name ?? input.unitId,
    runId,
    current: runId === head.currentRunId,
    run: runs.find((r) => r.runId === runId) ?? null,
    runs,
    rank: here?.rank ?? null,
    of: here?.of ?? all.length,
    ruleVersion: score.ruleVersion,
    rules,
    base: score.base,
    deductions: score.deductions,
    bonuses: score.bonuses,
    total: score.total,
    counts: score.counts,
    onTime: score.onTime,
    satisfaction: {
      n: score.satisfaction.n,
      mean: score.satisfaction.mean,
      adjusted: round4(bayesianAverage({ n: score.satisfaction.n, sum: score.satisfaction.sum }, DEFAULT_PRIOR)),
      prior: DEFAULT_PRIOR,
    },
    groups: groupLines(score.lines, tickets, categories, people),
    previousPeriod: prev,
    /** The unit's result in the previous month's current run, null when that month was not scored or the unit was not in it. */
    previous: prevHead && before ? { period: prev, total: before.total, rank: before.rank, of: before.of } : null,
  };
}

/** A month's runs, oldest first, with the name of whoever ran each ('system' for the monthly freeze). */
async function withNames(runs: readonly ScoreRun[], currentRunId: string) {
  const ids = [...new Set(runs.map((r) => r.by).filter((by) => by !== 'system'))];
  const names = await namesOf(COLLECTIONS.people, ids);
  return runs.map((r) => ({
    runId: r.runId,
    at: r.at,
    by: r.by,
    byName: r.by === 'system' ? null : (names.get(r.by) ?? null),
    reason: r.reason,
    ruleVersion: r.ruleVersion,
    current: r.runId === currentRunId,
  }));
}
