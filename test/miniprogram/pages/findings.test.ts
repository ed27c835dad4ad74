import { page, row } from '../helpers/fixtures';
import { type Backend, flush, ok, setup, text } from '../helpers/sim';

const RECTIFIED = { source: 'finding', state: 'rectified', zoneName: '第一食堂03号窗口', clock: { runningSince: null } };

async function open(backend: Backend, options: { tab?: string } = {}) {
  const sim = setup({ backend });
  const p = sim.render('packages/inspector/findings/index');
  p.instance.onLoad(options);
  await flush();
  return { sim, p };
}

describe('inspector findings', () => {
  it('lists the rectified findings waiting for me, with their zones', async () => {
    const { sim, p } = await open(() => ok(page(1, 2, null, RECTIFIED)));

    expect(sim.calls[0]).toEqual({ name: 'tickets', action: 'awaitingMyVerification', payload: {} });
    expect(p.querySelectorAll('.list__card')).toHaveLength(2);
    const card = p.querySelector('.list__card');
    expect(text(card, '.ticket-card__zone')).toBe('第一食堂03号窗口');
    expect(text(card, '.ticket-card__state')).toBe('待确认');
    expect(p.querySelector('.findings__verify')).toBeDefined();
  });

  it('opens a rectification on the ticket page to verify it with the photos side by side', async () => {
    const { sim, p } = await open(() => ok(page(1, 2, null, { source: 'finding', state: 'rectified' })));
    p.querySelectorAll('.findings__verify')[1].dispatchEvent('tap');
    await flush();
    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/ticket/index?id=t-2' });
    expect(sim.calls.filter((c) => c.action === 'verify')).toEqual([]);
  });

  it('switches to my findings and pages them', async () => {
    // Prepare
    const { sim, p } = await open((_n, action, payload) =>
      action === 'myFindings' ? ok(payload.cursor ? page(21, 3, null) : page(1, 20, 'c1')) : ok(page(1, 1, null, RECTIFIED)),
    );
    // Act
    p.querySelectorAll('.findings__tab')[1].dispatchEvent('tap');
    await flush();
    p.instance.onReachBottom();
    await flush();
    // Assess
    expect(sim.calls.slice(1)).toEqual([
      { name: 'tickets', action: 'myFindings', payload: {} },
      { name: 'tickets', action: 'myFindings', payload: { cursor: 'c1' } },
    ]);
    expect(p.querySelectorAll('.list__card')).toHaveLength(23);
    expect(p.querySelector('.findings__approve')).toBeUndefined();
    expect(text(p.querySelector('.list__state'), '.list-state__end')).toBe('— 没有更多了 —');
  });

  it('opens on my findings when asked', async () => {
    const { sim, p } = await open(() => ok(page(1, 0, null)), { tab: 'mine' });

    expect(sim.calls[0].action).toBe('myFindings');
    expect(text(p.querySelector('.list__state'), '.list-state__empty')).toContain('还没有记录过巡查问题');
  });

  it('shows a refusal with a retry', async () => {
    const { p } = await open(() => ({ code: 'AUTH.FORBIDDEN', message: 'x' }));

    const state = p.querySelector('.list__state');
    expect(text(state, '.list-state__error')).toContain('没有权限进行此操作');
    expect(state.querySelector('.list-state__retry')).toBeDefined();
  });
});

describe('patrol links to the findings lists', () => {
  it('opens the tab that was tapped', async () => {
    const sim = setup({ backend: () => ok({}) });
    const p = sim.render('packages/inspector/patrol/index');
    p.instance.onLoad({});
    await flush();

    p.querySelectorAll('.patrol__list')[1].dispatchEvent('tap');
    await flush();

    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url: '/packages/inspector/findings/index?tab=mine' });
    // Only the patrol page's own load of the categories: the link itself calls nothing.
    expect(sim.calls).toEqual([{ name: 'org', action: 'categories', payload: {} }]);
  });
});
