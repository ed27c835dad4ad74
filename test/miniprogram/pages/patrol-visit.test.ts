/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// biome-ignore lint/suspicious/noExplicitAny: replies and simulate wrappers are inspected loosely in assertions
type Loose = any;

import type { ServiceHours } from '../../../shared/deadlines';
import { type LocalBackend, startLocalBackend } from '../helpers/local-backend';
import { type Backend, flush, type Sim, setup, text } from '../helpers/sim';

const MEALS = [
  { open: '06:30', close: '09:00' },
  { open: '11:00', close: '13:30' },
  { open: '17:00', close: '19:00' },
];
const CANTEEN: ServiceHours = { 1: MEALS, 2: MEALS, 3: MEALS, 4: MEALS, 5: MEALS, 6: MEALS, 7: [] };
/** 2032-03-10 is a Wednesday. */
const AT = (hhmm: string) => Date.parse(`2032-03-10T${hhmm}:00+08:00`);
const poster = (scene: string) => ({ path: `pages/report/index?scene=${scene}`, result: '' });

describe('patrol pages on the local cloud', () => {
  let sim: Sim;
  let lb: LocalBackend;
  let planId: string;
  const setClock = (at: number) => lb.fixtures.shiftClock(at - (performance.timeOrigin + performance.now()));
  const scanGives = (res: { path: string; result: string }) =>
    (sim.wx.scanCode as jest.Mock).mockImplementation((o: { success: (r: unknown) => void }) => o.success(res));
  const call = (openid: string, name: string, action: string, payload: Record<string, unknown>) => {
    lb.as.openid = openid;
    return lb.backend(name, action, payload) as Promise<{ code: 0 | string; data?: Loose }>;
  };
  // Pages share child components: each render loads its modules afresh (as a new setup() would) but keeps
  // the registry the local cloud and the functions live in.
  const render = (page: string) => {
    let comp: Loose;
    jest.isolateModules(() => {
      comp = sim.render(page);
    });
    return comp;
  };
  const db = () => (require('wx-server-sdk') as typeof import('wx-server-sdk')).database();
  const occurrence = async (id: string) =>
    ((await db().collection('patrolOccurrences').where({ _id: id }).limit(1).get()) as { data: Loose[] }).data[0];

  beforeAll(async () => {
    let impl: Backend = () => ({ code: 'SYSTEM.INTERNAL' });
    sim = setup({ backend: (n, a, p) => impl(n, a, p) });
    const { zone } = require('../../cloudfunctions/fixtures') as typeof import('../../cloudfunctions/fixtures');
    lb = await startLocalBackend([zone('zone-canteen', 'cant1', { name: '第一食堂', kind: 'canteen', serviceHours: CANTEEN })]);
    impl = lb.backend;
    setClock(AT('08:00'));
    // An office plan, active, and the timer run that creates today's occurrences.
    const office = lb.fixtures.PEOPLE.officeInspector.openid;
    const saved = await call(office, 'patrols', 'savePlan', {
      fields: {
        name: '食堂午餐巡查',
        kind: 'routine',
        startDate: '2032-03-10',
        level: 'office',
        mode: 'scheduled',
        recurrence: { freq: 'daily' },
        targets: { kind: 'zones', zoneIds: ['zone-canteen'] },
        window: { kind: 'fixed', at: '11:30', minutes: 60 },
        assignees: { mode: 'any', personIds: ['p-insp-office'] },
        checklist: [
          { id: 'clean', text: '操作间地面干净' },
          { id: 'raw', text: '生熟分开存放' },
        ],
        negativeList: [{ id: 'rude', text: '服务态度生硬' }],
        graceMinutes: 30,
      },
    });
    planId = saved.data.plan._id;
    await call(office, 'patrols', 'setPlanStatus', { planId, status: 'active', version: 1 });
    await lb.cloud.host.fireTimer('patrols', 'hourly');
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await lb.cloud.close();
  });

  it('shows the office inspector today’s patrol, refuses the wrong poster in zh-CN, and starts at the right one', async () => {
    // Prepare
    setClock(AT('11:40'));
    lb.as.openid = lb.fixtures.PEOPLE.officeInspector.openid;
    const p = render('packages/patrol/today/index');
    p.instance.onLoad();
    await flush(20);
    expect(text(p, '.today__title')).toBe('食堂午餐巡查');
    expect(text(p, '.today__zone')).toBe('第一食堂');
    expect(text(p, '.today__when')).toContain('11:30–12:30');
    // Act: the wrong zone's poster first.
    scanGives(poster('b1f2'));
    p.querySelector('.today__start').dispatchEvent('tap');
    await flush(20);
    // Assess
    expect(text(p, '.today__message')).toBe('扫描的不是本次巡查场所的二维码，请到现场扫码');
    expect(sim.wx.navigateTo).not.toHaveBeenCalled();
    // Act: the canteen's own poster.
    scanGives(poster('cant1'));
    p.querySelector('.today__start').dispatchEvent('tap');
    await flush(20);
    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url: expect.stringMatching(/^\/packages\/patrol\/visit\/index\?visitId=\w+$/) });
    expect((await occurrence(`${planId}~zone-canteen~2032-03-10T1130`)).state).toBe('visiting');
  });

  it('walks the checklist, files a failed item as a finding, and completes the visit on time', async () => {
    // Prepare
    const url = (sim.wx.navigateTo as jest.Mock).mock.calls.at(-1)[0].url as string;
    const visitId = url.split('visitId=')[1];
    // The canteen is under a catering contract: a finding may cite its clause (issue 15).
    const contract = await call(lb.fixtures.PEOPLE.admin.openid, 'contracts', 'save', {
      fields: {
        no: 'HT-2032-010',
        name: '第一食堂餐饮服务',
        contractorUnitId: 'contractor-clean',
        serviceKind: 'canteen',
        supervisingUnitId: 'centre-property',
        zoneIds: ['zone-canteen'],
        startDate: '2032-01-01',
        endDate: '2032-12-31',
        monthlyFee: 50000,
        clauses: [{ code: 'CY-03', what: '食品贮存', how: '生熟分开、离地离墙', points: 10, deductPoints: 2 }],
        weights: { supervisor: 80, recipient: 20 },
      },
      paymentRule: { formula: 'fullAboveThreshold', threshold: 85, basePercent: 15 },
    });
    expect(contract.code).toBe(0);
    lb.as.openid = lb.fixtures.PEOPLE.officeInspector.openid;
    const v = render('packages/patrol/visit/index');
    v.instance.onLoad({ visitId });
    await flush(20);
    expect(v.querySelectorAll('.visit__item')).toHaveLength(3);
    expect(text(v, '.visit__zone')).toBe('第一食堂');
    // Act: submit too early, then answer.
    v.querySelector('.visit__submit').dispatchEvent('tap');
    await flush(5);
    expect(text(v, '.visit__error')).toBe('还有检查项未选择“合格/不合格/不适用”');
    v.querySelectorAll('.visit__choice')[3 * 1 + 1].dispatchEvent('tap'); // item 2 (生熟分开存放), 不合格
    await flush(5);
    expect(v.instance.data.clauseNames).toEqual(['不涉及合同条款', 'CY-03 食品贮存']);
    v.instance.onItemClause({ currentTarget: { dataset: { index: 1 } }, detail: { value: '1' } });
    await flush(2);
    expect(text(v, '.visit__clause')).toBe('合同条款：CY-03 食品贮存 ›');
    v.querySelector('.visit__file').dispatchEvent('tap');
    await flush(30);
    expect(text(v, '.visit__file')).toBe('已记为问题');
    v.querySelector('.visit__all').dispatchEvent('tap');
    await flush(5);
    setClock(AT('12:00'));
    v.querySelector('.visit__submit').dispatchEvent('tap');
    await flush(30);
    // Assess
    expect(text(v, '.visit__result')).toBe('巡查已完成，按时完成：不合格 1 项，记录问题 1 条');
    expect((await occurrence(`${planId}~zone-canteen~2032-03-10T1130`)).state).toBe('doneOnTime');
    const finding = sim.calls.find((c) => c.action === 'createFinding');
    expect(finding?.payload).toMatchObject({
      zoneId: 'zone-canteen',
      checklistItem: '生熟分开存放',
      categoryCode: 'standards',
      clauseCode: 'CY-03',
    });
    const stored = ((await db().collection('tickets').where({ zoneId: 'zone-canteen' }).limit(5).get()) as { data: Loose[] }).data;
    expect(stored.map((t) => [t.clauseCode, t.contractId])).toEqual([['CY-03', contract.data.contractId]]);
  });

  it('lets the responsible staff member self-check a zone in a few taps', async () => {
    // Prepare
    setClock(AT('12:30'));
    lb.as.openid = lb.fixtures.PEOPLE.staff.openid;
    const p = render('packages/patrol/self-check/index');
    p.instance.onLoad();
    await flush(20);
    expect(p.querySelectorAll('.selfcheck__item')).toHaveLength(2);
    expect(text(p, '.selfcheck__summary')).toContain('已完成 0/2');
    expect(p.querySelector('.selfcheck__missed')).toBeUndefined();
    // Act
    scanGives(poster('cant1'));
    const canteen = p.querySelectorAll('.selfcheck__item').findIndex((n: Loose) => n.dom.textContent.includes('第一食堂'));
    p.querySelectorAll('.selfcheck__start')[canteen].dispatchEvent('tap');
    await flush(20);
    const url = (sim.wx.navigateTo as jest.Mock).mock.calls.at(-1)[0].url as string;
    const v = render('packages/patrol/visit/index');
    v.instance.onLoad({ visitId: url.split('visitId=')[1] });
    await flush(20);
    v.querySelector('.visit__all').dispatchEvent('tap');
    v.querySelector('.visit__submit').dispatchEvent('tap');
    await flush(30);
    // Assess
    expect(text(v, '.visit__result')).toContain('巡查已完成，按时完成');
    p.instance.onShow();
    await flush(20);
    expect(text(p, '.selfcheck__summary')).toContain('已完成 1/2');
  });

  it('shows the manager the self-check their staff missed', async () => {
    // Prepare: the day is over; the timer marks the unchecked zone missed.
    setClock(Date.parse('2032-03-11T00:30:00+08:00'));
    await lb.cloud.host.fireTimer('patrols', 'hourly');
    lb.as.openid = lb.fixtures.PEOPLE.manager.openid;
    // Act
    const p = render('packages/patrol/self-check/index');
    p.instance.onLoad();
    await flush(20);
    // Assess
    const missed = p.querySelectorAll('.selfcheck__missed');
    expect(missed).toHaveLength(1);
    expect(missed[0].dom.textContent).toContain('2032-03-10');
    expect(missed[0].dom.textContent).toContain('漏巡');
  });
});
