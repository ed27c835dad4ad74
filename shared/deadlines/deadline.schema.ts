import { z } from 'zod';

/** How long a problem may stay open, as data. */
export const DeadlineRule = z.discriminatedUnion('kind', [
  /** `minutes` of the zone's service time; a report after closing starts counting at the next opening. */
  z.strictObject({ kind: z.literal('serviceMinutes'), minutes: z.number().int().positive() }),
  /** Until the close of the service day it was reported on, or of the next service day after closing ("不过夜"). */
  z.strictObject({ kind: z.literal('endOfServiceDay') }),
  /** `minutes` around the clock, whatever the zone's hours. */
  z.strictObject({ kind: z.literal('clockMinutes'), minutes: z.number().int().positive() }),
]);
export type DeadlineRule = z.infer<typeof DeadlineRule>;

/** One rule per severity; categories point at a rule set by id. */
export const DeadlineRuleSet = z.strictObject({ minor: DeadlineRule, major: DeadlineRule, critical: DeadlineRule });
export type DeadlineRuleSet = z.infer<typeof DeadlineRuleSet>;

/** Rule sets by id. */
export const DeadlineRules = z.record(z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/), DeadlineRuleSet);
export type DeadlineRules = z.infer<typeof DeadlineRules>;

/**
 * A rectification clock. `usedMs` is the time consumed up to `runningSince` (or up to the pause when
 * `runningSince` is null); `basis` says whether time counts on the zone's service hours or around the clock.
 */
export const DeadlineClock = z.strictObject({
  basis: z.enum(['service', 'continuous']),
  budgetMs: z.number().int().positive(),
  usedMs: z.number().int().nonnegative(),
  runningSince: z.date().nullable(),
});
export type DeadlineClock = z.infer<typeof DeadlineClock>;
