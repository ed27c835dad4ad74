/**
 * Shanghai wall-clock time. The conventions (docs/conventions.md, "Time") ask for dayjs' timezone plugin; this
 * file deliberately uses fixed UTC+8 arithmetic instead. China has kept UTC+8 without daylight saving since 1991, so
 * the results are identical for every instant this system handles (the tests compare against
 * dayjs), and the plugin cost ~235 µs a call: the escalation sweep makes thousands of these calls
 * per ticket batch and missed its 60 s budget with it (bench/tickets.bench.ts). dayjs remains the
 * tool for formatting and for arithmetic elsewhere.
 */

/** The wall-clock zone every deadline, period and ticket number is computed in. */
export const ZONE = 'Asia/Shanghai';

/** Shanghai's fixed offset from UTC. */
export const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;

const utcMidnight = (date: string): number => {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
};

/** The Shanghai calendar date of an instant: `shanghaiDate(new Date('2026-11-23T16:30:00Z')) === '2026-11-24'`. */
export const shanghaiDate = (at: Date): string => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);

/** The Shanghai calendar month of an instant, `YYYY-MM`. */
export const shanghaiMonth = (at: Date): string => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 7);

/**
 * The instant moved by the Shanghai offset, so that its `getUTC*` fields read Shanghai wall-clock time
 * (`asShanghaiWall(t).getUTCHours()` is the hour in Shanghai): for formatting, whatever the device's zone.
 */
export const asShanghaiWall = (at: Date | string | number): Date => new Date(new Date(at).getTime() + OFFSET_MS);

const pad2 = (n: number) => String(n).padStart(2, '0');

/** An instant as people read it on a card, in Shanghai: `shanghaiDayTimeZh('2030-04-01T19:00:00Z') === '4月2日 03:00'`. */
export const shanghaiDayTimeZh = (at: Date | string | number): string => {
  const t = asShanghaiWall(at);
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}`;
};

/** The calendar date after `date` (both `YYYY-MM-DD`). */
export const nextDate = (date: string): string => new Date(utcMidnight(date) + DAY_MS).toISOString().slice(0, 10);

/** The ISO weekday of a calendar date. */
export const weekdayOf = (date: string): Weekday => (new Date(utcMidnight(date)).getUTCDay() || 7) as Weekday;

/** The instant of a Shanghai wall-clock time on a date; `'24:00'` is midnight at the end of that date. */
export const wallClock = (date: string, hhmm: string): Date => {
  if (hhmm === '24:00') return new Date(utcMidnight(date) + DAY_MS - OFFSET_MS);
  const m = TIME_RE.exec(hhmm);
  if (!m) throw new RangeError(`not an HH:mm time: ${hhmm}`);
  return new Date(utcMidnight(date) + (Number(m[1]) * 60 + Number(m[2])) * 60_000 - OFFSET_MS);
};
