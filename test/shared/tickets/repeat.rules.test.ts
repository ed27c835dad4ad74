import type { Severity } from '../../../shared/common/severity.schema';
import { assessRepeat, type RepeatCandidate } from '../../../shared/tickets/repeat.rules';
import { sh } from '../fixtures';

const now = sh('2026-11-23 10:00');
const earlier = (over: Partial<RepeatCandidate>): RepeatCandidate => ({
  _id: 't-old',
  zoneId: 'z1',
  categoryCode: 'hygiene',
  kind: 'problem',
  state: 'closed',
  createdAt: sh('2026-11-20 10:00'),
  ...over,
});

describe('assessRepeat', () => {
  it.each<[string, Severity, RepeatCandidate[], { count: number; ofTicketId: string } | null, Severity]>([
    ['is not a repeat without earlier tickets', 'minor', [], null, 'minor'],
    ['raises minor to major after one earlier problem', 'minor', [earlier({})], { count: 1, ofTicketId: 't-old' }, 'major'],
    [
      'counts every earlier problem and points at the latest',
      'major',
      [earlier({ _id: 'a', createdAt: sh('2026-11-01 10:00') }), earlier({ _id: 'b', createdAt: sh('2026-11-22 10:00') })],
      { count: 2, ofTicketId: 'b' },
      'critical',
    ],
    ['caps the raise at critical', 'critical', [earlier({})], { count: 1, ofTicketId: 't-old' }, 'critical'],
    [
      'includes a ticket exactly at the window boundary',
      'minor',
      [earlier({ createdAt: sh('2026-10-24 10:00') })],
      { count: 1, ofTicketId: 't-old' },
      'major',
    ],
    ['ignores a ticket just outside the window', 'minor', [earlier({ createdAt: sh('2026-10-24 09:59') })], null, 'minor'],
    ['ignores other zones and categories', 'minor', [earlier({ zoneId: 'z2' }), earlier({ categoryCode: 'safety' })], null, 'minor'],
    [
      'ignores cancelled tickets and positive examples',
      'minor',
      [earlier({ state: 'cancelled' }), earlier({ kind: 'positive' })],
      null,
      'minor',
    ],
  ])('%s', (_name, severity, previous, repeat, raised) => {
    // Act
    const result = assessRepeat({ zoneId: 'z1', categoryCode: 'hygiene', severity }, previous, now);
    // Assess
    expect(result).toEqual({ repeat: repeat && { ...repeat, fromSeverity: severity }, severity: raised });
  });

  it('honours a configured window', () => {
    const result = assessRepeat(
      { zoneId: 'z1', categoryCode: 'hygiene', severity: 'minor' },
      [earlier({ createdAt: sh('2026-11-15 10:00') })],
      now,
      7,
    );
    expect(result.repeat).toBeNull();
  });
});
