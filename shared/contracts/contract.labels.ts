/** zh-CN labels and money text of contracts (zod-free: the mini-program has them through its contract bundle). */
import type { Grade, ServiceKind } from './contract.schema';
import type { PaymentFormula } from './payment.rules';
import type { SignoffState } from './signoff.machine';

export const SERVICE_KIND_LABELS: Readonly<Record<ServiceKind, string>> = {
  property: '物业服务',
  cleaning: '保洁服务',
  canteen: '餐饮服务',
  greening: '绿化养护',
  security: '安保服务',
  maintenance: '维修服务',
  other: '其他服务',
};

export const GRADE_LABELS: Readonly<Record<Grade, string>> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };

export const PAYMENT_FORMULA_LABELS: { readonly [F in PaymentFormula]: string } = {
  fullAboveThreshold: '达标全额，否则按（基数+得分）%支付',
  withheldShare: '预留比例，按事件定额扣减',
  linear: '线性：每低一分扣减固定比例',
};

export const SIGNOFF_LABELS: Readonly<Record<SignoffState, string>> = {
  pending: '待监管单位签字',
  supervisorSigned: '待总务部审核',
  approved: '已审定',
  returned: '已退回重算',
};

/** `¥12,345.60` from fen. */
export function yuanText(fen: number): string {
  const abs = Math.abs(Math.round(fen));
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}
