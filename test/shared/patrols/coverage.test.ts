import { ALWAYS_OPEN, type ServiceHours } from '../../../shared/deadlines';
import {
  applyIncrements,
  type CoverageDoc,
  checkTerms,
  complianceIncrement,
  coverage,
  coverageFromVisits,
  coverageRollupId,
  visitIncrements,
} from '../../../shared/patrols';

const MEALS = [
  { open: '06:30', close: '09:00' },
  { open: '11:00', close: '13:30' },
  { open: '17:00', close: '19:00' },
];
const CANTEEN: ServiceHours = { 1: MEALS, 2: MEALS, 3: MEALS, 4: MEALS, 5: MEALS, 6: MEALS, 7: [] };
const sh = (s: string) => new Date(`${s}:00+08:00`);
const zones = [
  { _id: 'c1', name: '一食堂', unitId: 'u1', serviceHours: CANTEEN },
  { _id: 'd1', name: '一号楼', unitId: 'u2', serviceHours: ALWAYS_OPEN },
];
const opts = { from: '2032-03-08', to: '2032-03-14', today: '2032-03-14', staleDays: 5 };

describe('coverage cells', () => {
  it('adds a visit to the cells and hours it overlaps, in its unit’s week document', () => {
    // Act: 12:50–17:10 on Wednesday overlaps lunch and dinner.
    const incs = visitIncrements(
      { zoneId: 'c1', unitId: 'u1', role: 'office', startedAt: sh('2032-03-10T12:50'), endedAt: sh('2032-03-10T17:10') },
      CANTEEN,
    );
    // Assess
    expect(incs).toHaveLength(1);
    expect(incs[0].id).toBe(coverageRollupId('u1', '2032-W11'));
    expect(incs[0].inc).toMatchObject({
      'z.c1.c.3-1100.office': 1,
      'z.c1.c.3-1700.office': 1,
      'z.c1.n.3': 1,
      'z.c1.h.12': 1,
    });
    expect(incs[0].inc['z.c1.c.3-0630.office']).toBeUndefined();
    expect(Object.keys(incs[0].inc).filter((k) => k.includes('.h.'))).toHaveLength(6); // hours 12–17
  });

  it('splits a visit across midnight at the end of a week into two documents', () => {
    const incs = visitIncrements(
      { zoneId: 'd1', unitId: 'u2', role: 'centre', startedAt: sh('2032-03-14T23:30'), endedAt: sh('2032-03-15T00:30') },
      ALWAYS_OPEN,
    );
    expect(incs.map((i) => i.week).sort()).toEqual(['2032-W11', '2032-W12']);
  });

  it('computes per level, together, overlap, blind spots and stale zones', () => {
    // Prepare
    const visits = [
      { zoneId: 'c1', unitId: 'u1', role: 'office' as const, startedAt: sh('2032-03-10T11:10'), endedAt: sh('2032-03-10T11:30') },
      { zoneId: 'c1', unitId: 'u1', role: 'centre' as const, startedAt: sh('2032-03-10T12:00'), endedAt: sh('2032-03-10T12:20') },
      { zoneId: 'c1', unitId: 'u1', role: 'centre' as const, startedAt: sh('2032-03-09T07:00'), endedAt: sh('2032-03-09T07:20') },
      { zoneId: 'c1', unitId: 'u1', role: 'volunteer' as const, startedAt: sh('2032-03-11T17:30'), endedAt: sh('2032-03-11T17:40') },
      // Outside the period: does not cover, but is the zone's last visit for staleness only if within the documents read.
      { zoneId: 'd1', unitId: 'u2', role: 'office' as const, startedAt: sh('2032-03-01T10:00'), endedAt: sh('2032-03-01T10:30') },
    ];
    // Act
    const r = coverageFromVisits(zones, visits, opts);
    // Assess: canteen 6 days × 3 meals = 18 cells; dorm 7 days × 1 = 7.
    expect(r.cells).toBe(25);
    const c1 = r.zones.find((z) => z.zoneId === 'c1');
    expect(c1).toMatchObject({ cells: 18, office: 1, centre: 2, together: 2, overlap: 1, volunteer: 1, lastVisit: '2032-03-10' });
    expect(r.together).toEqual({ covered: 2, rate: 2 / 25 });
    expect(r.overlap.covered).toBe(1);
    expect(r.blindCellCount).toBe(23);
    // No visit of either level in the last 5 days (03-10 … 03-14) is stale; with 4 days the canteen is stale too.
    expect(r.staleZones.map((z) => z.zoneId)).toEqual(['d1']);
    expect(coverageFromVisits(zones, visits, { ...opts, staleDays: 4 }).staleZones.map((z) => z.zoneId)).toEqual(['c1', 'd1']);
    expect(c1?.open[7]).toBe(true);
    expect(c1?.open[10]).toBe(false);
    expect(c1?.hours[11]).toBe(1);
    expect(c1?.hours[17]).toBe(0); // volunteers are not in the two-level heat map
  });

  it('reads only the period’s days from a week document', () => {
    const docs = new Map<string, CoverageDoc>();
    applyIncrements(
      docs,
      visitIncrements(
        { zoneId: 'd1', unitId: 'u2', role: 'office', startedAt: sh('2032-03-08T10:00'), endedAt: sh('2032-03-08T10:10') },
        ALWAYS_OPEN,
      ),
    );
    const r = coverage(zones, [...docs.values()], { ...opts, from: '2032-03-09' });
    expect(r.zones.find((z) => z.zoneId === 'd1')?.office).toBe(0);
    expect(r.zones.find((z) => z.zoneId === 'd1')?.lastVisit).toBe('2032-03-08');
  });

  it('sums compliance by level within the period', () => {
    const docs = new Map<string, CoverageDoc>();
    const inc = (date: string, delta: Record<string, number>) => {
      const i = complianceIncrement({ unitId: 'u1', level: 'office', date }, delta);
      applyIncrements(docs, i);
    };
    inc('2032-03-09', { s: 1, on: 1 });
    inc('2032-03-10', { s: 1, miss: 1 });
    inc('2032-03-10', { miss: -1, exc: 1 });
    inc('2032-03-11', { s: 1, late: 1 });
    inc('2032-03-01', { s: 1, miss: 1 }); // another week
    const r = coverage(zones, [...docs.values()], opts);
    expect(r.compliance.office).toEqual({ s: 3, on: 1, late: 1, miss: 0, exc: 1, rate: 0.5 });
    expect(r.compliance.centre.rate).toBeNull();
  });
});

