import { type AssetScoringInput, assetScoreLines } from '../assets/asset.score';
import { raiseSeverity, type Severity } from '../common/severity.schema';
import type { LineKind, LineSource } from '../contract/scoring.contract';
import { LINE_LABELS } from '../contract/scoring.rules';
import { consumedMs } from '../deadlines/clock';
import type { DeadlineClock } from '../deadlines/deadline.schema';
import type { ServiceHours } from '../deadlines/service-hours.schema';
import { patrolScoreLines, type ScoringOccurrence } from '../patrols/patrol.scoring';
import type { ScoringRules } from './rules.schema';

/** What scoring reads of a ticket. */
export interface ScoringTicket {
  _id: string;
  no: string;
  kind: 'problem' | 'positive';
  state: string;
  severity: Severity;
  unitId: string;
  assigneeId: string | null;
  /** `fromSeverity`: the severity before the repeat rule raised it (absent on tickets made before it was kept). */
  repeat: { count: number; ofTicketId: string; fromSeverity?: Severity } | null;
  notRectified: boolean;
  createdAt: Date;
  dueAt: Date | null;
  /** The latest rectification's time, if any. */
  rectifiedAt: Date | null;
  /** The deadline clock (paused at rectification, so `usedMs − budgetMs` is how late it was, on its basis). */
  clock: (Pick<DeadlineClock, 'usedMs' | 'budgetMs'> & Partial<Pick<DeadlineClock, 'basis' | 'runningSince'>>) | null;
  /** The zone's service hours, so an open ticket's lateness is measured on its clock's basis as a fixed one's is. */
  hours?: ServiceHours | null;
  /**
   * What the ticket was, as the reader of a unit's score recognises it, copied into every line it causes so a
   * frozen run keeps it even if the zone is renamed or moved, or the category renamed: the place (zone names
   * below the campus), the category's name, the first words of the report, and the day it was reported (Beijing).
   */
  label?: TicketLabel;
}

/** See `ScoringTicket.label`. */
export interface TicketLabel {
  place: string;
  category: string;
  text: string;
  day: string;
}

const SETTLED = new Set(['rectified', 'verified', 'closed']);

/**
 * How late a problem is, as of `asOf`, always on the clock that set its deadline: service time for a deadline
 * in service hours (minor, major), wall time for one around the clock (critical). A rectified problem (state
 * rectified/verified/closed) by its clock stopped at rectification, `usedMs − budgetMs`; an open one by its clock
 * run on to `asOf` (paused time does not count). So a problem fixed the next morning and one still open the next
 * morning are charged the same hours. Without the zone's hours (older callers), an open problem falls back to
 * wall time past `dueAt`. `eligible` says whether it counts for the on-time rate: rectified, or open and late.
 */
export function lateness(
  t: Pick<ScoringTicket, 'state' | 'rectifiedAt' | 'dueAt' | 'clock' | 'hours'>,
  asOf: Date,
): { lateMs: number; eligible: boolean; onTime: boolean } {
  if (SETTLED.has(t.state) && t.rectifiedAt && t.clock) {
    const lateMs = Math.max(0, t.clock.usedMs - t.clock.budgetMs);
    return { lateMs, eligible: true, onTime: lateMs === 0 };
  }
  if (t.clock?.basis && t.hours) {
    const clock = { basis: t.clock.basis, usedMs: t.clock.usedMs, budgetMs: t.clock.budgetMs, runningSince: t.clock.runningSince ?? null };
    const lateMs = Math.max(0, consumedMs(clock, t.hours, asOf) - clock.budgetMs);
    return { lateMs, eligible: lateMs > 0, onTime: false };
  }
  if (t.dueAt && t.dueAt < asOf) return { lateMs: asOf.getTime() - t.dueAt.getTime(), eligible: true, onTime: false };
  return { lateMs: 0, eligible: false, onTime: false };
}

/**
 * The severity a problem is charged at. A repeat was raised one level by the repeat rule (a shorter deadline);
 * the score charges the repeat once, on its own line, so the problem line uses the severity before the raise —
 * unless an inspector has since set another severity. A repeated minor problem costs −1 and the repeat −1 more.
 */
export function chargedSeverity(t: Pick<ScoringTicket, 'severity' | 'repeat'>): Severity {
  const from = t.repeat?.fromSeverity;
  return from && raiseSeverity(from) === t.severity ? from : t.severity;
}

/** What scoring reads of a rating. */
export interface ScoringRating {
  _id: string;
  rating: number;
}

/** Line kinds and their evidence are declared once, in the wire contract; the zh-CN names beside them. */
export type { LineKind, LineSource };
export { LINE_LABELS };

