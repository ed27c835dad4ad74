/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * A leader opens the overview and follows a number to the list behind it — the real pages, calling the real
 * overview and tickets functions on a local cloud (no canned replies).
 */
import '../helpers/node-globals';
import { clearCaches } from '../../../cloudfunctions/_lib/refdata';
import { type Cloud, PEOPLE, PHOTO, REPORTER, report, shiftClock, startWithFixtures } from '../../cloudfunctions/fixtures';
import { all, settle, compactText as text } from '../helpers/real-page';
import { setup } from '../helpers/sim';

describe('the leaders’ overview, on the real backend', () => {
  let cloud: Cloud;
  const as = (openid: string) => (name: string, action: string, payload: Record<string, unknown>) =>
    cloud.host.invoke(name, { action, payload }, { source: 'wx_client', openid });
  const HOUR = 3_600_000;
  const start = Date.UTC(2030, 6, 15, 1); // 15 July 2030, 09:00 in Shanghai

  beforeAll(async () => {
    cloud = await startWithFixtures();
    clearCaches();
    shiftClock(start - (performance.timeOrigin + performance.now()));
    // Two reports of different problems (the same problem would join the first as a "+1"); one is rectified within
    // its deadline, the other is left to run late.
    const a = (await report(cloud, { categoryCode: 'hygiene', text: '走廊有垃圾' })) as { data: { ticketId: string } };
    await report(cloud, { categoryCode: 'safety', text: '消防通道堵塞' }, 'o-student-2');
    const tickets = as(PEOPLE.staff.openid);
    await tickets('tickets', 'accept', { ticketId: a.data.ticketId });
    await tickets('tickets', 'rectify', { ticketId: a.data.ticketId, afterPhotos: [PHOTO], note: '已清理', cause: '清运不及时' });
    await as(REPORTER)('tickets', 'verify', { ticketId: a.data.ticketId, approve: true });
    shiftClock(start + 3 * HOUR - (performance.timeOrigin + performance.now()));
    expect(await as(PEOPLE.admin.openid)('overview', 'sync', {})).toMatchObject({ code: 0 });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await cloud.close();
  });

  it('shows this week, this month and what is open and overdue, and opens the overdue list behind its number', async () => {
    // Arrange
    const sim = setup({ backend: as(PEOPLE.leader.openid) });
    const p = sim.render('packages/leader/overview/index');

    // Act
    p.instance.onLoad();
    await settle();

    // Assess: the figures the rollups hold.
    expect(text(p, 'overview__open')).toBe('1正在整改');
    expect(text(p, 'overview__overdue')).toBe('1已超时');
    expect(text(p, 'overview__week-found')).toContain('2发现问题');
    expect(text(p, 'overview__month-onTime')).toContain('100%按时整改率');
    const rows = all(p, 'overview__unit').slice(1);
    expect(rows.map((r) => r.textContent.replace(/\s+/g, ''))).toEqual(['保洁公司112100%']);
    expect(p.data.view.trend).toMatchObject({ kind: 'trend', bars: [0, 0, 0, 0, 0, 2] });
    expect(text(p, 'overview__zones')).toContain('区域b1f2');

    // Act: the overdue number opens its list.
    p.querySelector('.overview__overdue').dispatchEvent('tap');
    await settle(2);
    const url = (sim.wx.navigateTo as jest.Mock).mock.calls[0][0].url as string;
    expect(url).toMatch(/^\/packages\/leader\/tickets\/index\?view=overdue&title=/);
    const query = Object.fromEntries(
      url
        .split('?')[1]
        .split('&')
        .map((kv) => kv.split('=')),
    );
    const next = setup({ backend: as(PEOPLE.leader.openid) });
    Object.assign(next.wx, { setNavigationBarTitle: jest.fn() });
    const list = next.render('packages/leader/tickets/index');
    list.instance.onLoad(query);
    await settle();

    // Assess: as many tickets as the number said, the late one.
    expect(next.wx.setNavigationBarTitle).toHaveBeenCalledWith({ title: '已超时的问题' });
    expect(list.data.items).toHaveLength(1);
    expect(list.data.items[0]).toMatchObject({ desc: '消防通道堵塞', overdue: true });
  });

  it('says so in Chinese when the overview cannot be read, and loads again on retry', async () => {
    // Arrange: the first call comes from someone who may not read the overview.
    let who = PEOPLE.manager.openid;
    const sim = setup({ backend: (name, action, payload) => as(who)(name, action, payload) });
    const p = sim.render('packages/leader/overview/index');
    p.instance.onLoad();
    await settle();
    expect(p.data.status).toBe('error');
    expect(p.data.errorText).toBe('没有权限进行此操作');

    // Act
    who = PEOPLE.leader.openid;
    p.querySelector('.list__state').querySelector('.list-state__retry').dispatchEvent('tap');
    await settle();

    // Assess
    expect(p.data.status).toBe('ready');
    expect(text(p, 'overview__open')).toBe('1正在整改');
  });
});
