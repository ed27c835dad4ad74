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

  it('accepts an assigned task in one tap, asking for the next reminders in the same tap', async () => {
    const { sim, p } = await open((_n, action) => (action === 'accept' ? transition('accepted') : ok(page(1, 1, null))));
    p.querySelector('.tasks__action--accept').dispatchEvent('tap');
    await flush();
    expect(sim.calls.find((c) => c.action === 'accept')?.payload).toEqual({ ticketId: 't-1' });
    expect(sim.wx.requestSubscribeMessage).toHaveBeenCalledWith(
      expect.objectContaining({ tmplIds: ['xuncha-tpl-ticket-assigned', 'xuncha-tpl-ticket-escalation'] }),
    );
    expect(text(p.querySelector('.list__card'), '.ticket-card__state')).toBe('整改中');
    expect(p.querySelector('.tasks__action--accept')).toBeUndefined();
    p.instance.stopTimer();
  });

  it('counts tasks per state, overdue first, and lists finished work under 已完成', async () => {
    const { sim, p } = await open((_n, action) =>
      action === 'taskCounts'
        ? ok({ overdue: 2, states: { assigned: 1, accepted: 3, paused: 0, coordinating: 0, rework: 1 } })
        : ok(page(1, 1, null)),
    );
    const counts = p.querySelectorAll('.tasks__count').map((c: { dom: { textContent: string } }) => c.dom.textContent.replace(/\s+/g, ''));
    expect(counts).toEqual(['2超时', '1待接单', '3整改中', '1返工', '0暂停', '0协调中']);
    p.querySelectorAll('.tasks__tab')[1].dispatchEvent('tap');
    await flush();
    expect(sim.calls.filter((c) => c.action === 'myDone')).toHaveLength(1);
    p.instance.stopTimer();
  });

  it('goes off duty and back on, asking for reminders when going on duty', async () => {
    const { sim, p } = await open((_n, action) =>
      action === 'me' ? ok({ onDuty: true }) : action === 'setOnDuty' ? ok({ onDuty: false }) : ok(page(1, 1, null)),
    );
    p.instance.onDuty({ detail: { value: false } });
    await flush();
    expect(text(p, '.tasks__duty-title')).toBe('离岗');
    p.instance.onDuty({ detail: { value: true } });
    await flush();
    expect(sim.calls.filter((c) => c.action === 'setOnDuty').map((c) => c.payload)).toEqual([{ onDuty: false }, { onDuty: true }]);
    expect(sim.wx.requestSubscribeMessage).toHaveBeenCalledTimes(1);
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
