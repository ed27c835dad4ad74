import { daysOf, isoWeekOf, lastMonthOf, monthsOf, previousPeriod, rangeOf, yesterdayOf } from '../../../shared/periods';
import { sh } from '../fixtures';

describe('periods', () => {
  it.each([
    ['2026-01', '2025-12'],
    ['2026-03-01', '2026-02-28'],
    ['2026-W01', '2025-W52'],
    ['2027-W01', '2026-W53'],
  ])('the period before %s is %s', (p, prev) => {
    expect(previousPeriod(p)).toBe(prev);
  });

  it('spans a month from Shanghai midnight to Shanghai midnight', () => {
    expect(rangeOf('2026-03')).toEqual({ from: sh('2026-03-01 00:00'), to: sh('2026-04-01 00:00') });
  });

  it('knows the ISO week of a date and the months a week touches', () => {
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(daysOf('2026-W18')).toEqual(['2026-04-27', '2026-04-28', '2026-04-29', '2026-04-30', '2026-05-01', '2026-05-02', '2026-05-03']);
    expect(monthsOf('2026-W18')).toEqual(['2026-04', '2026-05']);
  });

  it('finds yesterday and last month in Shanghai terms', () => {
    expect(yesterdayOf(sh('2026-05-01 00:30'))).toBe('2026-04-30');
    expect(lastMonthOf(sh('2026-05-01 03:00'))).toBe('2026-04');
  });
});