/** What a unit's month adds beyond tickets and ratings: its patrol occurrences and its asset facts (both optional). */
export interface ScoringExtras {
  occurrences?: readonly ScoringOccurrence[];
  assets?: AssetScoringInput;
}

/** One scored item: its points (negative for deductions) and the ticket or rating ids that caused them. */
export interface ScoreLine {
  kind: LineKind;
  points: number;
  ticketIds: string[];
  ratingIds: string[];
  /** The responsible person a ticket line is charged to (the assignee); null for unit-level lines. */
  personId: string | null;
  /** The facts the points were computed from, for the breakdown's reader. */
  detail: Record<string, string | number | boolean | null>;
  /** The evidence of a patrol or asset line (absent on ticket and rating lines). */
  source?: LineSource;
}

export interface PersonScore {
  personId: string;
  points: number;
  total: number;
  ticketIds: string[];
}

export interface UnitScore {
  unitId: string;
  period: { from: Date; to: Date; label: string };
  ruleVersion: string;
  base: number;
  deductions: number;
  bonuses: number;
  total: number;
  counts: { problems: number; repeats: number; overdue: number; notRectified: number; positives: number; ratings: number };
  onTime: { onTime: number; eligible: number; rate: number | null };
  satisfaction: { n: number; sum: number; mean: number | null };
  lines: ScoreLine[];
  byPerson: PersonScore[];
}

/** Points to two decimals, so sums of 0.5s and 0.1s stay exact for comparison and display. */
export const round2 = (x: number): number => Math.round(x * 100) / 100;

const inPeriod = (t: ScoringTicket, from: Date, to: Date) => t.createdAt >= from && t.createdAt < to;

/**
 * Scores one unit for a period with the given rules. Considered: the unit's tickets created in `[from, to)`
 * that were not cancelled, and the ratings given for it in the period. Returns a breakdown in which every
 * point is on a line naming the tickets or ratings behind it, so `total === base + Σ line.points`.
 *
 * - problem: −deduction[severity] per problem; repeat: −deduction × (repeatMultiplier − 1) more for a repeat;
 * - overdue: −min(perHour × whole hours late (see `lateness`: service time when rectified, wall time past
 *   `dueAt` until `to` when still open), maxPerTicket);
 * - notRectified (查而不改): −notRectified per ticket whose rectification was rejected;
 * - positive: +each per positive example, at most `positive.max` in total;
 * - onTime: +bonus when rectified-on-time / (rectified + open past deadline at `to`) ≥ threshold over ≥ minTickets;
 * - satisfaction: +bonus when ≥ minRatings ratings average ≥ threshold;
 * - missedSelfCheck / missedPatrol (when the version sets `patrols`): see shared/patrols/patrol.scoring.ts;
 * - assetInPlace / assetDamage / assetNotVerified / assetNoCampaign (when it sets `assets`): shared/assets/asset.score.ts.
 */