describe('term rollups', () => {
  const term = { id: '2032S', name: '2032 春季学期', from: '2032-03-09', to: '2032-03-20' };
  const visits = [
    { zoneId: 'c1', unitId: 'u1', role: 'office' as const, startedAt: sh('2032-03-10T11:10'), endedAt: sh('2032-03-10T11:30') },
    { zoneId: 'c1', unitId: 'u1', role: 'centre' as const, startedAt: sh('2032-03-16T07:00'), endedAt: sh('2032-03-16T07:20') },
    { zoneId: 'd1', unitId: 'u2', role: 'volunteer' as const, startedAt: sh('2032-03-19T22:00'), endedAt: sh('2032-03-19T22:30') },
    { zoneId: 'd1', unitId: 'u2', role: 'office' as const, startedAt: sh('2032-03-02T10:00'), endedAt: sh('2032-03-02T10:30') }, // before the term
  ];

  it('gives the same map from one document per unit as from the term’s weeks', () => {
    // Prepare
    const docs = new Map<string, CoverageDoc>();
    for (const v of visits) applyIncrements(docs, visitIncrements(v, v.zoneId === 'c1' ? CANTEEN : ALWAYS_OPEN, [term]));
    const termDocs = [...docs.values()].filter((d) => d.term === '2032S');
    const weekDocs = [...docs.values()].filter((d) => !d.term);
    const o = { from: term.from, to: term.to, today: '2032-03-20', staleDays: 5 };
    // Act
    const fromWeeks = coverage(zones, weekDocs, o);
    const fromTerm = coverage(zones, termDocs, o, weekDocs);
    // Assess
    expect(termDocs.map((d) => d._id).sort()).toEqual(['cov-u1-T-2032S', 'cov-u2-T-2032S']);
    expect(fromTerm).toEqual(fromWeeks);
    expect(fromTerm.together.covered).toBe(2);
    expect(fromTerm.volunteer.covered).toBe(1);
  });

  it('checks configured terms', () => {
    expect(checkTerms([term])).toBeNull();
    expect(checkTerms([term, { ...term, id: 'x', from: '2032-03-20', to: '2032-04-01' }])).toMatch(/overlaps/);
    expect(checkTerms([{ ...term, to: '2033-03-01' }])).toMatch(/200 days/);
    expect(checkTerms([{ ...term, id: 'a.b' }])).toMatch(/bad term id/);
  });
});
