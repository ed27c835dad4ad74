import { diffCoverage, expectedWeek, termDelta } from '../../../shared/patrols';
import { isoWeekOf } from '../../../shared/periods';

const HOURS = { 1: [], 2: [], 3: [{ open: '11:00', close: '13:00' }], 4: [], 5: [], 6: [], 7: [] };

describe('coverage rollup check', () => {
  it('recomputes a week from its visits and outcomes, leaving out what lands in other weeks', () => {
    // Prepare: a visit on Wednesday 2032-03-10 at lunch, one a week earlier, a missed and an excused occurrence
    const week = isoWeekOf('2032-03-10');
    const visit = (day: string) => ({
      zoneId: 'z1',
      unitId: 'u1',
      role: 'office' as const,
      startedAt: new Date(`${day}T11:30:00+08:00`),
      endedAt: new Date(`${day}T12:10:00+08:00`),
    });

    // Act
    const docs = expectedWeek(
      week,
      [visit('2032-03-10'), visit('2032-03-03')],
      [
        { unitId: 'u1', level: 'office', date: '2032-03-10', state: 'missed' },
        { unitId: 'u1', level: 'office', date: '2032-03-11', state: 'excused' },
        { unitId: 'u1', level: 'office', date: '2032-03-11', state: 'open' },
      ],
      () => HOURS,
    );

    // Assess
    expect([...docs.keys()]).toEqual([`cov-u1-${week}`]);
    expect(docs.get(`cov-u1-${week}`)).toMatchObject({
      z: { z1: { c: { '3-1100': { office: 1 } }, h: { '11': 1, '12': 1 }, n: { '3': 1 } } },
      o: { '3': { office: { s: 1, miss: 1 } }, '4': { office: { s: 1, exc: 1 } } },
    });
  });

  it('lists drifted counters, treating absent and zero alike', () => {
    expect(
      diffCoverage({ z: { a: { h: { '10': 2, '11': 0 } } } }, { z: { a: { h: { '10': 1 } } }, o: { '3': { office: { s: 1 } } } }),
    ).toEqual([
      { path: 'o.3.office.s', stored: 0, expected: 1 },
      { path: 'z.a.h.10', stored: 2, expected: 1 },
    ]);
  });

  it('moves a term by the drift of the days inside it, and holds back clock hours of a week straddling its edge', () => {
    // 2032-W11 runs Monday 8 to Sunday 14 March; the term starts on Wednesday 10
    const drift = [
      { path: 'z.a.c.1-1100.office', stored: 2, expected: 1 },
      { path: 'z.a.c.3-1100.office', stored: 2, expected: 1 },
      { path: 'o.5.office.s', stored: 0, expected: 1 },
      { path: 'z.a.h.11', stored: 3, expected: 1 },
      { path: 'z.a.n.3', stored: 0, expected: 1 },
    ];
    const r = termDelta('2032-W11', drift, { id: 'T', name: '学期', from: '2032-03-10', to: '2032-07-01' });
    expect(r).toEqual({ inc: { 'z.a.c.3-1100.office': -1, 'o.5.office.s': 1 }, unattributed: ['z.a.h.11'] });
    const whole = termDelta('2032-W11', drift, { id: 'T', name: '学期', from: '2032-03-01', to: '2032-07-01' });
    expect(whole.inc).toEqual({ 'z.a.c.1-1100.office': -1, 'z.a.c.3-1100.office': -1, 'o.5.office.s': 1, 'z.a.h.11': -2 });
  });
});
