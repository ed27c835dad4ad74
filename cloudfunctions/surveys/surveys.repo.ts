import { AppError } from '../../shared/errors';
import type { SurveyAggregate, SurveyDoc } from '../../shared/surveys';
import { SURVEY_ERRORS } from '../../shared/surveys';
import { db, rowsOf } from '../_lib/cloud';

/**
 * The collections of this function (each declared in database.json): surveys, one response per user per
 * survey (unique `surveyId + openid`), and the maintained per-survey aggregate (`_id` = the survey's id).
 */
export const SURVEY_COLLECTIONS = {
  surveys: 'surveys',
  responses: 'surveyResponses',
  aggregates: 'surveyAggregates',
} as const;

export const surveys = () => db().collection(SURVEY_COLLECTIONS.surveys);
export const responses = () => db().collection(SURVEY_COLLECTIONS.responses);
export const aggregates = () => db().collection(SURVEY_COLLECTIONS.aggregates);

/** A stored response. `texts` repeats the text answers (with the content check's verdict) for the results list. */
export interface ResponseDoc {
  _id: string;
  surveyId: string;
  openid: string;
  requestId: string;
  answers: Record<string, number | string>;
  texts: Array<{ questionId: string; text: string; flagged: boolean }>;
  hasText: boolean;
  ratingId: string | null;
  at: Date;
}

/** One survey by id, or null (bounded: `limit(1)`, no throw for a missing document). */
export async function findSurvey(id: string): Promise<SurveyDoc | null> {
  return (rowsOf<SurveyDoc>(await surveys().where({ _id: id }).limit(1).get())[0] as SurveyDoc | undefined) ?? null;
}

export async function getSurvey(id: string): Promise<SurveyDoc> {
  const s = await findSurvey(id);
  if (!s) throw new AppError(SURVEY_ERRORS.NOT_FOUND, 'no such survey');
  return s;
}

/** The survey behind a QR scene, or `SURVEY.NOT_FOUND`. */
export async function surveyByScene(sceneId: string): Promise<SurveyDoc> {
  const s = rowsOf<SurveyDoc>(await surveys().where({ sceneId }).limit(1).get())[0];
  if (!s) throw new AppError(SURVEY_ERRORS.NOT_FOUND, 'no survey behind this code');
  return s;
}

/** The caller's response to a survey, if any (the unique `surveyId + openid` index answers it). */
export async function responseOf(surveyId: string, openid: string): Promise<Pick<ResponseDoc, '_id' | 'requestId'> | null> {
  const res = await responses().where({ surveyId, openid }).field({ _id: true, requestId: true }).limit(1).get();
  return (rowsOf<Pick<ResponseDoc, '_id' | 'requestId'>>(res)[0] as Pick<ResponseDoc, '_id' | 'requestId'> | undefined) ?? null;
}

/** The aggregate of a survey (null before it opens). */
export async function aggregateOf(surveyId: string): Promise<SurveyAggregate | null> {
  return (rowsOf<SurveyAggregate>(await aggregates().where({ _id: surveyId }).limit(1).get())[0] as SurveyAggregate | undefined) ?? null;
}

/** Whether a failed database call was a transaction conflict (another writer holds or changed a document). */
export const isTxConflict = (e: unknown): boolean =>
  /TransactionConflict|TRANSACTION_CONFLICT|Transaction is conflict/i.test(
    String((e as Error)?.message ?? (e as { errMsg?: string })?.errMsg ?? e),
  );
