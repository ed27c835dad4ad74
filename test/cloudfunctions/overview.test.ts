import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { sumContributions } from '../../shared/overview/ticket-rollup';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, call, type Loose, PEOPLE, PHOTO, REPORTER, report, shiftClock, startWithFixtures, zone } from './fixtures';

const HOUR = 3_600_000;
const setClock = (at: number) => shiftClock(at - (performance.timeOrigin + performance.now()));
type R = { code: 0 | string; data: Loose; message?: string };
const overview = (cloud: Cloud, openid: string, action: string, payload: unknown = {}) =>
  cloud.host.invoke('overview', { action, payload }, { source: 'wx_client', openid }) as Promise<R>;
const sync = async (cloud: Cloud) => {
  const r = await overview(cloud, PEOPLE.admin.openid, 'sync');
  expect(r.code).toBe(0);
  return r.data;
};

/** Every ticket and every rollup document, read straight from the database. */
async function stored(): Promise<{ tickets: Loose[]; rollups: Map<string, Loose> }> {
  const db = wxCloud().database();
  const tickets = ((await db.collection('tickets').limit(1000).get()) as { data: Loose[] }).data;
  const rollups = ((await db.collection('ticketRollups').limit(1000).get()) as { data: Loose[] }).data;
  return { tickets, rollups: new Map(rollups.map((r) => [r._id, r])) };
}

/** The rollups agree with the tickets: each counter equals the sum of the tickets' contributions. */
async function expectRollupsMatchTickets() {
  const { tickets, rollups } = await stored();
  const expected = sumContributions(tickets);
  for (const [id, paths] of expected) {
    for (const [path, v] of Object.entries(paths)) {
      const actual = path.split('.').reduce<Loose>((o, k) => o?.[k], rollups.get(id)) ?? 0;
      expect({ id, path, value: actual }).toEqual({ id, path, value: v });
    }
  }
  // …and nothing is counted that no ticket contributes.
  for (const [id, doc] of rollups) {
    if (!id.startsWith('tr-') && !id.startsWith('tg-')) continue;
    for (const k of ['found', 'rectified', 'onTime', 'done', 'cancelled', 'positive', 'open']) {
      if (doc[k]) expect({ id, k, value: doc[k] }).toEqual({ id, k, value: expected.get(id)?.[k] ?? 0 });
    }
  }
}

