/**
 * The contract editor and list, rendered by miniprogram-simulate and calling the real `admin` and `contracts`
 * functions on a local cloud (the seeded demo campus, in a child process).
 */
import { type LocalProcess, startLocalProcess } from '../helpers/local-cloud-process';
import { settleUntil } from '../helpers/real-page';
import { flush, setup, text } from '../helpers/sim';

// biome-ignore lint/suspicious/noExplicitAny: simulate's wrappers are untyped
type El = any;

describe('contract editor on the local cloud', () => {
  let cloud: LocalProcess;
  const as = (openid: string) => setup({ mode: 'cloud', backend: (name, action, payload) => cloud.call(name, action, payload, openid) });
  const input = (p: El, key: string, value: string) => p.instance.onField({ currentTarget: { dataset: { key } }, detail: { value } });
  const pick = (p: El, key: string, value: number | string) =>
    p.instance.onPick({ currentTarget: { dataset: { key } }, detail: { value } });

  beforeAll(async () => {
    cloud = await startLocalProcess();
  }, 120_000);
  afterAll(() => cloud?.stop());

  it('saves a contract an admin fills in, after the server names a missing payment parameter', async () => {
    // Prepare
    const sim = as('demo-admin');
    const p = sim.render('packages/contracts/editor/index');
    await p.instance.onLoad({});
    await settleUntil(() => p.instance.data.status !== 'loading');
    expect(p.instance.data.status).toBe('ready');
    // Act: fill the form as the inputs and pickers would.
    input(p, 'no', 'ZWB-YS-2026-001');
    input(p, 'name', '第二食堂委托经营');
    pick(
      p,
      'contractorUnitId',
      p.instance.data.contractors.findIndex((u: { _id: string }) => u._id === 'unit-canteen-co'),
    );
    pick(
      p,
      'supervisingUnitId',
      p.instance.data.units.findIndex((u: { _id: string }) => u._id === 'unit-dining'),
    );
    pick(p, 'serviceKind', 2);
    pick(p, 'startDate', '2026-01-01');
    pick(p, 'endDate', '2026-12-31');
    input(p, 'monthlyFee', '80000');
    p.instance.onZone({
      currentTarget: { dataset: { i: p.instance.data.zones.findIndex((z: { kind: string }) => z.kind === 'canteen') } },
    });
    input(p, 'clauses[0].code', 'YS-01');
    input(p, 'clauses[0].what', '食品留样');
    input(p, 'clauses[0].how', '查看留样记录');
    input(p, 'clauses[0].points', '20');
    input(p, 'clauses[0].deductYuan', '2000');
    p.instance.onFormula({ detail: { value: 2 } }); // linear
    input(p, 'params.fullAt', '90');
    input(p, 'surveyShare', '60'); // surveys 60 %, QR ratings 40 % of the recipient score
    await flush();
    expect(text(p, '.editor__contractor')).toBe('服务单位：鑫源餐饮管理有限公司');
    await p.instance.onSave();
    // Assess: the server refused the rule and named the two missing parameters; nothing was saved.
    expect(p.instance.data.serverError).toBe('付款规则的参数不完整或超出范围，请补全后再保存');
    expect(p.instance.data.bad).toEqual({ params_percentPerPoint: true, params_floorPercent: true });
    expect(((await cloud.call('contracts', 'list', {}, 'demo-admin')).data as { items: unknown[] }).items).toEqual([]);
    // Act: complete them and save.
    input(p, 'params.percentPerPoint', '1');
    input(p, 'params.floorPercent', '70');
    await p.instance.onSave();
    expect(p.instance.data.serverError).toBe('');
    expect(sim.wx.showToast).toHaveBeenLastCalledWith({ title: '已保存', icon: 'success' });
    const saved = ((await cloud.call('contracts', 'list', {}, 'demo-admin')).data as { items: Array<{ _id: string }> }).items[0];
    const got = await cloud.call('contracts', 'get', { contractId: saved._id }, 'demo-admin');
    expect((got.data as { recipientMix: unknown }).recipientMix).toEqual({ ratings: 40, surveys: 60 });

    // The list shows it to the leader.
    const leader = as('demo-leader');
    const l = leader.render('packages/contracts/list/index');
    l.instance.onLoad();
    await settleUntil(() => l.instance.data.status !== 'loading');
    expect(l.instance.data.items).toEqual([
      expect.objectContaining({
        no: 'ZWB-YS-2026-001',
        kind: '餐饮服务',
        contractor: '鑫源餐饮管理有限公司',
        supervising: '饮食服务中心',
        fee: '¥80,000.00/月',
      }),
    ]);

    // The dining centre (the supervising unit) records a special event of this month on the list.
    const centre = as('demo-manager-dining');
    const c = centre.render('packages/contracts/list/index');
    c.instance.onLoad();
    await settleUntil(() => c.instance.data.status !== 'loading');
    c.querySelector('.contracts__event-open').dispatchEvent('tap');
    await flush();
    c.querySelector('.contracts__event-save').dispatchEvent('tap');
    await flush();
    expect(text(c, '.contracts__event-error')).toBe('请填写事件说明');
    c.instance.onEventField({ currentTarget: { dataset: { key: 'what' } }, detail: { value: '食品安全抽检不合格' } });
    c.instance.onEventField({ currentTarget: { dataset: { key: 'points' } }, detail: { value: '10' } });
    c.instance.onEventField({ currentTarget: { dataset: { key: 'yuan' } }, detail: { value: '3000' } });
    await c.instance.onEventSave();
    expect(centre.wx.showToast).toHaveBeenLastCalledWith({ title: '已登记', icon: 'success' });
    expect(centre.calls.find((x) => x.action === 'recordEvent')?.payload).toMatchObject({
      what: '食品安全抽检不合格',
      points: -10,
      yuan: 3000,
    });
  });

  it('marks missing fields on the page before sending anything', async () => {
    const sim = as('demo-admin');
    const p = sim.render('packages/contracts/editor/index');
    await p.instance.onLoad({});
    await settleUntil(() => p.instance.data.status !== 'loading');
    await p.instance.onSave();
    expect(p.instance.data.serverError).toBe('请补全标出的项');
    expect(Object.keys(p.instance.data.bad)).toEqual(expect.arrayContaining(['no', 'name', 'zoneIds', 'monthlyFee', 'clauses_0_code']));
    expect(sim.calls.filter((c) => c.action === 'save')).toHaveLength(0);
  });
});
