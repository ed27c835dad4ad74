/**
 * Surveys (意见征集) as the pages show them: labels, periods and messages. Shapes mirror
 * shared/surveys (zod stays out of the package; the server parses every request again).
 */

import { type ActionName, type Question, SURVEY_LIMITS, type SurveyStatus, shanghaiDate } from '../shared/contract';
import { callFunction, type PayloadArg } from './api';
import { messageOf, type Reply } from './reply';

export type { Question, SurveyStatus };

/** Limits of a survey (shared/contract SURVEY_LIMITS, which the schemas are built from), for form hints. */
export { SURVEY_LIMITS };

export const STATUS_LABELS: Record<SurveyStatus, string> = { draft: '草稿', open: '征集中', closed: '已结束' };
export const STATUS_TONES: Record<SurveyStatus, 'muted' | 'ok' | 'info'> = { draft: 'muted', open: 'ok', closed: 'info' };
export const KIND_LABELS: Record<Question['kind'], string> = { rating: '评分题', choice: '单选题', text: '文字题' };

/** Calls an action of the `surveys` function. */
export const surveys = <A extends ActionName<'surveys'>>(action: A, ...payload: PayloadArg<'surveys', A>) =>
  callFunction('surveys', action, ...payload);

/** `'2032-03-10'` → `'3月10日'`. */
export const dayText = (day: string): string => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** A period as `2032年3月10日 – 3月16日`, the year shown once (twice when it changes). */
export function periodText(from: string, to: string): string {
  const y1 = from.slice(0, 4);
  const y2 = to.slice(0, 4);
  return `${y1}年${dayText(from)} – ${y2 === y1 ? '' : `${y2}年`}${dayText(to)}`;
}

/** Today's date in Shanghai, plus `days`: the form's default period. */
export function shanghaiDay(nowMs: number, days = 0): string {
  return shanghaiDate(new Date(nowMs + days * 86_400_000));
}

/** A zh-CN message for a failed surveys call (the contract's sentence for its code). */
export const surveyMessage = (r: Reply<unknown> & { code: string }): string => messageOf(r);
