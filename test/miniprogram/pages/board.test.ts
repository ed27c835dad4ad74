import { page } from '../helpers/fixtures';
import { type Backend, flush, ok, setup, text } from '../helpers/sim';

const COUNTS = ok({
  held: 1,
  unassigned: 2,
  overdue: 2,
  states: { assigned: 3, accepted: 4, paused: 0, coordinating: 1, rectified: 0, rework: 0 },
});

function backend(over: Record<string, unknown> = {}): Backend {
  return (name, action) => {
    const key = `${name}.${action}`;
    if (key in over) return over[key];
    if (key === 'tickets.boardCounts') return COUNTS;
    if (key === 'org.me') return ok({ roles: ['reporter', 'manager'], reminders: { managerAlert: 0, escalation: 3 } });
    return ok(page(1, 2, null, { assigneeName: '谢春燕' }));
  };
}

async function open(b: Backend) {
  const sim = setup({ backend: b });
  const p = sim.render('packages/manager/board/index');
  p.instance.onLoad();
  await flush();
  return { sim, p };
}

const filterTexts = (p: { querySelectorAll(s: string): Array<{ dom: { textContent: string } }> }) =>
  p.querySelectorAll('.board__filter').map((f) => f.dom.textContent.replace(/\s+/g, ''));

describe('manager board', () => {
  it('shows counts per state, 待审核 and 超时 first, and the holder on every card', async () => {
    const { p } = await open(backend());
    expect(filterTexts(p)).toEqual([
      '全部',
      '待审核1',
      '待分派2',
      '超时2',
      '待接单3',
      '整改中4',
      '返工中0',
      '协调中1',
      '已暂停0',
      '待确认0',
    ]);
    expect(text(p.querySelectorAll('.list__card')[0], '.ticket-card__holder')).toBe('处理人：谢春燕');
  });

  it('filters by 待审核, 待分派, 超时 and a state', async () => {
    const { sim, p } = await open(backend());
    for (const i of [1, 2, 3, 5]) {
      p.querySelectorAll('.board__filter')[i].dispatchEvent('tap');
      await flush();
    }
    expect(sim.calls.filter((c) => c.action === 'unitBoard').map((c) => c.payload)).toEqual([
      {},
      { view: 'held' },
      { view: 'unassigned' },
      { view: 'overdue' },
      { state: 'accepted' },
    ]);
  });

  it('opens a card on the ticket page, where the actions are', async () => {
    const { sim, p } = await open(backend());
    p.querySelectorAll('.list__card')[0].querySelector('.ticket-card__body').dispatchEvent('tap');
    await flush();
    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/ticket/index?id=t-1' });
  });

  it('says when the reminders a manager needs have run out, and asks for them', async () => {
    const { sim, p } = await open(backend());
    expect(text(p, '.board__reminders-text')).toBe('待审核和超时提醒已用完，新的提醒将无法送达');
    p.querySelector('.board__reminders-on').dispatchEvent('tap');
    await flush();
    expect(sim.wx.requestSubscribeMessage).toHaveBeenCalledWith(
      expect.objectContaining({ tmplIds: ['xuncha-tpl-manager-alert', 'xuncha-tpl-ticket-escalation'] }),
    );
    expect(sim.calls.find((c) => c.action === 'subscribed')?.payload).toEqual({ templates: ['managerAlert', 'escalation'] });
  });

  it('shows a forbidden board as an error', async () => {
    const { p } = await open(backend({ 'tickets.unitBoard': { code: 'AUTH.FORBIDDEN', message: 'x' } }));
    expect(text(p.querySelector('.list__state'), '.list-state__error')).toContain('没有权限');
  });
});
