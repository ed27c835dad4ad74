import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The wall-clock zone every deadline, period and ticket number is computed in. */
export const ZONE = 'Asia/Shanghai';

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** The Shanghai calendar date of an instant: `shanghaiDate(new Date('2026-11-23T16:30:00Z')) === '2026-11-24'`. */
export const shanghaiDate = (at: Date): string => dayjs(at).tz(ZONE).format('YYYY-MM-DD');

/** The calendar date after `date` (both `YYYY-MM-DD`). */
export const nextDate = (date: string): string => dayjs.utc(date).add(1, 'day').format('YYYY-MM-DD');

/** The ISO weekday of a calendar date. */
export const weekdayOf = (date: string): Weekday => (dayjs.utc(date).day() || 7) as Weekday;

/** The instant of a Shanghai wall-clock time on a date; `'24:00'` is midnight at the end of that date. */
export const wallClock = (date: string, hhmm: string): Date =>
  hhmm === '24:00' ? wallClock(nextDate(date), '00:00') : dayjs.tz(`${date} ${hhmm}`, ZONE).toDate();
