import type { ServiceHours } from '../deadlines/service-hours.schema';
import { AppError } from '../errors';
import { daysOf, isoWeekOf } from '../periods/period';
import { nextDate, wallClock, weekdayOf } from '../time/shanghai';
import { PATROL_ERRORS } from './patrol.errors';
import type { PlanFields, Recurrence } from './plan.schema';

const MINUTE = 60_000;

/** At most this many occurrences of one plan in one day (targets × slots); more is refused when the plan is saved. */
export const MAX_OCCURRENCES_PER_PLAN_DAY = 300;

/** One occurrence-to-be of a plan at a zone: its idempotency key part, window and miss time. */
export interface Slot {
  /** `YYYY-MM-DD`, `YYYY-MM-DDTHHmm`, or a sample period (`2026-W48`, `2026-11`): unique per plan and zone. */
  key: string;
  /** The Shanghai date the window opens on. */
  date: string;
  startAt: Date;
  dueAt: Date;
  missAt: Date;
}

type SlotPlan = Pick<PlanFields, 'recurrence' | 'window' | 'graceMinutes' | 'startDate' | 'endDate'>;

const lastDayOfMonth = (date: string): number => daysOf(date.slice(0, 7)).length;

/** Whether a calendar date is one the recurrence falls on (samples fall on no single date). */
export function fallsOn(r: Recurrence, date: string): boolean {
  switch (r.freq) {
    case 'daily':
      return true;
    case 'weekly':
      return r.days.includes(weekdayOf(date));
    case 'monthly':
      // The 31st means "the last day": a short month still has its patrol.
      return Number(date.slice(8, 10)) === Math.min(r.day, lastDayOfMonth(date));
    case 'sample':
      return false;
  }
}

/** The dates from `from` to `to` inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = nextDate(d)) out.push(d);
  return out;
}

const hasService = (hours: ServiceHours | undefined): hours is ServiceHours => !!hours && Object.values(hours).some((d) => d.length > 0);

/** Throws the coded error for a zone without service hours (a plan cannot place windows in it). */
export function assertServiceHours(hours: ServiceHours | undefined, zoneId: string): asserts hours is ServiceHours {
  if (!hasService(hours)) throw new AppError(PATROL_ERRORS.ZONE_WITHOUT_SERVICE_HOURS, `zone ${zoneId} has no service hours`, { zoneId });
}

/** The window of a dated slot at a zone, or null when the zone is not open then (no occurrence is made). */
function dailySlot(plan: SlotPlan, hours: ServiceHours, date: string): Slot | null {
  const day = hours[weekdayOf(date)];
  if (day.length === 0) return null;
  const grace = plan.graceMinutes * MINUTE;
  if (plan.window.kind === 'fixed') {
    const at = plan.window.at;
    if (!day.some((i) => i.open <= at && at < i.close)) return null;
    const startAt = wallClock(date, at);
    const dueAt = new Date(startAt.getTime() + plan.window.minutes * MINUTE);
    return { key: `${date}T${at.replace(':', '')}`, date, startAt, dueAt, missAt: new Date(dueAt.getTime() + grace) };
  }
  const startAt = wallClock(date, day[0].open);
  const dueAt = wallClock(date, day[day.length - 1].close);
  return { key: date, date, startAt, dueAt, missAt: new Date(dueAt.getTime() + grace) };
}

/** The sample periods (ISO weeks or months) that touch the dates from `from` to `to`. */
export function samplePeriods(per: 'week' | 'month', from: string, to: string): string[] {
  const out = new Set<string>();
  for (const d of datesBetween(from, to)) out.add(per === 'week' ? isoWeekOf(d) : d.slice(0, 7));
  return [...out];
}

/** A sample period's window at a zone: its first opening to its last closing within the plan's dates, or null. */
export function sampleSlot(plan: SlotPlan, hours: ServiceHours, period: string): Slot | null {
  const dates = daysOf(period).filter((d) => d >= plan.startDate && (!plan.endDate || d <= plan.endDate));
  const open = dates.filter((d) => hours[weekdayOf(d)].length > 0);
  if (open.length === 0) return null;
  const first = hours[weekdayOf(open[0])][0];
  const lastDay = hours[weekdayOf(open[open.length - 1])];
  const startAt = wallClock(open[0], first.open);
  const dueAt = wallClock(open[open.length - 1], lastDay[lastDay.length - 1].close);
  return { key: period, date: open[0], startAt, dueAt, missAt: new Date(dueAt.getTime() + plan.graceMinutes * MINUTE) };
}

