/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// biome-ignore lint/suspicious/noExplicitAny: replies and simulate wrappers are inspected loosely in assertions
type Loose = any;

import { type LocalBackend, startLocalBackend } from '../helpers/local-backend';
import { type Backend, flush, type Sim, setup } from '../helpers/sim';

/** 固定资产 is one tap from 我的 for the people who keep, verify or oversee assets, and opens their list on the real function. */
describe('reaching the asset pages from 我的 and the admin home', () => {
  let sim: Sim;
  let lb: LocalBackend;
  const render = (page: string) => {
    let comp: Loose;
    jest.isolateModules(() => {
      comp = sim.render(page);
    });
    return comp;
  };

  beforeAll(async () => {
    let impl: Backend = () => ({ code: 'SYSTEM.INTERNAL' });
    sim = setup({ backend: (n, a, p) => impl(n, a, p) });
    lb = await startLocalBackend();
    impl = lb.backend;
    // Prepare: a desk of 保洁公司 kept by 张保洁
    lb.as.openid = lb.fixtures.PEOPLE.manager.openid;
    const reg = (await lb.backend('assets', 'register', {
      tag: 'ME-1',
      categoryCode: 'E010000',
      name: '办公桌',
      value: 1200,
      unitId: 'contractor-clean',
      zoneId: 'zone-b1-f2',
      custodianId: 'p-staff',
    })) as Loose;
    expect(reg.code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    jest.restoreAllMocks();
    await lb.cloud.close();
  });
  beforeEach(() => (sim.wx.navigateTo as jest.Mock).mockClear());

  it.each([
    ['the unit manager', 'manager', '保洁公司'],
    ['the custodian (staff)', 'staff', '保洁公司'],
    ['an office inspector', 'officeInspector', '保洁公司'],
    ['the admin', 'admin', '保洁公司'],
  ])('takes %s from 我的 to the asset list, which shows the desk', async (_who, person, unitName) => {
    // Prepare
    lb.as.openid = lb.fixtures.PEOPLE[person].openid;
    const me = render('pages/me/index');
    me.instance.onLoad();
    await flush(20);

    // Act
    me.querySelector('.me__assets').dispatchEvent('tap');
    await flush();
    const list = render('packages/assets/unit/index');
    await list.instance.onLoad({ unitId: 'contractor-clean' });
    await flush(20);

    // Assess
    expect(sim.wx.navigateTo as jest.Mock).toHaveBeenCalledWith({ url: '/packages/assets/unit/index' });
    expect(list.instance.data.status).not.toBe('error');
    expect(list.instance.data.units.map((u: Loose) => u.name)).toContain(unitName);
    expect(list.instance.data.items.map((i: Loose) => i.tag)).toContain('ME-1');
  });

  it('offers managers the asset-due reminder on 我的', async () => {
    lb.as.openid = lb.fixtures.PEOPLE.manager.openid;
    const me = render('pages/me/index');
    me.instance.onLoad();
    await flush(20);

    expect(me.instance.data.reminders.map((r: Loose) => r.label)).toContain('资产到期核对提醒');
  });

  it('shows no 固定资产 to a student', async () => {
    lb.as.openid = 'o-student-x';
    const me = render('pages/me/index');
    me.instance.onLoad();
    await flush(20);

    expect(me.instance.data.meStatus).toBe('ready');
    expect(me.querySelector('.me__assets')).toBeFalsy();
  });

  it('opens the asset list, import and transfers from the admin home', async () => {
    lb.as.openid = lb.fixtures.PEOPLE.admin.openid;
    const home = render('packages/admin/index/index');
    home.instance.onLoad();

    for (const key of ['assets', 'asset-import', 'asset-transfers']) home.querySelector(`.admin-home__entry--${key}`).dispatchEvent('tap');
    await flush();

    expect((sim.wx.navigateTo as jest.Mock).mock.calls.map((c: Loose) => c[0].url)).toEqual([
      '/packages/assets/unit/index',
      '/packages/assets/import/index',
      '/packages/assets/transfers/index',
    ]);
  });
});
