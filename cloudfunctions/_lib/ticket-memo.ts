import type { Ticket } from '../../shared/tickets';

/**
 * The tickets this instance has just written, so the notification that follows a write can say what, where
 * and by when without reading the ticket back (the QR report keeps to its three database requests). Only the
 * facts a message needs; bounded; an entry is the version this instance wrote, and a message is composed right
 * after that write, so it describes the ticket as the action left it.
 */
export type TicketFacts = Pick<Ticket, '_id' | 'no' | 'categoryCode' | 'description' | 'zoneId' | 'dueAt' | 'state'>;

const MAX = 200;
const memo = new Map<string, TicketFacts>();

export function rememberTicket(t: TicketFacts): void {
  memo.delete(t._id);
  memo.set(t._id, {
    _id: t._id,
    no: t.no,
    categoryCode: t.categoryCode,
    description: t.description,
    zoneId: t.zoneId,
    dueAt: t.dueAt,
    state: t.state,
  });
  if (memo.size > MAX) memo.delete(memo.keys().next().value as string);
}

export const recalledTicket = (id: string): TicketFacts | undefined => memo.get(id);
