import { NOW, page, row } from '../helpers/fixtures';
import { type Backend, flush, ok, setup, text } from '../helpers/sim';

const transition = (state: string) => ok({ ticketId: 't-1', state, version: 2, dueAt: null });

async function open(backend: Backend) {
  jest.useFakeTimers({ now: NOW, doNotFake: ['setTimeout', 'nextTick', 'setImmediate', 'queueMicrotask'] });
  const sim = setup({ backend });
  const p = sim.render('packages/staff/tasks/index');
  p.instance.onLoad();
  await flush();
  return { sim, p };
}

afterEach(() => jest.useRealTimers());

describe('staff tasks', () => {
  it('lists tasks with a countdown, marking the overdue ones', async () => {
    const rows = [
      row(1, { dueAt: new Date(NOW - 25 * 60_000).toISOString() }),
      row(2, { dueAt: new Date(NOW + 90 * 60_000).toISOString() }),
    ];
    const { sim, p } = await open(() => ok({ items: rows, nextCursor: null }));
    expect(sim.calls[0]).toEqual({ name: 'tickets', action: 'myTasks', payload: {} });
    const cards = p.querySelectorAll('.list__card');
    expect(text(cards[0], '.ticket-card__countdown')).toBe('超时 25分');
    expect(cards[0].querySelector('.ticket-card--overdue')).toBeDefined();
    expect(text(cards[1], '.ticket-card__countdown')).toBe('剩 1小时30分');
    p.instance.stopTimer();
  });

  it('ticks the countdown by path keys only', async () => {
    // Prepare
    const { p } = await open(() => ok({ items: [row(1, { dueAt: new Date(NOW + 5 * 60_000).toISOString() })], nextCursor: null }));
    const setData = jest.spyOn(p.instance, 'setData');
    // Act
    p.instance.tick(NOW + 1000);
    // Assess
    expect(setData).toHaveBeenCalledWith({ 'items[0].countdown': '剩 04:59' });
    p.instance.stopTimer();
  });

  it('accepts an assigned task', async () => {
    const { sim, p } = await open((_n, action) => (action === 'accept' ? transition('accepted') : ok(page(1, 1, null))));
    p.querySelector('.tasks__action--accept').dispatchEvent('tap');
    await flush();
    expect(sim.calls.find((c) => c.action === 'accept')?.payload).toEqual({ ticketId: 't-1' });
    expect(text(p.querySelector('.list__card'), '.ticket-card__state')).toBe('整改中');
    expect(p.querySelector('.tasks__action--pause')).toBeDefined();
    p.instance.stopTimer();
  });

  it('pauses with a reason, and sends nothing when the reason is cancelled', async () => {
    // Prepare
    const { sim, p } = await open((_n, action) =>
      action === 'pause' ? transition('paused') : ok(page(1, 1, null, { state: 'accepted' })),
    );
    (sim.wx.showModal as jest.Mock).mockImplementationOnce((o: { success: (r: unknown) => void }) =>
      o.success({ confirm: false, content: '' }),
    );
    (sim.wx.showModal as jest.Mock).mockImplementationOnce((o: { success: (r: unknown) => void }) =>
      o.success({ confirm: true, content: ' 等待配件 ' }),
    );
    // Act
    p.querySelector('.tasks__action--pause').dispatchEvent('tap');
    await flush();
    const afterCancel = sim.calls.filter((c) => c.action === 'pause').length;
    p.querySelector('.tasks__action--pause').dispatchEvent('tap');
    await flush();
    // Assess
    expect(afterCancel).toBe(0);
    expect(sim.calls.find((c) => c.action === 'pause')?.payload).toEqual({ ticketId: 't-1', reason: '等待配件' });
    expect(text(p.querySelector('.list__card'), '.ticket-card__countdown')).toBe('计时暂停');
    p.instance.stopTimer();
  });

  it('rectifies with after-photos, a note and a cause', async () => {
    // Prepare
    const { sim, p } = await open((_n, action) =>
      action === 'rectify' ? transition('rectified') : ok(page(1, 1, null, { state: 'accepted' })),
    );
    p.querySelector('.tasks__action--rectify').dispatchEvent('tap');
    await flush();
    p.querySelector('.tasks__submit').dispatchEvent('tap');
    await flush();
    const hint = text(p, '.tasks__form-error');
    p.querySelector('.tasks__photos').querySelector('.photo-picker__add').dispatchEvent('tap');
    await flush();
    p.instance.onNote({ detail: { value: '已清洗' } });
    p.instance.onCause({ detail: { value: '人手不足' } });
    // Act
    p.querySelector('.tasks__submit').dispatchEvent('tap');
    await flush();
    // Assess
    expect(hint).toBe('请拍摄整改后的照片');
    expect(sim.calls.find((c) => c.action === 'rectify')?.payload).toEqual({
      ticketId: 't-1',
      afterPhotos: [expect.stringMatching(/^cloud:\/\/test-env\.bucket\/uploads\/rectify\/o-sim-user\//), expect.any(String)],
      note: '已清洗',
      cause: '人手不足',
    });
    expect(p.querySelector('.tasks__sheet')).toBeUndefined();
    p.instance.stopTimer();
  });

  it('shows a refused action as a toast and leaves the task as it was', async () => {
    const { sim, p } = await open((_n, action) => (action === 'accept' ? { code: 'TICKET.STALE', message: 'x' } : ok(page(1, 1, null))));
    p.querySelector('.tasks__action--accept').dispatchEvent('tap');
    await flush();
    expect(sim.wx.showToast).toHaveBeenCalledWith({ title: '工单刚被他人更新，请刷新后重试', icon: 'none' });
    expect(text(p.querySelector('.list__card'), '.ticket-card__state')).toBe('待接单');
    p.instance.stopTimer();
  });

  it('shows the empty state', async () => {
    const { p } = await open(() => ok({ items: [], nextCursor: null }));
    expect(text(p.querySelector('.list__state'), '.list-state__empty')).toContain('没有待办任务');
    p.instance.stopTimer();
  });
});
