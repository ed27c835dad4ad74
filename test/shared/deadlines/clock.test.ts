import type { Severity } from '../../../shared/common/severity.schema';
import { changeSeverity, dueAt, fractionUsed, pauseClock, resumeClock, startClock } from '../../../shared/deadlines/clock';
import { DEFAULT_DEADLINE_RULES, resolveDeadlineRule } from '../../../shared/deadlines/deadline.rules';
import { ALWAYS_OPEN, type ServiceHours } from '../../../shared/deadlines/service-hours.schema';
import { CANTEEN_HOURS, MIN, OFFICE_HOURS, sh } from '../fixtures';

const rule = (severity: Severity) => resolveDeadlineRule(DEFAULT_DEADLINE_RULES, 'standard', severity);

describe('deadline of a new ticket', () => {
  it.each<[string, Severity, ServiceHours, string, string]>([
    ['minor reported exactly at opening is due an hour later', 'minor', OFFICE_HOURS, '2026-11-23 08:00', '2026-11-23 09:00'],
    [
      'minor reported one minute before closing carries 59 minutes to the next morning',
      'minor',
      OFFICE_HOURS,
      '2026-11-23 16:59',
      '2026-11-24 08:59',
    ],
    ['minor reported at closing counts from the next opening', 'minor', OFFICE_HOURS, '2026-11-23 17:00', '2026-11-24 09:00'],
    ['minor reported after closing counts from the next opening', 'minor', OFFICE_HOURS, '2026-11-23 21:00', '2026-11-24 09:00'],
    ['minor reported on Friday evening is due on Monday morning', 'minor', OFFICE_HOURS, '2026-11-27 18:00', '2026-11-30 09:00'],
    ['minor reported in the canteen lunch break counts from dinner', 'minor', CANTEEN_HOURS, '2026-11-23 14:00', '2026-11-23 18:00'],
    ['minor reported near the end of lunch continues at dinner', 'minor', CANTEEN_HOURS, '2026-11-23 13:00', '2026-11-23 17:30'],
    ['minor in an always-open zone crosses midnight', 'minor', ALWAYS_OPEN, '2026-11-23 23:30', '2026-11-24 00:30'],
    ['major reported at opening is due at closing the same day', 'major', OFFICE_HOURS, '2026-11-23 08:00', '2026-11-23 17:00'],
    ['major reported before opening is due at closing the same day', 'major', OFFICE_HOURS, '2026-11-23 06:30', '2026-11-23 17:00'],
    ['major reported one minute before closing is due at closing', 'major', OFFICE_HOURS, '2026-11-23 16:59', '2026-11-23 17:00'],
    ['major reported at closing is due at the next closing', 'major', OFFICE_HOURS, '2026-11-23 17:00', '2026-11-24 17:00'],
    ['major reported on Friday evening is due at Monday closing', 'major', OFFICE_HOURS, '2026-11-27 18:00', '2026-11-30 17:00'],
    ['major reported at lunch is due when dinner ends', 'major', CANTEEN_HOURS, '2026-11-23 12:00', '2026-11-23 19:30'],
    ['major reported after dinner is due when the next dinner ends', 'major', CANTEEN_HOURS, '2026-11-23 20:00', '2026-11-24 19:30'],
    ['major in an always-open zone is due at midnight', 'major', ALWAYS_OPEN, '2026-11-23 10:00', '2026-11-24 00:00'],
    ['critical at 23:50 crosses midnight regardless of hours', 'critical', OFFICE_HOURS, '2026-11-23 23:50', '2026-11-24 00:20'],
    ['critical on a closed Saturday still runs', 'critical', OFFICE_HOURS, '2026-11-28 10:00', '2026-11-28 10:30'],
  ])('%s', (_name, severity, hours, createdAt, expected) => {
    // Act
    const clock = startClock(rule(severity), hours, sh(createdAt));
    // Assess
    expect(dueAt(clock, hours)).toEqual(sh(expected));
  });
});

