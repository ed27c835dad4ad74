import type { LineKind, ScoringRules } from './scoring.contract';

/** The zh-CN name of each rule line: the unit score page's groups and the 目标管理考核 workbook's 项目 column. */
export const LINE_LABELS: Record<LineKind, string> = {
  problem: '问题扣分',
  repeat: '重复问题加扣',
  overdue: '超时整改扣分',
  notRectified: '查而不改扣分',
  positive: '正面典型加分',
  onTime: '按时整改加分',
  satisfaction: '满意度加分',
  missedSelfCheck: '未按时自查扣分',
  missedPatrol: '计划巡查漏查扣分',
  assetNotVerified: '资产未核对在位扣分',
  assetNoCampaign: '未开展资产核对扣分',
  assetDamage: '资产损坏责任扣分',
  assetInPlace: '资产管理良好加分',
};

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
