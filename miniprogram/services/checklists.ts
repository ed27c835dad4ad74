/**
 * The built-in categories: what the report grid and the patrol checklists show until `org.categories` has
 * answered once (an offline first start). The server's copy of the icons and checklists is
 * shared/org/category.defaults.ts (the mini-program cannot import `shared/` at run time); a test keeps the
 * two in step. Admin-configured categories come from miniprogram/services/categories.ts.
 */

/** Categories as the grid shows them (codes match shared/org/category.schema.ts DEFAULT_CATEGORIES). */
export const CATEGORIES: ReadonlyArray<{ code: string; name: string; icon: string }> = [
  { code: 'hygiene', name: '环境卫生', icon: '🧹' },
  { code: 'attitude', name: '服务态度', icon: '🙂' },
  { code: 'food_safety', name: '食品安全', icon: '🍱' },
  { code: 'facility', name: '设施损坏', icon: '🔧' },
  { code: 'safety', name: '安全隐患', icon: '⚠️' },
  { code: 'on_post', name: '在岗在位', icon: '🧑‍🔧' },
  { code: 'discipline', name: '劳动纪律', icon: '📋' },
  { code: 'standards', name: '服务规范', icon: '📏' },
  { code: 'work_style', name: '工作作风', icon: '💼' },
  { code: 'contract', name: '合同履行', icon: '📄' },
  { code: 'other', name: '其他', icon: '💬' },
];

/** Default patrol checklists per category (what an inspector looks at). */
export const CHECKLISTS: Readonly<Record<string, readonly string[]>> = {
  hygiene: ['地面、桌面干净无油污', '餐具、托盘清洁消毒', '垃圾及时清运', '无蚊蝇、无异味'],
  food_safety: ['食材索证索票齐全', '生熟分开存放', '留样规范（48小时）', '从业人员健康证在有效期内'],
  attitude: ['文明用语、主动服务', '无推诿、无争执'],
  on_post: ['按排班在岗', '工牌佩戴规范'],
  facility: ['照明、水电设施完好', '门窗、桌椅无损坏', '消防设施完好有效'],
  safety: ['安全通道畅通', '用电用气规范', '危险区域有警示'],
  standards: ['价格公示清楚', '服务时间公示并执行'],
};

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
