import { startClock } from '../../../shared/deadlines/clock';
import { DEFAULT_DEADLINE_RULES, resolveDeadlineRule } from '../../../shared/deadlines/deadline.rules';
import { DEFAULT_ESCALATION_LEVELS } from '../../../shared/escalation/escalation.rules';
import {
  DEFAULT_TIMER_RULES,
  followersToTell,
  pauseAccountAfter,
  repeatDueAt,
  reworkClock,
  type TimerTicket,
  timerStep,
} from '../../../shared/escalation/timer.rules';
import { OFFICE_HOURS, sh } from '../fixtures';

const HOUR = 3_600_000;
const rule = (severity: 'minor' | 'major') => resolveDeadlineRule(DEFAULT_DEADLINE_RULES, 'standard', severity);
const ticket = (over: Partial<TimerTicket> = {}): TimerTicket => ({
  state: 'assigned',
  source: 'report',
  clock: startClock(rule('minor'), OFFICE_HOURS, sh('2026-11-23 08:00')),
  escalationLevelsFired: [],
  rectification: null,
  ...over,
});
const ALL = ['remind', 'overdue', 'office'];

describe('timerStep', () => {
  it.each<[string, Partial<TimerTicket>, string, string]>([
    ['escalates while a level is due', {}, '2026-11-23 08:30', 'escalate'],
    ['repeats the last level a day after it was reached', { escalationLevelsFired: ALL }, '2026-11-24 10:00', 'repeatLastLevel'],
    [
      'waits a day after the previous repeat',
      { escalationLevelsFired: ALL, repeatRemindedAt: sh('2026-11-24 10:00') },
      '2026-11-25 09:59',
      'none',
    ],
    ['caps a pause', { state: 'paused', clock: null, pause: { since: sh('2026-11-23 08:00'), usedMs: 0 } }, '2026-11-25 08:00', 'pauseCap'],
    [
      'counts earlier pauses against the cap',
      { state: 'paused', clock: null, pause: { since: sh('2026-11-23 08:00'), usedMs: 47 * HOUR } },
      '2026-11-23 09:00',
      'pauseCap',
    ],
    [
      'reminds the inspector of a rectified finding',
      { state: 'rectified', source: 'finding', clock: null, rectification: { at: sh('2026-11-23 09:00') } },
      '2026-11-24 09:00',
      'verifyReminder',
    ],
    [
      'leaves a rectified report to the auto-verify rule',
      { state: 'rectified', clock: null, rectification: { at: sh('2026-11-23 09:00') } },
      '2026-11-30 09:00',
      'none',
    ],
  ])('%s', (_name, over, now, kind) => {
    expect(timerStep(ticket(over), sh(now), OFFICE_HOURS, DEFAULT_ESCALATION_LEVELS, DEFAULT_TIMER_RULES).kind).toBe(kind);
  });

  it('has no repeat before every level fired, or with no levels', () => {
    expect(
      repeatDueAt(ticket({ escalationLevelsFired: ['remind'] }), OFFICE_HOURS, DEFAULT_ESCALATION_LEVELS, DEFAULT_TIMER_RULES),
    ).toBeNull();
    expect(repeatDueAt(ticket(), OFFICE_HOURS, [], DEFAULT_TIMER_RULES)).toBeNull();
  });
});

describe('pauseAccountAfter', () => {
  it('starts a pause, adds its length when it ends, and refuses one more once the allowance is used', () => {
    const started = pauseAccountAfter({ state: 'accepted' }, { state: 'paused' }, sh('2026-11-23 08:00'), DEFAULT_TIMER_RULES);
    expect(started).toEqual({ since: sh('2026-11-23 08:00'), usedMs: 0 });
    const ended = pauseAccountAfter(
      { state: 'paused', pause: started },
      { state: 'accepted' },
      sh('2026-11-25 08:00'),
      DEFAULT_TIMER_RULES,
    );
    expect(ended).toEqual({ since: null, usedMs: 48 * HOUR });
    expect(() =>
      pauseAccountAfter({ state: 'accepted', pause: ended }, { state: 'paused' }, sh('2026-11-25 09:00'), DEFAULT_TIMER_RULES),
    ).toThrow(expect.objectContaining({ code: 'ESCALATION.PAUSE_LIMIT' }));
  });
});

describe('reworkClock', () => {
  // OFFICE_HOURS: weekdays 08:00–17:00; 23 Nov 2026 is a Monday. A major problem reported at 08:00 has 9 service
  // hours; rectified at 09:00 it has used 1 and 8 are left.
  it.each<[string, string, string]>([
    ['keeps a major rework within the day of the rejection (not Tuesday 15:00)', '2026-11-23 16:00', '2026-11-23 17:00'],
    ['gives a rework rejected after closing the next service day, within its original budget', '2026-11-23 20:00', '2026-11-24 16:00'],
  ])('%s', (_name, rejectedAt, due) => {
    // Prepare
    const clock = { ...startClock(rule('major'), OFFICE_HOURS, sh('2026-11-23 08:00')), usedMs: HOUR, runningSince: sh(rejectedAt) };
    // Act
    const rework = reworkClock(clock, rule('major'), OFFICE_HOURS, sh(rejectedAt));
    // Assess
    expect(rework.dueAt).toEqual(sh(due));
  });

  it('leaves a minor rework on its original clock', () => {
    const clock = {
      ...startClock(rule('minor'), OFFICE_HOURS, sh('2026-11-23 08:00')),
      usedMs: 30 * 60_000,
      runningSince: sh('2026-11-23 16:00'),
    };
    expect(reworkClock(clock, rule('minor'), OFFICE_HOURS, sh('2026-11-23 16:00')).clock).toEqual(clock);
  });
});

describe('followersToTell', () => {
  it('names the followers, not the reporter, when a verified report closes; nobody otherwise', () => {
    const after = { state: 'closed', followers: ['o-a', 'o-b', 'o-r', 'o-a'], reporterOpenid: 'o-r' };
    expect(followersToTell({ state: 'rectified' }, after)).toEqual(['o-a', 'o-b']);
    expect(followersToTell({ state: 'verified' }, after)).toEqual([]);
    expect(followersToTell({ state: 'rectified' }, { ...after, state: 'rework' })).toEqual([]);
  });
});
