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
