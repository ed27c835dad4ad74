/** Stable error codes of the ticket domain. */
export const TICKET_ERRORS = {
  /** The event does not exist for the ticket's state, kind or source. */
  INVALID_TRANSITION: 'TICKET.INVALID_TRANSITION',
  /** The actor holds none of the roles allowed to fire the event. */
  FORBIDDEN: 'TICKET.FORBIDDEN',
  /** The system tried to auto-verify before the waiting period after rectification ended. */
  AUTO_VERIFY_NOT_DUE: 'TICKET.AUTO_VERIFY_NOT_DUE',
  /** Reassigning to the person who already holds the ticket. */
  SAME_ASSIGNEE: 'TICKET.SAME_ASSIGNEE',
  /** Changing severity to the one the ticket already has. */
  SEVERITY_UNCHANGED: 'TICKET.SEVERITY_UNCHANGED',
  /** A daily ticket sequence outside 1..9999. */
  SEQUENCE_OUT_OF_RANGE: 'TICKET.SEQUENCE_OUT_OF_RANGE',
  /** A photo that is not the caller's own upload for this purpose (README "Uploaded files"). */
  FOREIGN_FILE: 'TICKET.FOREIGN_FILE',
  /** Staff or a manager of the zone's unit rating its own work (README "Conflicts of interest"). */
  OWN_UNIT_RATING: 'TICKET.OWN_UNIT_RATING',
  /** Too many simultaneous writers of the same problem or rating; nothing was written, resend the same request. */
  BUSY: 'TICKET.BUSY',
} as const;

/**
 * zh-CN sentences for the codes this file added for abuse and conflicts of interest; the contract's complete
 * `TICKET_MESSAGES` map takes them over at merge.
 */
export const TICKET_ABUSE_MESSAGES = {
  'TICKET.FOREIGN_FILE': '照片无效，请重新拍摄或选择照片后再提交',
  'TICKET.OWN_UNIT_RATING': '本单位人员不能为本单位的服务评分，请去掉评分后再提交',
  'TICKET.BUSY': '提交的人太多了，请稍后重试',
} as const;

/** Ticket-layer codes that need the database (the pure ones are above). */
export const TICKET_SERVICE_ERRORS = {
  NOT_FOUND: 'TICKET.NOT_FOUND',
  /** Someone else changed the ticket between read and write; reload and retry. */
  STALE: 'TICKET.STALE',
  ZONE_NOT_FOUND: 'TICKET.ZONE_NOT_FOUND',
  /** A ticket or zone names a unit that no longer exists (reference data changed under it). */
  UNIT_NOT_FOUND: 'TICKET.UNIT_NOT_FOUND',
  UNKNOWN_CATEGORY: 'TICKET.UNKNOWN_CATEGORY',
  RATE_LIMITED: 'TICKET.RATE_LIMITED',
  CONTENT_RISKY: 'TICKET.CONTENT_RISKY',
  INVALID_ASSIGNEE: 'TICKET.INVALID_ASSIGNEE',
  NOT_HELD: 'TICKET.NOT_HELD',
  OUT_OF_SCOPE: 'TICKET.OUT_OF_SCOPE',
} as const;

/** The zh-CN sentence the mini-program shows for each ticket code (the compiler checks every code has one). */
export const TICKET_MESSAGES: { [K in (typeof TICKET_ERRORS)[keyof typeof TICKET_ERRORS]]: string } = {
  'TICKET.INVALID_TRANSITION': '当前状态不能进行此操作，请刷新',
  'TICKET.FORBIDDEN': '没有权限进行此操作',
  'TICKET.AUTO_VERIFY_NOT_DUE': '还未到自动验收时间',
  'TICKET.SAME_ASSIGNEE': '该工单已由此人负责，请选择其他人',
  'TICKET.SEVERITY_UNCHANGED': '问题等级没有变化',
  'TICKET.SEQUENCE_OUT_OF_RANGE': '今日工单数量已达上限，请联系管理员',
  ...TICKET_ABUSE_MESSAGES,
};

/** The zh-CN sentence the mini-program shows for each ticket service code (the compiler checks every code has one). */
export const TICKET_SERVICE_MESSAGES: { [K in (typeof TICKET_SERVICE_ERRORS)[keyof typeof TICKET_SERVICE_ERRORS]]: string } = {
  'TICKET.NOT_FOUND': '工单不存在或无权查看',
  'TICKET.STALE': '工单刚被他人更新，请刷新后重试',
  'TICKET.ZONE_NOT_FOUND': '二维码已失效，请联系管理员',
  'TICKET.UNIT_NOT_FOUND': '负责该区域的单位已不存在，请联系管理员',
  'TICKET.UNKNOWN_CATEGORY': '问题类别已停用，请重新选择',
  'TICKET.RATE_LIMITED': '提交太频繁了，请稍后再试',
  'TICKET.CONTENT_RISKY': '内容未通过安全检查，请修改后再提交',
  'TICKET.INVALID_ASSIGNEE': '所选人员不是该单位的在岗员工，请重新选择',
  'TICKET.NOT_HELD': '该工单不在待审核状态，请刷新',
  'TICKET.OUT_OF_SCOPE': '该工单不在你的负责范围内',
};
