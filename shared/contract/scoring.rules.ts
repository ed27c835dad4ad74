import type { ScoringRules } from './scoring.contract';

/** What scores a month no published rule version covers. */
export const DEFAULT_SCORING_RULES: ScoringRules = {
  version: 'v1',
  effectiveFrom: '2000-01',
  base: 100,
  deduction: { minor: 1, major: 3, critical: 5 },
  repeatMultiplier: 2,
  overdue: { perHour: 0.5, maxPerTicket: 5 },
  notRectified: 5,
  positive: { each: 2, max: 10 },
  onTime: { threshold: 0.9, minTickets: 5, bonus: 3 },
  satisfaction: { threshold: 4.5, minRatings: 20, bonus: 2 },
};

/**
 * The published version in force for a month: the latest `effectiveFrom` not after it (ties: the later version
 * string), or null when none applies (then DEFAULT_SCORING_RULES score it).
 */
export function publishedRulesFor<R extends ScoringRules>(month: string, versions: readonly R[]): R | null {
  const eligible = versions.filter((v) => v.effectiveFrom <= month);
  if (eligible.length === 0) return null;
  return eligible.reduce((a, b) =>
    b.effectiveFrom > a.effectiveFrom || (b.effectiveFrom === a.effectiveFrom && b.version > a.version) ? b : a,
  );
}
