/** Stable error codes of the escalation timer and its rules. */
export const ESCALATION_ERRORS = {
  /** The ticket has used up its total pause allowance; it cannot be paused again. */
  PAUSE_LIMIT: 'ESCALATION.PAUSE_LIMIT',
  /** An escalation level has nobody to notify (warning code in the sweep's result and the recipient check). */
  NO_RECIPIENT: 'ESCALATION.NO_RECIPIENT',
} as const;

type EscalationCode = (typeof ESCALATION_ERRORS)[keyof typeof ESCALATION_ERRORS];

/** What the mini-program shows for each code. */
export const ESCALATION_MESSAGES: { [K in EscalationCode]: string } = {
  'ESCALATION.PAUSE_LIMIT': '该问题的暂停时长已用完，不能再暂停，请尽快整改或联系单位负责人',
  'ESCALATION.NO_RECIPIENT': '该督办级别没有可通知的人，请管理员为相关单位设置负责人',
};
