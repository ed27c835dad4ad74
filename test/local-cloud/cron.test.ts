import { matches, nextFire, parseCron } from '../../scripts/local-cloud/cron';

// Instants are written in UTC; CloudBase evaluates crons in UTC+8.
const at = (iso: string) => new Date(iso);

describe('CloudBase timer crons (7 fields, UTC+8)', () => {
  it.each([
    ['0 * * * * * *', '2026-11-23T01:02:00Z', '2026-11-23T01:03:00.000Z'],
    ['0 */5 * * * * *', '2026-11-23T01:02:00Z', '2026-11-23T01:05:00.000Z'],
    ['0 0 2 * * * *', '2026-11-23T00:00:00Z', '2026-11-23T18:00:00.000Z'], // 02:00 Shanghai = 18:00 UTC the day before
    ['0 30 9 * * MON-FRI *', '2026-11-27T02:00:00Z', '2026-11-30T01:30:00.000Z'], // Friday after 09:30 → Monday 09:30
    ['0 0 3 1 * * *', '2026-11-23T00:00:00Z', '2026-11-30T19:00:00.000Z'], // the 1st at 03:00 Shanghai
    ['*/10 * * * * * *', '2026-11-23T01:02:03Z', '2026-11-23T01:02:10.000Z'],
    ['0 0 0 * * SUN *', '2026-11-23T00:00:00Z', '2026-11-28T16:00:00.000Z'],
  ])('%s after %s fires next at %s', (expr, from, expected) => {
    expect(nextFire(parseCron(expr), at(from))?.toISOString()).toBe(expected);
  });

  it('matches the exact second only', () => {
    const cron = parseCron('0 0 8 * * * *');
    expect(matches(cron, at('2026-11-23T00:00:00Z'))).toBe(true);
    expect(matches(cron, at('2026-11-23T00:00:01Z'))).toBe(false);
  });

  it.each([
    ['* * * * * *', /7 fields/],
    ['60 * * * * * *', /second/],
    ['0 * * * * 0 *', /weekday/],
    ['0 * * * FOO * *', /month/],
    ['0 */0 * * * * *', /step/],
  ])('refuses %s', (expr, message) => {
    expect(() => parseCron(expr)).toThrow(message);
  });
});
