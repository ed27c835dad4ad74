/**
 * Default patrol checklists per category (what an inspector looks at). Configured checklists belong to the
 * admin area (issue 5, item 7); until then these defaults are used.
 */
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
