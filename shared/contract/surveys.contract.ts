import type { FileRef, NoInput, Page } from './common.contract';

export type SurveyStatus = 'draft' | 'open' | 'closed';

/** A question as the admin writes it. */
export type QuestionInput =
  | { kind: 'rating'; title: string; satisfaction?: boolean }
  | { kind: 'choice'; title: string; options: string[] }
  | { kind: 'text'; title: string };

/** A question as stored and shown, with its id. */
export type Question =
  | { id: string; kind: 'rating'; title: string; satisfaction: boolean }
  | { id: string; kind: 'choice'; title: string; options: string[] }
  | { id: string; kind: 'text'; title: string };

export interface SurveyFields {
  title: string;
  intro?: string;
  unitId: string;
  zoneId?: string | null;
  from: string;
  to: string;
  questions: QuestionInput[];
}

interface SurveyHead {
  _id: string;
  title: string;
  intro: string;
  unitId: string;
  unitName: string;
  campusId: string | null;
  zoneId: string | null;
  zoneName: string | null;
  from: string;
  to: string;
  status: SurveyStatus;
  sceneId: string | null;
  createdAt: string;
  updatedAt: string;
  openedAt: string | null;
  closedAt: string | null;
}

export interface Survey extends SurveyHead {
  questions: Question[];
}

export interface SurveyRow extends SurveyHead {
  questionCount: number;
  responses: number;
}

export type QuestionResult =
  | {
      id: string;
      kind: 'rating';
      title: string;
      satisfaction: boolean;
      n: number;
      mean: number | null;
      distribution: Array<{ value: number; count: number; share: number }>;
    }
  | { id: string; kind: 'choice'; title: string; n: number; options: Array<{ label: string; count: number; share: number }> }
  | { id: string; kind: 'text'; title: string; n: number };

/** One response's text answers. */
export interface TextRow {
  _id: string;
  at: string;
  texts: Array<{ questionId: string; title: string; text: string; flagged: boolean }>;
}

export interface SurveyResults {
  survey: Survey;
  responses: number;
  questions: QuestionResult[];
  texts: Page<TextRow>;
}

/** An open survey as a respondent sees it. */
export interface PublicSurvey {
  _id: string;
  title: string;
  intro: string;
  unitName: string;
  zoneName: string | null;
  from: string;
  to: string;
  questions: Question[];
  answered: boolean;
}

type BySurvey = { surveyId: string };

/** The surveys function (意见征集). */
export interface SurveysContract {
  create: { input: SurveyFields; reply: Survey };
  update: { input: SurveyFields & BySurvey; reply: Survey };
  open: { input: BySurvey; reply: Survey };
  close: { input: BySurvey; reply: Survey };
  list: { input: { cursor?: string; status?: SurveyStatus }; reply: Page<SurveyRow> };
  results: { input: BySurvey; reply: SurveyResults };
  texts: { input: { surveyId: string; cursor?: string }; reply: Page<TextRow> };
  qrCode: { input: BySurvey; reply: FileRef & { sceneId: string; page: string } };
  units: { input: NoInput; reply: { items: Array<{ _id: string; name: string; kind: 'centre' | 'contractor' }> } };
  get: { input: { sceneId?: string; surveyId?: string }; reply: PublicSurvey };
  respond: {
    input: { surveyId: string; requestId: string; answers: Record<string, string | number> };
    reply: { responseId: string; replay: boolean };
  };
}
