import { z } from 'zod';
import { capToServiceDay, dueAt, instantAtFraction, isRunning } from '../deadlines/clock';
import type { DeadlineClock, DeadlineRule } from '../deadlines/deadline.schema';
import type { ServiceHours } from '../deadlines/service-hours.schema';
import { AppError } from '../errors';
import { ESCALATION_ERRORS } from './escalation.errors';
import { dueLevels, type EscalationLevel, nextCheckAt } from './escalation.rules';

const HOUR = 3_600_000;

/**
 * What the escalation timer does besides the ladder, as configurable data (settings document `tickets`):
 * - `pauseCapHours`: total time a ticket may spend paused ("等待配件"); at the cap the clock resumes by itself
 *   and the unit manager is told, and the ticket cannot be paused again;
 * - `repeatLastLevelHours`: after the last level (the office at 200 %), its recipients are reminded again this
 *   often, for as long as the clock runs;
 * - `findingVerifyRemindHours`: a rectified finding waits this long for its inspector before a reminder, and
 *   again at the same interval until it is verified (findings are never verified by the system).
 */
export const TimerRules = z.strictObject({
  pauseCapHours: z.number().positive().max(720).default(48),
  repeatLastLevelHours: z.number().positive().max(720).default(24),
  findingVerifyRemindHours: z.number().positive().max(720).default(24),
});
export type TimerRules = z.infer<typeof TimerRules>;
export const DEFAULT_TIMER_RULES: TimerRules = { pauseCapHours: 48, repeatLastLevelHours: 24, findingVerifyRemindHours: 24 };

/** How long a ticket has been paused: the current pause's start and the time used by earlier pauses. */
export interface PauseAccount {
  since: Date | null;
  usedMs: number;
}

/** The fields of a ticket the timer rules read (the stored ticket carries the optional ones). */
export interface TimerTicket {
  state: string;
  source: 'report' | 'finding';
  clock: DeadlineClock | null;
  escalationLevelsFired: readonly string[];
  rectification: { at: Date } | null;
  pause?: PauseAccount | null;
  /** When the last level's recipients were last reminded again (absent until the first repeat). */
  repeatRemindedAt?: Date | null;
  /** When the inspector was last reminded of a rectified finding. */
  verifyRemindedAt?: Date | null;
}

const max = (a: Date, b: Date | null | undefined): Date => (b && b > a ? b : a);
const lastLevel = (levels: readonly EscalationLevel[]) =>
  levels.reduce<EscalationLevel | null>((a, l) => (!a || l.atFraction > a.atFraction ? l : a), null);

/**
 * When the last level's recipients are due a repeat reminder: `repeatLastLevelHours` after the later of the
 * last level's threshold and the previous repeat; null unless every level has fired and the clock runs.
 */
export function repeatDueAt(t: TimerTicket, hours: ServiceHours, levels: readonly EscalationLevel[], rules: TimerRules): Date | null {
  const last = lastLevel(levels);
  if (!last || !t.clock || !isRunning(t.clock) || !levels.every((l) => t.escalationLevelsFired.includes(l.id))) return null;
  const reached = instantAtFraction(t.clock, hours, last.atFraction);
  if (!reached) return null;
  return new Date(max(reached, t.repeatRemindedAt).getTime() + rules.repeatLastLevelHours * HOUR);
}

/** When the current pause reaches the cap; null when the ticket is not paused. */
export function pauseCapAt(t: Pick<TimerTicket, 'state' | 'pause'>, rules: TimerRules): Date | null {
  if (t.state !== 'paused' || !t.pause?.since) return null;
  return new Date(t.pause.since.getTime() + Math.max(0, rules.pauseCapHours * HOUR - t.pause.usedMs));
}

/** When the inspector of a rectified finding is due a reminder; null for anything else. */
export function verifyReminderAt(t: TimerTicket, rules: TimerRules): Date | null {
  if (t.state !== 'rectified' || t.source !== 'finding' || !t.rectification) return null;
  return new Date(max(t.rectification.at, t.verifyRemindedAt).getTime() + rules.findingVerifyRemindHours * HOUR);
}

/**
 * When the timer must look at the ticket next (its `nextCheckAt`): the earliest unfired level while the clock
 * runs, else the next repeat of the last level; the pause cap while paused; the inspector reminder while a
 * finding waits for verification; otherwise never (null).
 */
export function timerCheckAt(t: TimerTicket, hours: ServiceHours, levels: readonly EscalationLevel[], rules: TimerRules): Date | null {
  if (t.clock && isRunning(t.clock))
    return nextCheckAt(t.clock, hours, t.escalationLevelsFired, levels) ?? repeatDueAt(t, hours, levels, rules);
  return pauseCapAt(t, rules) ?? verifyReminderAt(t, rules);
}

