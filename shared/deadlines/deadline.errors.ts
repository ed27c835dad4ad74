/** Stable error codes of the deadline rules. */
export const DEADLINE_ERRORS = {
  /** The hours have no open interval in the whole week, so service time never passes. */
  NO_SERVICE_HOURS: 'DEADLINE.NO_SERVICE_HOURS',
  /** A category names a deadline rule set that is not configured. */
  UNKNOWN_RULE: 'DEADLINE.UNKNOWN_RULE',
} as const;
