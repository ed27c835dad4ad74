import type { Severity } from '../common/severity.schema';
import { AppError } from '../errors';
import { DEADLINE_ERRORS } from './deadline.errors';
import type { DeadlineRule, DeadlineRules } from './deadline.schema';

/** The rule set every default category uses. */
export const STANDARD_RULE_ID = 'standard';

/** Default deadlines: minor 60 service minutes, major by the end of the service day, critical 30 minutes around the clock. */
export const DEFAULT_DEADLINE_RULES: DeadlineRules = {
  [STANDARD_RULE_ID]: {
    minor: { kind: 'serviceMinutes', minutes: 60 },
    major: { kind: 'endOfServiceDay' },
    critical: { kind: 'clockMinutes', minutes: 30 },
  },
};

/** The rule for a rule-set id and severity; throws `DEADLINE.UNKNOWN_RULE` when the set is not configured. */
export function resolveDeadlineRule(rules: DeadlineRules, ruleId: string, severity: Severity): DeadlineRule {
  // A Map lookup, so inherited names such as 'toString' are never mistaken for a rule set.
  const set = new Map(Object.entries(rules)).get(ruleId);
  if (!set) throw new AppError(DEADLINE_ERRORS.UNKNOWN_RULE, `no deadline rule set '${ruleId}'`, { ruleId });
  return set[severity];
}
