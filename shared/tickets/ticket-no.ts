import { z } from 'zod';
import { AppError } from '../errors';
import { shanghaiDate } from '../time/shanghai';
import { TICKET_ERRORS } from './ticket.errors';

/** A human ticket number, `XC-YYYYMMDD-NNNN`. */
export const TicketNo = z.string().regex(/^XC-\d{8}-\d{4}$/, 'invalid ticket number');

/** The Shanghai day key a ticket-number sequence counts within: `ticketDay(at) === '20261123'`. */
export const ticketDay = (at: Date): string => shanghaiDate(at).replaceAll('-', '');

/** Formats the ticket number for an instant and the day's sequence: `formatTicketNo(at, 42) === 'XC-20261123-0042'`. */
export function formatTicketNo(at: Date, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999) {
    throw new AppError(TICKET_ERRORS.SEQUENCE_OUT_OF_RANGE, `sequence ${sequence} is outside 1..9999`, { sequence });
  }
  return `XC-${ticketDay(at)}-${String(sequence).padStart(4, '0')}`;
}
