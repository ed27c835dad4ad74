/**
 * Surveys (意见征集) as the pages show them: labels, periods and messages. Shapes mirror
 * shared/surveys (zod stays out of the package; the server parses every request again).
 */

import type { ActionName } from '../shared/contract';
import { callFunction, type PayloadArg } from './api';
import { messageOf, type Reply } from './reply';

export type SurveyStatus = 'draft' | 'open' | 'closed';

/** A stored question (shared/surveys `Question`). */
export type Question =
  | { id: string; kind: 'rating'; title: string; satisfaction: boolean }
  | { id: string; kind: 'choice'; title: string; options: string[] }
  | { id: string; kind: 'text'; title: string };

/** Limits of shared/surveys/survey.schema.ts, for form hints. */
export const SURVEY_LIMITS = {
  title: 40,
  intro: 300,
  questionTitle: 60,
  option: 20,
  minOptions: 2,
  maxOptions: 8,
  questions: 10,
  text: 500,
};

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
  return new Date(nowMs + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A zh-CN message for a failed surveys call. */
export function surveyMessage(r: Reply<unknown> & { code: string }): string {
  const known: Record<string, string> = {
    'SURVEY.NOT_FOUND': '没有找到这个意见征集',
    'SURVEY.NOT_OPEN': '意见征集尚未开始',
    'SURVEY.CLOSED': '意见征集已经结束',
    'SURVEY.INVALID_TRANSITION': '当前状态不能进行此操作，请刷新',
    'SURVEY.PERIOD_OVER': '征集结束日期已过，请修改时间后再开始',
    'SURVEY.INVALID_ANSWERS': '还有题目没有按要求作答',
    'SURVEY.ALREADY_RESPONDED': '你已经提交过这份问卷',
    'SURVEY.CONTENT_RISKY': '内容未通过安全检查，请修改后再提交',
    'SURVEY.UNIT_NOT_FOUND': '所选单位不存在',
    'SURVEY.ZONE_NOT_FOUND': '所选区域不存在',
    'SURVEY.ZONE_OUTSIDE_UNIT': '所选区域不属于该单位',
    'SURVEY.BUSY': '提交的人有点多，请再点一次提交',
  };
  return known[r.code] ?? messageOf(r);
}
