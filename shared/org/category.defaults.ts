import type { Severity } from '../common/severity.schema';

/**
 * What the report grid and the patrol checklists show for the standard categories while an admin has not
 * configured an icon or a checklist (cloudfunctions/admin `saveCategory`). The mini-program cannot import
 * `shared/` at run time, so it keeps its own copy (`miniprogram/services/checklists.ts`); a test keeps the
 * two in step.
 */
export const DEFAULT_CATEGORY_ICONS: Readonly<Record<string, string>> = {
  hygiene: '🧹',
  attitude: '🙂',
  food_safety: '🍱',
  facility: '🔧',
  safety: '⚠️',
  on_post: '🧑‍🔧',
  discipline: '📋',
  standards: '📏',
  work_style: '💼',
  contract: '📄',
  other: '💬',
};

/** The icon of a category that has none configured and is not a standard one. */
export const FALLBACK_CATEGORY_ICON = '🏷️';

/** Default patrol checklists per standard category (what an inspector looks at). */
export const DEFAULT_CHECKLISTS: Readonly<Record<string, readonly string[]>> = {
  hygiene: ['地面、桌面干净无油污', '餐具、托盘清洁消毒', '垃圾及时清运', '无蚊蝇、无异味'],
  food_safety: ['食材索证索票齐全', '生熟分开存放', '留样规范（48小时）', '从业人员健康证在有效期内'],
  attitude: ['文明用语、主动服务', '无推诿、无争执'],
  on_post: ['按排班在岗', '工牌佩戴规范'],
  facility: ['照明、水电设施完好', '门窗、桌椅无损坏', '消防设施完好有效'],
  safety: ['安全通道畅通', '用电用气规范', '危险区域有警示'],
  standards: ['价格公示清楚', '服务时间公示并执行'],
};

/**
 * Standard categories a student would not use (office language: 在岗在位, 劳动纪律, 规章与服务规范, 工作作风,
 * 合同履行): inspectors see them, the report grid does not, until an admin says otherwise.
 */
export const DEFAULT_REPORTER_HIDDEN: ReadonlySet<string> = new Set(['on_post', 'discipline', 'standards', 'work_style', 'contract']);

/** Whether reporters see a category: the admin's choice, else the default above (a new category: yes). */
export const isReporterVisible = (c: { code: string; reporterVisible?: boolean | null }): boolean =>
  typeof c.reporterVisible === 'boolean' ? c.reporterVisible : !DEFAULT_REPORTER_HIDDEN.has(c.code);

/** A category as reporters and inspectors see it (`org.categories`). */
export type PublicCategory = {
  code: string;
  name: string;
  icon: string;
  defaultSeverity: Severity;
  checklist: string[];
  /** Shown on the report grid (inspectors see every category). */
  reporterVisible: boolean;
};

/** What the public view reads of a stored category (admin-configured fields are optional). */
export type StoredCategory = {
  code: string;
  name: string;
  defaultSeverity: Severity;
  icon?: string | null;
  checklist?: readonly string[] | null;
  /** Position in the lists (cloudfunctions/admin); see `sortCategories`. */
  order?: number | null;
  /** Whether reporters see it (absent: `isReporterVisible`'s default). */
  reporterVisible?: boolean | null;
};

/**
 * The public view of stored categories, in the order given (sort them with `sortCategories` first): a missing icon or checklist falls back to the
 * standard defaults (an explicitly empty checklist stays empty). Categories have no active/hidden flag yet,
 * so every stored one is shown. Example: `publicCategories([{ code: 'hygiene', name: '环境卫生', defaultSeverity: 'minor' }])`
 * → `[{ code: 'hygiene', name: '环境卫生', icon: '🧹', defaultSeverity: 'minor', checklist: ['地面、桌面干净无油污', …] }]`.
 */
export function publicCategories(stored: readonly StoredCategory[]): PublicCategory[] {
  return stored.map((c) => ({
    code: c.code,
    name: c.name,
    icon: c.icon || DEFAULT_CATEGORY_ICONS[c.code] || FALLBACK_CATEGORY_ICON,
    defaultSeverity: c.defaultSeverity,
    checklist: [...(c.checklist ?? DEFAULT_CHECKLISTS[c.code] ?? [])],
    reporterVisible: isReporterVisible(c),
  }));
}
