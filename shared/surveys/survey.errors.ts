/** Stable error codes of surveys (意见征集). */
export const SURVEY_ERRORS = {
  /** No survey with this id or scene. */
  NOT_FOUND: 'SURVEY.NOT_FOUND',
  /** A draft, or open but before its first day: not taking responses yet. */
  NOT_OPEN: 'SURVEY.NOT_OPEN',
  /** Closed, or past its last day: no longer taking responses. */
  CLOSED: 'SURVEY.CLOSED',
  /** The lifecycle does not allow this (edit an open survey, open a closed one, …). */
  INVALID_TRANSITION: 'SURVEY.INVALID_TRANSITION',
  /** The survey's last day has passed: it cannot be opened any more. */
  PERIOD_OVER: 'SURVEY.PERIOD_OVER',
  /** The answers do not fit the survey's questions (details.issues says which). */
  INVALID_ANSWERS: 'SURVEY.INVALID_ANSWERS',
  /** This WeChat user has already answered this survey. */
  ALREADY_RESPONDED: 'SURVEY.ALREADY_RESPONDED',
  /** A text answer failed the content check. */
  CONTENT_RISKY: 'SURVEY.CONTENT_RISKY',
  UNIT_NOT_FOUND: 'SURVEY.UNIT_NOT_FOUND',
  ZONE_NOT_FOUND: 'SURVEY.ZONE_NOT_FOUND',
  /** The zone belongs to another unit than the one the survey rates. */
  ZONE_OUTSIDE_UNIT: 'SURVEY.ZONE_OUTSIDE_UNIT',
  /** Too many simultaneous responses kept colliding; the client may retry with the same request id. */
  BUSY: 'SURVEY.BUSY',
} as const;
