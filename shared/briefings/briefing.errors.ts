/** Stable error codes of briefings (巡查简报). */
export const BRIEFING_ERRORS = {
  NOT_FOUND: 'BRIEFING.NOT_FOUND',
  /** A published briefing is immutable. */
  PUBLISHED: 'BRIEFING.PUBLISHED',
  UNKNOWN_ITEM: 'BRIEFING.UNKNOWN_ITEM',
  /** A briefing covers a month that has begun; a later month has nothing to report yet. */
  PERIOD_NOT_STARTED: 'BRIEFING.PERIOD_NOT_STARTED',
} as const;

/** The zh-CN sentence the mini-program shows for each briefings (巡查简报) code (the compiler checks every code has one). */
export const BRIEFING_MESSAGES: { [K in (typeof BRIEFING_ERRORS)[keyof typeof BRIEFING_ERRORS]]: string } = {
  'BRIEFING.NOT_FOUND': '该期简报不存在或尚未发布',
  'BRIEFING.PUBLISHED': '该期简报已发布，不能再修改',
  'BRIEFING.UNKNOWN_ITEM': '所选条目不属于本期，请刷新后重选',
  'BRIEFING.PERIOD_NOT_STARTED': '该月份还没开始，不能生成简报',
};
