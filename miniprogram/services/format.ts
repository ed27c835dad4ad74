/** Labels and formatting for the views: pure functions of their arguments (callers pass `now`). */
import type { TicketState } from '../../shared/tickets/ticket.schema';
import { knownCategories } from './categories';
import { CATEGORIES } from './checklists';

export const STATE_LABELS: Record<TicketState, string> = {
  reported: '待分派',
  assigned: '待接单',
  accepted: '整改中',
  paused: '已暂停',
  coordinating: '协调中',
  rectified: '待确认',
  rework: '返工中',
  verified: '已确认',
  closed: '已办结',
  cancelled: '已作废',
};

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

export const SEVERITY_LABELS: Record<string, string> = { minor: '一般', major: '较重', critical: '严重' };

export const EVENT_LABELS: Record<string, string> = {
  create: '提交',
  assign: '分派',
  accept: '接单',
  pause: '暂停',
  resume: '恢复',
  rectify: '提交整改',
  approve: '确认整改',
  reject: '退回重改',
  autoVerify: '超时自动确认',
  close: '办结',
  reassign: '改派',
  cancel: '作废',
  requestCoordination: '申请协调',
  coordinationProceed: '协调：继续办理',
  coordinationCancel: '协调：作废',
  reopen: '重新打开',
  changeSeverity: '调整等级',
  escalate: '超时升级',
  record: '记录',
};

export const ROLE_LABELS: Record<string, string> = {
  system: '系统',
  admin: '管理员',
  officeInspector: '总务部巡查',
  inspectorInScope: '巡查员',
  unitManager: '单位负责人',
  assignee: '责任人',
  reporter: '报告人',
};

/** The built-in categories (services/checklists.ts), kept here for the pages that import them from format. */
export { CATEGORIES };

/** A category's name: from the categories last loaded (services/categories.ts), else the built-in list. */
export const categoryName = (code: string): string =>
  knownCategories().find((c) => c.code === code)?.name ?? CATEGORIES.find((c) => c.code === code)?.name ?? code;

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000; // China keeps UTC+8 all year
const pad = (n: number) => String(n).padStart(2, '0');

/** `2025-03-04T06:05:00Z` → `03-04 14:05` (Asia/Shanghai), whatever the device's zone. */
export function formatTime(at: string | Date | null | undefined): string {
  if (!at) return '';
  const t = new Date(new Date(at).getTime() + SHANGHAI_OFFSET_MS);
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

/** States in which a problem's deadline clock runs (see shared/tickets/ticket.machine.ts). */
export const CLOCK_RUNNING: ReadonlySet<string> = new Set(['reported', 'assigned', 'accepted', 'rework']);

/** Text limits of shared/tickets/ticket.requests.schema.ts (`Text(n)`), for form hints. */
export const LIMITS = { reportText: 500, findingText: 500, reason: 200, note: 500, cause: 200 } as const;

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
