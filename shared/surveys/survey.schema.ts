import { z } from 'zod';
import { Id, RequestId, SceneId, Text } from '../common/ids.schema';
import { SURVEY_LIMITS } from '../contract/constants';
import { Day } from '../periods/period';

/** At most this many questions per survey. */
export const MAX_QUESTIONS = SURVEY_LIMITS.questions;
/** A free-text answer is at most this long. */
export const MAX_TEXT_ANSWER = SURVEY_LIMITS.text;
/** The longest period a survey may run, in days (from and to inclusive). */
export const MAX_PERIOD_DAYS = 366;

/** Question ids are positions: `q1` … `q10`, assigned when a survey is created or edited. */
export const QuestionId = z.string().regex(/^q([1-9]|10)$/, 'expected q1…q10');
export type QuestionId = z.infer<typeof QuestionId>;

const QuestionTitle = Text(SURVEY_LIMITS.questionTitle);

/**
 * A question as an admin writes it. `rating` is 1–5 stars; the one marked `satisfaction` (or else the first
 * rating question) is the survey's satisfaction question, whose answers feed the unit's satisfaction rollups.
 * `choice` is a single choice among 2–8 distinct options; `text` is optional free text.
 */
export const QuestionInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rating'), title: QuestionTitle, satisfaction: z.boolean().optional() }),
  z.strictObject({
    kind: z.literal('choice'),
    title: QuestionTitle,
    options: z
      .array(Text(SURVEY_LIMITS.option))
      .min(SURVEY_LIMITS.minOptions)
      .max(SURVEY_LIMITS.maxOptions)
      .refine((o) => new Set(o).size === o.length, 'options must differ'),
  }),
  z.strictObject({ kind: z.literal('text'), title: QuestionTitle }),
]);
export type QuestionInput = z.infer<typeof QuestionInput>;

/** A stored question: its input with its id, the satisfaction flag resolved on exactly one rating question. */
export type Question =
  | { id: string; kind: 'rating'; title: string; satisfaction: boolean }
  | { id: string; kind: 'choice'; title: string; options: string[] }
  | { id: string; kind: 'text'; title: string };

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;

const SurveyFieldsShape = z.strictObject({
  title: Text(SURVEY_LIMITS.title),
  intro: z.string().trim().max(SURVEY_LIMITS.intro).default(''),
  unitId: Id,
  zoneId: Id.nullable().default(null),
  from: Day,
  to: Day,
  questions: z.array(QuestionInput).min(1).max(MAX_QUESTIONS),
});

function refineSurvey(s: z.output<typeof SurveyFieldsShape>, ctx: z.RefinementCtx): void {
  const fail = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
  if (s.from > s.to) fail('the period ends before it starts', 'to');
  else if (daysBetween(s.from, s.to) + 1 > MAX_PERIOD_DAYS) fail(`a survey runs at most ${MAX_PERIOD_DAYS} days`, 'to');
  const ratings = s.questions.filter((q) => q.kind === 'rating');
  if (ratings.length === 0) fail('a survey needs a rating question (its satisfaction question)', 'questions');
  if (ratings.filter((q) => q.satisfaction).length > 1) fail('only one question can be the satisfaction question', 'questions');
}

/**
 * What an admin sets on a draft (create and update send the whole of it): title, intro, the unit it rates
 * (optionally one zone of it), the period it runs (Shanghai dates, both inclusive) and 1–10 questions, at
 * least one of them a rating and at most one marked as the satisfaction question.
 */
export const SurveyFields = SurveyFieldsShape.superRefine(refineSurvey);
/** An edit of a draft: its id and the whole of its fields. */
export const UpdateSurveyRequest = SurveyFieldsShape.extend({ surveyId: Id }).superRefine(refineSurvey);
export type SurveyFields = z.output<typeof SurveyFields>;

/** `{ sceneId }` from a scanned code, or `{ surveyId }` from a link: exactly one. */
export const SurveyRef = z
  .strictObject({ sceneId: SceneId.optional(), surveyId: Id.optional() })
  .refine((r) => (r.sceneId === undefined) !== (r.surveyId === undefined), 'give either sceneId or surveyId');
export type SurveyRef = z.infer<typeof SurveyRef>;

/**
 * A response as sent: answers by question id — a rating 1–5, a choice's option index (0-based), a text.
 * Checked against the survey's questions by `checkAnswers`; `requestId` makes a resend harmless.
 */
export const RespondRequest = z.strictObject({
  surveyId: Id,
  requestId: RequestId,
  answers: z.record(QuestionId, z.union([z.number(), z.string().max(MAX_TEXT_ANSWER * 2)])),
});
export type RespondRequest = z.infer<typeof RespondRequest>;

export const SurveyStatus = z.enum(['draft', 'open', 'closed']);
export type SurveyStatus = z.infer<typeof SurveyStatus>;

/** The stored survey. `sceneId` is set when it opens (the QR code's scene). */
export interface SurveyDoc {
  _id: string;
  title: string;
  intro: string;
  unitId: string;
  unitName: string;
  zoneId: string | null;
  zoneName: string | null;
  campusId: string | null;
  from: string;
  to: string;
  questions: Question[];
  status: SurveyStatus;
  sceneId: string | null;
  qrFileID: string | null;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  openedAt: Date | null;
  closedAt: Date | null;
}

/** Gives questions their ids (`q1`…) and marks exactly one rating question as the satisfaction question. */
export function withIds(questions: readonly QuestionInput[]): Question[] {
  const flagged = questions.findIndex((q) => q.kind === 'rating' && q.satisfaction);
  const satisfaction = flagged >= 0 ? flagged : questions.findIndex((q) => q.kind === 'rating');
  return questions.map((q, i): Question => {
    const id = `q${i + 1}`;
    if (q.kind === 'rating') return { id, kind: 'rating', title: q.title, satisfaction: i === satisfaction };
    if (q.kind === 'choice') return { id, kind: 'choice', title: q.title, options: [...q.options] };
    return { id, kind: 'text', title: q.title };
  });
}

/** The survey's satisfaction question (the flagged rating question), or null for a survey without ratings. */
export const satisfactionQuestion = (questions: readonly Question[]) =>
  (questions.find((q) => q.kind === 'rating' && q.satisfaction) as Extract<Question, { kind: 'rating' }> | undefined) ?? null;

/** The scene encoded in a survey's QR code: derived from its unique id, so it is unique too (ids of 28 characters give 30, within the 32 a scene allows). */
export const sceneIdFor = (surveyId: string): string => `sv${surveyId}`;
