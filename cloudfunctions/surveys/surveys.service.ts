import { AppError } from '../../shared/errors';
import {
  emptyAggregate,
  nextStatus,
  type QuestionResult,
  SURVEY_ERRORS,
  type SurveyDoc,
  type SurveyFields,
  type SurveyStatus,
  sceneIdFor,
  summarize,
  withIds,
} from '../../shared/surveys';
import { shanghaiDate } from '../../shared/time/shanghai';
import type { CallerContext } from '../_lib/caller';
import { cmd, db, rowsOf, updatedOf } from '../_lib/cloud';
import { miniProgramCode, publishFile, signedUrl } from '../_lib/files';
import { timeOrderedId } from '../_lib/now';
import { afterCursor, PAGE_SIZE, type Page, pageFrom, withCursor } from '../_lib/page';
import { allUnits, zonesByIds } from '../_lib/refdata';
import { aggregateOf, aggregates, getSurvey, isTxConflict, type ResponseDoc, responses, SURVEY_COLLECTIONS, surveys } from './surveys.repo';

/** The page a survey's code opens: the public survey landing, which reads the scene. */
export const SURVEY_PAGE = 'pages/survey/index';

/** What the admin's list and detail show of a survey. */
export type SurveyView = Omit<SurveyDoc, 'createdBy' | 'qrFileID'>;

const viewOf = ({ createdBy, qrFileID, ...rest }: SurveyDoc): SurveyView => rest;

/** The unit's and zone's names and the zone's campus, checked: the zone must belong to the unit. */
async function targetOf(fields: Pick<SurveyFields, 'unitId' | 'zoneId'>) {
  const unit = (await allUnits()).find((u) => u._id === fields.unitId);
  if (!unit) throw new AppError(SURVEY_ERRORS.UNIT_NOT_FOUND, 'no such unit');
  if (!fields.zoneId) return { unitName: unit.name, zoneName: null, campusId: null };
  const zone = (await zonesByIds([fields.zoneId])).get(fields.zoneId);
  if (!zone) throw new AppError(SURVEY_ERRORS.ZONE_NOT_FOUND, 'no such zone');
  if (zone.unitId !== unit._id) throw new AppError(SURVEY_ERRORS.ZONE_OUTSIDE_UNIT, 'the zone belongs to another unit');
  return { unitName: unit.name, zoneName: zone.name, campusId: zone.campusId };
}

/** The stored fields a create or an edit sets. */
async function fieldsDoc(fields: SurveyFields) {
  return {
    title: fields.title,
    intro: fields.intro,
    unitId: fields.unitId,
    zoneId: fields.zoneId,
    ...(await targetOf(fields)),
    from: fields.from,
    to: fields.to,
    questions: withIds(fields.questions),
  };
}

export async function createSurvey(fields: SurveyFields, caller: CallerContext, now: Date): Promise<SurveyView> {
  const doc: SurveyDoc = {
    _id: timeOrderedId(now),
    ...(await fieldsDoc(fields)),
    status: 'draft',
    sceneId: null,
    qrFileID: null,
    createdAt: now,
    createdBy: caller.id,
    updatedAt: now,
    openedAt: null,
    closedAt: null,
  };
  await surveys().add({ data: doc });
  return viewOf(doc);
}

/** Explains a conditional write that matched nothing: the survey is missing, or its status forbids `event`. */
async function refuse(surveyId: string, event: 'open' | 'close' | 'edit'): Promise<never> {
  const s = await getSurvey(surveyId);
  if (event === 'edit') throw new AppError(SURVEY_ERRORS.INVALID_TRANSITION, `cannot edit a ${s.status} survey`, { status: s.status });
  nextStatus(s.status, event);
  throw new AppError(SURVEY_ERRORS.INVALID_TRANSITION, `the survey changed meanwhile (${s.status})`, { status: s.status });
}

/** Replaces a draft's fields; only a draft (the write is conditional on the status, so it cannot race an open). */
export async function updateSurvey(surveyId: string, fields: SurveyFields, now: Date): Promise<SurveyView> {
  const data = await fieldsDoc(fields);
  const _ = cmd();
  const res = await surveys()
    .where({ _id: surveyId, status: 'draft' })
    .update({ data: { ...data, questions: _.set(data.questions), updatedAt: now } });
  if (updatedOf(res) === 0) await refuse(surveyId, 'edit');
  return viewOf(await getSurvey(surveyId));
}

/**
 * Opens a draft: in one transaction the status becomes `open`, the QR scene is set and the aggregate is
 * created with every counter at zero, so the first response always finds it. A survey whose last day has
 * passed cannot be opened.
 */
export async function openSurvey(surveyId: string, now: Date): Promise<SurveyView> {
  const s = await getSurvey(surveyId);
  nextStatus(s.status, 'open');
  if (shanghaiDate(now) > s.to) throw new AppError(SURVEY_ERRORS.PERIOD_OVER, 'the survey’s last day has passed', { to: s.to });
  const tx = await db().startTransaction();
  try {
    const got = (await tx.collection(SURVEY_COLLECTIONS.surveys).doc(surveyId).get()) as { data: SurveyDoc | SurveyDoc[] | null };
    const current = Array.isArray(got.data) ? got.data[0] : got.data;
    if (current?.status !== 'draft') throw new AppError(SURVEY_ERRORS.INVALID_TRANSITION, 'the survey changed meanwhile');
    const { _id, ...agg } = emptyAggregate(surveyId, s.questions);
    await tx.collection(SURVEY_COLLECTIONS.aggregates).doc(surveyId).set({ data: agg });
    await tx
      .collection(SURVEY_COLLECTIONS.surveys)
      .doc(surveyId)
      .update({ data: { status: 'open' satisfies SurveyStatus, sceneId: sceneIdFor(surveyId), openedAt: now, updatedAt: now } });
    await tx.commit();
  } catch (e) {
    await tx.rollback().catch(() => undefined);
    // Another admin opened or edited it at the same moment: the lifecycle, not a failure.
    if (isTxConflict(e)) throw new AppError(SURVEY_ERRORS.INVALID_TRANSITION, 'the survey changed meanwhile; reload');
    throw e;
  }
  return viewOf(await getSurvey(surveyId));
}

