import { flush, setup, text } from '../helpers/sim';

const IDS = [
  { openid: 'demo-student-1', name: '张子涵', label: '学生' },
  { openid: 'demo-staff-canteen-1', name: '谢春燕', label: '食堂员工' },
];

describe('home', () => {
  it.each([
    ['demo-student-1', ['report', 'mine']],
    ['demo-staff-canteen-1', ['tasks', 'self-check', 'assets', 'report', 'mine']],
    [
      'demo-manager-dining',
      ['tasks', 'board', 'ranking', 'briefings', 'contracts', 'supervision', 'self-check', 'coverage', 'assets', 'report', 'mine'],
    ],
    ['demo-leader', ['overview', 'ranking', 'briefings', 'contracts', 'supervision', 'coverage', 'report', 'mine']],
    ['demo-inspector-dining', ['patrol', 'briefings', 'patrol-today', 'patrol-plans', 'coverage', 'assets', 'report', 'mine']],
    [
      'demo-admin',
      ['overview', 'ranking', 'briefings', 'contracts', 'supervision', 'patrol-plans', 'coverage', 'assets', 'admin', 'report', 'mine'],
    ],
  ])('shows %s the entries of their roles', async (openid, keys) => {
    // Prepare
    const sim = setup({ mode: 'local', identity: { openid, name: 'x', label: 'y' } });
    const p = sim.render('pages/home/index');
    // Act
    p.instance.onLoad();
    await flush();
    // Assess
    expect(p.instance.data.entries.map((e: { key: string }) => e.key)).toEqual(keys);
    expect(text(p, '.home__local')).toContain('本地模式 · x（y）');
  });

  it('in cloud mode asks org.me for the roles and has no identity banner', async () => {
    const sim = setup({ mode: 'cloud', backend: () => ({ code: 0, data: { roles: ['reporter', 'inspector'] } }) });
    const p = sim.render('pages/home/index');
    p.instance.onLoad();
    await flush();
    expect(sim.calls).toEqual([{ name: 'org', action: 'me', payload: {} }]);
    expect(p.instance.data.entries.map((e: { key: string }) => e.key)).toEqual([
      'patrol',
      'briefings',
      'patrol-today',
      'patrol-plans',
      'coverage',
      'assets',
      'report',
      'mine',
    ]);
    expect(p.querySelector('.home__local')).toBeUndefined();
  });

  it('puts the number of open tasks on the 首页 tab for staff', async () => {
    const sim = setup({
      mode: 'cloud',
      backend: (_n, action) =>
        action === 'taskCounts'
          ? { code: 0, data: { overdue: 1, states: { assigned: 2, accepted: 1, paused: 0, coordinating: 0, rework: 1 } } }
          : { code: 0, data: { roles: ['reporter', 'staff'] } },
    });
    const p = sim.render('pages/home/index');
    p.instance.onLoad();
    await flush();
    expect(sim.wx.setTabBarBadge).toHaveBeenCalledWith({ index: 0, text: '4' });
  });

  it('opens an entry', async () => {
    const sim = setup({ mode: 'local', identity: IDS[1] });
    const p = sim.render('pages/home/index');
    p.instance.onLoad();
    await flush();
    p.querySelector('.home__entry--tasks').dispatchEvent('tap');
    p.querySelector('.home__entry--mine').dispatchEvent('tap');
    await flush();
    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/tasks/index' });
    expect(sim.wx.switchTab).toHaveBeenCalledWith({ url: '/pages/my-reports/index' });
  });
});

describe('me (identity switcher)', () => {
  it('lists demo identities in local mode and switches to the one picked', async () => {
    // Prepare
    const sim = setup({ mode: 'local', identities: IDS, identity: IDS[0] });
    const p = sim.render('pages/me/index');
    p.instance.onLoad();
    await flush();
    // Act
    p.querySelectorAll('.me__identity')[1].dispatchEvent('tap');
    await flush();
    // Assess
    expect(p.querySelectorAll('.me__name').map((n: { dom: { textContent: string } }) => n.dom.textContent)).toEqual([
      '张子涵',
      '谢春燕',
      '新用户',
    ]);
    expect(sim.storage.get('xuncha.localIdentity')).toEqual(IDS[1]);
    expect(sim.wx.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('starts over as a first-time user, forgetting the demo identity', async () => {
    // Prepare
    const sim = setup({ mode: 'local', identities: IDS, identity: IDS[0] });
    const p = sim.render('pages/me/index');
    p.instance.onLoad();
    await flush();
    // Act
    p.querySelector('.me__identity--new').dispatchEvent('tap');
    await flush();
    // Assess
    expect(sim.storage.has('xuncha.localIdentity')).toBe(false);
    expect(p.instance.data.current).toBe('');
    expect(sim.wx.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('has no identity switcher in cloud mode', async () => {
    const sim = setup({ mode: 'cloud', identities: IDS });
    const p = sim.render('pages/me/index');
    p.instance.onLoad();
    await flush();
    expect(p.querySelector('.me__list')).toBeUndefined();
    expect(sim.wx.request).not.toHaveBeenCalled();
  });

  it('tells how to start the local cloud when it is unreachable', async () => {
    const sim = setup({ mode: 'local' });
    (sim.wx.request as jest.Mock).mockImplementation((o: { fail: () => void }) => o.fail());
    const p = sim.render('pages/me/index');
    p.instance.onLoad();
    await flush();
    expect(text(p, '.me__error')).toContain('npm start');
  });
});
