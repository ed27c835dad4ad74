/** Stable error codes of the rankings (stats function). */
export const STATS_ERRORS = {
  /** The month has not been scored (frozen) yet. */
  NOT_SCORED: 'STATS.NOT_SCORED',
  /** A filter this ranking cannot apply (campus on scores: scores are per unit, not per campus). */
  FILTER_UNSUPPORTED: 'STATS.FILTER_UNSUPPORTED',
  /** The caller may not see this unit's figures. */
  OUT_OF_SCOPE: 'STATS.OUT_OF_SCOPE',
} as const;

/** The zh-CN sentence the mini-program shows for each the rankings (stats function) code (the compiler checks every code has one). */
export const STATS_MESSAGES: { [K in (typeof STATS_ERRORS)[keyof typeof STATS_ERRORS]]: string } = {
  'STATS.NOT_SCORED': '该月尚未出分，请选择其他月份',
  'STATS.FILTER_UNSUPPORTED': '得分排名不能按校区筛选，请改选中心',
  'STATS.OUT_OF_SCOPE': '你无权查看该单位的数据',
};
