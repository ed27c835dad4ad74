/** Stable error codes of accountability cases (问责), supervision items (督办) and the decision agenda. */
export const ACCOUNTABILITY_ERRORS = {
  CASE_NOT_FOUND: 'ACCOUNTABILITY.CASE_NOT_FOUND',
  /** The case is no longer in a state where this can happen (e.g. confirmed twice, or already closed). */
  INVALID_TRANSITION: 'ACCOUNTABILITY.INVALID_TRANSITION',
  /** Points were chosen as the action without saying how many. */
  ACTION_INVALID: 'ACCOUNTABILITY.ACTION_INVALID',
} as const;

export const SUPERVISION_ERRORS = {
  ITEM_NOT_FOUND: 'SUPERVISION.ITEM_NOT_FOUND',
  /** The item is not in a state where this can happen (e.g. a report on a closed item). */
  INVALID_TRANSITION: 'SUPERVISION.INVALID_TRANSITION',
  /** The caller manages none of the item's units, or is not the office. */
  NOT_PARTY: 'SUPERVISION.NOT_PARTY',
  /** This unit has already signed for the item. */
  ALREADY_SIGNED: 'SUPERVISION.ALREADY_SIGNED',
  /** The deadline is not after the issue date. */
  DEADLINE_INVALID: 'SUPERVISION.DEADLINE_INVALID',
  /** A lead or assisting unit does not exist, or the lead also assists. */
  UNIT_INVALID: 'SUPERVISION.UNIT_INVALID',
  /** Someone else changed the item meanwhile; reload and try again. */
  STALE: 'SUPERVISION.STALE',
  AGENDA_NOT_FOUND: 'SUPERVISION.AGENDA_NOT_FOUND',
  /** The agenda item already has its decision. */
  AGENDA_DECIDED: 'SUPERVISION.AGENDA_DECIDED',
} as const;

type Codes<T> = T[keyof T];
export type AccountabilityErrorCode = Codes<typeof ACCOUNTABILITY_ERRORS>;
export type SupervisionErrorCode = Codes<typeof SUPERVISION_ERRORS>;

export const ACCOUNTABILITY_MESSAGES: { [K in AccountabilityErrorCode]: string } = {
  'ACCOUNTABILITY.CASE_NOT_FOUND': '问责事项不存在',
  'ACCOUNTABILITY.INVALID_TRANSITION': '该问责事项已处理，不能重复操作，请刷新',
  'ACCOUNTABILITY.ACTION_INVALID': '选择扣分时请填写扣分分值',
};

export const SUPERVISION_MESSAGES: { [K in SupervisionErrorCode]: string } = {
  'SUPERVISION.ITEM_NOT_FOUND': '督办事项不存在',
  'SUPERVISION.INVALID_TRANSITION': '督办事项当前状态不能进行此操作，请刷新',
  'SUPERVISION.NOT_PARTY': '您不是该督办事项的承办单位或督办部门',
  'SUPERVISION.ALREADY_SIGNED': '本单位已签收该督办事项',
  'SUPERVISION.DEADLINE_INVALID': '办结时限应晚于立项日期',
  'SUPERVISION.UNIT_INVALID': '主办或协办单位选择有误，请重新选择',
  'SUPERVISION.STALE': '督办事项刚被他人更新，请刷新后重试',
  'SUPERVISION.AGENDA_NOT_FOUND': '议题不存在',
  'SUPERVISION.AGENDA_DECIDED': '该议题已有决定，不能重复决定',
};
