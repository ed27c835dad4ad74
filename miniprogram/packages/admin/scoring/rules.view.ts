/**
 * Scoring rules (shared/scoring/rules.schema.ts) as the admin page reads and edits them: readable sentences,
 * the version in force for a month, and the publish form with the schema's bounds. The mini-program does not
 * ship zod, so the bounds are restated here; test/miniprogram/pages/admin-scoring.test.ts checks them against
 * the schema itself, and the server parses every submission again.
 */
import { DEFAULT_SCORING_RULES, publishedRulesFor, type ScoringRules } from '../../../shared/contract';

export type Rules = ScoringRules;

/** shared/contract DEFAULT_SCORING_RULES: what scores a month no published version covers. */
export const DEFAULT_RULES: Rules = DEFAULT_SCORING_RULES;

/** The published version in force for a month, or null (shared/contract `publishedRulesFor`). */
export const inForce = (month: string, versions: readonly Rules[]): Rules | null => publishedRulesFor(month, versions);

const num = (n: number) => String(Math.round(n * 100) / 100);

/** The rules as sentences: `一般问题 每起扣 1 分`. */
export function ruleLines(r: Rules): Array<{ label: string; text: string }> {
  return [
    { label: '基础分', text: `每个单位每月从 ${num(r.base)} 分起算` },
    { label: '一般问题', text: `每起扣 ${num(r.deduction.minor)} 分` },
    { label: '较重问题', text: `每起扣 ${num(r.deduction.major)} 分` },
    { label: '严重问题', text: `每起扣 ${num(r.deduction.critical)} 分` },
    { label: '重复问题', text: `按 ${num(r.repeatMultiplier)} 倍扣分` },
    { label: '超时未整改', text: `每超 1 小时扣 ${num(r.overdue.perHour)} 分，每起最多扣 ${num(r.overdue.maxPerTicket)} 分` },
    { label: '查而不改', text: `每起扣 ${num(r.notRectified)} 分` },
    { label: '正面典型', text: `每个加 ${num(r.positive.each)} 分，每月最多加 ${num(r.positive.max)} 分` },
    {
      label: '按时整改',
      text: `按时整改率达 ${num(r.onTime.threshold * 100)}%（至少 ${r.onTime.minTickets} 起问题）加 ${num(r.onTime.bonus)} 分`,
    },
    {
      label: '满意度',
      text: `平均满意度达 ${num(r.satisfaction.threshold)} 分（至少 ${r.satisfaction.minRatings} 条评价）加 ${num(r.satisfaction.bonus)} 分`,
    },
    ...(r.patrols
      ? [
          {
            label: '巡查与自查',
            text: `每日自查未完成每次扣 ${num(r.patrols.missedSelfCheck)} 分，计划巡查漏查每次扣 ${num(r.patrols.missedPatrol)} 分，每月最多扣 ${num(r.patrols.max)} 分`,
          },
        ]
      : []),
    ...(r.assets
      ? [
          {
            label: '资产在位',
            text: `月度核对在位率达 ${num(r.assets.inPlace.threshold * 100)}%（至少 ${r.assets.inPlace.minAssets} 件）加 ${num(r.assets.inPlace.bonus)} 分`,
          },
          {
            label: '资产损坏',
            text: `责任人明确的每件扣 ${num(r.assets.damage.perItem)} 分，每月最多扣 ${num(r.assets.damage.maxPerPeriod)} 分`,
          },
        ]
      : []),
    ...(r.assets?.notVerified
      ? [
          {
            label: '资产未核对',
            text: `未找到或未核对的每件扣 ${num(r.assets.notVerified.perItem)} 分，每月最多扣 ${num(r.assets.notVerified.maxPerPeriod)} 分；当月未开展核对扣 ${num(r.assets.notVerified.noCampaign)} 分`,
          },
        ]
      : []),
  ];
}

/** A numeric field of the form: its path in `Rules`, label, unit and the schema's bounds. */
export type Field = {
  key: string;
  label: string;
  unit: string;
  min: number;
  max?: number;
  int?: boolean;
  percent?: boolean;
  group: string;
  /** The optional part of the rules the field belongs to: all its fields blank leaves that part out of the version. */
  optional?: 'patrols' | 'assets' | 'assets.notVerified';
};

const PATROL_GROUP = '巡查与自查（可选，全部留空则不计分）';
const ASSET_GROUP = '固定资产（可选，全部留空则不计分）';

const points = (key: string, label: string, group: string, unit = '分'): Field => ({ key, label, unit, min: 0, max: 100, group });

