/** Stable error codes of the ticket domain. */
export const TICKET_ERRORS = {
  /** The event does not exist for the ticket's state, kind or source. */
  INVALID_TRANSITION: 'TICKET.INVALID_TRANSITION',
  /** The actor holds none of the roles allowed to fire the event. */
  FORBIDDEN: 'TICKET.FORBIDDEN',
  /** The system tried to auto-verify before the waiting period after rectification ended. */
  AUTO_VERIFY_NOT_DUE: 'TICKET.AUTO_VERIFY_NOT_DUE',
  /** Reassigning to the person who already holds the ticket. */
  SAME_ASSIGNEE: 'TICKET.SAME_ASSIGNEE',
  /** Changing severity to the one the ticket already has. */
  SEVERITY_UNCHANGED: 'TICKET.SEVERITY_UNCHANGED',
  /** A daily ticket sequence outside 1..9999. */
  SEQUENCE_OUT_OF_RANGE: 'TICKET.SEQUENCE_OUT_OF_RANGE',
} as const;
