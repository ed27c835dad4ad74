/**
 * The built-in categories: what the report grid and the patrol checklists show until `org.categories` has
 * answered once (an offline first start). The icons and checklists are the server's
 * (shared/org/category.defaults.ts, through the contract bundle). Admin-configured categories come from
 * miniprogram/services/categories.ts.
 */
import { DEFAULT_CATEGORY_ICONS, DEFAULT_CHECKLISTS, FALLBACK_CATEGORY_ICON } from '../shared/contract';

const NAMES: ReadonlyArray<[code: string, name: string]> = [
  ['hygiene', '环境卫生'],
  ['attitude', '服务态度'],
  ['food_safety', '食品安全'],
  ['facility', '设施损坏'],
  ['safety', '安全隐患'],
  ['on_post', '在岗在位'],
  ['discipline', '劳动纪律'],
  ['standards', '服务规范'],
  ['work_style', '工作作风'],
  ['contract', '合同履行'],
  ['other', '其他'],
];

/** Categories as the grid shows them (codes match shared/org/category.schema.ts DEFAULT_CATEGORIES). */
export const CATEGORIES: ReadonlyArray<{ code: string; name: string; icon: string }> = NAMES.map(([code, name]) => ({
  code,
  name,
  icon: DEFAULT_CATEGORY_ICONS[code] ?? FALLBACK_CATEGORY_ICON,
}));

/** Default patrol checklists per category (what an inspector looks at). */
export const CHECKLISTS: Readonly<Record<string, readonly string[]>> = DEFAULT_CHECKLISTS;

export const DEFAULT_SEVERITY: Readonly<Record<string, 'minor' | 'major' | 'critical'>> = {
  safety: 'critical',
  food_safety: 'critical',
  facility: 'major',
  contract: 'major',
};

/** Standard categories in office language, off the report grid by default (shared/org DEFAULT_REPORTER_HIDDEN). */
export const REPORTER_HIDDEN: ReadonlySet<string> = new Set(['on_post', 'discipline', 'standards', 'work_style', 'contract']);

/** Phrases a reporter can tap instead of typing, per category. */
export const QUICK_PHRASES: Readonly<Record<string, readonly string[]>> = {
  hygiene: ['餐桌没擦干净', '地面有垃圾', '餐具不干净', '有异味'],
  attitude: ['态度生硬', '询问没人理', '插队或推诿'],
  food_safety: ['饭菜里有异物', '饭菜不新鲜', '饭菜没做熟'],
  facility: ['灯不亮', '水龙头坏了', '桌椅损坏', '空调不制冷'],
  safety: ['地面湿滑', '电线裸露', '通道被堵'],
  other: ['排队太久', '价格不清楚'],
};
