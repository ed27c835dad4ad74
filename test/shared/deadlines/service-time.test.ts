import { ALWAYS_OPEN, type ServiceHours } from '../../../shared/deadlines/service-hours.schema';
import { addServiceTime, serviceTimeBetween } from '../../../shared/deadlines/service-time';
import { CANTEEN_HOURS, HOUR, MIN, OFFICE_HOURS, sh } from '../fixtures';

describe('serviceTimeBetween', () => {
  it.each<[string, ServiceHours, string, string, number]>([
    ['counts time inside one interval', OFFICE_HOURS, '2026-11-23 09:00', '2026-11-23 10:00', 60],
    ['starts counting at opening when from is before it', OFFICE_HOURS, '2026-11-23 07:00', '2026-11-23 09:00', 60],
    ['stops counting at closing', OFFICE_HOURS, '2026-11-23 16:30', '2026-11-23 18:00', 30],
    ['skips the night across midnight', OFFICE_HOURS, '2026-11-23 16:00', '2026-11-24 09:00', 120],
    ['skips a closed weekend from Friday evening to Monday', OFFICE_HOURS, '2026-11-27 16:00', '2026-11-30 09:00', 120],
    ['skips the canteen break between lunch and dinner', CANTEEN_HOURS, '2026-11-23 13:00', '2026-11-23 17:30', 60],
    ['counts the night for an always-open zone', ALWAYS_OPEN, '2026-11-23 23:00', '2026-11-24 01:00', 120],
    ['is zero on a closed weekend', OFFICE_HOURS, '2026-11-28 10:00', '2026-11-29 20:00', 0],
    ['is zero when to is before from', OFFICE_HOURS, '2026-11-23 10:00', '2026-11-23 09:00', 0],
  ])('%s', (_name, hours, from, to, minutes) => {
    // Act
    const ms = serviceTimeBetween(hours, sh(from), sh(to));
    // Assess
    expect(ms).toBe(minutes * MIN);
  });
});

describe('addServiceTime', () => {
  it.each<[string, ServiceHours, string, number, string]>([
    ['adds within an interval starting exactly at opening', OFFICE_HOURS, '2026-11-23 08:00', 60, '2026-11-23 09:00'],
    ['ends exactly at closing when the duration fills the interval', OFFICE_HOURS, '2026-11-23 16:00', 60, '2026-11-23 17:00'],
    ['starts at opening the same day when from is early morning', OFFICE_HOURS, '2026-11-23 03:00', 60, '2026-11-23 09:00'],
    ['starts at dinner when from is the end of lunch', CANTEEN_HOURS, '2026-11-23 13:30', 60, '2026-11-23 18:00'],
    ['returns from itself for a zero duration', OFFICE_HOURS, '2026-11-28 10:00', 0, '2026-11-28 10:00'],
  ])('%s', (_name, hours, from, minutes, expected) => {
    // Act
    const at = addServiceTime(hours, sh(from), minutes * MIN);
    // Assess
    expect(at).toEqual(sh(expected));
  });

  it('reads service hours as Shanghai wall-clock time, not UTC', () => {
    // Prepare: Sunday 23:30 UTC is Monday 07:30 in Shanghai, before Monday's opening.
    const from = new Date('2026-11-29T23:30:00Z');
    // Act
    const at = addServiceTime(OFFICE_HOURS, from, HOUR);
    // Assess
    expect(at.toISOString()).toBe('2026-11-30T01:00:00.000Z');
  });

  it('refuses hours that are never open instead of looping forever', () => {
    const never = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };
    expect(() => addServiceTime(never, sh('2026-11-23 08:00'), MIN)).toThrow(
      expect.objectContaining({ code: 'DEADLINE.NO_SERVICE_HOURS' }),
    );
  });
});
