import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import type { ServiceHours } from '../../shared/deadlines';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, call, type Loose, PEOPLE, type Reply, shiftClock, startWithFixtures, zone } from './fixtures';

/** 2032-03-10 is a Wednesday; 08:00 in Shanghai. */
const AT = (hhmm: string, day = '2032-03-10') => Date.parse(`${day}T${hhmm}:00+08:00`);
const setClock = (at: number) => shiftClock(at - (performance.timeOrigin + performance.now()));

const MEALS = [
  { open: '06:30', close: '09:00' },
  { open: '11:00', close: '13:30' },
  { open: '17:00', close: '19:00' },
];
const CANTEEN_HOURS: ServiceHours = { 1: MEALS, 2: MEALS, 3: MEALS, 4: MEALS, 5: MEALS, 6: MEALS, 7: [] };

const pt = (cloud: Cloud, openid: string, action: string, payload: unknown = {}): Promise<Reply> =>
  cloud.host.invoke('patrols', { action, payload }, { source: 'wx_client', openid }) as Promise<Reply>;
const timer = (cloud: Cloud) => cloud.host.fireTimer('patrols', 'hourly') as Promise<Reply>;
const OFFICE = PEOPLE.officeInspector.openid;
const CENTRE = PEOPLE.centreInspector.openid;
const MANAGER = PEOPLE.manager.openid;
const STAFF = PEOPLE.staff.openid;
const ADMIN = PEOPLE.admin.openid;

const count = async (collection: string, where: Record<string, unknown> = {}): Promise<number> =>
  ((await wxCloud().database().collection(collection).where(where).count()) as { total: number }).total;
const docOf = async (collection: string, id: string): Promise<Loose> =>
  ((await wxCloud().database().collection(collection).where({ _id: id }).limit(1).get()) as { data: Loose[] }).data[0];

const planFields = (over: Record<string, unknown> = {}) => ({
  name: '食堂午餐巡查',
  kind: 'routine',
  startDate: '2032-03-10',
  level: 'office',
  mode: 'scheduled',
  recurrence: { freq: 'daily' },
  targets: { kind: 'zones', zoneIds: ['zone-canteen', 'zone-b1-f2'] },
  window: { kind: 'fixed', at: '11:30', minutes: 60 },
  assignees: { mode: 'any', personIds: ['p-insp-office'] },
  checklist: [
    { id: 'clean', text: '操作间地面干净' },
    { id: 'raw', text: '生熟分开存放' },
  ],
  negativeList: [{ id: 'rude', text: '服务态度生硬' }],
  graceMinutes: 30,
  ...over,
});

async function activePlan(cloud: Cloud, openid: string, over: Record<string, unknown> = {}): Promise<Loose> {
  const saved = await pt(cloud, openid, 'savePlan', { fields: planFields(over) });
  expect(saved.code).toBe(0);
  const on = await pt(cloud, openid, 'setPlanStatus', { planId: saved.data.plan._id, status: 'active', version: 1 });
  expect(on.code).toBe(0);
  return on.data.plan;
}

