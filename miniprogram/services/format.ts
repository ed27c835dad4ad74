/** Labels and formatting for the views: pure functions of their arguments (callers pass `now`). */
import {
  asShanghaiWall,
  CLOCK_RUNNING_STATES,
  EVENT_LABELS,
  LIMITS,
  SEVERITY_LABELS as SEVERITY_LABEL_TABLE,
  STATE_LABELS,
  TICKET_ROLE_LABELS,
  type TicketState,
} from '../shared/contract';
import { knownCategories } from './categories';
import { CATEGORIES } from './checklists';

export { EVENT_LABELS, STATE_LABELS };

/** By any string (a stored severity may be read as a plain string): an unknown one has no label. */
export const SEVERITY_LABELS: Readonly<Record<string, string>> = SEVERITY_LABEL_TABLE;

/** A tone per state, used as a BEM modifier: `tag--warn`. */
export const STATE_TONES: Record<TicketState, 'info' | 'warn' | 'ok' | 'muted' | 'danger'> = {
  reported: 'info',
  assigned: 'info',
  accepted: 'warn',
  paused: 'muted',
  coordinating: 'muted',
  rectified: 'warn',
  rework: 'danger',
  verified: 'ok',
  closed: 'ok',
  cancelled: 'muted',
};

/** Who acted on a ticket (its history), in relation to it. */
export const ROLE_LABELS: Readonly<Record<string, string>> = TICKET_ROLE_LABELS;

/** The built-in categories (miniprogram/services/checklists.ts), kept here for the pages that import them from format. */
export { CATEGORIES };

/** A category's name: from the categories last loaded (miniprogram/services/categories.ts), else the built-in list. */
export const categoryName = (code: string): string =>
  knownCategories().find((c) => c.code === code)?.name ?? CATEGORIES.find((c) => c.code === code)?.name ?? code;

const pad = (n: number) => String(n).padStart(2, '0');

/** `2025-03-04T06:05:00Z` → `03-04 14:05` (Asia/Shanghai), whatever the device's zone. */
export function formatTime(at: string | Date | null | undefined): string {
  if (!at) return '';
  const t = asShanghaiWall(at);
  if (Number.isNaN(t.getTime())) return '';
  return `${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/** How a deadline reads at `now`: remaining time, overdue, or paused. */
export type Countdown = { text: string; overdue: boolean; urgent: boolean; running: boolean };

/**
 * `countdown(due, now, running)`: "剩 1小时05分", under an hour "剩 12:34", past due "超时 25分".
 * A stopped clock (paused, coordinating, rectified) reads "计时暂停".
 */
export function countdown(dueAt: string | Date | null | undefined, now: number, running: boolean): Countdown {
  if (!dueAt) return { text: '', overdue: false, urgent: false, running: false };
  if (!running) return { text: '计时暂停', overdue: false, urgent: false, running: false };
  const ms = new Date(dueAt).getTime() - now;
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  if (ms < 0) {
    const span = d > 0 ? `${d}天${h}小时` : h > 0 ? `${h}小时${pad(m)}分` : `${m}分`;
    return { text: `超时 ${span}`, overdue: true, urgent: true, running: true };
  }
  const text = d > 0 ? `剩 ${d}天${h}小时` : h > 0 ? `剩 ${h}小时${pad(m)}分` : `剩 ${pad(m)}:${pad(s)}`;
  return { text, overdue: false, urgent: ms < 3_600_000, running: true };
}

/** States in which a problem's deadline clock runs (shared/contract CLOCK_RUNNING_STATES, the machine's). */
export const CLOCK_RUNNING: ReadonlySet<string> = new Set(CLOCK_RUNNING_STATES);

/** Text limits of the ticket requests (shared/contract LIMITS, which the schemas are built from), for form hints. */
export { LIMITS };

/**
 * Actions a ticket's assignee can take in each state: the `assignee` rows of PROBLEM_TRANSITIONS in
 * shared/tickets/ticket.machine.ts (a test keeps the two in step; importing the machine would pull zod in).
 */
export const ASSIGNEE_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  assigned: ['accept', 'requestCoordination'],
  accepted: ['pause', 'rectify', 'requestCoordination'],
  paused: ['resume'],
  rework: ['rectify'],
};

/** Actions a unit manager can take on the board, by state (the `unitManager` rows, same test). */
export const MANAGER_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  reported: ['cancel'],
  assigned: ['reassign', 'requestCoordination', 'cancel'],
  accepted: ['pause', 'reassign', 'requestCoordination', 'cancel'],
  paused: ['resume', 'reassign', 'cancel'],
  rework: ['reassign'],
};
