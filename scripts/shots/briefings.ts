/** Briefings (巡查简报) and scoring rules: the leaders' list and view, the admin's briefings and rule versions. */

import { DEFAULT_SCORING_RULES, shanghaiMonth } from '../../shared/contract';
import { flush, ok, photo, type Shot } from './shot';

const UNITS: Record<string, string> = {
  'unit-dining': '饮食服务中心',
  'unit-property': '物业服务中心',
  'unit-clean-co': '洁美保洁公司',
  'unit-green-co': '绿源园林公司',
  'unit-energy': '能源服务中心',
};
const ZONES: Record<string, string> = {
  'zone-canteen-1': '第一食堂3号窗口',
  'zone-canteen-2': '第二食堂后厨',
  'zone-dorm-7': '学生公寓7号楼',
  'zone-teach-3': '博学楼3层',
  'zone-library': '图书馆一层大厅',
  'zone-dorm-5': '学生公寓5号楼',
};
const CATEGORIES: Record<string, string> = {
  hygiene: '环境卫生',
  safety: '安全隐患',
  facility: '设施损坏',
  food_safety: '食品安全',
  attitude: '服务态度',
  standards: '服务规范',
  on_post: '在岗在位',
};

const at = (day: number, hour: number) => new Date(Date.UTC(2025, 5, day, hour - 8)).toISOString();

type Item = Record<string, unknown>;
const item = (i: number, over: Item): Item => ({
  ticketId: `t-${i}`,
  no: `XC-202506${String(3 + i).padStart(2, '0')}-${String(100 + i).padStart(4, '0')}`,
  kind: 'problem',
  unitId: 'unit-clean-co',
  zoneId: 'zone-dorm-7',
  categoryCode: 'hygiene',
  severity: 'minor',
  state: 'closed',
  description: '',
  photos: [`cloud://demo/b-${i}.jpg`],
  afterPhotos: [`cloud://demo/a-${i}.jpg`],
  createdAt: at(3 + i, 9),
  dueAt: at(3 + i, 17),
  rectifiedAt: at(3 + i, 15),
  cause: null,
  repeat: false,
  ...over,
});

const ITEMS: Item[] = [
  item(1, {
    unitId: 'unit-property',
    zoneId: 'zone-dorm-7',
    categoryCode: 'safety',
    severity: 'critical',
    description: '一楼消防通道堆放自行车和纸箱，通道被堵',
    cause: '宿管巡查不到位，学生违规停放',
    state: 'verified',
  }),
  item(2, {
    unitId: 'unit-dining',
    zoneId: 'zone-canteen-2',
    categoryCode: 'food_safety',
    severity: 'major',
    description: '后厨生熟食品未分开存放，冷藏柜内混放',
    cause: '新员工培训不足',
    repeat: true,
    notRectified: true,
  }),
  item(3, {
    unitId: 'unit-clean-co',
    zoneId: 'zone-teach-3',
    categoryCode: 'facility',
    severity: 'major',
    description: '东侧卫生间水龙头一直滴水，地面湿滑',
    state: 'accepted',
    rectifiedAt: null,
    afterPhotos: [],
    overdue: true,
  }),
  item(4, {
    unitId: 'unit-dining',
    zoneId: 'zone-canteen-1',
    description: '餐盘回收处有油污，桌面未及时擦拭',
    cause: '午高峰人手不足',
    repeat: true,
  }),
];
const positive = (i: number, over: Item): Item =>
  item(i, { kind: 'positive', categoryCode: 'standards', afterPhotos: [], dueAt: null, rectifiedAt: null, ...over });
const POSITIVES: Item[] = [
  positive(20, { unitId: 'unit-dining', zoneId: 'zone-canteen-1', description: '窗口员工着装规范，餐后台面随时清理，值得推广' }),
  positive(21, {
    unitId: 'unit-property',
    zoneId: 'zone-dorm-5',
    categoryCode: 'on_post',
    description: '宿管员主动帮助毕业生搬运行李，收到表扬信',
  }),
];

const photoUrls: Record<string, string> = {};
for (const [k, i] of [...ITEMS, ...POSITIVES].entries()) {
  for (const f of i.photos as string[]) photoUrls[f] = photo(i.kind === 'positive' ? '现场' : '整改前', 10 + k * 25);
  for (const f of i.afterPhotos as string[]) photoUrls[f] = photo('整改后', 130 + k * 10);
}

export const BRIEFING_VIEW = {
  briefing: {
    no: 12,
    period: '2025-06',
    title: '2025年6月后勤服务巡查情况',
    status: 'published',
    createdAt: at(30, 9),
    publishedAt: '2025-07-02T02:00:00.000Z',
    content: {
      period: '2025-06',
      totals: { problems: 46, positives: 2 },
      byCategory: [
        { key: 'hygiene', n: 17 },
        { key: 'facility', n: 11 },
        { key: 'food_safety', n: 7 },
        { key: 'safety', n: 5 },
        { key: 'attitude', n: 4 },
        { key: 'on_post', n: 2 },
      ],
      byUnit: [
        { key: 'unit-dining', n: 15 },
        { key: 'unit-clean-co', n: 13 },
        { key: 'unit-property', n: 10 },
        { key: 'unit-energy', n: 5 },
        { key: 'unit-green-co', n: 3 },
      ],
      bySeverity: { minor: 29, major: 13, critical: 4 },
      rectification: { closed: 39, open: 7, cancelled: 1, onTime: 35, eligible: 41, rate: 0.85 },
      repeatOffenders: [
        { unitId: 'unit-dining', zoneId: 'zone-canteen-1', categoryCode: 'hygiene', count: 4, ticketIds: [] },
        { unitId: 'unit-dining', zoneId: 'zone-canteen-2', categoryCode: 'food_safety', count: 2, ticketIds: [] },
      ],
      positives: POSITIVES,
      items: ITEMS,
    },
  },
  names: { unit: UNITS, zone: ZONES, category: CATEGORIES },
  photoUrls,
};

