/**
 * zh-CN labels and messages of contracts, as the pages show them: shared/contracts' labels and every error
 * sentence come from the contract bundle; the grade tones, the editor's parameter fields and the month arithmetic
 * are the pages' own (a test checks the fields against shared/contracts).
 */
import type { Grade } from '../../../shared/contracts/contract.schema';
import type { NoticeState } from '../../../shared/contracts/notice';
import type { PaymentFormula } from '../../../shared/contracts/payment.rules';
import { messageOf } from '../../services/reply';
import { asShanghaiWall } from '../../shared/contract';

export { GRADE_LABELS, PAYMENT_FORMULA_LABELS, SERVICE_KIND_LABELS, SIGNOFF_LABELS, yuanText } from '../../shared/contract';

/** The zh-CN sentence of a failed reply, from the contract's one map (CONTRACT.* included). */
export const contractMessage = (r: { code: string | 0 }): string => messageOf(r);

export const GRADE_TONES: { [K in Grade]: string } = { excellent: 'ok', good: 'info', pass: 'warn', fail: 'danger' };
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

/** The Shanghai month before the one containing `ms`: what the assessment pages open on. */
export function lastMonth(ms: number): string {
  const d = asShanghaiWall(ms);
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
