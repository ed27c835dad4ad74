/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// biome-ignore lint/suspicious/noExplicitAny: replies and simulate wrappers are inspected loosely in assertions
type Loose = any;

import type { ServiceHours } from '../../../shared/deadlines';
import { PATROL_MESSAGES } from '../../../shared/patrols';
import { type LocalBackend, startLocalBackend } from '../helpers/local-backend';
import { type Backend, flush, type Sim, setup, text } from '../helpers/sim';

const MEALS = [
  { open: '06:30', close: '09:00' },
  { open: '11:00', close: '13:30' },
];
const CANTEEN: ServiceHours = { 1: MEALS, 2: MEALS, 3: MEALS, 4: MEALS, 5: MEALS, 6: [], 7: [] };

describe('plan editor and coverage pages on the local cloud', () => {
  let sim: Sim;
  let lb: LocalBackend;
  const setClock = (at: number) => lb.fixtures.shiftClock(at - (performance.timeOrigin + performance.now()));
  const render = (page: string) => {
    let comp: Loose;
    jest.isolateModules(() => {
      comp = sim.render(page);
    });
    return comp;
  };
  const input = (p: Loose, selector: string, value: string, index = 0) => {
    const el = p.querySelectorAll(selector)[index];
    el.dispatchEvent('input', { detail: { value } });
  };
  const tap = (p: Loose, selector: string, index = 0) => p.querySelectorAll(selector)[index].dispatchEvent('tap');

  beforeAll(async () => {
    let impl: Backend = () => ({ code: 'SYSTEM.INTERNAL' });
    sim = setup({ backend: (n, a, p) => impl(n, a, p) });
    const { zone } = require('../../cloudfunctions/fixtures') as typeof import('../../cloudfunctions/fixtures');
    lb = await startLocalBackend([zone('zone-canteen', 'cant1', { name: '第一食堂', kind: 'canteen', serviceHours: CANTEEN })]);
    impl = lb.backend;
    setClock(Date.parse('2032-03-10T08:00:00+08:00'));
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await lb.cloud.close();
  });

  it('shows the shared PATROL_MESSAGES sentence (through the contract bundle) for every PATROL code', () => {
    const { patrolMessage } = require('../../../miniprogram/packages/patrol/patrol.view');
    for (const [code, sentence] of Object.entries(PATROL_MESSAGES)) expect(patrolMessage({ code })).toBe(sentence);
  });

  it('lets the office inspector plan a lunch patrol, refuses a time the canteen is closed, and activates it', async () => {
    // Prepare
    lb.as.openid = lb.fixtures.PEOPLE.officeInspector.openid;
    const p = render('packages/patrol/plans/index');
    p.instance.onLoad();
    await flush(20);
    expect(p.instance.data).toMatchObject({ status: 'ready', plans: [] });
    tap(p, '.plans__new');
    await flush();
    input(p, '.plans__name-input', '食堂午餐巡查');
    input(p, '.plans__zone-q', '第一食堂');
    tap(p, '.plans__zone-go');
    await flush(20);
    tap(p, '.plans__result');
    await flush();
    input(p, '.plans__checklist', '操作间地面干净\n生熟分开存放');
    input(p, '.plans__negative', '服务态度生硬');
    await flush();
    expect(text(p, '.plans__zone')).toContain('第一食堂');
    expect(p.instance.data.inspectors.find((i: Loose) => i.on)?.name).toBe('孙督查'); // the caller by default
    // Act: 10:00 falls between breakfast and lunch, so the plan would never happen.
    tap(p, '.plans__save');
    await flush(20);
    // Assess
    expect(text(p, '.plans__error')).toBe('按此频次在一年内排不出任何一次巡查，请检查日期和场所服务时间');
    expect(sim.calls.filter((c) => c.action === 'savePlan')).toHaveLength(1);
    // Act: 11:30 is lunch.
    p.instance.onPick({ currentTarget: { dataset: { field: 'at' } }, detail: { value: '11:30' } });
    tap(p, '.plans__save');
    await flush(20);
    expect(sim.wx.showToast).toHaveBeenLastCalledWith({ title: '已存草稿，一年约 261 次', icon: 'none' });
    expect(text(p, '.plans__name')).toBe('食堂午餐巡查');
    expect(text(p, '.tag')).toBe('草稿');
    tap(p, '.plans__move--active');
    await flush(20);
    expect(text(p, '.tag')).toBe('执行中');
    expect(text(p, '.hint')).toBe('总务部 · 定期 · 每天 · 11:30 起 60 分钟');
  });

  it('shows the leader coverage, the heat map and the blind spots after a visit', async () => {
    // Prepare: the timer, and the inspector's visit at lunch.
    await lb.cloud.host.fireTimer('patrols', 'hourly');
    const office = lb.fixtures.PEOPLE.officeInspector.openid;
    lb.as.openid = office;
    const today = (await lb.backend('patrols', 'myToday', {})) as Loose;
    const occ = today.data.items.find((o: Loose) => o.zoneId === 'zone-canteen' && o.date === '2032-03-10' && o.kind === 'plan');
    setClock(Date.parse('2032-03-10T11:35:00+08:00'));
    const v = (await lb.backend('patrols', 'startVisit', { sceneId: 'cant1', occurrenceId: occ._id })) as Loose;
    setClock(Date.parse('2032-03-10T11:55:00+08:00'));
    const results = Object.fromEntries(v.data.visit.items.map((i: Loose) => [i.id, 'pass']));
    expect(((await lb.backend('patrols', 'endVisit', { visitId: v.data.visit._id, results })) as Loose).code).toBe(0);
    lb.as.openid = lb.fixtures.PEOPLE.leader.openid;
    // Act
    const p = render('packages/patrol/coverage/index');
    p.instance.onLoad();
    await flush(30);
    // Assess: a cell is (zone, weekday, service interval): 5 weekdays × 2 meals at the canteen, 7 days at the floor.
    expect(p.instance.data.cells).toBe(17);
    expect(text(p, '.coverage__stat--together')).toContain('5.9%');
    expect(text(p, '.coverage__stat--compliance')).toContain('100%');
    const row = p.instance.data.rows.find((r: Loose) => r.name === '第一食堂');
    expect(row.cells[11]).toBe('h1');
    expect(row.cells[10]).toBe('x');
    expect(row.cells[7]).toBe('h0');
    const blind = p.querySelectorAll('.coverage__blind').map((n: Loose) => n.dom.textContent);
    expect(blind[0]).toBe('区域b1f2 · 周一 00:00–24:00');
    expect(blind).toContain('第一食堂 · 周三 06:30–09:00');
    expect(blind).not.toContain('第一食堂 · 周三 11:00–13:30'); // the lunch visit covered it
    expect(p.querySelectorAll('.coverage__stale').map((n: Loose) => n.dom.textContent)).toContain('区域b1f2 · 从未巡查');
  });

  it('offers a configured term as the period and reads its map', async () => {
    // Prepare
    lb.as.openid = lb.fixtures.PEOPLE.admin.openid;
    const term = { id: '2032S', name: '2032 春季学期', from: '2032-03-01', to: '2032-07-18' };
    expect(((await lb.backend('patrols', 'saveTerms', { terms: [term] })) as Loose).code).toBe(0);
    lb.as.openid = lb.fixtures.PEOPLE.leader.openid;
    const p = render('packages/patrol/coverage/index');
    p.instance.onLoad();
    await flush(30);
    expect(text(p, '.coverage__term')).toBe('2032 春季学期');
    // Act
    tap(p, '.coverage__term');
    await flush(30);
    // Assess
    expect(p.instance.data).toMatchObject({ from: '2032-03-01', to: '2032-07-18', termId: '2032S', status: 'ready' });
    expect(p.querySelector('.coverage__term--on')).toBeTruthy();
    expect(sim.calls.filter((c) => c.action === 'coverage').at(-1)).toMatchObject({
      name: 'patrols',
      action: 'coverage',
      payload: { from: '2032-03-01', to: '2032-07-18' },
    });
  });
});
