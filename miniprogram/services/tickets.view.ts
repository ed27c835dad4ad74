/** Ticket documents (as the functions return them) → the few fields a card renders. */
import type { TicketRow } from '../shared/contract';
import { CLOCK_RUNNING, type Countdown, categoryName, countdown, formatTime, SEVERITY_LABELS, STATE_LABELS, STATE_TONES } from './format';

/** A ticket as list actions return it (shared/contract `TicketRow`, dates as strings). */
export type { TicketRow };

/** What a ticket card renders; nothing else goes into `data`. */
export type TicketCard = {
  id: string;
  no: string;
  title: string;
  desc: string;
  state: string;
  stateLabel: string;
  tone: string;
  severity: string;
  severityLabel: string;
  /** Where: the zone's name, or '' when unknown. */
  zone: string;
  time: string;
  countdown: string;
  overdue: boolean;
  urgent: boolean;
  positive: boolean;
  repeat: number;
  /** Who holds it, '' when the list does not say. */
  holder: string;
};

const isRunning = (t: TicketRow) => (t.clock ? t.clock.runningSince !== null : CLOCK_RUNNING.has(t.state));

export function countdownOf(t: Pick<TicketRow, 'dueAt' | 'clock' | 'state'>, now: number): Countdown {
  return countdown(t.dueAt, now, isRunning(t as TicketRow));
}

export function toCard(t: TicketRow, now: number): TicketCard {
  const c = t.kind === 'problem' && !['verified', 'closed', 'cancelled'].includes(t.state) ? countdownOf(t, now) : null;
  return {
    id: t._id,
    no: t.no,
    title: categoryName(t.categoryCode),
    desc: t.description.length > 60 ? `${t.description.slice(0, 60)}…` : t.description,
    state: t.state,
    stateLabel: t.kind === 'positive' ? '典型示范' : t.held ? '内容待审核' : STATE_LABELS[t.state],
    tone: t.kind === 'positive' ? 'ok' : STATE_TONES[t.state],
    severity: t.severity,
    severityLabel: SEVERITY_LABELS[t.severity] ?? '',
    zone: t.zoneName ?? '',
    time: formatTime(t.createdAt),
    countdown: c?.text ?? '',
    overdue: c?.overdue ?? false,
    urgent: c?.urgent ?? false,
    positive: t.kind === 'positive',
    repeat: t.repeat?.count ?? 0,
    holder: t.assigneeName === undefined ? '' : (t.assigneeName ?? '未分派'),
  };
}
