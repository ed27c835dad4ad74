/**
 * The decision agenda (难点问题常态纳入决策机制): a coordination request that stays unresolved for
 * `afterDays` becomes an agenda item of the office's meeting, keyed by the ticket and the request's time so
 * the same request is never put on the agenda twice.
 */
export interface CoordinatingTicket {
  _id: string;
  no: string;
  state: string;
  history: ReadonlyArray<{ at: Date; event: string; note?: string }>;
}

export interface AgendaCandidate {
  key: string;
  ticketId: string;
  ticketNo: string;
  requestedAt: Date;
  reason: string;
}

const DAY_MS = 86_400_000;

/** The agenda item a coordinating ticket should have at `now`, or null when it is not due (or not coordinating). */
export function agendaCandidate(t: CoordinatingTicket, now: Date, afterDays: number): AgendaCandidate | null {
  if (t.state !== 'coordinating') return null;
  const req = [...t.history].reverse().find((h) => h.event === 'requestCoordination');
  if (!req || now.getTime() - req.at.getTime() < afterDays * DAY_MS) return null;
  return { key: `${t._id}-${req.at.getTime()}`, ticketId: t._id, ticketNo: t.no, requestedAt: req.at, reason: req.note ?? '' };
}

export const AGENDA_STATES = ['pending', 'decided'] as const;
export type AgendaState = (typeof AGENDA_STATES)[number];

export { AGENDA_STATE_LABELS } from './accountability.labels';
