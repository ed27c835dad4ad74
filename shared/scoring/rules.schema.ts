import { z } from 'zod';
import { DEFAULT_SCORING_RULES, publishedRulesFor } from '../contract/scoring.rules';
import { Month } from '../periods/period';

const Points = z.number().min(0).max(100);

/**
 * Scoring rules as data. A rule set is immutable once published; a new version takes effect from a month
 * (`effectiveFrom`), and a period is always scored with the version in force for it (`rulesFor`).
 */
export const ScoringRules = z.strictObject({
  version: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,31}$/),
  effectiveFrom: Month,
  /** Every unit (and person) starts the period with this many points. */
  base: z.number().min(0).max(1000),
  /** Points deducted per problem by severity. */
  deduction: z.strictObject({ minor: Points, major: Points, critical: Points }),
  /** A repeat problem costs its deduction times this (the extra part is its own line). */
  repeatMultiplier: z.number().min(1).max(10),
  /** Per whole hour a problem stayed past its deadline (until rectified or the period's end), capped per ticket. */
  overdue: z.strictObject({ perHour: Points, maxPerTicket: Points }),
  /** 查而不改: a rectification rejected at verification (the ticket's `notRectified` flag). */
  notRectified: Points,
  /** Positive examples (典型) found by inspectors, capped per period. */
  positive: z.strictObject({ each: Points, max: Points }),
  /** Bonus when the on-time rectification rate reaches the threshold over at least `minTickets` problems. */
  onTime: z.strictObject({ threshold: z.number().min(0).max(1), minTickets: z.number().int().min(1), bonus: Points }),
  /** Bonus when at least `minRatings` ratings average at least `threshold` (plain mean). */
  satisfaction: z.strictObject({ threshold: z.number().min(1).max(5), minRatings: z.number().int().min(1), bonus: Points }),
});
export type ScoringRules = z.infer<typeof ScoringRules>;

/** The rules a new installation scores with (documented with a worked example in test/shared/scoring). */
/** What scores a month no published version covers (shared/contract/scoring.rules.ts, which the mini-program shares). */
export { DEFAULT_SCORING_RULES };

/**
 * The version in force for a month: the latest `effectiveFrom` not after it (ties: the later version string),
 * the defaults when none applies. `rulesFor('2026-05', [v1 from 2026-01, v2 from 2026-06]).version === 'v1'`.
 */
export function rulesFor(month: string, versions: readonly ScoringRules[]): ScoringRules {
  return publishedRulesFor(month, versions) ?? DEFAULT_SCORING_RULES;
}
