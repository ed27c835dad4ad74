import type { DeadlineClock, DeadlineRule } from './deadline.schema';
import type { ServiceHours } from './service-hours.schema';
import { addServiceTime, serviceDayRemaining, serviceTimeBetween } from './service-time';

const MINUTE = 60_000;

/** Time elapsed on the clock's basis: the zone's service hours, or wall time for 'continuous'. */
const elapsed = (clock: DeadlineClock, hours: ServiceHours, from: Date, to: Date): number =>
  clock.basis === 'continuous' ? Math.max(0, to.getTime() - from.getTime()) : serviceTimeBetween(hours, from, to);

const advance = (clock: DeadlineClock, hours: ServiceHours, from: Date, ms: number): Date =>
  clock.basis === 'continuous' ? new Date(from.getTime() + Math.max(0, ms)) : addServiceTime(hours, from, ms);

/** Basis and budget for a rule applied at `now`, given time already used (end-of-day budgets absorb it). */
function budgetFor(rule: DeadlineRule, hours: ServiceHours, now: Date, usedMs: number): Pick<DeadlineClock, 'basis' | 'budgetMs'> {
  switch (rule.kind) {
    case 'serviceMinutes':
      return { basis: 'service', budgetMs: rule.minutes * MINUTE };
    case 'clockMinutes':
      return { basis: 'continuous', budgetMs: rule.minutes * MINUTE };
    case 'endOfServiceDay':
      return { basis: 'service', budgetMs: usedMs + serviceDayRemaining(hours, now) };
  }
}

/** A running clock started at `now` under `rule`. */
export function startClock(rule: DeadlineRule, hours: ServiceHours, now: Date): DeadlineClock {
  return { ...budgetFor(rule, hours, now, 0), usedMs: 0, runningSince: now };
}

/** Time consumed up to `now`, including the current running stretch. */
export function consumedMs(clock: DeadlineClock, hours: ServiceHours, now: Date): number {
  return clock.usedMs + (clock.runningSince ? elapsed(clock, hours, clock.runningSince, now) : 0);
}

/** Whether time is being consumed. */
export const isRunning = (clock: DeadlineClock): boolean => clock.runningSince !== null;

/** Stops consumption at `now`, settling the time used so far; a paused clock is returned unchanged. */
export function pauseClock(clock: DeadlineClock, hours: ServiceHours, now: Date): DeadlineClock {
  if (!clock.runningSince) return clock;
  return { ...clock, usedMs: consumedMs(clock, hours, now), runningSince: null };
}

/** Restarts consumption from `now`; a running clock is returned unchanged. */
export function resumeClock(clock: DeadlineClock, now: Date): DeadlineClock {
  return clock.runningSince ? clock : { ...clock, runningSince: now };
}

/**
 * Applies the rule of a new severity at `now`: time used is kept, the budget and basis come from the new rule
 * (an end-of-day rule gets a budget that ends at the close of today's service day), running stays running.
 */
export function changeSeverity(clock: DeadlineClock, rule: DeadlineRule, hours: ServiceHours, now: Date): DeadlineClock {
  const usedMs = consumedMs(clock, hours, now);
  return { ...budgetFor(rule, hours, now, usedMs), usedMs, runningSince: clock.runningSince ? now : null };
}

/**
 * The instant at which `fraction` of the budget is consumed (1 = the deadline); null while paused.
 * When that point was already passed before the clock last started, it is the start of the running stretch.
 */
export function instantAtFraction(clock: DeadlineClock, hours: ServiceHours, fraction: number): Date | null {
  if (!clock.runningSince) return null;
  const needed = Math.ceil(clock.budgetMs * fraction) - clock.usedMs;
  return advance(clock, hours, clock.runningSince, needed);
}

/** The deadline: when the remaining budget is exhausted on the clock's basis; null while paused. */
export const dueAt = (clock: DeadlineClock, hours: ServiceHours): Date | null => instantAtFraction(clock, hours, 1);

/** Share of the budget consumed at `now`: 0.5 is halfway, above 1 is overdue. */
export function fractionUsed(clock: DeadlineClock, hours: ServiceHours, now: Date): number {
  return consumedMs(clock, hours, now) / clock.budgetMs;
}

/** Whether at least `fraction` of the budget is consumed at `now`, using the same rounding as `instantAtFraction`. */
export function hasReached(clock: DeadlineClock, hours: ServiceHours, now: Date, fraction: number): boolean {
  return consumedMs(clock, hours, now) >= Math.ceil(clock.budgetMs * fraction);
}

/**
 * Caps a running clock so that it is due by the end of the service day of `now` at the latest (the budget is
 * never raised). `serviceDayRemaining` counts the rest of today's service, or the next service day when today's
 * is over, so a clock restarted after closing is due by the end of the next service day.
 */
export function capToServiceDay(clock: DeadlineClock, hours: ServiceHours, now: Date): DeadlineClock {
  const used = consumedMs(clock, hours, now);
  const budgetMs = Math.min(clock.budgetMs, Math.max(used + serviceDayRemaining(hours, now), 1));
  return { ...clock, budgetMs };
}
