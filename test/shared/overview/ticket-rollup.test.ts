import { buildOverview, daysOf, monthsUpTo, previousMonth } from '../../../shared/overview/overview';
import {
  countsOf,
  gaugeDocId,
  type RollupTicket,
  rollupDelta,
  rollupDocId,
  snapshotOf,
  sumContributions,
  type TicketRollupDoc,
} from '../../../shared/overview/ticket-rollup';

const at = (iso: string) => new Date(iso);
const ticket = (over: Partial<RollupTicket> = {}): RollupTicket => ({
  kind: 'problem',
  state: 'assigned',
  severity: 'minor',
  unitId: 'u1',
  zoneId: 'z1',
  createdAt: at('2030-07-14T17:30:00Z'), // 15 July 01:30 in Shanghai
  held: false,
  repeat: null,
  notRectified: false,
  rectification: null,
  clock: { usedMs: 0, budgetMs: 3_600_000 },
  history: [{ event: 'create', at: at('2030-07-14T17:30:00Z') }],
  ...over,
});
const rectified = (usedMs: number, state = 'rectified') =>
  ticket({
    state,
    rectification: { at: at('2030-07-14T18:30:00Z') },
    clock: { usedMs, budgetMs: 3_600_000 },
    history: [
      { event: 'create', at: at('2030-07-14T17:30:00Z') },
      { event: 'rectify', at: at('2030-07-14T18:00:00Z') },
      { event: 'reject', at: at('2030-07-14T18:10:00Z') },
      { event: 'rectify', at: at('2030-07-14T18:30:00Z') },
    ],
  });

describe('a ticket’s contribution to the rollups', () => {
  it.each([
    ['an open problem', ticket(), { found: 1, minor: 1 }],
    ['a held report', ticket({ held: true }), {}],
    ['a positive example', ticket({ kind: 'positive', state: 'closed' }), { positive: 1 }],
    ['a cancelled problem', ticket({ state: 'cancelled' }), { found: 1, minor: 1, cancelled: 1 }],
    [
      'a repeat found not rectified',
      ticket({ repeat: { count: 2 }, notRectified: true }),
      { found: 1, minor: 1, repeat: 1, notRectified: 1 },
    ],
    // Time to rectify counts from the report to the first rectification (30 min), not the last.
    ['a problem rectified on time', rectified(3_600_000), { found: 1, minor: 1, rectified: 1, onTime: 1, rectifyMs: 1_800_000 }],
    ['a problem rectified a second late', rectified(3_600_001), { found: 1, minor: 1, rectified: 1, rectifyMs: 1_800_000 }],
    ['a verified problem', rectified(1, 'verified'), { found: 1, minor: 1, rectified: 1, onTime: 1, rectifyMs: 1_800_000, done: 1 }],
    ['a problem sent back for rework', { ...rectified(1, 'rework') }, { found: 1, minor: 1 }],
  ])('counts %s', (_label, t, expected) => {
    expect(countsOf(snapshotOf(t))).toEqual(expected);
  });

  it('lands in the Shanghai month and day of its creation, for its unit, zone and the campus, and in its unit’s open gauge', () => {
    const delta = rollupDelta(null, snapshotOf(ticket({ createdAt: at('2030-06-30T16:30:00Z') })));

    expect([...delta.keys()].sort()).toEqual(
      [
        gaugeDocId('u1'),
        rollupDocId('all', 'all', '2030-07'),
        rollupDocId('unit', 'u1', '2030-07'),
        rollupDocId('zone', 'z1', '2030-07'),
      ].sort(),
    );
    expect(delta.get(rollupDocId('unit', 'u1', '2030-07'))).toEqual({ found: 1, minor: 1, 'd.d01.found': 1 });
    expect(delta.get(gaugeDocId('u1'))).toEqual({ open: 1 });
  });

  it('adds only the difference when a ticket changes, and nothing when nothing it counts changed', () => {
    const before = snapshotOf(ticket());
    const after = snapshotOf(rectified(1, 'verified'));

    const delta = rollupDelta(before, after);

    expect(delta.get(rollupDocId('unit', 'u1', '2030-07'))).toEqual({
      rectified: 1,
      onTime: 1,
      rectifyMs: 1_800_000,
      done: 1,
      'd.d15.rectified': 1,
      'd.d15.onTime': 1,
      'd.d15.done': 1,
    });
    expect(delta.get(gaugeDocId('u1'))).toEqual({ open: -1 });
    expect(rollupDelta(before, snapshotOf(ticket({ state: 'accepted' }))).size).toBe(0);
  });

  it('sums to what the changes added, whatever the path', () => {
    const path = [ticket(), ticket({ state: 'accepted', severity: 'major' }), rectified(1), rectified(1, 'verified')];
    const total = new Map<string, Record<string, number>>();
    let prev: ReturnType<typeof snapshotOf> | null = null;
    for (const t of path) {
      for (const [id, paths] of rollupDelta(prev, snapshotOf(t))) {
        const doc = total.get(id) ?? {};
        for (const [k, v] of Object.entries(paths)) doc[k] = (doc[k] ?? 0) + v;
        total.set(id, doc);
      }
      prev = snapshotOf(t);
    }
    const clean = (m: Map<string, Record<string, number>>) =>
      new Map(
        [...m]
          .map(([id, d]) => [id, Object.fromEntries(Object.entries(d).filter(([, v]) => v !== 0))] as const)
          .filter(([, d]) => Object.keys(d).length > 0),
      );
    expect(clean(total)).toEqual(clean(sumContributions([path[path.length - 1]])));
  });
});