describe('pausing and resuming', () => {
  it.each<[string, string, string, string]>([
    ['a pause spanning closing time moves the deadline past the resume', '2026-11-23 16:30', '2026-11-24 10:00', '2026-11-24 10:30'],
    ['resuming after closing counts from the next opening', '2026-11-23 16:30', '2026-11-23 18:00', '2026-11-24 08:30'],
    ['a pause over the weekend costs no service time', '2026-11-27 16:30', '2026-11-30 08:00', '2026-11-30 08:30'],
  ])('%s', (_name, pausedAt, resumedAt, expected) => {
    // Prepare: a minor problem reported Monday 16:00 (or Friday 16:00) has 60 service minutes.
    const created = pausedAt.startsWith('2026-11-27') ? '2026-11-27 16:00' : '2026-11-23 16:00';
    const started = startClock(rule('minor'), OFFICE_HOURS, sh(created));
    // Act
    const paused = pauseClock(started, OFFICE_HOURS, sh(pausedAt));
    const resumed = resumeClock(paused, sh(resumedAt));
    // Assess
    expect(paused).toMatchObject({ usedMs: 30 * MIN, runningSince: null });
    expect(dueAt(resumed, OFFICE_HOURS)).toEqual(sh(expected));
  });

  it('has no deadline while paused', () => {
    const paused = pauseClock(startClock(rule('minor'), OFFICE_HOURS, sh('2026-11-23 08:00')), OFFICE_HOURS, sh('2026-11-23 08:10'));
    expect(dueAt(paused, OFFICE_HOURS)).toBeNull();
  });

  it('consumes nothing between pause and resume', () => {
    // Prepare
    const paused = pauseClock(startClock(rule('minor'), OFFICE_HOURS, sh('2026-11-23 08:00')), OFFICE_HOURS, sh('2026-11-23 08:15'));
    // Act
    const later = fractionUsed(paused, OFFICE_HOURS, sh('2026-11-23 16:00'));
    // Assess
    expect(later).toBe(0.25);
  });

  it('leaves a paused clock alone when paused again and a running clock alone when resumed again', () => {
    const running = startClock(rule('minor'), OFFICE_HOURS, sh('2026-11-23 08:00'));
    const paused = pauseClock(running, OFFICE_HOURS, sh('2026-11-23 08:15'));
    expect(pauseClock(paused, OFFICE_HOURS, sh('2026-11-23 09:00'))).toBe(paused);
    expect(resumeClock(running, sh('2026-11-23 09:00'))).toBe(running);
  });
});

describe('changing severity', () => {
  it.each<[string, Severity, string, Severity, string, string]>([
    [
      'minor raised to major keeps used time and is due at closing',
      'minor',
      '2026-11-23 09:00',
      'major',
      '2026-11-23 09:20',
      '2026-11-23 17:00',
    ],
    [
      'major raised to critical after an hour is already overdue',
      'major',
      '2026-11-23 09:00',
      'critical',
      '2026-11-23 10:00',
      '2026-11-23 10:00',
    ],
    [
      'critical lowered to minor counts the rest in service time',
      'critical',
      '2026-11-23 16:50',
      'minor',
      '2026-11-23 16:55',
      '2026-11-24 08:50',
    ],
  ])('%s', (_name, from, createdAt, to, changedAt, expected) => {
    // Prepare
    const clock = startClock(rule(from), OFFICE_HOURS, sh(createdAt));
    // Act
    const changed = changeSeverity(clock, rule(to), OFFICE_HOURS, sh(changedAt));
    // Assess
    expect(changed.usedMs).toBe(sh(changedAt).getTime() - sh(createdAt).getTime());
    expect(dueAt(changed, OFFICE_HOURS)).toEqual(sh(expected));
  });

  it('keeps a paused clock paused', () => {
    const paused = pauseClock(startClock(rule('minor'), OFFICE_HOURS, sh('2026-11-23 08:00')), OFFICE_HOURS, sh('2026-11-23 08:30'));
    const changed = changeSeverity(paused, rule('critical'), OFFICE_HOURS, sh('2026-11-23 09:00'));
    expect(changed).toEqual({ basis: 'continuous', budgetMs: 30 * MIN, usedMs: 30 * MIN, runningSince: null });
  });
});

describe('fractionUsed', () => {
  it.each<[string, string, number]>([
    ['is zero at the start', '2026-11-23 16:30', 0],
    ['is one half at closing after half the budget', '2026-11-23 17:00', 0.5],
    ['does not grow overnight', '2026-11-24 07:59', 0.5],
    ['reaches one at the deadline the next morning', '2026-11-24 08:30', 1],
    ['exceeds one once overdue', '2026-11-24 09:30', 2],
  ])('%s', (_name, now, expected) => {
    const clock = startClock(rule('minor'), OFFICE_HOURS, sh('2026-11-23 16:30'));
    expect(fractionUsed(clock, OFFICE_HOURS, sh(now))).toBe(expected);
  });
});

describe('resolveDeadlineRule', () => {
  it('rejects a rule set that is not configured', () => {
    expect(() => resolveDeadlineRule(DEFAULT_DEADLINE_RULES, 'toString', 'minor')).toThrow(
      expect.objectContaining({ code: 'DEADLINE.UNKNOWN_RULE' }),
    );
  });
});
