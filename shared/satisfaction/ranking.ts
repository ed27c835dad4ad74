import { z } from 'zod';
import type { Tally } from './rollup';

/**
 * The small-sample adjustment: a Bayesian average that starts every unit at a neutral prior and lets its
 * own ratings pull it away as they accumulate:
 *
 *     adjusted = (C × m + Σ ratings) / (C + n)
 *
 * with `m` the prior mean (default 3, the middle of the 1–5 scale: no evidence says "neutral") and `C` the
 * prior weight in ratings (default 10: a unit needs about ten ratings before its own mean counts as much as
 * the prior). Three ratings of 5 give (30 + 15) / 13 = 3.46; three hundred averaging 4.8 give
 * (30 + 1440) / 310 = 4.74, so the larger sample ranks first. A unit with no ratings sits at `m`.
 */
export const BayesPrior = z.strictObject({ mean: z.number().min(1).max(5).default(3), weight: z.number().min(0).max(1000).default(10) });
export type BayesPrior = z.infer<typeof BayesPrior>;
export const DEFAULT_PRIOR: BayesPrior = { mean: 3, weight: 10 };

/** `bayesianAverage({ n: 3, sum: 15 }) ≈ 3.4615`. */
export const bayesianAverage = (t: Tally, prior: BayesPrior = DEFAULT_PRIOR): number =>
  (prior.weight * prior.mean + t.sum) / (prior.weight + t.n);

/** The plain mean, or null with no ratings. */
export const meanOf = (t: Tally): number | null => (t.n > 0 ? t.sum / t.n : null);

/** Rounds for display and for comparisons that must not depend on floating-point noise (4 decimals). */
export const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

export interface SatisfactionRow {
  id: string;
  n: number;
  sum: number;
  mean: number | null;
  adjusted: number;
}

export const satisfactionRow = (id: string, t: Tally, prior: BayesPrior = DEFAULT_PRIOR): SatisfactionRow => ({
  id,
  n: t.n,
  sum: t.sum,
  mean: meanOf(t) === null ? null : round4(meanOf(t) as number),
  adjusted: round4(bayesianAverage(t, prior)),
});

/**
 * Satisfaction order, the documented tie-break: adjusted mean (higher first), then more ratings (more
 * evidence first), then raw mean (higher first), then id (alphabetical, so the order is total and stable).
 */
export const compareSatisfaction = (a: SatisfactionRow, b: SatisfactionRow): number =>
  b.adjusted - a.adjusted || b.n - a.n || (b.mean ?? 0) - (a.mean ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface Ranked<T> {
  rank: number;
  row: T;
  previous: { rank: number | null; value: number | null; delta: number | null };
}

/**
 * Ranks rows with `compare` (a total order: equal keys still get distinct consecutive ranks, decided by
 * the comparator's last tie-break) and attaches the trend against the previous period's ranking.
 */
export function rankWithTrend<T extends { id: string }>(
  rows: readonly T[],
  previousRows: readonly T[],
  compare: (a: T, b: T) => number,
  value: (r: T) => number,
): Ranked<T>[] {
  const prev = [...previousRows].sort(compare);
  const prevRank = new Map(prev.map((r, i) => [r.id, { rank: i + 1, value: value(r) }]));
  return [...rows].sort(compare).map((row, i) => {
    const p = prevRank.get(row.id);
    return {
      rank: i + 1,
      row,
      previous: { rank: p?.rank ?? null, value: p?.value ?? null, delta: p ? round4(value(row) - p.value) : null },
    };
  });
}
