import { z } from 'zod';
import { Text } from '../common/ids.schema';
import { Severity } from '../common/severity.schema';
import { STANDARD_RULE_ID } from '../deadlines/deadline.rules';

/** A category code: lower-case snake case, so configured categories can extend the defaults. */
export const CategoryCode = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'invalid category code');
export type CategoryCode = z.infer<typeof CategoryCode>;

/** A problem category with its zh-CN name, default severity and deadline rule set. */
export const Category = z.object({
  code: CategoryCode,
  name: Text(20),
  defaultSeverity: Severity,
  deadlineRuleId: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/),
});
export type Category = z.infer<typeof Category>;

const std = (code: string, name: string, defaultSeverity: Severity): Category => ({
  code,
  name,
  defaultSeverity,
  deadlineRuleId: STANDARD_RULE_ID,
});

/** The categories a new installation starts with. */
export const DEFAULT_CATEGORIES: readonly Category[] = [
  std('hygiene', '环境卫生', 'minor'),
  std('attitude', '服务态度', 'minor'),
  std('on_post', '在岗在位', 'minor'),
  std('discipline', '劳动纪律', 'minor'),
  std('safety', '安全隐患', 'critical'),
  std('facility', '设施损坏', 'major'),
  std('food_safety', '食品安全', 'critical'),
  std('standards', '规章与服务规范', 'minor'),
  std('work_style', '工作作风', 'minor'),
  std('contract', '合同履行', 'major'),
  std('other', '其他', 'minor'),
];