const listRow = (no: number, period: string, problems: number, rate: number | null, over: Item = {}) => ({
  no,
  period,
  title: `${period.slice(0, 4)}年${Number(period.slice(5))}月后勤服务巡查情况`,
  status: 'published',
  createdAt: `${period}-28T01:00:00.000Z`,
  publishedAt: `${period}-28T02:00:00.000Z`,
  problems,
  positives: 2,
  onTimeRate: rate,
  closed: problems - 3,
  open: 3,
  ...over,
});

export const PUBLISHED = [
  listRow(12, '2025-06', 46, 0.85, { publishedAt: '2025-07-02T02:00:00.000Z' }),
  listRow(11, '2025-05', 52, 0.79),
  listRow(10, '2025-04', 38, 0.92),
  listRow(9, '2025-03', 41, 0.88),
  listRow(8, '2025-02', 12, 1),
];

const ADMIN_LIST = [
  listRow(13, '2025-07', 18, 0.9, {
    status: 'draft',
    publishedAt: null,
    createdAt: '2025-07-15T03:00:00.000Z',
    title: '2025年7月上半月巡查情况',
  }),
  ...PUBLISHED.slice(0, 4),
];

const cand = (i: number, severity: string, unitName: string, zoneName: string, description: string, over: Item = {}): Item => ({
  ticketId: `c-${i}`,
  no: `XC-202507${String(1 + i).padStart(2, '0')}-${String(200 + i).padStart(4, '0')}`,
  unitId: 'u',
  zoneId: 'z',
  categoryCode: 'hygiene',
  severity,
  state: 'closed',
  description,
  repeat: false,
  notRectified: false,
  photos: 2,
  createdAt: at(1 + i, 9),
  unitName,
  zoneName,
  ...over,
});

const CANDIDATES = [
  cand(1, 'critical', '物业服务中心', '学生公寓7号楼', '一楼消防通道堆放自行车和纸箱，通道被堵', { repeat: true }),
  cand(2, 'critical', '饮食服务中心', '第二食堂后厨', '冷藏柜温度显示 12℃，超出规定范围'),
  cand(3, 'major', '饮食服务中心', '第二食堂后厨', '后厨生熟食品未分开存放，冷藏柜内混放', { notRectified: true }),
  cand(4, 'major', '洁美保洁公司', '博学楼3层', '东侧卫生间水龙头一直滴水，地面湿滑'),
  cand(5, 'minor', '饮食服务中心', '第一食堂3号窗口', '餐盘回收处有油污，桌面未及时擦拭', { repeat: true }),
  cand(6, 'minor', '绿源园林公司', '图书馆一层大厅', '门口绿植枯萎未及时更换'),
  cand(7, 'minor', '能源服务中心', '学生公寓5号楼', '热水器不出热水，报修两天未处理'),
];

const RULES = [{ ...DEFAULT_SCORING_RULES, effectiveFrom: '2025-01' }];
const month = shanghaiMonth(new Date());
const monthsLater = (n: number) => {
  const [y, m] = month.split('-').map(Number);
  const k = y * 12 + m - 1 + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
};
RULES.push({
  ...RULES[0],
  version: 'v2',
  effectiveFrom: monthsLater(-2),
  deduction: { minor: 1, major: 3, critical: 6 },
  repeatMultiplier: 2.5,
});
RULES.push({ ...RULES[1], version: 'v3', effectiveFrom: monthsLater(2), notRectified: 8 });

export const SHOTS: Shot[] = [
  {
    name: 'briefings',
    page: 'packages/leader/briefings/index',
    title: '巡查简报',
    backend: () => ok({ items: PUBLISHED, nextCursor: null }),
  },
  {
    name: 'briefing',
    page: 'packages/leader/briefing/index',
    title: '巡查简报',
    options: { no: '12' },
    backend: () => ok(BRIEFING_VIEW),
  },
  {
    name: 'admin-briefings',
    page: 'packages/admin/briefings/index',
    title: '简报管理',
    backend: () => ok({ items: ADMIN_LIST, nextCursor: null }),
  },
  {
    name: 'admin-briefings-pick',
    page: 'packages/admin/briefings/index',
    title: '简报管理',
    backend: (_n, action) =>
      action === 'candidates'
        ? ok({ no: 13, period: '2025-07', selected: ['c-1', 'c-2', 'c-3', 'c-5'], items: CANDIDATES })
        : ok({ items: ADMIN_LIST, nextCursor: null }),
    after: async (p) => {
      p.querySelector('.admin-briefings__pick')?.dispatchEvent('tap');
      await flush();
    },
  },
  {
    name: 'admin-scoring',
    page: 'packages/admin/scoring/index',
    title: '评分规则',
    backend: () => ok(RULES),
  },
  {
    name: 'admin-scoring-form',
    page: 'packages/admin/scoring/index',
    title: '评分规则',
    backend: () => ok(RULES),
    after: async (p) => {
      p.querySelector('.scoring__open-form')?.dispatchEvent('tap');
      await flush();
    },
  },
];
