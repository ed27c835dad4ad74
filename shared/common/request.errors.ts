/** Stable error codes the function layer adds to the domain's (`TICKET.*` and the other areas' tables). */
export const LIB_ERRORS = {
  /** The event is not `{ action, payload }`. */
  BAD_EVENT: 'REQUEST.BAD_EVENT',
  /** No such action in the function's table. */
  UNKNOWN_ACTION: 'REQUEST.UNKNOWN_ACTION',
  /** The payload failed its schema (wrong types, missing fields, unknown keys such as a forged `openid`). */
  INVALID: 'REQUEST.INVALID',
  /** An opaque page cursor that this function did not issue. */
  INVALID_CURSOR: 'REQUEST.INVALID_CURSOR',
  /** WeChat gave no caller identity for a client action. */
  NO_IDENTITY: 'AUTH.NO_IDENTITY',
  /** The caller holds none of the roles the action requires. */
  FORBIDDEN: 'AUTH.FORBIDDEN',
  /** The function was called from a source it does not serve (e.g. the timer function from a client). */
  WRONG_SOURCE: 'AUTH.WRONG_SOURCE',
  /** Unexpected failure: logged; the client gets only this code. */
  INTERNAL: 'SYSTEM.INTERNAL',
} as const;

/** The zh-CN sentence the mini-program shows for each request code (the compiler checks every code has one). */
export const LIB_MESSAGES: { [K in (typeof LIB_ERRORS)[keyof typeof LIB_ERRORS]]: string } = {
  'REQUEST.BAD_EVENT': '请求格式有误，请更新小程序后重试',
  'REQUEST.UNKNOWN_ACTION': '该功能暂不可用，请更新小程序后重试',
  'REQUEST.INVALID': '填写的内容不符合要求',
  'REQUEST.INVALID_CURSOR': '列表已变化，请下拉刷新后重试',
  'AUTH.NO_IDENTITY': '未能识别你的微信身份，请重新进入小程序',
  'AUTH.FORBIDDEN': '没有权限进行此操作',
  'AUTH.WRONG_SOURCE': '该功能只能由系统定时任务执行',
  'SYSTEM.INTERNAL': '服务开小差了，请稍后重试',
};
