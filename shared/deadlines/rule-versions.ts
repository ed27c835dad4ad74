import { z } from 'zod';
import { Text } from '../common';

/**
 * A deadline rule set added after installation, and the set it takes over from (`replaces`) from a day on.
 * Rule sets are immutable once they have a version record or a successor: a ticket stores the id of the set in
 * force when it was reported (`deadlineRuleId`), so its deadline, a rework deadline and a severity change all keep
 * reading the same rules, whatever is added later. Categories keep naming the set they were given; a new version
 * applies to them from `effectiveFrom` (00:00 Beijing time of that day) through `ruleIdInForce`.
 */
export const DeadlineRuleVersion = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/),
  /** What the admin calls it (rule sets are never shown by id). */
  name: Text(30),
  /** The set this one takes over from, or null for a set categories are pointed at by hand. */
  replaces: z.string().nullable(),
  effectiveFrom: z.date(),
  createdBy: z.string(),
  createdAt: z.date(),
});
export type DeadlineRuleVersion = z.infer<typeof DeadlineRuleVersion>;

/**
 * The rule set in force at `at` for a category that names `ruleId`: follows successors whose `effectiveFrom`
 * is not after `at` (the latest one when several replace the same set). Ids are never reused, so the walk ends.
 * `ruleIdInForce('standard', [{ id: 'r2', replaces: 'standard', effectiveFrom: 2030-07-01 }], 2030-07-02) === 'r2'`.
 */
export function ruleIdInForce(
  ruleId: string,
  versions: ReadonlyArray<Pick<DeadlineRuleVersion, 'id' | 'replaces' | 'effectiveFrom'>>,
  at: Date,
): string {
  let current = ruleId;
  for (let hops = 0; hops <= versions.length; hops++) {
    const next = versions
      .filter((v) => v.replaces === current && v.effectiveFrom.getTime() <= at.getTime())
      .sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime() || (a.id < b.id ? 1 : -1))[0];
    if (!next) return current;
    current = next.id;
  }
  return current;
}

/** Sets that may no longer change: those with a version record, and those another set replaces. */
export const frozenRuleIds = (versions: ReadonlyArray<Pick<DeadlineRuleVersion, 'id' | 'replaces'>>): Set<string> =>
  new Set(versions.flatMap((v) => (v.replaces ? [v.id, v.replaces] : [v.id])));
