import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { ALWAYS_OPEN } from '../../shared/deadlines';
import type { Zone } from '../../shared/org';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, call, type Loose, PEOPLE, PHOTO, REPORTER, report, shiftClock, startWithFixtures, zone } from './fixtures';

const setClock = (at: number) => shiftClock(at - (performance.timeOrigin + performance.now()));
type R = { code: 0 | string; data: Loose; message?: string };
const invoke = (cloud: Cloud, fn: string, openid: string, action: string, payload: unknown) =>
  cloud.host.invoke(fn, { action, payload }, { source: 'wx_client', openid }) as Promise<R>;

const campus = (id: string, name: string, sceneId: string): Zone => ({
  _id: id,
  name,
  kind: 'campus',
  parentId: null,
  path: [],
  campusId: id,
  unitId: 'centre-property',
  responsible: { primary: 'p-staff' },
  serviceHours: ALWAYS_OPEN,
  sceneId,
});

/** The ranking and unit-score pages' actions: filters, paged rankings with trends, and a unit's score down to tickets. */
describe('ranking page actions', () => {
  let cloud: Cloud;
  let ticketA: string;
  let ticketB: string;
  let firstRun: string;
  beforeAll(async () => {
    cloud = await startWithFixtures([
      campus('campus-main', '主校区', 'cmain'),
      campus('campus-east', '东校区', 'ceast'),
      zone('zone-g1', 'g1', {
        unitId: 'contractor-other',
        campusId: 'campus-east',
        path: ['campus-east'],
        parentId: 'campus-east',
        responsible: { primary: 'p-other' },
      }),
    ]);
    clearCaches();
    // Prepare: February 2030. The other contractor leaves a minor hygiene problem open (−1 − 5 = 94).
    setClock(Date.UTC(2030, 1, 10, 2));
    await report(cloud, { sceneId: 'g1', categoryCode: 'hygiene' });
    setClock(Date.UTC(2030, 2, 1, 20)); // 04:00 on 2 March in Shanghai: February is frozen
    await cloud.host.fireTimer('scoring', 'monthly');
    // March 2030. A: minor, rectified at once, verified with 5 stars. B: minor, left open (overdue capped at 5).
    // C: the other contractor's facility problem (major), reported with 2 stars, left open.
    setClock(Date.UTC(2030, 2, 10, 2));
    ticketA = (await report(cloud, { categoryCode: 'hygiene' })).data.ticketId;
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: ticketA });
    await call(cloud, PEOPLE.staff.openid, 'rectify', { ticketId: ticketA, afterPhotos: [PHOTO], note: '已清理', cause: '漏扫' });
    await call(cloud, REPORTER, 'verify', { ticketId: ticketA, approve: true, rating: 5 });
    ticketB = (await report(cloud, { categoryCode: 'attitude' })).data.ticketId;
    await report(cloud, { sceneId: 'g1', categoryCode: 'facility', rating: 2 });
    setClock(Date.UTC(2030, 3, 1, 20));
    firstRun = ((await cloud.host.fireTimer('scoring', 'monthly')) as R).data.runId;
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  describe('stats.rankingOptions', () => {
    it('lists the scored months newest first, the campuses and the centres', async () => {
      // Act
      const r = await invoke(cloud, 'stats', PEOPLE.leader.openid, 'rankingOptions', {});

      // Assess
      expect(r.code).toBe(0);
      expect(r.data).toEqual({
        periods: [
          { period: '2030-03', runs: 1, recomputed: false },
          { period: '2030-02', runs: 1, recomputed: false },
        ],
        latest: '2030-03',
        campuses: [
          { _id: 'campus-east', name: '东校区' },
          { _id: 'campus-main', name: '主校区' },
        ],
        centres: [{ _id: 'centre-property', name: '物业服务中心' }],
        staffUnits: [],
      });
    });

    it('offers a manager the staff ranking of their own unit only', async () => {
      const manager = await invoke(cloud, 'stats', PEOPLE.manager.openid, 'rankingOptions', {});
      const staff = await invoke(cloud, 'stats', PEOPLE.staff.openid, 'rankingOptions', {});
      const forged = await invoke(cloud, 'stats', PEOPLE.leader.openid, 'rankingOptions', { openid: PEOPLE.manager.openid });

      expect(manager.data.staffUnits).toEqual([{ _id: 'contractor-clean', name: '保洁公司' }]);
      expect(staff.code).toBe('AUTH.FORBIDDEN');
      expect(forged.code).toBe('REQUEST.INVALID');
    });
  });

  describe('stats.unitRanking by score', () => {
    it('pages the ranking with each unit’s trend against the previous month and the run in force', async () => {
      // Act
      const first = await invoke(cloud, 'stats', PEOPLE.leader.openid, 'unitRanking', { period: '2030-03', by: 'score', limit: 2 });
      const rest = await invoke(cloud, 'stats', PEOPLE.leader.openid, 'unitRanking', {
        period: '2030-03',
        by: 'score',
        limit: 2,
        cursor: first.data.nextCursor,
      });

      // Assess: February ranked centre 100, clean 100 (tie: fewer problems, then id), other 94
      expect(first.data).toMatchObject({ total: 3, nextCursor: '2', recomputed: false, previousPeriod: '2030-02' });
      expect(first.data.run).toMatchObject({ runId: firstRun, by: 'system', reason: 'monthly freeze', ruleVersion: 'v1' });
      expect([...first.data.rows, ...rest.data.rows].map((r: Loose) => [r.rank, r.unitId, r.total, r.previous])).toEqual([
        [1, 'centre-property', 100, { rank: 1, value: 100, delta: 0 }],
        [2, 'contractor-clean', 93, { rank: 2, value: 100, delta: -7 }],
        [3, 'contractor-other', 92, { rank: 3, value: 94, delta: -2 }],
      ]);
      expect(rest.data.nextCursor).toBeNull();
    });

    it('refuses a cursor it did not issue and a page size over 100', async () => {
      const cursor = await invoke(cloud, 'stats', PEOPLE.leader.openid, 'unitRanking', { period: '2030-03', by: 'score', cursor: 'abc' });
      const limit = await invoke(cloud, 'stats', PEOPLE.leader.openid, 'unitRanking', { period: '2030-03', by: 'score', limit: 101 });

      expect(cursor.code).toBe('REQUEST.INVALID');
      expect(limit.code).toBe('REQUEST.INVALID');
    });

    it('says a month is not scored yet', async () => {
      const r = await invoke(cloud, 'stats', PEOPLE.leader.openid, 'unitRanking', { period: '2030-04', by: 'score' });

      expect(r.code).toBe('STATS.NOT_SCORED');
    });
  });

  describe('stats.zoneRanking', () => {
    it('names each zone and its unit, and filters by campus', async () => {
      // Act
      const all = await invoke(cloud, 'stats', PEOPLE.leader.openid, 'zoneRanking', { period: '2030-03' });
      const east = await invoke(cloud, 'stats', PEOPLE.leader.openid, 'zoneRanking', { period: '2030-03', campusId: 'campus-east' });

      // Assess: (10 × 3 + 5) / 11 = 3.1818 and (10 × 3 + 2) / 11 = 2.9091
      expect(all.data.rows.map((r: Loose) => [r.rank, r.zoneId, r.name, r.unitName, r.n, r.adjusted])).toEqual([
        [1, 'zone-b1-f2', '区域b1f2', '保洁公司', 1, 3.1818],
        [2, 'zone-g1', '区域g1', '绿化公司', 1, 2.9091],
      ]);
      expect(east.data.rows.map((r: Loose) => [r.rank, r.zoneId])).toEqual([[1, 'zone-g1']]);
      expect(east.data).toMatchObject({ total: 1, nextCursor: null });
    });
  });

  describe('scoring.unitScore', () => {
    it('traces a unit’s score to the tickets behind every line, with its rank and last month', async () => {
      // Act
      const r = await invoke(cloud, 'scoring', PEOPLE.leader.openid, 'unitScore', { period: '2030-03', unitId: 'contractor-clean' });

      // Assess: 100 − 1 (A) − 1 (B) − 5 (B overdue) = 93, second of three; February 100, second
      expect(r.code).toBe(0);
      expect(r.data).toMatchObject({
        unitName: '保洁公司',
        runId: firstRun,
        current: true,
        rank: 2,
        of: 3,
        base: 100,
        deductions: -7,
        bonuses: 0,
        total: 93,
        ruleVersion: 'v1',
        rules: { version: 'v1', deduction: { minor: 1 } },
        satisfaction: { n: 1, mean: 5, adjusted: 3.1818 },
        previousPeriod: '2030-02',
        previous: { period: '2030-02', total: 100, rank: 2, of: 3 },
      });
      expect(r.data.run).toMatchObject({ by: 'system', byName: null, reason: 'monthly freeze', current: true });
      const lines = r.data.groups.map((g: Loose) => [
        g.kind,
        g.count,
        g.points,
        g.items.map((i: Loose) => [i.ticketId, i.categoryName, i.severity, i.points]),
      ]);
      expect(lines).toEqual([
        [
          'problem',
          2,
          -2,
          [
            [ticketA, '环境卫生', 'minor', -1],
            [ticketB, '服务态度', 'minor', -1],
          ],
        ],
        ['overdue', 1, -5, [[ticketB, '服务态度', 'minor', -5]]],
      ]);
      expect(r.data.groups[1].items[0].no).toMatch(/^XC-20300310-\d{4}$/);
      expect(r.data.groups[1].items[0].detail.hours).toBeGreaterThan(10);
    });

    it('names each ticket by place, words and day as frozen with the run, even after the zone is renamed', async () => {
      // Arrange: the zone is renamed after March was frozen.
      await wxCloud()
        .database()
        .collection('zones')
        .doc('zone-b1-f2')
        .update({ data: { name: '改名后的区域' } });
      clearCaches();

      // Act
      const r = await invoke(cloud, 'scoring', PEOPLE.leader.openid, 'unitScore', { period: '2030-03', unitId: 'contractor-clean' });

      // Assess
      expect(r.data.groups[0].items[0]).toMatchObject({ ticketId: ticketA, place: '区域b1f2', text: '走廊有垃圾', day: '2030-03-10' });
      expect(r.data.groups[0].items[0].detail).toMatchObject({ place: '区域b1f2', category: '环境卫生', day: '2030-03-10' });
      await wxCloud()
        .database()
        .collection('zones')
        .doc('zone-b1-f2')
        .update({ data: { name: '区域b1f2' } });
    });

    it('shows who recomputed a month and why, and keeps the earlier run readable', async () => {
      // Prepare: B is cancelled as a false report, then an admin recomputes March
      await call(cloud, PEOPLE.manager.openid, 'cancel', { ticketId: ticketB, reason: 'invalid', note: '误报' });
      const recomputed = await invoke(cloud, 'scoring', PEOPLE.admin.openid, 'recompute', { period: '2030-03', reason: '工单B误报已撤销' });
      expect(recomputed.code).toBe(0);

      // Act
      const now = await invoke(cloud, 'scoring', PEOPLE.manager.openid, 'unitScore', { period: '2030-03', unitId: 'contractor-clean' });
      const earlier = await invoke(cloud, 'scoring', PEOPLE.manager.openid, 'unitScore', {
        period: '2030-03',
        unitId: 'contractor-clean',
        runId: firstRun,
      });
      const options = await invoke(cloud, 'stats', PEOPLE.leader.openid, 'rankingOptions', {});
      const ranking = await invoke(cloud, 'stats', PEOPLE.leader.openid, 'unitRanking', { period: '2030-03', by: 'score' });

      // Assess
      expect(now.data).toMatchObject({ current: true, total: 99, runId: recomputed.data.runId });
      expect(now.data.runs.map((r: Loose) => [r.byName, r.reason, r.current])).toEqual([
        [null, 'monthly freeze', false],
        ['郑管理', '工单B误报已撤销', true],
      ]);
      expect(earlier.data).toMatchObject({ current: false, total: 93, runId: firstRun });
      expect(options.data.periods[0]).toEqual({ period: '2030-03', runs: 2, recomputed: true });
      expect(ranking.data).toMatchObject({ recomputed: true, run: { by: PEOPLE.admin._id, reason: '工单B误报已撤销' } });
    });

    it.each([
      [
        'a manager, for a unit they do not oversee',
        PEOPLE.manager.openid,
        { period: '2030-03', unitId: 'contractor-other' },
        'SCORING.OUT_OF_SCOPE',
      ],
      ['staff', PEOPLE.staff.openid, { period: '2030-03', unitId: 'contractor-clean' }, 'AUTH.FORBIDDEN'],
      ['a month not scored yet', PEOPLE.leader.openid, { period: '2030-04', unitId: 'contractor-clean' }, 'SCORING.NOT_SCORED'],
      [
        'a run of another month',
        PEOPLE.leader.openid,
        { period: '2030-02', unitId: 'contractor-clean', runId: 'nope' },
        'SCORING.RUN_NOT_FOUND',
      ],
      ['the office, which is not scored', PEOPLE.leader.openid, { period: '2030-03', unitId: 'office' }, 'SCORING.UNIT_NOT_SCORED'],
      ['a malformed month', PEOPLE.leader.openid, { period: '2030-3', unitId: 'contractor-clean' }, 'REQUEST.INVALID'],
    ])('refuses %s', async (_what, openid, payload, code) => {
      const r = await invoke(cloud, 'scoring', openid, 'unitScore', payload);

      expect(r.code).toBe(code);
    });
  });
});