/**
 * The dated slots of a plan at one zone whose date lies from `from` to `to` (inclusive), clipped to the plan's
 * start and end dates; only those when the zone is open. `slotsAt(plan, hours, '2026-11-30', '2026-12-01')`.
 */
export function slotsAt(plan: SlotPlan, hours: ServiceHours, from: string, to: string): Slot[] {
  if (plan.recurrence.freq === 'sample') return [];
  const start = from > plan.startDate ? from : plan.startDate;
  const end = plan.endDate && plan.endDate < to ? plan.endDate : to;
  const out: Slot[] = [];
  for (const date of datesBetween(start, end)) {
    if (!fallsOn(plan.recurrence, date)) continue;
    const slot = dailySlot(plan, hours, date);
    if (slot) out.push(slot);
  }
  return out;
}

/**
 * Checks, when a plan is saved, that it yields something and not too much: at least one slot in the year from
 * its start at some target zone, and at most `MAX_OCCURRENCES_PER_PLAN_DAY` occurrences on its busiest day.
 * Throws the coded error; returns the number of occurrences in that year (what the editor shows).
 */
export function checkYield(
  plan: SlotPlan & Pick<PlanFields, 'assignees'>,
  zones: ReadonlyArray<{ _id: string; serviceHours?: ServiceHours }>,
): number {
  const perOccurrence = plan.assignees.mode === 'all' ? plan.assignees.personIds.length : 1;
  for (const z of zones) if (plan.window.kind === 'service' || plan.recurrence.freq === 'sample') assertServiceHours(z.serviceHours, z._id);
  const yearEnd = addDays(plan.startDate, 364);
  const r = plan.recurrence;
  if (r.freq === 'sample') {
    const periods = samplePeriods(r.per, plan.startDate, plan.endDate && plan.endDate < yearEnd ? plan.endDate : yearEnd);
    const open = zones.filter((z) => hasService(z.serviceHours));
    let total = 0;
    for (const p of periods) {
      const eligible = open.filter((z) => sampleSlot(plan, z.serviceHours as ServiceHours, p)).length;
      total += Math.min(r.count, eligible) * perOccurrence;
    }
    if (total === 0) throw new AppError(PATROL_ERRORS.RECURRENCE_EMPTY, 'the sample finds no open zone in a year');
    if (r.count * perOccurrence > MAX_OCCURRENCES_PER_PLAN_DAY * 7)
      throw new AppError(PATROL_ERRORS.RECURRENCE_TOO_MANY, 'the sample is too large', { cap: MAX_OCCURRENCES_PER_PLAN_DAY * 7 });
    return total;
  }
  const perDay = new Map<string, number>();
  let total = 0;
  for (const z of zones) {
    if (!hasService(z.serviceHours)) continue;
    for (const s of slotsAt(plan, z.serviceHours, plan.startDate, yearEnd)) {
      perDay.set(s.date, (perDay.get(s.date) ?? 0) + perOccurrence);
      total += perOccurrence;
    }
  }
  if (total === 0) throw new AppError(PATROL_ERRORS.RECURRENCE_EMPTY, 'the recurrence yields no occurrence in a year');
  const busiest = Math.max(...perDay.values());
  if (busiest > MAX_OCCURRENCES_PER_PLAN_DAY)
    throw new AppError(PATROL_ERRORS.RECURRENCE_TOO_MANY, `up to ${busiest} occurrences a day`, {
      busiest,
      cap: MAX_OCCURRENCES_PER_PLAN_DAY,
    });
  return total;
}

/** `addDays('2026-12-31', 1) === '2027-01-01'`. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The occurrence key: unique per plan, zone, slot and (for "all must complete") assignee. */
export const occurrenceKey = (planId: string, zoneId: string, slotKey: string, assigneeId?: string): string =>
  `${planId}~${zoneId}~${slotKey}${assigneeId ? `~${assigneeId}` : ''}`;
