/** zh-CN labels of accountability and supervision (zod-free: the mini-program has them through its contract bundle). */
import type { AgendaState } from './agenda';
import type { AccountabilityAction, CaseState } from './case.machine';
import type { StrikeKind, SubjectType } from './strikes';
import type { BasisKind, Cadence, ItemState, Rag } from './supervision';

export const AGENDA_STATE_LABELS: Readonly<Record<AgendaState, string>> = { pending: '待议', decided: '已决定' };

export const CASE_STATE_LABELS: Readonly<Record<CaseState, string>> = {
  proposed: '待确认',
  confirmed: '已确认待处理',
  dismissed: '不予问责',
  closed: '已办结',
};

export const ACTION_LABELS: Readonly<Record<AccountabilityAction, string>> = {
  notice: '通报',
  talk: '约谈',
  points: '扣分',
  referral: '移交处理',
};

export const STRIKE_LABELS: Readonly<Record<StrikeKind, string>> = {
  notRectified: '查而不改',
  repeatFound: '屡查屡犯',
  repeatAfterFix: '屡改屡犯',
};

export const SUBJECT_LABELS: Readonly<Record<SubjectType, string>> = { unit: '单位', zone: '区域', person: '责任人' };

export const ITEM_STATE_LABELS: Readonly<Record<ItemState, string>> = {
  issued: '待签收',
  signed: '已签收',
  inProgress: '办理中',
  awaitingClose: '待销号',
  closed: '已销号',
};

export const BASIS_LABELS: Readonly<Record<BasisKind, string>> = { briefing: '巡查简报', meeting: '会议决定', instruction: '领导批示' };

export const CADENCE_LABELS: Readonly<Record<Cadence, string>> = { weekly: '每周报告', biweekly: '每两周报告', monthly: '每月报告' };

export const RAG_LABELS: Readonly<Record<Rag, string>> = { green: '正常', amber: '临近时限', red: '超期' };
