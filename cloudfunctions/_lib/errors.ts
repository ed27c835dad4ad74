/** Stable error codes the function layer adds to the domain's (`TICKET.*` from shared/tickets/ticket.errors.ts). */
export const LIB_ERRORS = {
  /** The event is not `{ action, payload }`. */
  BAD_EVENT: 'REQUEST.BAD_EVENT',
  /** No such action in the function's table. */
  UNKNOWN_ACTION: 'REQUEST.UNKNOWN_ACTION',
  /** The payload failed its schema (wrong types, missing fields, unknown keys such as a forged `openid`). */
  INVALID: 'REQUEST.INVALID',
  /** An opaque page cursor that this function did not issue. */
  INVALID_CURSOR: 'REQUEST.INVALID_CURSOR',
  /** WeChat gave no caller identity for a client action. */
  NO_IDENTITY: 'AUTH.NO_IDENTITY',
  /** The caller holds none of the roles the action requires. */
  FORBIDDEN: 'AUTH.FORBIDDEN',
  /** The function was called from a source it does not serve (e.g. the timer function from a client). */
  WRONG_SOURCE: 'AUTH.WRONG_SOURCE',
  /** Unexpected failure: logged; the client gets only this code. */
  INTERNAL: 'SYSTEM.INTERNAL',
} as const;

/** Ticket-layer codes that need the database (the pure ones live in shared/). */
export const TICKET_SERVICE_ERRORS = {
  NOT_FOUND: 'TICKET.NOT_FOUND',
  /** Someone else changed the ticket between read and write; reload and retry. */
  STALE: 'TICKET.STALE',
  ZONE_NOT_FOUND: 'TICKET.ZONE_NOT_FOUND',
  UNKNOWN_CATEGORY: 'TICKET.UNKNOWN_CATEGORY',
  RATE_LIMITED: 'TICKET.RATE_LIMITED',
  CONTENT_RISKY: 'TICKET.CONTENT_RISKY',
  INVALID_ASSIGNEE: 'TICKET.INVALID_ASSIGNEE',
  NOT_HELD: 'TICKET.NOT_HELD',
  OUT_OF_SCOPE: 'TICKET.OUT_OF_SCOPE',
} as const;
