/**
 * The deadline rule form both admin pages use (期限规则版本 and the categories page's rule sets): one row per
 * severity with a rule kind and, for the kinds that count time, minutes.
 */
import type { DeadlineRule, DeadlineRuleSet, Severity } from '../../shared/contract';

export type RuleRow = { sev: Severity; label: string; kindIndex: number; minutes: string };

export const RULE_KINDS: Array<{ kind: DeadlineRule['kind']; label: string }> = [
  { kind: 'serviceMinutes', label: '服务时间内（分钟）' },
  { kind: 'endOfServiceDay', label: '当日服务结束前（不过夜）' },
  { kind: 'clockMinutes', label: '自然时间（分钟）' },
];

/** The rule set the rows say, or a zh-CN hint naming the first row whose minutes are not a positive whole number. */
export function ruleSetFromRows(rows: readonly RuleRow[]): DeadlineRuleSet | string {
  const rules = {} as DeadlineRuleSet;
  for (const r of rows) {
    const kind = RULE_KINDS[r.kindIndex]?.kind;
    if (kind === 'endOfServiceDay') {
      rules[r.sev] = { kind };
      continue;
    }
    const minutes = Number(r.minutes);
    if (!kind || !Number.isInteger(minutes) || minutes <= 0 || minutes > 100_000) return `${r.label}问题的期限请填写正整数分钟`;
    rules[r.sev] = { kind, minutes };
  }
  return rules;
}
