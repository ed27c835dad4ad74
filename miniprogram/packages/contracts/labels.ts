/**
 * zh-CN labels of contracts, as the pages show them. The mini-program cannot load `shared/` at run time, so
 * these are typed copies: the compiler checks every key is present, and a test checks each label equals the
 * one in shared/contracts (GRADE_LABELS, …). Error sentences come from the contract bundle (`contractMessage`).
 */
import type { Grade, ServiceKind } from '../../../shared/contracts/contract.schema';
import type { PaymentFormula } from '../../../shared/contracts/payment.rules';
import type { SignoffState } from '../../../shared/contracts/signoff.machine';
import { messageOf } from '../../services/reply';
import { asShanghaiWall } from '../../shared/contract';

/** The zh-CN sentence of a failed reply, from the contract's one map (CONTRACT.* included). */
export const contractMessage = (r: { code: string | 0 }): string => messageOf(r);

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
  const d = asShanghaiWall(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}
export const monthText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
