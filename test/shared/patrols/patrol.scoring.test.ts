import { patrolScoreLines, type ScoringOccurrence } from '../../../shared/patrols';
import { DEFAULT_SCORING_RULES, ScoringRules } from '../../../shared/scoring';

const occ = (id: string, kind: 'plan' | 'selfCheck', state: string, date = '2032-03-10', unitId = 'u1'): ScoringOccurrence => ({
  _id: id,
  kind,
  state,
  unitId,
  date,
  zoneName: '一食堂',
  assigneeIds: ['p-staff'],
});

describe('patrol score lines', () => {
  const rules = { patrols: { missedSelfCheck: 1, missedPatrol: 2, max: 4 } };

  it('adds nothing without the optional rule, and the defaults leave it out', () => {
    expect(patrolScoreLines('u1', [occ('a', 'selfCheck', 'missed')], DEFAULT_SCORING_RULES)).toEqual([]);
    expect(ScoringRules.safeParse(DEFAULT_SCORING_RULES).success).toBe(true);
    expect(ScoringRules.safeParse({ ...DEFAULT_SCORING_RULES, ...rules }).success).toBe(true);
  });

  it('deducts missed self-checks from the responsible person and missed patrols from the unit, never excused ones, capped', () => {
    // Act
    const lines = patrolScoreLines(
      'u1',
      [
        occ('s1', 'selfCheck', 'missed', '2032-03-09'),
        occ('s2', 'selfCheck', 'excused', '2032-03-10'),
        occ('p1', 'plan', 'missed', '2032-03-10'),
        occ('p2', 'plan', 'doneLate', '2032-03-11'),
        occ('s3', 'selfCheck', 'missed', '2032-03-12', 'u2'),
        occ('p3', 'plan', 'missed', '2032-03-13'),
      ],
      rules,
    );
    // Assess: 1 + 2, then the cap leaves 1 of the last 2.
    expect(lines.map((l) => [l.kind, l.points, l.occurrenceIds[0], l.personId])).toEqual([
      ['missedSelfCheck', -1, 's1', 'p-staff'],
      ['missedPatrol', -2, 'p1', null],
      ['missedPatrol', -1, 'p3', null],
    ]);
  });
});
