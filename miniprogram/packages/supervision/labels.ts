/**
 * zh-CN labels of accountability and supervision, as the pages show them: typed copies of shared/accountability's
 * maps (the mini-program cannot load `shared/` at run time); a test checks they are equal. Error sentences come
 * from the contract bundle (`supervisionMessage`).
 */
import type { AccountabilityAction, CaseState } from '../../../shared/accountability/case.machine';
import type { StrikeKind, SubjectType } from '../../../shared/accountability/strikes';
import type { BasisKind, Cadence, ItemEvent, ItemState, Rag } from '../../../shared/accountability/supervision';
import { messageOf } from '../../services/reply';
import { shanghaiDate } from '../../shared/contract';

/** The zh-CN sentence of a failed reply, from the contract's one map (ACCOUNTABILITY.* and SUPERVISION.* included). */
export const supervisionMessage = (r: { code: string | 0 }): string => messageOf(r);

export const STRIKE_LABELS: { [K in StrikeKind]: string } = {
  notRectified: '查而不改',
  repeatFound: '屡查屡犯',
  repeatAfterFix: '屡改屡犯',
};
export const SUBJECT_LABELS: { [K in SubjectType]: string } = { unit: '单位', zone: '区域', person: '责任人' };
export const CASE_STATE_LABELS: { [K in CaseState]: string } = {
  proposed: '待确认',
  confirmed: '已确认待处理',
  dismissed: '不予问责',
  closed: '已办结',
};
export const ACTION_LABELS: { [K in AccountabilityAction]: string } = {
  notice: '通报',
  talk: '约谈',
  points: '扣分',
  referral: '移交处理',
};
export const ITEM_STATE_LABELS: { [K in ItemState]: string } = {
  issued: '待签收',
  signed: '已签收',
  inProgress: '办理中',
  awaitingClose: '待销号',
  closed: '已销号',
};
export const RAG_LABELS: { [K in Rag]: string } = { green: '正常', amber: '临近时限', red: '超期' };
export const RAG_TONES: { [K in Rag]: string } = { green: 'ok', amber: 'warn', red: 'danger' };
export const BASIS_LABELS: { [K in BasisKind]: string } = { briefing: '巡查简报', meeting: '会议决定', instruction: '领导批示' };
export const CADENCE_LABELS: { [K in Cadence]: string } = { weekly: '每周报告', biweekly: '每两周报告', monthly: '每月报告' };
export const ITEM_EVENT_LABELS: { [K in ItemEvent]: string } = {
  sign: '签收',
  report: '报告进展',
  requestClose: '申请销号',
  close: '销号',
  sendBack: '退回继续办理',
};
/** The Shanghai calendar date of an ISO instant. */
export const dateOf = (iso: string) => shanghaiDate(new Date(iso));
