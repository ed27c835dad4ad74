import { chargedUnitOf, missedAt, patrolScoreLines, type ScoringOccurrence } from '../../../shared/patrols';
import { DEFAULT_SCORING_RULES, ScoringRules } from '../../../shared/scoring';

const occ = (id: string, kind: 'plan' | 'selfCheck', state: string, date = '2032-03-10', unitId = 'u1'): ScoringOccurrence => ({
  _id: id,
  kind,
  state,
  unitId,
  level: kind === 'selfCheck' ? 'self' : 'centre',
  centreId: kind === 'plan' ? 'c1' : null,
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

  it('deducts missed self-checks from the zone’s unit and its responsible person, never excused ones, capped', () => {
    // Act
    const lines = patrolScoreLines(
      'u1',
      [
        occ('s1', 'selfCheck', 'missed', '2032-03-09'),
        occ('s2', 'selfCheck', 'excused', '2032-03-10'),
        occ('s3', 'selfCheck', 'missed', '2032-03-12', 'u2'),
        occ('s4', 'selfCheck', 'missed', '2032-03-13'),
      ],
      rules,
    );
    // Assess
    expect(lines.map((l) => [l.kind, l.points, l.occurrenceIds[0], l.personId])).toEqual([
      ['missedSelfCheck', -1, 's1', 'p-staff'],
      ['missedSelfCheck', -1, 's4', 'p-staff'],
    ]);
  });

  it('charges a missed centre patrol to the centre that owed it, never to the unit inspected, within the same cap', () => {
    // Act
    const all = [
      occ('p1', 'plan', 'missed', '2032-03-10'),
      occ('p2', 'plan', 'doneLate', '2032-03-11'),
      occ('p3', 'plan', 'missed', '2032-03-13'),
      occ('p4', 'plan', 'missed', '2032-03-14'),
      { ...occ('o1', 'plan', 'missed'), level: 'office' as const, centreId: null },
    ];
    const centre = patrolScoreLines('c1', all, rules);
    const inspected = patrolScoreLines('u1', all, rules);
    // Assess: 2 + 2, then the cap of 4 leaves nothing for the third
    expect(centre.map((l) => [l.kind, l.points, l.occurrenceIds[0], l.personId, l.detail.zoneUnitId])).toEqual([
      ['missedPatrol', -2, 'p1', null, 'u1'],
      ['missedPatrol', -2, 'p3', null, 'u1'],
    ]);
    expect(inspected).toEqual([]);
    expect(chargedUnitOf({ kind: 'plan', unitId: 'u1', level: 'office', centreId: null })).toBeNull();
  });

  it('counts an occurrence still open after its grace as missed (the timer had not swept it), and not before', () => {
    const missAt = new Date('2032-03-31T15:00:00Z');
    expect(missedAt({ state: 'open', missAt }, new Date('2032-03-31T16:00:00Z'))).toBe(true);
    expect(missedAt({ state: 'upcoming', missAt }, new Date('2032-03-31T14:59:00Z'))).toBe(false);
    expect(missedAt({ state: 'excused', missAt }, new Date('2032-04-30T16:00:00Z'))).toBe(false);
    expect(missedAt({ state: 'missed', missAt }, new Date('2032-03-01T00:00:00Z'))).toBe(true);
  });
});
