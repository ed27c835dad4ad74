import { ALWAYS_OPEN, type ServiceHours } from '../../../shared/deadlines';
import { AppError } from '../../../shared/errors';
import {
  checkYield,
  fallsOn,
  MAX_OCCURRENCES_PER_PLAN_DAY,
  occurrenceKey,
  PlanFields,
  samplePeriods,
  sampleSlot,
  slotsAt,
} from '../../../shared/patrols';

const MEALS = [
  { open: '06:30', close: '09:00' },
  { open: '11:00', close: '13:30' },
];
const WEEKDAYS: ServiceHours = { 1: MEALS, 2: MEALS, 3: MEALS, 4: MEALS, 5: MEALS, 6: [], 7: [] };
const base = {
  recurrence: { freq: 'daily' as const },
  window: { kind: 'fixed' as const, at: '11:30', minutes: 60 },
  graceMinutes: 30,
  startDate: '2032-03-01',
  assignees: { mode: 'any' as const, personIds: ['p1'] },
};
const codeOf = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
};

describe('recurrence in Shanghai time', () => {
  it.each([
    [{ freq: 'daily' }, '2032-03-13', true],
    [{ freq: 'weekly', days: [1, 3] }, '2032-03-10', true], // a Wednesday
    [{ freq: 'weekly', days: [1, 3] }, '2032-03-11', false],
    [{ freq: 'monthly', day: 15 }, '2032-03-15', true],
    [{ freq: 'monthly', day: 31 }, '2032-02-29', true], // the last day of a short month
    [{ freq: 'monthly', day: 31 }, '2032-02-28', false],
    [{ freq: 'sample', per: 'week', count: 2 }, '2032-03-10', false],
  ] as const)('%j falls on %s: %s', (r, date, expected) => {
    expect(fallsOn(r as never, date)).toBe(expected);
  });

  it('makes a fixed slot only on days the zone is open at that time, with due and miss times', () => {
    // Act
    const slots = slotsAt(base, WEEKDAYS, '2032-03-12', '2032-03-15'); // Fri, Sat, Sun, Mon
    // Assess
    expect(slots.map((s) => s.key)).toEqual(['2032-03-12T1130', '2032-03-15T1130']);
    expect(slots[0].startAt.toISOString()).toBe('2032-03-12T03:30:00.000Z');
    expect(slots[0].dueAt.toISOString()).toBe('2032-03-12T04:30:00.000Z');
    expect(slots[0].missAt.toISOString()).toBe('2032-03-12T05:00:00.000Z');
  });

  it('spans the day’s service hours for a service window', () => {
    const [s] = slotsAt({ ...base, window: { kind: 'service' } }, WEEKDAYS, '2032-03-12', '2032-03-12');
    expect(s.key).toBe('2032-03-12');
    expect(s.startAt.toISOString()).toBe('2032-03-11T22:30:00.000Z'); // 06:30 Shanghai
    expect(s.dueAt.toISOString()).toBe('2032-03-12T05:30:00.000Z'); // 13:30 Shanghai
  });

  it('clips to the plan’s start and end dates', () => {
    const slots = slotsAt({ ...base, startDate: '2032-03-03', endDate: '2032-03-04' }, ALWAYS_OPEN, '2032-03-01', '2032-03-31');
    expect(slots.map((s) => s.date)).toEqual(['2032-03-03', '2032-03-04']);
  });

  it('gives a sample its period’s open days as the window', () => {
    expect(samplePeriods('week', '2032-03-14', '2032-03-15')).toEqual(['2032-W11', '2032-W12']);
    const s = sampleSlot(base, WEEKDAYS, '2032-W11');
    expect(s?.date).toBe('2032-03-08');
    expect(s?.dueAt.toISOString()).toBe('2032-03-12T05:30:00.000Z'); // Friday 13:30, the last opening of the week
  });

  it('refuses a recurrence that yields nothing, or too much, with a code', () => {
    const zones = [{ _id: 'z1', serviceHours: WEEKDAYS }];
    expect(codeOf(() => checkYield({ ...base, window: { kind: 'fixed', at: '10:00', minutes: 30 } }, zones))).toBe(
      'PATROL.RECURRENCE_EMPTY',
    );
    expect(codeOf(() => checkYield({ ...base, recurrence: { freq: 'weekly', days: [6, 7] } }, zones))).toBe('PATROL.RECURRENCE_EMPTY');
    const many = Array.from({ length: 200 }, (_, i) => ({ _id: `z${i}`, serviceHours: ALWAYS_OPEN }));
    const all = { ...base, assignees: { mode: 'all' as const, personIds: ['p1', 'p2'] } };
    expect(codeOf(() => checkYield(all, many))).toBe('PATROL.RECURRENCE_TOO_MANY');
    expect(400).toBeGreaterThan(MAX_OCCURRENCES_PER_PLAN_DAY);
    expect(codeOf(() => checkYield({ ...base, window: { kind: 'service' } }, [{ _id: 'legacy' }]))).toBe(
      'PATROL.ZONE_WITHOUT_SERVICE_HOURS',
    );
    expect(checkYield(base, zones)).toBe(261); // the weekdays of a year from 2032-03-01
  });

  it('keys an occurrence by plan, zone, slot and (all must complete) assignee', () => {
    expect(occurrenceKey('plan1', 'zone-a', '2032-03-10T1130')).toBe('plan1~zone-a~2032-03-10T1130');
    expect(occurrenceKey('plan1', 'zone-a', '2032-W11', 'p1')).toBe('plan1~zone-a~2032-W11~p1');
  });
});

describe('plan fields', () => {
  const valid = {
    name: '专项',
    kind: 'special',
    theme: '食品安全月',
    endDate: '2032-03-31',
    startDate: '2032-03-01',
    level: 'centre',
    centreId: 'centre-food',
    mode: 'surprise',
    recurrence: { freq: 'sample', per: 'week', count: 3 },
    targets: { kind: 'subtree', rootId: 'zone-campus' },
    window: { kind: 'service' },
    assignees: { mode: 'all', personIds: ['a', 'b'] },
    checklist: [{ id: 'a', text: '留样' }],
    negativeList: [{ id: 'n1', text: '推诿扯皮' }],
    graceMinutes: 0,
  };
  it('accepts a special surprise sample campaign', () => {
    expect(PlanFields.safeParse(valid).success).toBe(true);
  });
  it.each([
    ['a special campaign without an end date', { endDate: undefined }],
    ['an end before the start', { endDate: '2032-02-01' }],
    ['a centre plan without its centre', { centreId: undefined }],
    ['no items at all', { checklist: [], negativeList: [] }],
    ['repeated item ids', { negativeList: [{ id: 'a', text: 'x' }] }],
    ['a sample at a fixed time', { window: { kind: 'fixed', at: '10:00', minutes: 30 } }],
    ['repeated weekdays', { recurrence: { freq: 'weekly', days: [1, 1] } }],
  ])('refuses %s', (_n, over) => {
    expect(PlanFields.safeParse({ ...valid, ...over }).success).toBe(false);
  });
});
