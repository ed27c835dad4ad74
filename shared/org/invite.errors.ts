/** Stable error codes of invites (redeeming in the org function, creating in the admin function). */
export const INVITE_ERRORS = {
  NOT_FOUND: 'INVITE.NOT_FOUND',
  REVOKED: 'INVITE.REVOKED',
  EXPIRED: 'INVITE.EXPIRED',
  USED_UP: 'INVITE.USED_UP',
  /** The person was deactivated by an admin; an invite does not bring them back. */
  ACCOUNT_DISABLED: 'INVITE.ACCOUNT_DISABLED',
  /** A first-time user must say who they are (the name staff and managers see). */
  NAME_REQUIRED: 'INVITE.NAME_REQUIRED',
  /** The roles asked for cannot be bound to that unit (an inspector of a contractor). */
  INVALID_BINDING: 'INVITE.INVALID_BINDING',
  /** The person would hold more role bindings than a person may. */
  TOO_MANY_ROLES: 'INVITE.TOO_MANY_ROLES',
} as const;

/** The zh-CN sentence the mini-program shows for each invite code (the compiler checks every code has one). */
export const INVITE_MESSAGES: { [K in (typeof INVITE_ERRORS)[keyof typeof INVITE_ERRORS]]: string } = {
  'INVITE.NOT_FOUND': '邀请码不存在，请核对后重新输入',
  'INVITE.REVOKED': '该邀请码已被作废，请联系管理员',
  'INVITE.EXPIRED': '该邀请码已过期，请联系管理员重新发放',
  'INVITE.USED_UP': '该邀请码的使用次数已用完',
  'INVITE.ACCOUNT_DISABLED': '你的账号已被停用，请联系管理员',
  'INVITE.NAME_REQUIRED': '请填写你的姓名',
  'INVITE.INVALID_BINDING': '该邀请码的角色与单位不匹配，请联系管理员',
  'INVITE.TOO_MANY_ROLES': '你的角色已达上限，请联系管理员',
};
