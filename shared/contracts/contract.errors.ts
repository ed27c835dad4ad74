/** Stable error codes of outsourced-service contracts and their monthly assessment (合同考核). */
export const CONTRACT_ERRORS = {
  /** The payment rule names a formula and lacks one of its parameters, or a parameter is out of range. */
  PAYMENT_RULE_INVALID: 'CONTRACT.PAYMENT_RULE_INVALID',
  /** Clauses, weights or grade bands do not make a valid 100-point sheet (details.issues says which). */
  SHEET_INVALID: 'CONTRACT.SHEET_INVALID',
  /** Another contract already uses this contract number. */
  NO_TAKEN: 'CONTRACT.NO_TAKEN',
  NOT_FOUND: 'CONTRACT.NOT_FOUND',
  /** A unit or zone the contract names does not exist (or the contractor is not a contractor unit). */
  BAD_REFERENCE: 'CONTRACT.BAD_REFERENCE',
  /** Someone saved the contract meanwhile; reload and edit again. */
  STALE: 'CONTRACT.STALE',
  /** A finding cites a clause code that no contract covering its zone has. */
  CLAUSE_NOT_IN_ZONE: 'CONTRACT.CLAUSE_NOT_IN_ZONE',
  /** An assessment of a month that has not ended yet (Shanghai time). */
  MONTH_NOT_ENDED: 'CONTRACT.MONTH_NOT_ENDED',
  /** The month has already been assessed; an admin recomputes it with a reason. */
  ALREADY_ASSESSED: 'CONTRACT.ALREADY_ASSESSED',
  /** The month has not been assessed yet. */
  NOT_ASSESSED: 'CONTRACT.NOT_ASSESSED',
  /** Another recompute finished first. */
  ASSESSMENT_STALE: 'CONTRACT.ASSESSMENT_STALE',
  /** The sign-off step does not exist in the assessment's current state (already signed, or out of order). */
  INVALID_SIGNOFF: 'CONTRACT.INVALID_SIGNOFF',
  /** The caller is not of the unit that signs this step. */
  NOT_SIGNER: 'CONTRACT.NOT_SIGNER',
  /** A rectification notice names a ticket that is not a finding on this contract's zones. */
  NOTICE_TICKET_INVALID: 'CONTRACT.NOTICE_TICKET_INVALID',
  /** This ticket already has a rectification notice. */
  NOTICE_EXISTS: 'CONTRACT.NOTICE_EXISTS',
  /** No such rectification notice (or not one the caller may read). */
  NOTICE_NOT_FOUND: 'CONTRACT.NOTICE_NOT_FOUND',
  /** A notice's deadline is not after the moment it is issued. */
  NOTICE_DUE_INVALID: 'CONTRACT.NOTICE_DUE_INVALID',
  /** A special event outside the contract's term or in a month already assessed. */
  EVENT_MONTH_INVALID: 'CONTRACT.EVENT_MONTH_INVALID',
} as const;

export type ContractErrorCode = (typeof CONTRACT_ERRORS)[keyof typeof CONTRACT_ERRORS];

/** What the mini-program shows for each code (zh-CN, as the office says it). */
export const CONTRACT_MESSAGES: { [K in ContractErrorCode]: string } = {
  'CONTRACT.PAYMENT_RULE_INVALID': '付款规则的参数不完整或超出范围，请补全后再保存',
  'CONTRACT.SHEET_INVALID': '考核项、权重或等级划分不符合百分制考核表的要求，请检查',
  'CONTRACT.NO_TAKEN': '该合同编号已被使用，请换一个',
  'CONTRACT.NOT_FOUND': '合同不存在或已被删除',
  'CONTRACT.BAD_REFERENCE': '合同中选择的单位或区域不存在，请重新选择',
  'CONTRACT.STALE': '合同刚被他人修改，请刷新后重新编辑',
  'CONTRACT.CLAUSE_NOT_IN_ZONE': '所选考核条款不属于覆盖该区域的合同，请重新选择',
  'CONTRACT.MONTH_NOT_ENDED': '该月份尚未结束，月底之后才能考核',
  'CONTRACT.ALREADY_ASSESSED': '该月份已考核，如需调整请由管理员重新计算并说明原因',
  'CONTRACT.NOT_ASSESSED': '该月份尚未考核',
  'CONTRACT.ASSESSMENT_STALE': '考核结果刚被他人重新计算，请刷新后再操作',
  'CONTRACT.INVALID_SIGNOFF': '当前考核状态不能进行此签字操作，请刷新',
  'CONTRACT.NOT_SIGNER': '您不是该环节的签字单位',
  'CONTRACT.NOTICE_TICKET_INVALID': '只能对本合同区域内的巡查问题下发整改通知单',
  'CONTRACT.NOTICE_EXISTS': '该问题已下发过整改通知单',
  'CONTRACT.EVENT_MONTH_INVALID': '该月份不在合同期内或已考核，不能登记特殊事件',
  'CONTRACT.NOTICE_NOT_FOUND': '整改通知单不存在，或您无权查看',
  'CONTRACT.NOTICE_DUE_INVALID': '整改期限须晚于现在，请重新选择',
};