export async function closeSurvey(surveyId: string, now: Date): Promise<SurveyView> {
  const res = await surveys()
    .where({ _id: surveyId, status: 'open' })
    .update({ data: { status: 'closed' satisfies SurveyStatus, closedAt: now, updatedAt: now } });
  if (updatedOf(res) === 0) await refuse(surveyId, 'close');
  return viewOf(await getSurvey(surveyId));
}

export type SurveyListItem = Omit<SurveyView, 'questions'> & { questionCount: number; responses: number };

/** Surveys, newest first, 20 a page, each with its response count (one bounded read of their aggregates). */
export async function listSurveys(input: { cursor?: string; status?: SurveyStatus }): Promise<Page<SurveyListItem>> {
  const base: Record<string, unknown> = input.status ? { status: input.status } : {};
  const where = withCursor(base, afterCursor(input.cursor, 'createdAt', 'date', 'desc'));
  const docs = rowsOf<SurveyDoc>(
    await surveys()
      .where(where)
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(PAGE_SIZE + 1)
      .get(),
  );
  const { items, nextCursor } = pageFrom(docs, (s) => s.createdAt);
  const ids = items.map((s) => s._id);
  const counts = new Map<string, number>();
  if (ids.length > 0) {
    const res = await aggregates()
      .where({ _id: cmd().in(ids) })
      .field({ _id: true, n: true })
      .limit(ids.length)
      .get();
    for (const a of rowsOf<{ _id: string; n: number }>(res)) counts.set(a._id, a.n);
  }
  return {
    items: items.map((s) => {
      const { questions, ...rest } = viewOf(s);
      return { ...rest, questionCount: questions.length, responses: counts.get(s._id) ?? 0 };
    }),
    nextCursor,
  };
}

/** A response's text answers as the results list shows them: no openid, no request id (anonymous). */
export type TextAnswerItem = { _id: string; at: Date; texts: Array<{ questionId: string; title: string; text: string; flagged: boolean }> };

/** The latest text answers of a survey, newest first, 20 a page. */
export async function textAnswers(survey: SurveyDoc, cursor?: string): Promise<Page<TextAnswerItem>> {
  const base = { surveyId: survey._id, hasText: true };
  const where = withCursor(base, afterCursor(cursor, 'at', 'date', 'desc'));
  const docs = rowsOf<ResponseDoc>(
    await responses()
      .where(where)
      .orderBy('at', 'desc')
      .orderBy('_id', 'desc')
      .field({ _id: true, at: true, texts: true })
      .limit(PAGE_SIZE + 1)
      .get(),
  );
  const titles = new Map(survey.questions.map((q) => [q.id, q.title]));
  const { items, nextCursor } = pageFrom(docs, (r) => r.at);
  return {
    items: items.map((r) => ({ _id: r._id, at: r.at, texts: r.texts.map((t) => ({ ...t, title: titles.get(t.questionId) ?? '' })) })),
    nextCursor,
  };
}

export interface SurveyResults {
  survey: SurveyView;
  responses: number;
  questions: QuestionResult[];
  texts: Page<TextAnswerItem>;
}

/** A survey's results: per-question figures from its maintained aggregate (one document), and the latest texts. */
export async function surveyResults(surveyId: string): Promise<SurveyResults> {
  const s = await getSurvey(surveyId);
  const [agg, texts] = await Promise.all([aggregateOf(surveyId), textAnswers(s)]);
  return { survey: viewOf(s), responses: agg?.n ?? 0, questions: summarize(s.questions, agg), texts };
}

/**
 * The survey's mini-program code (wxacode.getUnlimited with its scene, opening the survey page), stored in
 * cloud storage once and reused: later calls only fetch a fresh temporary URL. Only an opened survey has a scene.
 */
export async function surveyQrCode(
  surveyId: string,
  now: Date,
): Promise<{ fileID: string; url: string | null; sceneId: string; page: string }> {
  const s = await getSurvey(surveyId);
  if (!s.sceneId) throw new AppError(SURVEY_ERRORS.NOT_OPEN, 'a draft has no code yet: open it first');
  if (s.qrFileID) return { fileID: s.qrFileID, url: await signedUrl(s.qrFileID), sceneId: s.sceneId, page: SURVEY_PAGE };
  const code = await miniProgramCode(s.sceneId, SURVEY_PAGE);
  const file = await publishFile(`surveys/${surveyId}-${now.getTime()}.png`, code.buffer);
  await surveys()
    .where({ _id: surveyId })
    .update({ data: { qrFileID: file.fileID } });
  return { fileID: file.fileID, url: file.url, sceneId: s.sceneId, page: SURVEY_PAGE };
}

/** Units a survey can rate (the office excluded: it is not ranked), centres first, for the admin's picker. */
export async function surveyUnits() {
  const order = { centre: 0, contractor: 1, office: 2 } as const;
  const units = (await allUnits()).filter((u) => u.kind !== 'office');
  units.sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name, 'zh-CN'));
  return { items: units.map((u) => ({ _id: u._id, name: u.name, kind: u.kind })) };
}
