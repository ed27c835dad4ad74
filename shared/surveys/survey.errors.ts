/** Stable error codes of surveys (意见征集). */
export const SURVEY_ERRORS = {
  /** No survey with this id or scene. */
  NOT_FOUND: 'SURVEY.NOT_FOUND',
  /** A draft, or open but before its first day: not taking responses yet. */
  NOT_OPEN: 'SURVEY.NOT_OPEN',
  /** Closed, or past its last day: no longer taking responses. */
  CLOSED: 'SURVEY.CLOSED',
  /** The lifecycle does not allow this (edit an open survey, open a closed one, …). */
  INVALID_TRANSITION: 'SURVEY.INVALID_TRANSITION',
  /** The survey's last day has passed: it cannot be opened any more. */
  PERIOD_OVER: 'SURVEY.PERIOD_OVER',
  /** The answers do not fit the survey's questions (details.issues says which). */
  INVALID_ANSWERS: 'SURVEY.INVALID_ANSWERS',
  /** This WeChat user has already answered this survey. */
  ALREADY_RESPONDED: 'SURVEY.ALREADY_RESPONDED',
  /** A text answer failed the content check. */
  CONTENT_RISKY: 'SURVEY.CONTENT_RISKY',
  UNIT_NOT_FOUND: 'SURVEY.UNIT_NOT_FOUND',
  ZONE_NOT_FOUND: 'SURVEY.ZONE_NOT_FOUND',
  /** The zone belongs to another unit than the one the survey rates. */
  ZONE_OUTSIDE_UNIT: 'SURVEY.ZONE_OUTSIDE_UNIT',
  /** Too many simultaneous responses kept colliding; the client may retry with the same request id. */
  BUSY: 'SURVEY.BUSY',
} as const;

/** The zh-CN sentence the mini-program shows for each survey code (the compiler checks every code has one). */
export const SURVEY_MESSAGES: { [K in (typeof SURVEY_ERRORS)[keyof typeof SURVEY_ERRORS]]: string } = {
  'SURVEY.NOT_FOUND': '没有找到这个意见征集',
  'SURVEY.NOT_OPEN': '意见征集尚未开始',
  'SURVEY.CLOSED': '意见征集已经结束',
  'SURVEY.INVALID_TRANSITION': '当前状态不能进行此操作，请刷新',
  'SURVEY.PERIOD_OVER': '征集结束日期已过，请修改时间后再开始',
  'SURVEY.INVALID_ANSWERS': '还有题目没有按要求作答',
  'SURVEY.ALREADY_RESPONDED': '你已经提交过这份问卷',
  'SURVEY.CONTENT_RISKY': '内容未通过安全检查，请修改后再提交',
  'SURVEY.UNIT_NOT_FOUND': '所选单位不存在',
  'SURVEY.ZONE_NOT_FOUND': '所选区域不存在',
  'SURVEY.ZONE_OUTSIDE_UNIT': '所选区域不属于该单位',
  'SURVEY.BUSY': '提交的人有点多，请再点一次提交',
};
