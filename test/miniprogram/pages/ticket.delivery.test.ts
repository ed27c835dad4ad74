/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// biome-ignore lint/suspicious/noExplicitAny: replies and simulate wrappers are inspected loosely in assertions
type Loose = any;

import { type LocalBackend, startLocalBackend } from '../helpers/local-backend';
import { type Backend, flush, type Sim, setup } from '../helpers/sim';

/**
 * "Not delivered", said plainly on the ticket page: the real page on the real functions (local cloud, fixtures
 * whose people accepted no reminders). A new task and an escalation that reach nobody are recorded on the ticket,
 * and the sender's side (the unit's manager, the office's admin) reads who was not reached and why in zh-CN;
 * the assignee and the reporter do not see the record.
 */
const CENTRE_MANAGER = {
  _id: 'p-centre-mgr',
  openid: 'o-centre-mgr',
  name: '冯主任',
  roles: [{ role: 'manager', unitId: 'centre-property' }],
};

describe('ticket page: messages not delivered, and 待分派 assigned from the board', () => {
  let sim: Sim;
  let lb: LocalBackend;
  const MIN = 60_000;
  const call = (openid: string, name: string, action: string, payload: Record<string, unknown>) => {
    lb.as.openid = openid;
    return lb.backend(name, action, payload) as Promise<{ code: 0 | string; data?: Loose }>;
  };
  const render = (page: string) => {
    let comp: Loose;
    jest.isolateModules(() => {
      comp = sim.render(page);
    });
    return comp;
  };
  async function openTicketAs(openid: string, ticketId: string) {
    lb.as.openid = openid;
    const p = render('pages/ticket/index');
    p.instance.onLoad({ id: ticketId });
    // The real function answers in its own time: wait for the page to have its reply, not for a number of ticks.
    const giveUp = Date.now() + 15_000;
    while (p.instance.data.status === 'loading') {
      if (Date.now() > giveUp) throw new Error('the ticket page did not load');
      await flush();
    }
    return p;
  }
  const lines = (p: Loose): string[] =>
    p.querySelectorAll('.ticket__undelivered-text').map((n: { dom: { textContent: string } }) => n.dom.textContent.trim());

  beforeAll(async () => {
    let impl: Backend = () => ({ code: 'SYSTEM.INTERNAL' });
    sim = setup({ backend: (n, a, p) => impl(n, a, p) });
    const { zone } = require('../../cloudfunctions/fixtures') as typeof import('../../cloudfunctions/fixtures');
    // A zone whose rota finds nobody: its responsible person's record is gone, its contractor has no manager.
    lb = await startLocalBackend([zone('zone-orphan', 'orphan', { unitId: 'contractor-other', responsible: { primary: 'p-gone' } })]);
    await (require('wx-server-sdk') as typeof import('wx-server-sdk')).database().collection('people').add({ data: CENTRE_MANAGER });
    impl = lb.backend;
  }, 60_000);
  afterAll(async () => {
    jest.restoreAllMocks();
    await lb.cloud.close();
  });

  it('shows the manager that the assignee was not told of the new task, and later of the escalation', async () => {
    // Prepare: a student reports; the zone's staff member 张保洁 accepted no reminders
    const { PEOPLE, REPORTER, report } = lb.fixtures;
    const r = await report(lb.cloud, { categoryCode: 'attitude', text: '窗口服务态度差' });
    expect(r.code).toBe(0);
    const ticketId = r.data.ticketId as string;

    // Act: the manager opens the ticket; then the timer passes half the deadline and the manager looks again
    const first = await openTicketAs(PEOPLE.manager.openid, ticketId);
    const before = lines(first);
    lb.fixtures.shiftClock(31 * MIN);
    await lb.cloud.host.fireTimer('escalation', 'everyMinute');
    const again = await openTicketAs(PEOPLE.manager.openid, ticketId);
    const asAdmin = await openTicketAs(PEOPLE.admin.openid, ticketId);
    const asAssignee = await openTicketAs(PEOPLE.staff.openid, ticketId);
    const asReporter = await openTicketAs(REPORTER, ticketId);

    // Assess: named, in zh-CN, newest first; nothing of it for the assignee or the reporter
    expect(before).toEqual(['张保洁未订阅新任务提醒，消息未送达']);
    expect(lines(again)).toEqual(['张保洁未订阅超时提醒，消息未送达', '张保洁未订阅新任务提醒，消息未送达']);
    expect(first.querySelector('.ticket__undelivered').dom.textContent).toContain('未送达的提醒');
    expect(lines(asAdmin)).toEqual(lines(again));
    expect(asAssignee.querySelector('.ticket__undelivered')).toBeUndefined();
    expect(asReporter.querySelector('.ticket__undelivered')).toBeUndefined();
    expect(JSON.stringify(again.instance.data.undelivered)).not.toMatch(/o-|NOT_SUBSCRIBED|remind/);
  });

  it('says the reporter was not reached without naming them, and nothing once the message went through', async () => {
    // Prepare: the staff member has reminders now; the reporter accepted none
    const { PEOPLE, report, PHOTO } = lb.fixtures;
    jest.restoreAllMocks();
    const { TEMPLATES } = require('../../../cloudfunctions/_lib/notify') as typeof import('../../../cloudfunctions/_lib/notify');
    lb.cloud.host.subscribe(PEOPLE.staff.openid, TEMPLATES.assigned, 5);
    const r = await report(lb.cloud, { categoryCode: 'facility', text: '水龙头漏水' }, 'o-reporter-2');
    const ticketId = r.data.ticketId as string;
    const afterReport = await openTicketAs(PEOPLE.manager.openid, ticketId);

    // Act: the staff member accepts and rectifies; the reporter is to confirm
    expect((await call(PEOPLE.staff.openid, 'tickets', 'accept', { ticketId })).code).toBe(0);
    const rect = await call(PEOPLE.staff.openid, 'tickets', 'rectify', { ticketId, afterPhotos: [PHOTO], note: '已更换', cause: '老化' });
    expect(rect.code).toBe(0);
    const page = await openTicketAs(PEOPLE.manager.openid, ticketId);

    // Assess
    expect(afterReport.querySelector('.ticket__undelivered')).toBeUndefined();
    expect(lines(page)).toEqual(['反馈的同学未订阅整改结果提醒，消息未送达']);
  });

  it('assigns a report nobody could be given from the board’s 分派 button with the searchable staff picker', async () => {
    // Prepare: a report in the zone whose rota finds nobody
    const { PEOPLE, report } = lb.fixtures;
    jest.restoreAllMocks();
    const r = await report(lb.cloud, { sceneId: 'orphan', categoryCode: 'attitude', text: '绿化带没人修剪' }, 'o-reporter-3');
    const ticketId = r.data.ticketId as string;

    // Act: the centre's manager opens the board's 待分派, taps 分派 on the card, picks 王绿化 by name and submits
    lb.as.openid = CENTRE_MANAGER.openid;
    const board = render('packages/manager/board/index');
    board.instance.onLoad();
    const until = async (ok: () => boolean) => {
      const giveUp = Date.now() + 15_000;
      while (!ok()) {
        if (Date.now() > giveUp) throw new Error('the page did not get its reply');
        await flush();
      }
    };
    await until(() => board.instance.data.status !== 'loading' && board.instance.data.filters[2].count === 1);
    const unassigned = board.instance.data.filters.findIndex((f: { key: string }) => f.key === 'unassigned');
    board.querySelectorAll('.board__filter')[unassigned].dispatchEvent('tap');
    await until(() => board.instance.data.filter === 'unassigned' && board.instance.data.status !== 'loading');
    const cards = board.instance.data.items.length;
    board.querySelectorAll('.board__assign')[0].dispatchEvent('tap');
    await until(() => (sim.wx.navigateTo as jest.Mock).mock.calls.length > 0);
    const url: string = (sim.wx.navigateTo as jest.Mock).mock.calls.at(-1)[0].url;
    const page = render('pages/ticket/index');
    const query = Object.fromEntries(new URLSearchParams(url.split('?')[1]));
    page.instance.onLoad(query);
    await until(() => page.instance.data.form?.button === 'assign' && page.instance.data.staffShown.length > 0);
    page.instance.onStaffQuery({ detail: { value: '王' } });
    await flush();
    const names = page.instance.data.staffShown.map((s: { name: string }) => s.name);
    page.querySelectorAll('.ticket__staff-item')[0].dispatchEvent('tap');
    page.querySelector('.ticket__submit').dispatchEvent('tap');
    await until(() => page.instance.data.t?.state === 'assigned');

    // Assess
    expect(url).toBe(`/pages/ticket/index?id=${ticketId}&do=assign`);
    expect(cards).toBe(1);
    expect(board.instance.data.filters[unassigned].label).toBe('待分派');
    expect(names).toEqual([PEOPLE.otherStaff.name]);
    expect(page.instance.data.t.holder).toBe(PEOPLE.otherStaff.name);
    expect(page.instance.data.actionError).toBe('');
  });
});