describe('the leaders’ overview', () => {
  let cloud: Cloud;
  const start = Date.UTC(2030, 6, 15, 1); // 15 July 2030, 09:00 in Shanghai
  beforeAll(async () => {
    cloud = await startWithFixtures([zone('zone-canteen', 'c1', { name: '一食堂3号窗口', unitId: 'contractor-other' })]);
    clearCaches();
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  it('counts problems, rectification on time, time to rectify and open problems from the rollups', async () => {
    // Arrange: three reports at one zone; one rectified in an hour and verified, one left open, one cancelled.
    setClock(start);
    const a = (await report(cloud, { categoryCode: 'safety', text: '消防通道堵塞' })).data.ticketId;
    const b = (await report(cloud, { categoryCode: 'hygiene' }, 'o-other-student')).data.ticketId;
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: a });
    setClock(start + HOUR / 2);
    expect(
      (await call(cloud, PEOPLE.staff.openid, 'rectify', { ticketId: a, afterPhotos: [PHOTO], note: '已清理', cause: '杂物' })).code,
    ).toBe(0);
    expect((await call(cloud, REPORTER, 'verify', { ticketId: a, approve: true })).code).toBe(0);
    setClock(start + 3 * HOUR);
    const c = (await report(cloud, { categoryCode: 'hygiene', text: '又有垃圾' }, 'o-third')).data.ticketId;
    expect((await call(cloud, PEOPLE.manager.openid, 'cancel', { ticketId: c, reason: 'duplicate', note: '与上一条重复' })).code).toBe(0);
    expect(b).toBeTruthy();

    // Act
    const first = await sync(cloud);
    const view = await overview(cloud, PEOPLE.leader.openid, 'summary');

    // Assess
    expect(first).toMatchObject({ applied: 3, failed: 0 });
    expect(view.code).toBe(0);
    const o = view.data;
    expect(o.month).toBe('2030-07');
    expect(o.monthFigures.found.value).toBe(3);
    expect(o.monthFigures.rectified.value).toBe(1);
    expect(o.monthFigures.onTimeRate.value).toBe(1);
    expect(o.monthFigures.hoursToRectify.value).toBe(0.5);
    expect(o.week.found.value).toBe(3);
    expect(o.now.open).toBe(1);
    const clean = o.units.find((u: Loose) => u.unitId === 'contractor-clean');
    // The hygiene report has a one-hour deadline: three hours on, it is overdue.
    expect(clean).toMatchObject({ name: '保洁公司', open: 1, found: 3, overdue: 1 });
    expect(o.worstZones[0]).toMatchObject({ zoneId: 'zone-b1-f2', found: 3, unitName: '保洁公司' });
    expect(o.trend.map((p: Loose) => p.month)).toEqual(['2030-02', '2030-03', '2030-04', '2030-05', '2030-06', '2030-07']);
    await expectRollupsMatchTickets();
  });

  it('adds each change once, however often and however concurrently the sync runs', async () => {
    // Arrange: the open ticket is accepted and paused meanwhile; a report at another unit's zone.
    setClock(start + 5 * HOUR);
    const open = (await stored()).tickets.find((t) => t.state === 'assigned');
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: open._id });
    await report(cloud, { sceneId: 'c1', categoryCode: 'hygiene', text: '餐盘回收处有异味' }, 'o-fourth');

    // Act: three syncs at once, then two more one after the other.
    const runs = await Promise.all([sync(cloud), sync(cloud), sync(cloud)]);
    await sync(cloud);
    const last = await sync(cloud);

    // Assess
    expect(runs.reduce((n: number, r: Loose) => n + r.applied, 0)).toBe(2);
    expect(last.applied).toBe(0);
    await expectRollupsMatchTickets();
    const o = (await overview(cloud, PEOPLE.leader.openid, 'summary')).data;
    expect(o.monthFigures.found.value).toBe(4);
    expect(o.now.open).toBe(2);
  });

  it('counts open problems past their deadline as overdue, by unit', async () => {
    // Arrange: a day later, both open problems are past their deadlines.
    setClock(start + 30 * HOUR);
    await sync(cloud);

    // Act
    const o = (await overview(cloud, PEOPLE.leader.openid, 'summary')).data;

    // Assess
    expect(o.now.overdue).toBe(2);
    expect(o.units.map((u: Loose) => [u.unitId, u.overdue])).toEqual([
      ['contractor-clean', 1],
      ['contractor-other', 1],
    ]);
  });

  it('opens the tickets behind each number: overdue, open and found, by unit or zone', async () => {
    // Act
    const list = async (payload: Record<string, unknown>) => {
      const r = await call(cloud, PEOPLE.leader.openid, 'all', payload);
      expect(r.code).toBe(0);
      return r.data.items as Loose[];
    };
    const o = (await overview(cloud, PEOPLE.leader.openid, 'summary')).data;

    // Assess: each list has as many tickets as its number says.
    expect(await list({ view: 'overdue' })).toHaveLength(o.now.overdue);
    expect((await list({ view: 'overdue', unitId: 'contractor-other' })).map((t) => t.zoneId)).toEqual(['zone-canteen']);
    expect(await list({ view: 'open' })).toHaveLength(o.now.open);
    expect(await list({ view: 'found', month: '2030-07' })).toHaveLength(o.monthFigures.found.value);
    expect(await list({ view: 'found', month: '2030-06' })).toHaveLength(0);
    expect(await list({ view: 'found', from: o.week.from, to: o.week.to })).toHaveLength(o.week.found.value);
    expect(await list({ view: 'found', from: '2030-07-16', to: '2030-07-16' })).toHaveLength(0);
    expect(await list({ view: 'found', month: '2030-07', zoneId: 'zone-b1-f2' })).toHaveLength(o.worstZones[0].found);
    expect((await call(cloud, PEOPLE.leader.openid, 'all', { view: 'late' })).code).toBe('REQUEST.INVALID');
    expect((await call(cloud, PEOPLE.manager.openid, 'all', { view: 'open' })).code).toBe('AUTH.FORBIDDEN');
  });

  it('moves a ticket’s counts with it when its severity changes', async () => {
    // Arrange
    setClock(start + 31 * HOUR);
    const any = (await stored()).tickets.find((t) => t.state === 'accepted');
    expect(
      (await call(cloud, PEOPLE.officeInspector.openid, 'changeSeverity', { ticketId: any._id, severity: 'critical', reason: '涉及安全' }))
        .code,
    ).toBe(0);

    // Act
    await sync(cloud);

    // Assess
    await expectRollupsMatchTickets();
  });

  it('is for leaders and admins; only an admin may run the sync at once', async () => {
    for (const p of [PEOPLE.staff, PEOPLE.manager, PEOPLE.officeInspector]) {
      expect((await overview(cloud, p.openid, 'summary')).code).toBe('AUTH.FORBIDDEN');
    }
    expect((await overview(cloud, PEOPLE.leader.openid, 'sync')).code).toBe('AUTH.FORBIDDEN');
    expect((await overview(cloud, PEOPLE.admin.openid, 'summary')).code).toBe(0);
    expect((await overview(cloud, PEOPLE.leader.openid, 'summary', { unit: 'x' })).code).toBe('REQUEST.INVALID');
  });

  it('runs the sync from its timer', async () => {
    const r = (await cloud.host.invoke('overview', {}, { source: 'wx_trigger' })) as R;
    expect(r.code).toBe(0);
    expect(r.data).toMatchObject({ failed: 0 });
  });
});
