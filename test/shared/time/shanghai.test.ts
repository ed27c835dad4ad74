import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { nextDate, shanghaiDate, wallClock, weekdayOf } from '../../../shared/time/shanghai';

dayjs.extend(utc);
dayjs.extend(timezone);

describe('Shanghai wall-clock time', () => {
  it.each([
    ['2026-11-23T15:59:59Z', '2026-11-23'],
    ['2026-11-23T16:00:00Z', '2026-11-24'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
    ['2028-02-28T16:00:00Z', '2028-02-29'],
  ])('puts %s on the Shanghai date %s', (iso, date) => {
    expect(shanghaiDate(new Date(iso))).toBe(date);
  });

  it.each([
    ['2026-11-23', '08:30', '2026-11-23T00:30:00.000Z'],
    ['2026-11-23', '00:00', '2026-11-22T16:00:00.000Z'],
    ['2026-11-23', '24:00', '2026-11-23T16:00:00.000Z'],
  ])('places %s %s at %s', (date, hhmm, iso) => {
    expect(wallClock(date, hhmm).toISOString()).toBe(iso);
  });

  it('agrees with dayjs Asia/Shanghai on every hour over four years', () => {
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2029, 0, 1); t += 3_599_999) {
      const at = new Date(t);
      const ref = dayjs(at).tz('Asia/Shanghai');
      const date = ref.format('YYYY-MM-DD');
      expect(shanghaiDate(at)).toBe(date);
      expect(weekdayOf(date)).toBe(ref.day() || 7);
      expect(nextDate(date)).toBe(ref.add(1, 'day').format('YYYY-MM-DD'));
      expect(wallClock(date, ref.format('HH:mm')).getTime()).toBe(ref.startOf('minute').valueOf());
    }
  });

  it('refuses malformed dates and times', () => {
    expect(() => wallClock('2026-1-1', '08:00')).toThrow(RangeError);
    expect(() => wallClock('2026-01-01', '8:00')).toThrow(RangeError);
  });
});
