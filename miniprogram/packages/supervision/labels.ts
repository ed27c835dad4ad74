/**
 * zh-CN labels and messages of accountability and supervision, as the pages show them: shared/accountability's
 * labels and every error sentence come from the contract bundle; the tones and event verbs are the pages' own.
 */
import type { ItemEvent, Rag } from '../../../shared/accountability/supervision';
import { messageOf } from '../../services/reply';
import { shanghaiDate } from '../../shared/contract';

export {
  ACTION_LABELS,
  BASIS_LABELS,
  CADENCE_LABELS,
  CASE_STATE_LABELS,
  ITEM_STATE_LABELS,
  RAG_LABELS,
  STRIKE_LABELS,
  SUBJECT_LABELS,
} from '../../shared/contract';

/** The zh-CN sentence of a failed reply, from the contract's one map (ACCOUNTABILITY.* and SUPERVISION.* included). */
export const supervisionMessage = (r: { code: string | 0 }): string => messageOf(r);

export const RAG_TONES: { [K in Rag]: string } = { green: 'ok', amber: 'warn', red: 'danger' };
export const ITEM_EVENT_LABELS: { [K in ItemEvent]: string } = {
  sign: '签收',
  report: '报告进展',
  requestClose: '申请销号',
  close: '销号',
  sendBack: '退回继续办理',
};
/** The Shanghai calendar date of an ISO instant. */
export const dateOf = (iso: string) => shanghaiDate(new Date(iso));
