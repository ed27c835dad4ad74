/** The function layer's codes and the ticket service's, from their tables in shared/ (one definition each). */
export { LIB_ERRORS } from '../../shared/common/request.errors';
export { TICKET_SERVICE_ERRORS } from '../../shared/tickets/ticket.errors';
