/**
 * zh-CN messages and labels of accountability and supervision, as the pages show them: typed copies of
 * shared/accountability's maps (the mini-program cannot load `shared/` at run time); a test checks they are equal.
 */
import type { AccountabilityErrorCode, SupervisionErrorCode } from '../../../shared/accountability/accountability.errors';
import type { AccountabilityAction, CaseState } from '../../../shared/accountability/case.machine';
import type { StrikeKind, SubjectType } from '../../../shared/accountability/strikes';
import type { BasisKind, Cadence, ItemEvent, ItemState, Rag } from '../../../shared/accountability/supervision';
import { messageOf, type Reply } from '../../services/reply';

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
const ALL: Record<string, string> = { ...ACCOUNTABILITY_MESSAGES, ...SUPERVISION_MESSAGES };
/** The zh-CN sentence of a failed reply. */
export const supervisionMessage = (r: Reply<unknown>): string => (r.code !== 0 && ALL[r.code]) || messageOf(r);

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
export const dateOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
