import { DEFAULT_SCORING_RULES, rulesFor, type ScoringTicket, scoreUnit } from '../../../shared/scoring';
import { MIN, sh } from '../fixtures';

const MARCH = { unitId: 'u1', from: sh('2026-03-01 00:00'), to: sh('2026-04-01 00:00'), label: '2026-03' };

const ticket = (id: string, over: Partial<ScoringTicket>): ScoringTicket => ({
  _id: id,
  no: `N-${id}`,
  kind: 'problem',
  state: 'closed',
  severity: 'minor',
  unitId: 'u1',
  assigneeId: 'p1',
  repeat: null,
  notRectified: false,
  createdAt: sh('2026-03-02 10:00'),
  dueAt: sh('2026-03-02 11:00'),
  rectifiedAt: sh('2026-03-02 10:50'),
  clock: { budgetMs: 60 * MIN, usedMs: 50 * MIN },
  ...over,
});

// The worked example (README): every line below is computed by hand from DEFAULT_SCORING_RULES.
const TICKETS: ScoringTicket[] = [
  ticket('t1', {}), // minor, on time: −1
  ticket('t2', {
    severity: 'major',
    repeat: { count: 1, ofTicketId: 't0' },
    createdAt: sh('2026-03-03 09:00'),
    dueAt: sh('2026-03-03 13:00'),
    rectifiedAt: sh('2026-03-03 16:30'),
    clock: { budgetMs: 240 * MIN, usedMs: 450 * MIN },
  }), // −3, repeat −3, 3 whole hours late × 0.5: −1.5
  ticket('t3', {
    severity: 'critical',
    notRectified: true,
    assigneeId: 'p2',
    createdAt: sh('2026-03-10 08:00'),
    dueAt: sh('2026-03-10 10:00'),
    rectifiedAt: sh('2026-03-10 09:00'),
  }), // −5, 查而不改 −5
  ticket('t4', {
    assigneeId: 'p2',
    state: 'assigned',
    createdAt: sh('2026-03-31 20:00'),
    dueAt: sh('2026-04-01 09:00'),
    rectifiedAt: null,
  }), // −1, not yet due
  ticket('t5', {
    assigneeId: 'p2',
    state: 'assigned',
    createdAt: sh('2026-03-20 08:00'),
    dueAt: sh('2026-03-20 09:00'),
    rectifiedAt: null,
  }), // −1, 279 h late: capped −5
  ticket('t6', { severity: 'major', state: 'cancelled' }), // ignored
  ...[1, 2, 3, 4, 5, 6].map((i) => ticket(`p${i}`, { kind: 'positive', assigneeId: null, dueAt: null, rectifiedAt: null })), // +2 × 5 (cap 10)
  ticket('t8', { unitId: 'u2' }), // another unit
  ticket('t9', { createdAt: sh('2026-02-28 23:59') }), // before the period
];
const RATINGS = [
  ...Array.from({ length: 18 }, (_, i) => ({ _id: `r${i}`, rating: 5 })),
  { _id: 'r18', rating: 4 },
  { _id: 'r19', rating: 4 },
];

describe('scoreUnit', () => {
  it('scores the worked example to 86.5 with every point on a line', () => {
    // Act
    const s = scoreUnit(MARCH, TICKETS, RATINGS, DEFAULT_SCORING_RULES);

    // Assess
    expect(s).toMatchObject({ base: 100, deductions: -25.5, bonuses: 12, total: 86.5, ruleVersion: 'v1' });
    expect(s.counts).toEqual({ problems: 5, repeats: 1, overdue: 2, notRectified: 1, positives: 6, ratings: 20 });
    expect(s.onTime).toEqual({ onTime: 2, eligible: 4, rate: 0.5 });
    expect(s.lines.map((l) => [l.kind, l.points, l.ticketIds.join(',')])).toEqual([
      ['problem', -1, 't1'],
      ['problem', -3, 't2'],
      ['repeat', -3, 't2'],
      ['overdue', -1.5, 't2'],
      ['problem', -5, 't3'],
      ['notRectified', -5, 't3'],
      ['problem', -1, 't5'],
      ['overdue', -5, 't5'],
      ['problem', -1, 't4'],
      ['positive', 2, 'p1'],
      ['positive', 2, 'p2'],
      ['positive', 2, 'p3'],
      ['positive', 2, 'p4'],
      ['positive', 2, 'p5'],
      ['satisfaction', 2, ''],
    ]);
    expect(s.lines.at(-1)?.ratingIds).toHaveLength(20);
    expect(s.base + s.lines.reduce((a, l) => a + l.points, 0)).toBeCloseTo(s.total, 10);
    expect(s.byPerson).toEqual([
      { personId: 'p1', points: -8.5, total: 91.5, ticketIds: ['t1', 't2'] },
      { personId: 'p2', points: -17, total: 83, ticketIds: ['t3', 't5', 't4'] },
    ]);
  });

  it.each([
    ['five problems all on time earn the on-time bonus', 5, 19, 98],
    ['four on time are too few for the bonus', 4, 19, 96],
    ['twenty ratings of 5 add the satisfaction bonus', 5, 20, 100],
  ])('%s', (_name, problems, ratings, total) => {
    const tickets = Array.from({ length: problems }, (_, i) => ticket(`q${i}`, {}));
    const rs = Array.from({ length: ratings }, (_, i) => ({ _id: `r${i}`, rating: 5 }));

    expect(scoreUnit(MARCH, tickets, rs, DEFAULT_SCORING_RULES).total).toBe(total);
  });

  it('scores with the rule version in force for the period', () => {
    const v2 = { ...DEFAULT_SCORING_RULES, version: 'v2', effectiveFrom: '2026-04', deduction: { minor: 2, major: 4, critical: 8 } };

    expect(rulesFor('2026-03', [v2]).version).toBe('v1');
    expect(rulesFor('2026-04', [v2]).version).toBe('v2');
    expect(scoreUnit(MARCH, [ticket('a', {})], [], rulesFor('2026-03', [v2])).total).toBe(99);
    expect(scoreUnit(MARCH, [ticket('a', {})], [], v2).total).toBe(98);
  });
});