describe('the overview from rollups', () => {
  const doc = (scope: 'unit' | 'zone' | 'all', key: string, month: string, over: Partial<TicketRollupDoc> = {}): TicketRollupDoc => ({
    _id: rollupDocId(scope, key, month),
    scope,
    key,
    month,
    sm: `${scope}:${month}`,
    d: {},
    found: 0,
    minor: 0,
    major: 0,
    critical: 0,
    positive: 0,
    rectified: 0,
    onTime: 0,
    rectifyMs: 0,
    done: 0,
    cancelled: 0,
    repeat: 0,
    notRectified: 0,
    ...over,
  });

  it('counts the last seven Shanghai days against the seven before, across a month boundary', () => {
    const campus = [
      doc('all', 'all', '2030-06', { d: { d28: { found: 2 }, d30: { found: 1 } } }),
      doc('all', 'all', '2030-07', { d: { d01: { found: 4 }, d05: { found: 8 } } }),
    ];
    const o = buildOverview({
      now: at('2030-07-05T02:00:00Z'),
      months: monthsUpTo('2030-07', 6),
      units: [],
      unitMonths: [],
      campus,
      gauges: [],
      overdue: {},
      sat: [],
      worstZones: [],
      repeatZones: [],
      zoneNames: {},
    });

    expect(o.week).toMatchObject({ from: '2030-06-29', to: '2030-07-05', found: { value: 13, previous: 2 } });
    expect(daysOf(campus, '2030-06-28', '2030-06-28').found).toBe(2);
  });

  it('lists units by overdue, then open, then found, leaving out units with nothing to show', () => {
    const o = buildOverview({
      now: at('2030-07-15T02:00:00Z'),
      months: ['2030-07'],
      units: [
        { id: 'a', name: '甲' },
        { id: 'b', name: '乙' },
        { id: 'c', name: '丙' },
        { id: 'd', name: '丁' },
      ],
      unitMonths: [doc('unit', 'a', '2030-07', { found: 9, rectified: 4, onTime: 3 }), doc('unit', 'b', '2030-07', { found: 1 })],
      campus: [],
      gauges: [
        { _id: gaugeDocId('a'), unitId: 'a', open: 5 },
        { _id: gaugeDocId('b'), unitId: 'b', open: 1 },
        { _id: gaugeDocId('c'), unitId: 'c', open: 2 },
      ],
      overdue: { b: 1 },
      sat: [{ unitId: 'a', month: '2030-07', n: 4, sum: 18 }],
      worstZones: [],
      repeatZones: [],
      zoneNames: {},
    });

    expect(o.units.map((u) => u.unitId)).toEqual(['b', 'a', 'c']);
    expect(o.units[1]).toMatchObject({ onTimeRate: 0.75, satisfaction: 4.5, open: 5 });
    expect(o.now).toEqual({ open: 8, overdue: 1 });
  });

  it.each([
    ['2030-01', '2029-12'],
    ['2030-10', '2030-09'],
  ])('takes %s back to %s', (m, prev) => {
    expect(previousMonth(m)).toBe(prev);
  });
});
