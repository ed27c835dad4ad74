import { AppError } from '../../shared/errors';
import {
  aggregateIncrements,
  assertAvailable,
  checkAnswers,
  type Question,
  type RespondRequest,
  SURVEY_ERRORS,
  type SurveyDoc,
  type SurveyRef,
  satisfactionQuestion,
} from '../../shared/surveys';
import type { CallerContext } from '../_lib/caller';
import { cmd, db, updatedOf } from '../_lib/cloud';
import { logger } from '../_lib/logger';
import { checkContent } from '../_lib/notify';
import { timeOrderedId } from '../_lib/now';
import { countedRatingId, countRatingInTransaction, ensureRollup, type RatingInput } from '../_lib/ratings.repo';
import { isDuplicateKey } from '../_lib/tickets.repo';
import type { Tx } from '../_lib/tx';
import { getSurvey, isTxConflict, type ResponseDoc, responseOf, SURVEY_COLLECTIONS, surveyByScene } from './surveys.repo';

/** What a respondent sees of a survey: nothing about who created it or how many answered. */
export interface PublicSurvey {
  _id: string;
  title: string;
  intro: string;
  unitName: string;
  zoneName: string | null;
  from: string;
  to: string;
  questions: Question[];
  /** Whether the caller has answered it already (one response per WeChat user). */
  answered: boolean;
}

/** An open survey by scene or id, for anyone; a draft, a closed survey or an unknown one is a coded error. */
export async function publicSurvey(ref: SurveyRef, caller: CallerContext, now: Date): Promise<PublicSurvey> {
  const s = ref.sceneId ? await surveyByScene(ref.sceneId) : await getSurvey(ref.surveyId as string);
  assertAvailable(s, now);
  const mine = await responseOf(s._id, caller.openid);
  return {
    _id: s._id,
    title: s.title,
    intro: s.intro,
    unitName: s.unitName,
    zoneName: s.zoneName,
    from: s.from,
    to: s.to,
    questions: s.questions,
    answered: mine !== null,
  };
}

export type RespondResult = { responseId: string; replay: boolean };

/** Attempts at the response transaction before giving up with `SURVEY.BUSY` (conflicts come from simultaneous answers). */
const MAX_ATTEMPTS = 12;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The answer to a request whose response already exists: a replay of the same request, or a second response. */
async function settled(surveyId: string, caller: CallerContext, requestId: string): Promise<RespondResult | null> {
  const existing = await responseOf(surveyId, caller.openid);
  if (!existing) return null;
  if (existing.requestId === requestId) return { responseId: existing._id, replay: true };
  throw new AppError(SURVEY_ERRORS.ALREADY_RESPONDED, 'you have already answered this survey');
}

/**
 * A response. Checked against the survey (open, in its period, answers fitting its questions); one per
 * WeChat user per survey (unique `surveyId + openid`) and idempotent on the request id; text answers pass
 * the content check first (risky: refused; doubtful: kept, flagged for the admin). Then one transaction
 * stores the response, the satisfaction answer as a `survey` rating with its rollup increment, and the
 * survey aggregate's increments: all of them or none. Conflicts with simultaneous answers are retried.
 */
export async function respond(input: RespondRequest, caller: CallerContext, now: Date): Promise<RespondResult> {
  const survey = await getSurvey(input.surveyId);
  const replay = await settled(survey._id, caller, input.requestId);
  if (replay) return replay;
  assertAvailable(survey, now);
  const checked = checkAnswers(survey.questions, input.answers);
  if (!checked.ok) throw new AppError(SURVEY_ERRORS.INVALID_ANSWERS, 'the answers do not fit the questions', { issues: checked.issues });

  const verdicts = await Promise.all(checked.texts.map((t) => checkContent(caller.openid, t.text)));
  if (verdicts.includes('risky')) throw new AppError(SURVEY_ERRORS.CONTENT_RISKY, '内容未通过安全检查');

  const responseId = timeOrderedId(now);
  const rating = ratingOf(survey, checked.answers, now);
  const doc: ResponseDoc = {
    _id: responseId,
    surveyId: survey._id,
    openid: caller.openid,
    requestId: input.requestId,
    answers: checked.answers,
    texts: checked.texts.map((t, i) => ({ ...t, flagged: verdicts[i] !== 'pass' })),
    hasText: checked.texts.length > 0,
    ratingId: rating ? countedRatingId(caller.openid, rating) : null,
    at: now,
  };
  if (rating) await ensureRollup({ _id: '', ...rating });
  const _ = cmd();
  const inc = Object.fromEntries(Object.entries(aggregateIncrements(survey.questions, checked.answers)).map(([p, v]) => [p, _.inc(v)]));

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const tx = await db().startTransaction();
    try {
      await tx.collection(SURVEY_COLLECTIONS.responses).add({ data: doc });
      // The satisfaction answer is the person's counted rating for the zone (or unit) that day, replacing an
      // earlier one (README "One counted rating per person, zone and day").
      if (rating)
        await countRatingInTransaction(tx as unknown as Tx, rating, caller.openid, `survey-${responseId}`, { surveyId: survey._id });
      const res = await tx.collection(SURVEY_COLLECTIONS.aggregates).doc(survey._id).update({ data: inc });
      if (updatedOf(res) !== 1) throw new Error(`aggregate of survey ${survey._id} is missing`);
      await tx.commit();
      return { responseId, replay: false };
    } catch (e) {
      await tx.rollback().catch(() => undefined);
      if (isDuplicateKey(e)) {
        // The same user answered meanwhile (this request resent, or another one): say which.
        const again = await settled(survey._id, caller, input.requestId);
        if (again) return again;
        throw e;
      }
      if (!isTxConflict(e)) throw e;
      await pause(5 + Math.floor(Math.random() * 20 * (attempt + 1)));
    }
  }
  logger.warn('survey response kept conflicting', { surveyId: survey._id, attempts: MAX_ATTEMPTS });
  throw new AppError(SURVEY_ERRORS.BUSY, 'too many people are answering at once; please try again');
}

/**
 * The satisfaction answer as a rating record for the survey's unit and zone. A survey of a whole unit has no
 * zone: its ratings count for the unit and stay out of every zone's figures.
 */
function ratingOf(survey: SurveyDoc, answers: Record<string, number | string>, now: Date): RatingInput | null {
  const q = satisfactionQuestion(survey.questions);
  const stars = q ? answers[q.id] : undefined;
  if (typeof stars !== 'number') return null;
  return {
    source: 'survey',
    unitId: survey.unitId,
    zoneId: survey.zoneId ?? null,
    campusId: survey.campusId,
    categoryCode: null,
    ticketId: null,
    rating: stars,
    at: now,
  };
}
