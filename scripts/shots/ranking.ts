/** Screenshots of the ranking pages (packages/leader/ranking, packages/leader/unit) with a month of demo results. */
import { DEFAULT_SCORING_RULES } from '../../shared/scoring';
import { flush, ok, type Shot } from './shot';

const OPTIONS = {
  periods: [
    { period: '2025-05', runs: 2, recomputed: true },
    { period: '2025-04', runs: 1, recomputed: false },
    { period: '2025-03', runs: 1, recomputed: false },
  ],
  latest: '2025-05',
  campuses: [
    { _id: 'campus-east', name: '东校区' },
    { _id: 'campus-main', name: '主校区' },
  ],
  centres: [
    { _id: 'centre-dining', name: '饮食服务中心' },
    { _id: 'centre-property', name: '物业服务中心' },
  ],
  staffUnits: [],
};

const prev = (rank: number | null, value: number | null, delta: number | null) => ({ rank, value, delta });

const SCORES = {
  period: '2025-05',
  previousPeriod: '2025-04',
  by: 'score',
  runId: 'run-2',
  ruleVersion: 'v1',
  recomputed: true,
  run: { runId: 'run-2', at: '2025-06-03T02:30:00.000Z', by: 'p-admin', reason: '两张误报工单已作废', ruleVersion: 'v1' },
  total: 8,
  nextCursor: null,
  rows: [
    {
      rank: 1,
      unitId: 'u-dorm',
      name: '学生公寓管理中心',
      total: 101.5,
      deductions: -3.5,
      bonuses: 5,
      problems: 2,
      previous: prev(3, 97, 4.5),
    },
    { rank: 2, unitId: 'u-green', name: '绿源园林公司', total: 98, deductions: -2, bonuses: 0, problems: 2, previous: prev(1, 99, -1) },
    { rank: 3, unitId: 'u-dining', name: '饮食服务中心', total: 98, deductions: -7, bonuses: 5, problems: 4, previous: prev(2, 97, 1) },
    {
      rank: 4,
      unitId: 'u-clean',
      name: '华洁保洁服务公司',
      total: 93,
      deductions: -7,
      bonuses: 0,
      problems: 2,
      previous: prev(6, 88.5, 4.5),
    },
    {
      rank: 5,
      unitId: 'u-canteen-1',
      name: '第一食堂（承包）',
      total: 91.5,
      deductions: -10.5,
      bonuses: 2,
      problems: 5,
      previous: prev(4, 94, -2.5),
    },
    { rank: 6, unitId: 'u-property', name: '物业服务中心', total: 90, deductions: -10, bonuses: 0, problems: 6, previous: prev(5, 90, 0) },
    {
      rank: 7,
      unitId: 'u-repair',
      name: '安捷维修服务公司',
      total: 86,
      deductions: -14,
      bonuses: 0,
      problems: 5,
      previous: prev(8, 81, 5),
    },
    {
      rank: 8,
      unitId: 'u-security',
      name: '校园安保服务公司',
      total: 84,
      deductions: -16,
      bonuses: 0,
      problems: 7,
      previous: prev(null, null, null),
    },
  ],
};

const SATISFACTION = {
  period: '2025-05',
  previousPeriod: '2025-04',
  by: 'satisfaction',
  prior: { mean: 3, weight: 10 },
  total: 8,
  nextCursor: null,
  rows: [
    { rank: 1, unitId: 'u-dining', name: '饮食服务中心', n: 312, mean: 4.81, adjusted: 4.7537, previous: prev(1, 4.71, 0.0437) },
    { rank: 2, unitId: 'u-dorm', name: '学生公寓管理中心', n: 168, mean: 4.72, adjusted: 4.6236, previous: prev(3, 4.52, 0.1036) },
    { rank: 3, unitId: 'u-clean', name: '华洁保洁服务公司', n: 95, mean: 4.66, adjusted: 4.5019, previous: prev(2, 4.6, -0.0981) },
    { rank: 4, unitId: 'u-canteen-1', name: '第一食堂（承包）', n: 143, mean: 4.38, adjusted: 4.2898, previous: prev(4, 4.3, -0.0102) },
    { rank: 5, unitId: 'u-property', name: '物业服务中心', n: 61, mean: 4.41, adjusted: 4.2113, previous: prev(6, 3.95, 0.2613) },
    { rank: 6, unitId: 'u-green', name: '绿源园林公司', n: 3, mean: 5, adjusted: 3.4615, previous: prev(7, 3.2, 0.2615) },
    { rank: 7, unitId: 'u-repair', name: '安捷维修服务公司', n: 27, mean: 3.52, adjusted: 3.3784, previous: prev(5, 3.61, -0.2316) },
    { rank: 8, unitId: 'u-security', name: '校园安保服务公司', n: 0, mean: null, adjusted: 3, previous: prev(null, null, null) },
  ],
};

