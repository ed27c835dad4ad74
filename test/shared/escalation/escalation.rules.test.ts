import { changeSeverity, pauseClock, startClock } from '../../../shared/deadlines/clock';
import { DEFAULT_DEADLINE_RULES, resolveDeadlineRule } from '../../../shared/deadlines/deadline.rules';
import { dueLevels, EscalationLevels, nextCheckAt } from '../../../shared/escalation/escalation.rules';
import { OFFICE_HOURS, sh } from '../fixtures';

const minorAt = (wall: string) => startClock(resolveDeadlineRule(DEFAULT_DEADLINE_RULES, 'standard', 'minor'), OFFICE_HOURS, sh(wall));

describe('dueLevels', () => {
  it.each<[string, string[], string, string[]]>([
    ['fires nothing before half the budget', [], '2026-11-23 08:29', []],
    ['reminds the assignee at 50%', [], '2026-11-23 08:30', ['remind']],
    ['escalates to the unit manager once the deadline passes', ['remind'], '2026-11-23 09:00', ['overdue']],
    ['catches up on every missed level at once', [], '2026-11-23 10:00', ['remind', 'overdue', 'office']],
    ['escalates to the office at 200%', ['remind', 'overdue'], '2026-11-23 10:00', ['office']],
    ['never fires a level twice', ['remind', 'overdue', 'office'], '2026-11-24 10:00', []],
  ])('%s', (_name, fired, now, expected) => {
    // Act
    const levels = dueLevels(minorAt('2026-11-23 08:00'), OFFICE_HOURS, fired, sh(now));
    // Assess
    expect(levels.map((l) => l.id)).toEqual(expected);
  });

  it('fires nothing for a ticket without a clock', () => {
    expect(dueLevels(null, OFFICE_HOURS, [], sh('2026-11-30 08:00'))).toEqual([]);
  });
});

describe('nextCheckAt', () => {
  it.each<[string, string, string[], string | null]>([
    ['is the reminder for a fresh ticket', '2026-11-23 08:00', [], '2026-11-23 08:30'],
    ['is the deadline once reminded', '2026-11-23 08:00', ['remind'], '2026-11-23 09:00'],
    ['is the office level once overdue', '2026-11-23 08:00', ['remind', 'overdue'], '2026-11-23 10:00'],
    ['is null when every level has fired', '2026-11-23 08:00', ['remind', 'overdue', 'office'], null],
    ['follows service hours across closing', '2026-11-23 16:45', [], '2026-11-24 08:15'],
  ])('%s', (_name, created, fired, expected) => {
    // Act
    const at = nextCheckAt(minorAt(created), OFFICE_HOURS, fired);
    // Assess
    expect(at).toEqual(expected === null ? null : sh(expected));
  });

  it('is null while the clock is paused', () => {
    const paused = pauseClock(minorAt('2026-11-23 08:00'), OFFICE_HOURS, sh('2026-11-23 08:10'));
    expect(nextCheckAt(paused, OFFICE_HOURS, [])).toBeNull();
  });

  it('is null for a ticket without a clock', () => {
    expect(nextCheckAt(null, OFFICE_HOURS, [])).toBeNull();
  });

  it('is now when a level was already passed before the clock restarted', () => {
    // Prepare: an hour used, then raised to critical (30 minutes): overdue at the moment of the change.
    const critical = resolveDeadlineRule(DEFAULT_DEADLINE_RULES, 'standard', 'critical');
    const clock = changeSeverity(minorAt('2026-11-23 08:00'), critical, OFFICE_HOURS, sh('2026-11-23 09:00'));
    // Act
    const at = nextCheckAt(clock, OFFICE_HOURS, ['remind']);
    // Assess
    expect(at).toEqual(sh('2026-11-23 09:00'));
  });

  it('honours configured levels', () => {
    const levels = [{ id: 'early', atFraction: 0.25, notify: 'assignee' as const }];
    expect(nextCheckAt(minorAt('2026-11-23 08:00'), OFFICE_HOURS, [], levels)).toEqual(sh('2026-11-23 08:15'));
  });
});

describe('EscalationLevels', () => {
  it('rejects duplicate level ids', () => {
    const twice = [
      { id: 'remind', atFraction: 0.5, notify: 'assignee' },
      { id: 'remind', atFraction: 1, notify: 'unitManager' },
    ];
    expect(EscalationLevels.safeParse(twice).success).toBe(false);
  });
});