export const FIELDS: Field[] = [
  { key: 'base', label: '基础分', unit: '分', min: 0, max: 1000, group: '基础' },
  points('deduction.minor', '一般问题每起扣', '扣分'),
  points('deduction.major', '较重问题每起扣', '扣分'),
  points('deduction.critical', '严重问题每起扣', '扣分'),
  { key: 'repeatMultiplier', label: '重复问题扣分倍数', unit: '倍', min: 1, max: 10, group: '扣分' },
  points('overdue.perHour', '超时每小时扣', '扣分'),
  points('overdue.maxPerTicket', '超时每起最多扣', '扣分'),
  points('notRectified', '查而不改每起扣', '扣分'),
  points('positive.each', '正面典型每个加', '加分'),
  points('positive.max', '正面典型每月最多加', '加分'),
  { key: 'onTime.threshold', label: '按时整改率达到', unit: '%', min: 0, max: 100, percent: true, group: '加分' },
  { key: 'onTime.minTickets', label: '且问题至少', unit: '起', min: 1, int: true, group: '加分' },
  points('onTime.bonus', '按时整改加', '加分'),
  { key: 'satisfaction.threshold', label: '平均满意度达到', unit: '分', min: 1, max: 5, group: '加分' },
  { key: 'satisfaction.minRatings', label: '且评价至少', unit: '条', min: 1, int: true, group: '加分' },
  points('satisfaction.bonus', '满意度加', '加分'),
  ...(
    [
      points('patrols.missedSelfCheck', '每日自查未完成每次扣', PATROL_GROUP),
      points('patrols.missedPatrol', '计划巡查漏查每次扣', PATROL_GROUP),
      points('patrols.max', '巡查每月最多扣', PATROL_GROUP),
    ] as Field[]
  ).map((f) => ({ ...f, optional: 'patrols' as const })),
  ...(
    [
      { key: 'assets.inPlace.threshold', label: '资产在位率达到', unit: '%', min: 0, max: 100, percent: true, group: ASSET_GROUP },
      { key: 'assets.inPlace.minAssets', label: '且在册资产至少', unit: '件', min: 1, int: true, group: ASSET_GROUP },
      points('assets.inPlace.bonus', '资产在位加', ASSET_GROUP),
      points('assets.damage.perItem', '资产损坏（责任人明确）每件扣', ASSET_GROUP),
      points('assets.damage.maxPerPeriod', '资产损坏每月最多扣', ASSET_GROUP),
    ] as Field[]
  ).map((f) => ({ ...f, optional: 'assets' as const })),
  ...[
    points('assets.notVerified.perItem', '资产未核对在位每件扣', ASSET_GROUP),
    points('assets.notVerified.maxPerPeriod', '资产未核对每月最多扣', ASSET_GROUP),
    points('assets.notVerified.noCampaign', '当月未开展资产核对扣', ASSET_GROUP),
  ].map((f) => ({ ...f, optional: 'assets.notVerified' as const })),
];

export const VERSION_PATTERN = /^[a-z0-9][a-z0-9._-]{0,31}$/;

const get = (r: Rules, key: string): number | undefined =>
  key.split('.').reduce<unknown>((o, k) => (o === undefined ? undefined : (o as Record<string, unknown>)[k]), r) as number | undefined;

/** The form's text values for a rule set (percentages as whole numbers; an optional part the version lacks is blank). */
export function formOf(r: Rules): Record<string, string> {
  return Object.fromEntries(
    FIELDS.map((f) => {
      const v = get(r, f.key);
      return [f.key, v === undefined ? '' : num(f.percent ? v * 100 : v)];
    }),
  );
}

/** The optional parts the form turns on: any of their fields filled (asset verification needs the asset part too). */
function optionalParts(values: Record<string, string>): Set<NonNullable<Field['optional']>> {
  const on = new Set<NonNullable<Field['optional']>>();
  for (const f of FIELDS) if (f.optional && (values[f.key] ?? '').trim() !== '') on.add(f.optional);
  if (on.has('assets.notVerified')) on.add('assets');
  return on;
}

/** The version after `latest` that is not taken: `v2` → `v3`; '' when it does not end in a number. */
export function nextVersion(latest: string, taken: readonly string[]): string {
  const m = /^(.*?)(\d+)$/.exec(latest);
  if (!m) return '';
  for (let n = Number(m[2]) + 1; n < Number(m[2]) + 100; n++) {
    const v = `${m[1]}${n}`;
    if (!taken.includes(v)) return v;
  }
  return '';
}

/**
 * Reads the form: the rule set, or an error per field. `version` must be new and well-formed, `effectiveFrom`
 * a month after `currentMonth`, and every number within its bounds.
 */
export function readForm(
  version: string,
  effectiveFrom: string,
  values: Record<string, string>,
  currentMonth: string,
  taken: readonly string[],
): { rules: Rules | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const v = version.trim();
  if (!v) errors.version = '请填写版本号';
  else if (!VERSION_PATTERN.test(v)) errors.version = '只能用小写字母、数字和 . _ -，以字母或数字开头，最长 32 位';
  else if (taken.includes(v)) errors.version = '该版本号已存在，请换一个';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(effectiveFrom)) errors.effectiveFrom = '请选择生效月份';
  else if (effectiveFrom <= currentMonth) errors.effectiveFrom = '生效月份须晚于本月';
  const out: Record<string, unknown> = { version: v, effectiveFrom };
  const on = optionalParts(values);
  for (const f of FIELDS) {
    if (f.optional && !on.has(f.optional)) continue;
    const raw = (values[f.key] ?? '').trim();
    const n = Number(raw);
    if (raw === '' || !Number.isFinite(n)) errors[f.key] = '请填写数字';
    else if (f.max === undefined ? n < f.min : n < f.min || n > f.max) {
      errors[f.key] = f.max === undefined ? `应不小于 ${f.min}` : `应在 ${f.min}–${f.max} 之间`;
    } else if (f.int && !Number.isInteger(n)) errors[f.key] = '应为整数';
    const value = f.percent ? Math.round(n * 100) / 10000 : n;
    const path = f.key.split('.');
    let o = out;
    for (const k of path.slice(0, -1)) {
      if (o[k] === undefined) o[k] = {};
      o = o[k] as Record<string, unknown>;
    }
    o[path[path.length - 1]] = value;
  }
  return Object.keys(errors).length > 0 ? { rules: null, errors } : { rules: out as unknown as Rules, errors };
}