/** Where and what each demo ticket was (frozen with the run, as scoring.unitScore answers). */
const WHAT: Record<string, { place: string; text: string }> = {
  环境卫生: { place: '第一食堂 · 用餐大厅', text: '餐桌没擦干净，地面有油渍' },
  服务态度: { place: '第二食堂 · 3号窗口（米饭套餐）', text: '打饭时催促学生，语气生硬' },
  在岗在位: { place: '第一食堂 · 5号窗口（清真风味）', text: '开餐时间窗口无人' },
};

const ticket = (no: number, category: string, severity: string, points: number | null, detail: Record<string, unknown> = {}) => ({
  ...(WHAT[category] ?? { place: '第一食堂', text: '' }),
  day: `2025-05-${String(8 + no).padStart(2, '0')}`,
  ticketId: `t-${no}`,
  no: `XC-202505${String(8 + no).padStart(2, '0')}-${String(no * 7).padStart(4, '0')}`,
  categoryCode: category,
  categoryName: category,
  severity,
  kind: 'problem',
  state: 'closed',
  points,
  detail,
});

const UNIT = {
  period: '2025-05',
  unitId: 'u-dining',
  unitName: '饮食服务中心',
  runId: 'run-2',
  current: true,
  run: null,
  runs: [
    {
      runId: 'run-1',
      at: '2025-05-31T19:00:00.000Z',
      by: 'system',
      byName: null,
      reason: 'monthly freeze',
      ruleVersion: 'v1',
      current: false,
    },
    {
      runId: 'run-2',
      at: '2025-06-03T02:30:00.000Z',
      by: 'p-admin',
      byName: '郑晓云',
      reason: '两张误报工单已作废',
      ruleVersion: 'v1',
      current: true,
    },
  ],
  rank: 3,
  of: 8,
  ruleVersion: 'v1',
  rules: DEFAULT_SCORING_RULES,
  base: 100,
  deductions: -7,
  bonuses: 5,
  total: 98,
  counts: { problems: 4, repeats: 1, overdue: 1, notRectified: 0, positives: 0, ratings: 312 },
  onTime: { onTime: 9, eligible: 10, rate: 0.9 },
  satisfaction: { n: 312, mean: 4.81, adjusted: 4.7537, prior: { mean: 3, weight: 10 } },
  groups: [
    {
      kind: 'problem',
      count: 4,
      points: -4,
      detail: null,
      items: [
        ticket(1, '环境卫生', 'minor', -1),
        ticket(2, '服务态度', 'minor', -1),
        ticket(3, '环境卫生', 'minor', -1),
        ticket(4, '在岗在位', 'minor', -1),
      ],
    },
    { kind: 'repeat', count: 1, points: -1, detail: null, items: [ticket(3, '环境卫生', 'minor', -1, { repeatCount: 2 })] },
    { kind: 'overdue', count: 1, points: -2, detail: null, items: [ticket(2, '服务态度', 'minor', -2, { hours: 4 })] },
    {
      kind: 'onTime',
      count: 9,
      points: 3,
      detail: { onTime: 9, eligible: 10, rate: 0.9 },
      items: [ticket(1, '环境卫生', 'minor', null), ticket(3, '环境卫生', 'minor', null), ticket(4, '在岗在位', 'minor', null)],
    },
    { kind: 'satisfaction', count: 312, points: 2, detail: { n: 312, mean: 4.81 }, items: [] },
  ],
  previousPeriod: '2025-04',
  previous: { period: '2025-04', total: 97, rank: 2, of: 8 },
};

const backend = (name: string, action: string, payload: Record<string, unknown>) => {
  if (action === 'rankingOptions') return ok(OPTIONS);
  if (action === 'unitRanking') return ok(payload.by === 'score' ? SCORES : SATISFACTION);
  if (name === 'scoring' && action === 'unitScore') return ok(UNIT);
  return { code: 'REQUEST.UNKNOWN_ACTION', message: action };
};

export const SHOTS: Shot[] = [
  { name: 'ranking-score', page: 'packages/leader/ranking/index', title: '排行', backend },
  {
    name: 'ranking-satisfaction',
    page: 'packages/leader/ranking/index',
    title: '排行',
    backend,
    after: async (p) => {
      p.querySelectorAll('.ranking__tab')[1]?.dispatchEvent('tap');
      await flush();
    },
  },
  {
    name: 'unit-score',
    page: 'packages/leader/unit/index',
    title: '单位得分',
    options: { unitId: 'u-dining', period: '2025-05' },
    backend,
  },
];
