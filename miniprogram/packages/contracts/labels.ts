/**
 * zh-CN messages and labels of contracts, as the pages show them. The mini-program cannot load `shared/` at
 * run time, so these are typed copies: the compiler checks every code and key is present, and a test checks
 * each sentence equals the one in shared/contracts (CONTRACT_MESSAGES, GRADE_LABELS, …).
 */
import type { ContractErrorCode } from '../../../shared/contracts/contract.errors';
import type { Grade, ServiceKind } from '../../../shared/contracts/contract.schema';
import type { NoticeState } from '../../../shared/contracts/notice';
import type { PaymentFormula } from '../../../shared/contracts/payment.rules';
import type { SignoffState } from '../../../shared/contracts/signoff.machine';
import { messageOf, type Reply } from '../../services/reply';

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

/** The zh-CN sentence of a failed reply: the contract's own codes first, then the shared ones. */
export const contractMessage = (r: Reply<unknown>): string =>
  r.code !== 0 && r.code in CONTRACT_MESSAGES ? CONTRACT_MESSAGES[r.code as ContractErrorCode] : messageOf(r);

export const GRADE_LABELS: { [K in Grade]: string } = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };
export const GRADE_TONES: { [K in Grade]: string } = { excellent: 'ok', good: 'info', pass: 'warn', fail: 'danger' };
export const SERVICE_KIND_LABELS: { [K in ServiceKind]: string } = {
  property: '物业服务',
  cleaning: '保洁服务',
  canteen: '餐饮服务',
  greening: '绿化养护',
  security: '安保服务',
  maintenance: '维修服务',
  other: '其他服务',
};
export const SIGNOFF_LABELS: { [K in SignoffState]: string } = {
  pending: '待监管单位签字',
  supervisorSigned: '待总务部审核',
  approved: '已审定',
  returned: '已退回重算',
};
export const PAYMENT_FORMULA_LABELS: { [K in PaymentFormula]: string } = {
  fullAboveThreshold: '达标全额，否则按（基数+得分）%支付',
  withheldShare: '预留比例，按事件定额扣减',
  linear: '线性：每低一分扣减固定比例',
};
/** Each formula's parameters with the editor's zh-CN labels and units (shared PAYMENT_PARAMETERS order). */
export const PAYMENT_FIELDS: { [K in PaymentFormula]: ReadonlyArray<{ key: string; label: string; unit: string }> } = {
  fullAboveThreshold: [
    { key: 'threshold', label: '全额支付分数线', unit: '分' },
    { key: 'basePercent', label: '基数', unit: '%' },
  ],
  withheldShare: [{ key: 'withheldPercent', label: '预留比例', unit: '%' }],
  linear: [
    { key: 'fullAt', label: '全额支付分数线', unit: '分' },
    { key: 'percentPerPoint', label: '每低一分扣减', unit: '%' },
    { key: 'floorPercent', label: '最低支付比例', unit: '%' },
  ],
};

/** `¥12,345.60` from fen (shared/contracts `yuanText`). */
export function yuanText(fen: number): string {
  const abs = Math.abs(Math.round(fen));
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** The Shanghai month before the one containing `ms`: what the assessment pages open on. */
export function lastMonth(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}
export const monthText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

/** Where a rectification notice stands (整改通知单 pages). */
export const NOTICE_STATE_LABELS: { [K in NoticeState]: string } = {
  open: '整改中',
  overdue: '已逾期未整改',
  onTime: '已按期整改',
  late: '逾期后整改',
};
export const NOTICE_STATE_TONES: { [K in NoticeState]: string } = { open: 'info', overdue: 'danger', onTime: 'ok', late: 'warn' };
