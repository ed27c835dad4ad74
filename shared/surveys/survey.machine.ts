import { AppError } from '../errors';
import { shanghaiDate } from '../time/shanghai';
import { SURVEY_ERRORS } from './survey.errors';
import type { SurveyStatus } from './survey.schema';

export type SurveyEvent = 'open' | 'close';

/** The lifecycle as data: draft → open → closed. Only a draft can be edited; nothing leaves `closed`. */
export const SURVEY_TRANSITIONS: Readonly<Record<SurveyStatus, Partial<Record<SurveyEvent, SurveyStatus>>>> = {
  draft: { open: 'open' },
  open: { close: 'closed' },
  closed: {},
};

/** The status after `event`, or `SURVEY.INVALID_TRANSITION`: `nextStatus('draft', 'open') === 'open'`. */
export function nextStatus(status: SurveyStatus, event: SurveyEvent): SurveyStatus {
  const next = SURVEY_TRANSITIONS[status][event];
  if (!next) throw new AppError(SURVEY_ERRORS.INVALID_TRANSITION, `cannot ${event} a ${status} survey`, { status, event });
  return next;
}

/** Whether a survey takes responses at `now`: its status and its period (Shanghai dates, inclusive). */
export type Availability = 'open' | 'notOpen' | 'closed';

export function availabilityOf(s: { status: SurveyStatus; from: string; to: string }, now: Date): Availability {
  if (s.status === 'draft') return 'notOpen';
  if (s.status === 'closed') return 'closed';
  const today = shanghaiDate(now);
  if (today < s.from) return 'notOpen';
  if (today > s.to) return 'closed';
  return 'open';
}

/** Throws the coded error that says why a survey does not take responses at `now` (nothing when it does). */
export function assertAvailable(s: { status: SurveyStatus; from: string; to: string }, now: Date): void {
  const a = availabilityOf(s, now);
  if (a === 'notOpen') throw new AppError(SURVEY_ERRORS.NOT_OPEN, 'this survey is not open yet', { from: s.from });
  if (a === 'closed') throw new AppError(SURVEY_ERRORS.CLOSED, 'this survey has closed', { to: s.to });
}
