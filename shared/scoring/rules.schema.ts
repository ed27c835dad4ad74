import { z } from 'zod';
import { DEFAULT_SCORING_RULES, publishedRulesFor } from '../contract/scoring.rules';
import { Month } from '../periods/period';

const Points = z.number().min(0).max(100);

/**
 * Fixed-asset lines (issue 14), optional so versions published before them stay valid and score no asset
 * lines: a bonus when a unit's monthly in-place ratio reaches `threshold` over at least `minAssets`, and a
 * deduction per damage with a liable person, charged to that person, capped per period.
 */
export const AssetScoring = z.strictObject({
  inPlace: z.strictObject({ threshold: z.number().min(0).max(1), minAssets: z.number().int().min(1), bonus: Points }),
  damage: z.strictObject({ perItem: Points, maxPerPeriod: Points }),
  /**
   * Optional (versions from `v2`): −perItem per asset of the month's campaign not verified in place (盘亏 at close,
   * or never scanned in a campaign still open when the month is scored), at most maxPerPeriod; −noCampaign once
   * when a unit holding at least `inPlace.minAssets` assets ran no campaign in the month (每月核对固定资产在位情况).
   */
  notVerified: z.strictObject({ perItem: Points, maxPerPeriod: Points, noCampaign: Points }).optional(),
});
export type AssetScoring = z.infer<typeof AssetScoring>;

/** The asset lines a rule version gets when it opts in (a version `v1-assets` or later sets `assets`). */
export const DEFAULT_ASSET_SCORING: AssetScoring = {
  inPlace: { threshold: 0.98, minAssets: 10, bonus: 2 },
  damage: { perItem: 1, maxPerPeriod: 5 },
  notVerified: { perItem: 0.5, maxPerPeriod: 5, noCampaign: 3 },
};

/** The patrol lines a rule version gets when it opts in (shared/patrols/patrol.scoring.ts). */
export const DEFAULT_PATROL_SCORING: NonNullable<ScoringRules['patrols']> = { missedSelfCheck: 0.5, missedPatrol: 1, max: 10 };

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
  /**
   * Optional patrol lines (shared/patrols/patrol.scoring.ts): points per missed daily self-check and per missed
   * planned patrol of the unit (excused ones never count), capped per period. Absent: patrols are not scored.
   */
  patrols: z.strictObject({ missedSelfCheck: Points, missedPatrol: Points, max: Points }).optional(),
  /** Fixed-asset lines; absent in versions that predate them. */
  assets: AssetScoring.optional(),
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