describe('patrols function', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures([zone('zone-canteen', 'cant1', { name: '第一食堂', kind: 'canteen', serviceHours: CANTEEN_HOURS })]);
    // A legacy zone stored before service hours were required.
    const legacy: Loose = { ...zone('zone-nohours', 'noh1', { name: '旧仓库' }) };
    delete legacy.serviceHours;
    await wxCloud().database().collection('zones').add({ data: legacy });
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => {
    clearCaches();
    setClock(AT('08:00'));
  });
  afterEach(() => jest.restoreAllMocks());

  describe('bad plans are refused with a code and write nothing', () => {
    it.each([
      [
        'a zone without service hours',
        { targets: { kind: 'zones', zoneIds: ['zone-nohours'] }, window: { kind: 'service' } },
        'PATROL.ZONE_WITHOUT_SERVICE_HOURS',
      ],
      [
        'a fixed time when the canteen is always closed',
        { targets: { kind: 'zones', zoneIds: ['zone-canteen'] }, window: { kind: 'fixed', at: '10:00', minutes: 30 } },
        'PATROL.RECURRENCE_EMPTY',
      ],
      ['a special campaign without a theme', { kind: 'special', endDate: '2032-04-01' }, 'REQUEST.INVALID'],
      ['an unknown zone', { targets: { kind: 'zones', zoneIds: ['zone-nowhere'] } }, 'PATROL.ZONE_NOT_FOUND'],
      ['a centre plan by the office inspector of no centre', { level: 'centre' }, 'REQUEST.INVALID'],
    ])('refuses %s', async (_name, over, code) => {
      // Prepare
      const before = await count('patrolPlans');
      // Act
      const r = await pt(cloud, OFFICE, 'savePlan', { fields: planFields(over) });
      // Assess
      expect(r.code).toBe(code);
      expect(await count('patrolPlans')).toBe(before);
    });

    it('keeps a centre inspector out of office-level planning', async () => {
      const r = await pt(cloud, CENTRE, 'savePlan', { fields: planFields() });
      expect(r.code).toBe('PATROL.OUT_OF_SCOPE');
      expect((await pt(cloud, STAFF, 'savePlan', { fields: planFields() })).code).toBe('AUTH.FORBIDDEN');
    });
  });

  describe('a planned patrol from timer to coverage', () => {
    let plan: Loose;
    beforeAll(async () => {
      clearCaches();
      setClock(AT('08:00'));
      plan = await activePlan(cloud, OFFICE);
    });

    it('creates occurrences ahead only while zones are open, and a re-run creates nothing', async () => {
      // Act
      const first = await timer(cloud);
      const again = await timer(cloud);
      // Assess: 2 zones × today and tomorrow, plus the two zones' daily self-checks (the legacy zone has none).
      expect(first.code).toBe(0);
      expect(first.data).toMatchObject({ created: 8, capped: false, zonesWithoutHours: 1 });
      expect(again.data).toMatchObject({ created: 0, existing: 8 });
      expect(await count('patrolOccurrences', { planId: plan._id })).toBe(4);
      const occ = await docOf('patrolOccurrences', `${plan._id}~zone-canteen~2032-03-10T1130`);
      expect(occ).toMatchObject({ state: 'upcoming', level: 'office', assigneeIds: ['p-insp-office'] });
      expect(new Date(occ.missAt).toISOString()).toBe(new Date(AT('13:00')).toISOString());
    });

    it("lists the inspector's patrols and the staff's self-checks for today", async () => {
      const mine = await pt(cloud, OFFICE, 'myToday');
      expect(mine.data.items.map((o: Loose) => `${o.zoneId} ${o.date}`)).toEqual(
        expect.arrayContaining(['zone-canteen 2032-03-10', 'zone-b1-f2 2032-03-10', 'zone-canteen 2032-03-11']),
      );
      const self = await pt(cloud, STAFF, 'myToday');
      expect(self.data.items.filter((o: Loose) => o.kind === 'selfCheck' && o.date === '2032-03-10')).toHaveLength(2);
    });

    it('proves a visit by scanning the right poster, once, and counts it on time', async () => {
      // Prepare
      setClock(AT('11:40'));
      const occurrenceId = `${plan._id}~zone-canteen~2032-03-10T1130`;
      // Act / Assess: the wrong poster, an unknown one, then the right one, then a second scan.
      expect((await pt(cloud, OFFICE, 'startVisit', { sceneId: 'b1f2', occurrenceId })).code).toBe('PATROL.WRONG_ZONE');
      expect((await pt(cloud, OFFICE, 'startVisit', { sceneId: 'nope', occurrenceId })).code).toBe('PATROL.UNKNOWN_SCENE');
      expect((await pt(cloud, CENTRE, 'startVisit', { sceneId: 'cant1', occurrenceId })).code).toBe('PATROL.NOT_ASSIGNEE');
      const started = await pt(cloud, OFFICE, 'startVisit', { sceneId: 'cant1', occurrenceId });
      expect(started.code).toBe(0);
      expect(started.data.visit.items.map((i: Loose) => i.id)).toEqual(['clean', 'raw', 'rude']);
      expect((await pt(cloud, OFFICE, 'startVisit', { sceneId: 'cant1', occurrenceId })).code).toBe('PATROL.ALREADY_STARTED');
      expect(await count('patrolVisits', { occurrenceId })).toBe(1);

      const visitId = started.data.visit._id;
      setClock(AT('12:05'));
      const partial = await pt(cloud, OFFICE, 'endVisit', { visitId, results: { clean: 'pass' } });
      expect(partial.code).toBe('PATROL.CHECKLIST_INCOMPLETE');
      expect((await docOf('patrolVisits', visitId)).state).toBe('open');
      const ended = await pt(cloud, OFFICE, 'endVisit', { visitId, results: { clean: 'pass', raw: 'fail', rude: 'na' } });
      expect(ended.code).toBe(0);
      expect(ended.data).toMatchObject({ failed: 1, outcome: 'doneOnTime' });
      expect((await pt(cloud, OFFICE, 'endVisit', { visitId, results: { clean: 'pass', raw: 'fail', rude: 'na' } })).code).toBe(
        'PATROL.VISIT_ENDED',
      );
      expect((await docOf('patrolOccurrences', occurrenceId)).state).toBe('doneOnTime');
    });

    it('links a finding filed during the visit, and refuses someone else’s', async () => {
      setClock(AT('12:10'));
      const v = await pt(cloud, OFFICE, 'startVisit', { sceneId: 'b1f2' });
      expect(v.code).toBe(0);
      expect(v.data.visit.role).toBe('office');
      const mine = await call(cloud, OFFICE, 'createFinding', {
        zoneId: 'zone-b1-f2',
        categoryCode: 'hygiene',
        severity: 'minor',
        description: '楼道有积水',
      });
      const theirs = await call(cloud, CENTRE, 'createFinding', {
        zoneId: 'zone-b1-f2',
        categoryCode: 'hygiene',
        severity: 'minor',
        description: '垃圾未清',
      });
      expect((await pt(cloud, OFFICE, 'linkFinding', { visitId: v.data.visit._id, ticketId: mine.data.ticketId })).code).toBe(0);
      expect((await pt(cloud, OFFICE, 'linkFinding', { visitId: v.data.visit._id, ticketId: theirs.data.ticketId })).code).toBe(
        'PATROL.FINDING_MISMATCH',
      );
      expect((await docOf('patrolVisits', v.data.visit._id)).findings).toEqual([expect.objectContaining({ ticketId: mine.data.ticketId })]);
      // The centre level sees the office's visit and its finding (联动).
      const log = await pt(cloud, CENTRE, 'visits', { zoneId: 'zone-b1-f2', from: '2032-03-10', to: '2032-03-10' });
      expect(log.data.items[0]).toMatchObject({
        role: 'office',
        inspectorName: '孙督查',
        findings: [expect.objectContaining({ kind: 'problem' })],
      });
    });

    it('marks the unvisited patrol missed after its grace, shows it to the manager, and excuses it with a reason', async () => {
      // Act
      setClock(AT('13:01'));
      const run = await timer(cloud);
      // Assess
      expect(run.data.missed).toBe(1);
      const missedId = `${plan._id}~zone-b1-f2~2032-03-10T1130`;
      expect((await docOf('patrolOccurrences', missedId)).state).toBe('missed');
      const reg = await pt(cloud, MANAGER, 'register', { from: '2032-03-10', to: '2032-03-10' });
      expect(reg.data.items.map((o: Loose) => o._id)).toContain(missedId);
      expect((await pt(cloud, MANAGER, 'excuse', { occurrenceId: missedId, reason: '停水' })).code).toBe('PATROL.OUT_OF_SCOPE');
      const ok = await pt(cloud, OFFICE, 'excuse', { occurrenceId: missedId, reason: '当日全楼停水，无法进入' });
      expect(ok.code).toBe(0);
      expect((await docOf('patrolOccurrences', missedId)).excuse).toMatchObject({ reason: '当日全楼停水，无法进入', by: 'p-insp-office' });
      expect((await pt(cloud, OFFICE, 'excuse', { occurrenceId: missedId, reason: '再次' })).code).toBe('PATROL.INVALID_TRANSITION');
    });

    it('reports coverage per level and on-time compliance from the rollups', async () => {
      const r = await pt(cloud, ADMIN, 'coverage', { from: '2032-03-10', to: '2032-03-10', staleDays: 7 });
      expect(r.code).toBe(0);
      const canteen = r.data.zones.find((z: Loose) => z.zoneId === 'zone-canteen');
      // Three meal intervals on Wednesday; the visit 11:40–12:05 covers the lunch interval only.
      expect(canteen).toMatchObject({ cells: 3, office: 1, centre: 0, together: 1, overlap: 0 });
      expect(canteen.hours[11]).toBe(1);
      expect(canteen.hours[12]).toBe(1);
      expect(canteen.hours[10]).toBe(0);
      expect(canteen.open.slice(6, 20)).toEqual([true, true, true, false, false, true, true, true, false, false, false, true, true, false]);
      expect(r.data.blindCells).toEqual(expect.arrayContaining([expect.objectContaining({ zoneId: 'zone-canteen', open: '06:30' })]));
      // One done on time, one excused: 1 ÷ (2 − 1).
      expect(r.data.compliance.office).toMatchObject({ s: 2, on: 1, exc: 1, miss: 0, rate: 1 });
      expect(r.data.staleZones.map((z: Loose) => z.zoneId)).toContain('zone-nohours');
    });
  });

  it('hides a surprise patrol from the unit until the visit starts', async () => {
    // Prepare
    const plan = await activePlan(cloud, CENTRE, {
      name: '突击检查',
      level: 'centre',
      centreId: 'centre-property',
      mode: 'surprise',
      targets: { kind: 'zones', zoneIds: ['zone-b1-f2'] },
      window: { kind: 'service' },
      assignees: { mode: 'any', personIds: ['p-insp-centre'] },
    });
    await timer(cloud);
    const occurrenceId = `${plan._id}~zone-b1-f2~2032-03-10`;
    // Act / Assess
    expect((await pt(cloud, MANAGER, 'excuse', { occurrenceId, reason: '想取消' })).code).toBe('PATROL.OCCURRENCE_NOT_FOUND');
    const mine = await pt(cloud, CENTRE, 'myToday');
    expect(mine.data.items.find((o: Loose) => o._id === occurrenceId)).toMatchObject({ surprise: true, level: 'centre' });
    const started = await pt(cloud, CENTRE, 'startVisit', { sceneId: 'b1f2', occurrenceId });
    expect(started.code).toBe(0);
    expect(started.data.visit.role).toBe('centre');
  });

  it('lets exactly one of two simultaneous scans start the patrol', async () => {
    const plan = await activePlan(cloud, OFFICE, {
      name: '并发',
      targets: { kind: 'zones', zoneIds: ['zone-canteen'] },
      window: { kind: 'fixed', at: '17:30', minutes: 30 },
    });
    await timer(cloud);
    const occurrenceId = `${plan._id}~zone-canteen~2032-03-10T1730`;
    const both = await Promise.all([
      pt(cloud, OFFICE, 'startVisit', { sceneId: 'cant1', occurrenceId }),
      pt(cloud, OFFICE, 'startVisit', { sceneId: 'cant1', occurrenceId }),
    ]);
    expect(both.map((r) => r.code).sort()).toEqual([0, 'PATROL.ALREADY_STARTED']);
    expect(await count('patrolVisits', { occurrenceId })).toBe(1);
  });

  it('caps occurrences per run and says so; the next run continues', async () => {
    await activePlan(cloud, OFFICE, {
      name: '宿舍巡查',
      targets: { kind: 'zones', zoneIds: ['zone-canteen', 'zone-b1-f2'] },
      window: { kind: 'fixed', at: '18:00', minutes: 30 },
    });
    const capped = await pt(cloud, ADMIN, 'runTimer', { maxCreate: 1 });
    expect(capped.data).toMatchObject({ capped: true });
    expect(capped.data.note).toMatch(/cap of 1/);
    const rest = await timer(cloud);
    expect(rest.data.capped).toBe(false);
    expect(rest.data.created).toBeGreaterThan(0);
  });

  it('keeps a configured term in one document per unit and reads the term’s map from it', async () => {
    // Prepare
    const term = { id: 'T1', name: '测试学期', from: '2032-03-10', to: '2032-03-31' };
    expect((await pt(cloud, OFFICE, 'saveTerms', { terms: [term] })).code).toBe('AUTH.FORBIDDEN');
    const overlapping = [term, { ...term, id: 'T2', from: '2032-03-20' }];
    expect((await pt(cloud, ADMIN, 'saveTerms', { terms: overlapping })).code).toBe('PATROL.PERIOD_INVALID');
    expect((await pt(cloud, ADMIN, 'saveTerms', { terms: [term] })).code).toBe(0);
    setClock(AT('15:00'));
    const v = await pt(cloud, CENTRE, 'startVisit', { sceneId: 'cant1' });
    expect(v.code).toBe(0);
    setClock(AT('17:30'));
    const results = Object.fromEntries(v.data.visit.items.map((i: Loose) => [i.id, 'pass']));
    expect((await pt(cloud, CENTRE, 'endVisit', { visitId: v.data.visit._id, results })).code).toBe(0);
    // Act
    const r = await pt(cloud, ADMIN, 'coverage', { from: term.from, to: term.to });
    // Assess: the visit 15:00–17:30 covers Wednesday's dinner interval at the canteen.
    expect(r.data.fromTerm).toBe('T1');
    expect(await docOf('patrolCoverage', 'cov-contractor-clean-T-T1')).toMatchObject({ term: 'T1', week: 'T-T1' });
    expect(r.data.zones.find((z: Loose) => z.zoneId === 'zone-canteen')).toMatchObject({ centre: 1 });
    expect(r.data.terms).toEqual([term]);
  });

  it('gives the month’s briefing a coverage section from the rollups', async () => {
    // Act
    const made = (await cloud.host.invoke(
      'briefings',
      { action: 'generate', payload: { period: '2032-03' } },
      { source: 'wx_client', openid: ADMIN },
    )) as Reply;
    // Assess
    expect(made.code).toBe(0);
    const doc = (await wxCloud().database().collection('briefings').where({ no: made.data.no }).limit(1).get()) as { data: Loose[] };
    const cov = doc.data[0].content.coverage;
    expect(cov.cells).toBeGreaterThan(0);
    expect(cov.together).toBeGreaterThan(0);
    expect(cov.compliance).toMatchObject({ scheduled: expect.any(Number), excused: 1 });
    expect(cov.staleZones).toContain('旧仓库');
  });
});
