/** Stable error codes of the deadline rules. */
export const DEADLINE_ERRORS = {
  /** The hours have no open interval in the whole week, so service time never passes. */
  NO_SERVICE_HOURS: 'DEADLINE.NO_SERVICE_HOURS',
  /** A category names a deadline rule set that is not configured. */
  UNKNOWN_RULE: 'DEADLINE.UNKNOWN_RULE',
} as const;

/** The zh-CN sentence the mini-program shows for each deadline code (the compiler checks every code has one). */
export const DEADLINE_MESSAGES: { [K in (typeof DEADLINE_ERRORS)[keyof typeof DEADLINE_ERRORS]]: string } = {
  'DEADLINE.NO_SERVICE_HOURS': '该区域一周内都没有服务时间，无法计算整改时限，请联系管理员',
  'DEADLINE.UNKNOWN_RULE': '问题类别引用的时限规则不存在，请联系管理员',
};
