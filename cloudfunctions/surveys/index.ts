import { z } from 'zod';
import { Id } from '../../shared/common';
import { RespondRequest, SurveyFields, SurveyRef, SurveyStatus, UpdateSurveyRequest } from '../../shared/surveys';
import { type AnyAction, action, createHandler } from '../_lib/handler';
import { Cursor } from '../_lib/page';
import { publicSurvey, respond } from './respond.service';
import { getSurvey } from './surveys.repo';
import {
  closeSurvey,
  createSurvey,
  listSurveys,
  openSurvey,
  surveyQrCode,
  surveyResults,
  surveyUnits,
  textAnswers,
  updateSurvey,
} from './surveys.service';

const ADMIN = ['admin'] as const;
const BySurvey = z.strictObject({ surveyId: Id });

/** Every action of the surveys function (意见征集): schema, role gate, handler. */
export const ACTIONS = {
  /** A new draft. */
  create: action({ input: SurveyFields, roles: ADMIN, handler: ({ input, caller, now }) => createSurvey(input, caller, now) }),
  /** Replaces a draft's fields (drafts only). */
  update: action({
    input: UpdateSurveyRequest,
    roles: ADMIN,
    handler: ({ input: { surveyId, ...fields }, now }) => updateSurvey(surveyId, fields, now),
  }),
  /** draft → open: sets the QR scene and creates the aggregate. */
  open: action({ input: BySurvey, roles: ADMIN, handler: ({ input, now }) => openSurvey(input.surveyId, now) }),
  /** open → closed. */
  close: action({ input: BySurvey, roles: ADMIN, handler: ({ input, now }) => closeSurvey(input.surveyId, now) }),
  list: action({
    input: z.strictObject({ cursor: Cursor.optional(), status: SurveyStatus.optional() }),
    roles: ADMIN,
    handler: ({ input }) => listSurveys(input),
  }),
  /** Per-question figures from the maintained aggregate, and the first page of text answers. */
  results: action({ input: BySurvey, roles: ADMIN, handler: ({ input }) => surveyResults(input.surveyId) }),
  /** Further pages of text answers. */
  texts: action({
    input: z.strictObject({ surveyId: Id, cursor: Cursor.optional() }),
    roles: ADMIN,
    handler: async ({ input }) => textAnswers(await getSurvey(input.surveyId), input.cursor),
  }),
  /** The survey's mini-program code, stored in cloud storage; `{ fileID, url }`. */
  qrCode: action({ input: BySurvey, roles: ADMIN, handler: ({ input, now }) => surveyQrCode(input.surveyId, now) }),
  /** Units a survey can rate, for the create form. */
  units: action({ input: z.strictObject({}), roles: ADMIN, handler: () => surveyUnits() }),
  /** Anyone: an open survey by its QR scene or id. */
  get: action({ input: SurveyRef, identityOnly: true, handler: ({ input, caller, now }) => publicSurvey(input, caller, now) }),
  /** Anyone: one response per WeChat user per survey. */
  respond: action({ input: RespondRequest, identityOnly: true, handler: ({ input, caller, now }) => respond(input, caller, now) }),
} satisfies Record<string, AnyAction>;

export type SurveysAction = keyof typeof ACTIONS;

export const main = createHandler('surveys', ACTIONS);