/** What the timer does with a ticket it reads at `now`. */
export type TimerStep =
  | { kind: 'escalate'; levels: EscalationLevel[] }
  | { kind: 'repeatLastLevel'; level: EscalationLevel }
  | { kind: 'pauseCap' }
  | { kind: 'verifyReminder' }
  | { kind: 'none' };

/** The step due at `now` (ladder levels first; a ticket is in one state, so at most one kind applies). */
export function timerStep(
  t: TimerTicket,
  now: Date,
  hours: ServiceHours,
  levels: readonly EscalationLevel[],
  rules: TimerRules,
): TimerStep {
  const due = dueLevels(t.clock, hours, t.escalationLevelsFired, now, levels);
  if (due.length > 0 && t.clock && isRunning(t.clock)) return { kind: 'escalate', levels: due };
  const repeat = repeatDueAt(t, hours, levels, rules);
  const last = lastLevel(levels);
  if (repeat && last && repeat <= now) return { kind: 'repeatLastLevel', level: last };
  const cap = pauseCapAt(t, rules);
  if (cap && cap <= now) return { kind: 'pauseCap' };
  const remind = verifyReminderAt(t, rules);
  if (remind && remind <= now) return { kind: 'verifyReminder' };
  return { kind: 'none' };
}

/**
 * The pause account after a transition from `before` to `after` at `now`. Entering `paused` starts a pause
 * (refused with `ESCALATION.PAUSE_LIMIT` once the allowance is used up); leaving it adds the pause's length.
 */
export function pauseAccountAfter(
  before: Pick<TimerTicket, 'state' | 'pause'>,
  after: Pick<TimerTicket, 'state'>,
  now: Date,
  rules: TimerRules,
): PauseAccount {
  const account: PauseAccount = before.pause ?? { since: null, usedMs: 0 };
  const wasPaused = before.state === 'paused';
  const isPaused = after.state === 'paused';
  if (!wasPaused && isPaused) {
    if (account.usedMs >= rules.pauseCapHours * HOUR) {
      throw new AppError(ESCALATION_ERRORS.PAUSE_LIMIT, 'the ticket has used up its pause allowance', { usedMs: account.usedMs });
    }
    return { since: now, usedMs: account.usedMs };
  }
  if (wasPaused && !isPaused && account.since) {
    return { since: null, usedMs: account.usedMs + Math.max(0, now.getTime() - account.since.getTime()) };
  }
  return account;
}

/**
 * "大问题不过夜" for rework: when a rejection restarts a clock whose rule is `endOfServiceDay`, the rework is due
 * by the end of the service day of the rejection at the latest (the original remaining budget if that is
 * sooner). Other rules keep the original clock. Returns the clock and the deadline it gives.
 */
export function reworkClock(
  clock: DeadlineClock,
  rule: DeadlineRule,
  hours: ServiceHours,
  now: Date,
): { clock: DeadlineClock; dueAt: Date | null } {
  const capped = rule.kind === 'endOfServiceDay' ? capToServiceDay(clock, hours, now) : clock;
  return { clock: capped, dueAt: dueAt(capped, hours) };
}

/** What `timerFieldsAfter` needs besides the two tickets. */
export interface TimerContext {
  now: Date;
  hours: ServiceHours;
  levels: readonly EscalationLevel[];
  rules: TimerRules;
  /** The deadline rule of the ticket's category and severity (for the rework cap); null when it has no clock. */
  deadlineRule: DeadlineRule | null;
}

/**
 * The timer's rules applied to a user's transition from `before` to `after` (the state machine's result):
 * the pause account (`ESCALATION.PAUSE_LIMIT` when pausing with the allowance used up), the rework deadline
 * after a rejection ("大问题不过夜"), and the next timer check. Returns the ticket to store and the pause
 * account to store beside it.
 */
export function timerFieldsAfter<T extends TimerTicket & { dueAt: Date | null; nextCheckAt: Date | null }>(
  before: TimerTicket,
  after: T,
  x: TimerContext,
): { ticket: T; pause: PauseAccount } {
  const pause = pauseAccountAfter(before, after, x.now, x.rules);
  let { clock, dueAt: due } = after;
  if (before.state === 'rectified' && after.state === 'rework' && clock && x.deadlineRule) {
    ({ clock, dueAt: due } = reworkClock(clock, x.deadlineRule, x.hours, x.now));
  }
  const stored = { ...after, clock, dueAt: due, pause };
  return { ticket: { ...stored, nextCheckAt: timerCheckAt(stored, x.hours, x.levels, x.rules) }, pause };
}

/**
 * The people who "+1"-ed a report (its followers, the reporter excluded), to be told when it is closed after
 * verification (by the reporter or by the system); nobody for any other transition.
 */
export function followersToTell(
  before: { state: string },
  after: { state: string; followers: readonly string[]; reporterOpenid: string | null },
): string[] {
  if (before.state !== 'rectified' || after.state !== 'closed') return [];
  return [...new Set(after.followers)].filter((f) => f !== after.reporterOpenid);
}