export function scoreUnit(
  period: { unitId: string; from: Date; to: Date; label: string },
  tickets: readonly ScoringTicket[],
  ratings: readonly ScoringRating[],
  rules: ScoringRules,
  extras: ScoringExtras = {},
): UnitScore {
  const mine = tickets
    .filter((t) => t.unitId === period.unitId && t.state !== 'cancelled' && inPeriod(t, period.from, period.to))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a._id < b._id ? -1 : 1));
  const lines: ScoreLine[] = [];
  const line = (kind: LineKind, points: number, t: ScoringTicket | null, detail: ScoreLine['detail'], ratingIds: string[] = []) =>
    lines.push({
      kind,
      points: round2(points),
      ticketIds: t ? [t._id] : [],
      ratingIds,
      personId: t?.assigneeId ?? null,
      detail: t?.label ? { ...detail, ...t.label } : detail,
    });

  const problems = mine.filter((t) => t.kind === 'problem');
  let overdueCount = 0;
  const onTimeIds: string[] = [];
  const eligibleIds: string[] = [];
  for (const t of problems) {
    const charged = chargedSeverity(t);
    const base = rules.deduction[charged];
    line('problem', -base, t, { no: t.no, severity: charged });
    if (t.repeat)
      line('repeat', -base * (rules.repeatMultiplier - 1), t, { no: t.no, repeatCount: t.repeat.count, ofTicketId: t.repeat.ofTicketId });
    const late = lateness(t, period.to);
    const hours = Math.floor(late.lateMs / 3_600_000);
    if (hours > 0) {
      overdueCount++;
      line('overdue', -Math.min(hours * rules.overdue.perHour, rules.overdue.maxPerTicket), t, { no: t.no, hours });
    }
    if (late.eligible) eligibleIds.push(t._id);
    if (late.onTime) onTimeIds.push(t._id);
    if (t.notRectified) line('notRectified', -rules.notRectified, t, { no: t.no });
  }

  let positiveLeft = rules.positive.max;
  const positives = mine.filter((t) => t.kind === 'positive');
  for (const t of positives) {
    const points = Math.min(rules.positive.each, positiveLeft);
    positiveLeft -= points;
    if (points > 0) line('positive', points, t, { no: t.no });
  }

  const rate = eligibleIds.length > 0 ? onTimeIds.length / eligibleIds.length : null;
  if (rate !== null && eligibleIds.length >= rules.onTime.minTickets && rate >= rules.onTime.threshold) {
    lines.push({
      kind: 'onTime',
      points: rules.onTime.bonus,
      ticketIds: [...onTimeIds],
      ratingIds: [],
      personId: null,
      detail: { onTime: onTimeIds.length, eligible: eligibleIds.length, rate: round2(rate) },
    });
  }

  const n = ratings.length;
  const sum = ratings.reduce((a, r) => a + r.rating, 0);
  const mean = n > 0 ? sum / n : null;
  if (mean !== null && n >= rules.satisfaction.minRatings && mean >= rules.satisfaction.threshold) {
    line(
      'satisfaction',
      rules.satisfaction.bonus,
      null,
      { n, mean: round2(mean) },
      ratings.map((r) => r._id),
    );
  }

  for (const p of patrolScoreLines(period.unitId, extras.occurrences ?? [], rules)) {
    lines.push({
      kind: p.kind,
      points: round2(p.points),
      ticketIds: [],
      ratingIds: [],
      personId: p.personId,
      detail: p.detail,
      source: { kind: 'patrolOccurrence', ids: p.occurrenceIds },
    });
  }
  if (extras.assets) {
    const a = extras.assets;
    for (const l of assetScoreLines(rules.assets, a.campaign, a.damages, a)) {
      const kind =
        l.kind === 'assetDamage'
          ? 'assetEvent'
          : l.kind === 'assetNotVerified' && l.detail.reason === 'missing'
            ? 'assetScan'
            : 'assetCampaign';
      lines.push({
        kind: l.kind,
        points: round2(l.points),
        ticketIds: [],
        ratingIds: [],
        personId: l.personId,
        detail: l.detail,
        source: { kind, ids: l.evidence },
      });
    }
  }

  const deductions = round2(lines.filter((l) => l.points < 0).reduce((a, l) => a + l.points, 0));
  const bonuses = round2(lines.filter((l) => l.points > 0).reduce((a, l) => a + l.points, 0));
  const people = new Map<string, PersonScore>();
  for (const l of lines) {
    if (!l.personId) continue;
    const p = people.get(l.personId) ?? { personId: l.personId, points: 0, total: 0, ticketIds: [] };
    p.points = round2(p.points + l.points);
    for (const id of l.ticketIds) if (!p.ticketIds.includes(id)) p.ticketIds.push(id);
    people.set(l.personId, p);
  }
  return {
    unitId: period.unitId,
    period: { from: period.from, to: period.to, label: period.label },
    ruleVersion: rules.version,
    base: rules.base,
    deductions,
    bonuses,
    total: round2(rules.base + deductions + bonuses),
    counts: {
      problems: problems.length,
      repeats: problems.filter((t) => t.repeat).length,
      overdue: overdueCount,
      notRectified: problems.filter((t) => t.notRectified).length,
      positives: positives.length,
      ratings: n,
    },
    onTime: { onTime: onTimeIds.length, eligible: eligibleIds.length, rate: rate === null ? null : round2(rate) },
    satisfaction: { n, sum, mean: mean === null ? null : round2(mean) },
    lines,
    byPerson: [...people.values()].map((p) => ({ ...p, total: round2(rules.base + p.points) })),
  };
}

/**
 * Score order, the documented tie-break: total (higher first), then fewer problems, then fewer deduction
 * points, then unit id (alphabetical).
 */
export const compareScores = (a: Pick<UnitScore, 'unitId' | 'total' | 'deductions' | 'counts'>, b: typeof a): number =>
  b.total - a.total ||
  a.counts.problems - b.counts.problems ||
  b.deductions - a.deductions ||
  (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0);

/** Staff order: total (higher first), then fewer tickets charged, then person id. */
export const comparePeople = (a: PersonScore, b: PersonScore): number =>
  b.total - a.total || a.ticketIds.length - b.ticketIds.length || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0);
