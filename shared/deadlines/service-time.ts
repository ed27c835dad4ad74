import { AppError } from '../errors';
import { nextDate, shanghaiDate, wallClock, weekdayOf } from '../time/shanghai';
import { DEADLINE_ERRORS } from './deadline.errors';
import type { ServiceHours } from './service-hours.schema';

type Span = readonly [start: number, end: number];

/** The opening intervals of one Shanghai date as epoch-millisecond spans. */
const spansOn = (hours: ServiceHours, date: string): Span[] =>
  hours[weekdayOf(date)].map((i) => [wallClock(date, i.open).getTime(), wallClock(date, i.close).getTime()] as const);

const assertSomeService = (hours: ServiceHours): void => {
  if (!Object.values(hours).some((day) => day.length > 0)) {
    throw new AppError(DEADLINE_ERRORS.NO_SERVICE_HOURS, 'the zone is never open');
  }
};

/** Service time in ms between two instants, counting only the zone's opening intervals; 0 when `to <= from`. */
export function serviceTimeBetween(hours: ServiceHours, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  let total = 0;
  const last = shanghaiDate(to);
  for (let date = shanghaiDate(from); date <= last; date = nextDate(date)) {
    for (const [start, end] of spansOn(hours, date)) total += Math.max(0, Math.min(end, b) - Math.max(start, a));
  }
  return total;
}

/**
 * The instant at which `ms` of service time has passed since `from`.
 * A duration that fills an interval exactly ends at its closing time; `ms = 0` returns `from`.
 */
export function addServiceTime(hours: ServiceHours, from: Date, ms: number): Date {
  if (ms <= 0) return from;
  assertSomeService(hours);
  const a = from.getTime();
  let remaining = ms;
  for (let date = shanghaiDate(from); ; date = nextDate(date)) {
    for (const [start, end] of spansOn(hours, date)) {
      if (end <= a) continue;
      const begin = Math.max(start, a);
      if (end - begin >= remaining) return new Date(begin + remaining);
      remaining -= end - begin;
    }
  }
}

/**
 * Service time left on the service day of `at`: the rest of today's intervals, or, when today's service is
 * over (or there is none), the whole of the next day that has service.
 */
export function serviceDayRemaining(hours: ServiceHours, at: Date): number {
  assertSomeService(hours);
  const today = shanghaiDate(at);
  const rest = serviceTimeBetween(hours, at, wallClock(today, '24:00'));
  if (rest > 0) return rest;
  for (let date = nextDate(today); ; date = nextDate(date)) {
    const whole = spansOn(hours, date).reduce((sum, [start, end]) => sum + (end - start), 0);
    if (whole > 0) return whole;
  }
}
