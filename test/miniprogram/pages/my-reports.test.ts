import { page } from '../helpers/fixtures';
import { flush, ok, setup, text } from '../helpers/sim';

describe('my reports', () => {
  it('lists my reports with their states', async () => {
    // Prepare
    const sim = setup({ backend: () => ok(page(1, 3, null, { state: 'rectified' })) });
    const p = sim.render('pages/my-reports/index');
    // Act
    p.instance.onLoad();
    await flush();
    // Assess
    expect(sim.calls).toEqual([{ name: 'tickets', action: 'myReports', payload: {} }]);
    const cards = p.querySelectorAll('.list__card');
    expect(cards.length).toBe(3);
    expect(text(cards[0], '.ticket-card__state')).toBe('待确认');
    expect(text(cards[0], '.ticket-card__title')).toBe('环境卫生');
    expect(text(p.querySelector('.list__state'), '.list-state__end')).toBe('— 没有更多了 —');
  });

  it('shows the empty state with a way to report', async () => {
    const sim = setup({ backend: () => ok({ items: [], nextCursor: null }) });
    const p = sim.render('pages/my-reports/index');
    p.instance.onLoad();
    await flush();
    expect(text(p.querySelector('.list__state'), '.list-state__empty')).toContain('还没有反馈过问题');
    p.querySelector('.my-reports__report').dispatchEvent('tap');
    await flush();
    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/report/index' });
  });

  it('shows an error with retry, and retrying loads the list', async () => {
    // Prepare
    let fail = true;
    const sim = setup({ backend: () => (fail ? { code: 'SYSTEM.INTERNAL', message: 'internal error' } : ok(page(1, 2, null))) });
    const p = sim.render('pages/my-reports/index');
    p.instance.onLoad();
    await flush();
    const state = p.querySelector('.list__state');
    expect(text(state, '.list-state__error')).toContain('服务开小差了');
    // Act
    fail = false;
    state.querySelector('.list-state__retry').dispatchEvent('tap');
    await flush();
    // Assess
    expect(p.querySelectorAll('.list__card').length).toBe(2);
  });

  it('appends the next page of 20 by path keys, with the cursor, and stops at the end', async () => {
    // Prepare
    const sim = setup({ backend: (_n, _a, payload) => ok(payload.cursor ? page(21, 5, null) : page(1, 20, 'c1')) });
    const p = sim.render('pages/my-reports/index');
    p.instance.onLoad();
    await flush();
    const sizesBefore = sim.setDataSizes.length;
    const setData = jest.spyOn(p.instance, 'setData');
    // Act
    p.instance.onReachBottom();
    await flush();
    p.instance.onReachBottom();
    await flush();
    // Assess
    expect(sim.calls.map((c) => c.payload)).toEqual([{}, { cursor: 'c1' }]);
    expect(p.querySelectorAll('.list__card').length).toBe(25);
    const appended = setData.mock.calls.map((c) => Object.keys(c[0] as object)).find((keys) => keys.some((k) => k.startsWith('items[')));
    expect(appended).toEqual(expect.arrayContaining(['items[20]', 'items[24]']));
    expect(setData.mock.calls.some((c) => 'items' in (c[0] as object))).toBe(false);
    expect(sim.setDataSizes.length).toBeGreaterThan(sizesBefore);
  });

  it('refreshes on pull-down and stops the spinner', async () => {
    const sim = setup({ backend: () => ok(page(1, 1, null)) });
    const p = sim.render('pages/my-reports/index');
    p.instance.onLoad();
    await flush();
    p.instance.onPullDownRefresh();
    await flush();
    expect(sim.calls).toHaveLength(2);
    expect(sim.wx.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('opens a report', async () => {
    const sim = setup({ backend: () => ok(page(1, 1, null)) });
    const p = sim.render('pages/my-reports/index');
    p.instance.onLoad();
    await flush();
    p.querySelector('.list__card').querySelector('.ticket-card__body').dispatchEvent('tap');
    await flush();
    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/ticket/index?id=t-1' });
  });
});
