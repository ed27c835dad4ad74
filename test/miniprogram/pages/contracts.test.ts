/**
 * The contract assessment pages, rendered by miniprogram-simulate and calling the real `contracts` function
 * on a local cloud (the seeded demo campus, in a child process): an admin saves a contract and assesses a
 * past month; the property centre's manager signs it on the page; the office approves it on the page.
 */
import { type LocalProcess, startLocalProcess } from '../helpers/local-cloud-process';
import { all, settleUntil } from '../helpers/real-page';
import { flush, setup, text } from '../helpers/sim';

const MONTH = '2026-10';

describe('contract assessment pages on the local cloud', () => {
  let cloud: LocalProcess;
  let contractId: string;
  const as = (openid: string) => setup({ mode: 'cloud', backend: (name, action, payload) => cloud.call(name, action, payload, openid) });

  beforeAll(async () => {
    cloud = await startLocalProcess();
    const zones = (await cloud.call('admin', 'zones', {}, 'demo-admin')) as {
      data: { items: Array<{ _id: string; unitId: string; kind: string }> };
    };
    const dorm = zones.data.items.find((z) => z.unitId === 'unit-property-co' && z.kind === 'dormitory');
    const saved = await cloud.call(
      'contracts',
      'save',
      {
        fields: {
          no: 'ZWB-WY-2025-012',
          name: '学生公寓物业服务',
          contractorUnitId: 'unit-property-co',
          serviceKind: 'property',
          supervisingUnitId: 'unit-property',
          zoneIds: [dorm?._id],
          startDate: '2026-01-01',
          endDate: '2026-12-31',
          monthlyFee: 120000,
          clauses: [{ code: 'WY-01', what: '公共区域保洁', how: '巡查目测', points: 20, deductPoints: 2 }],
          weights: { supervisor: 80, recipient: 20 },
        },
        paymentRule: { formula: 'fullAboveThreshold', threshold: 85, basePercent: 15 },
      },
      'demo-admin',
    );
    expect(saved.code).toBe(0);
    contractId = (saved.data as { contractId: string }).contractId;
    expect((await cloud.call('contracts', 'assess', { month: MONTH }, 'demo-admin')).code).toBe(0);
  }, 120_000);
  afterAll(() => cloud?.stop());

  it('lists the month with score, grade, payable amount and sign-off state', async () => {
    // Act
    const sim = as('demo-leader');
    const p = sim.render('packages/contracts/assessments/index');
    p.instance.onLoad({ month: MONTH });
    await settleUntil(() => p.instance.data.status !== 'loading');
    // Assess
    expect(p.instance.data.status).toBe('ready');
    const [row] = p.instance.data.items;
    expect(row).toMatchObject({ no: 'ZWB-WY-2025-012', contractor: '华安物业管理有限公司', signoff: '待监管单位签字' });
    expect(row.payable).toMatch(/^¥1\d\d,\d{3}\.\d{2}$/);
    expect(text(p, '.assessments__month')).toBe('2026年10月');
    expect(all(p, 'assessments__item')).toHaveLength(1);
  });

  it('says a month not assessed yet in zh-CN, not as a code', async () => {
    const sim = as('demo-leader');
    const p = sim.render('packages/contracts/assessments/index');
    p.instance.onLoad({ month: '2026-02' });
    await settleUntil(() => p.instance.data.status !== 'loading');
    expect(p.instance.data.status).toBe('empty');
    expect(text(p, '.assessments__empty')).toBe('该月份尚未考核');
  });

  it('is signed by the supervising unit on the page, then approved by the office', async () => {
    // Prepare: the property centre's manager opens the assessment.
    const centre = as('demo-manager-property');
    const p = centre.render('packages/contracts/assessment/index');
    p.instance.onLoad({ month: MONTH, contractId });
    await settleUntil(() => p.instance.data.status !== 'loading');
    expect(p.instance.data.buttons.map((b: { event: string }) => b.event)).toEqual(['sign', 'return']);
    expect(text(p, '.assessment__state')).toBe('待监管单位签字');
    // Act: sign
    p.querySelector('.assessment__button--sign').dispatchEvent('tap');
    await settleUntil(() => p.instance.data.signoff === '待总务部审核');
    // Assess
    expect(text(p, '.assessment__state')).toBe('待总务部审核');
    expect(p.instance.data.buttons).toEqual([]);
    expect(p.instance.data.history[0].text).toMatch(/^监管单位签字：王立新，/);

    // Act: the office approves; a return without a reason is stopped on the page first.
    const office = as('demo-admin');
    const q = office.render('packages/contracts/assessment/index');
    q.instance.onLoad({ month: MONTH, contractId });
    await settleUntil(() => q.instance.data.status !== 'loading');
    q.querySelector('.assessment__button--return').dispatchEvent('tap');
    await flush();
    expect(q.instance.data.returning).toBe(true);
    q.querySelector('.assessment__confirm-return').dispatchEvent('tap');
    await flush();
    expect(q.instance.data.noteError).toBe('请填写退回理由');
    expect(office.calls.filter((c) => c.action === 'signoff')).toHaveLength(0);
    q.instance.setData({ returning: false });
    await flush();
    q.querySelector('.assessment__button--approve').dispatchEvent('tap');
    await settleUntil(() => q.instance.data.signoff === '已审定');
    expect(text(q, '.assessment__state')).toBe('已审定');

    // A second approval (from a stale screen) gets the zh-CN sentence of the coded error.
    await q.instance.send('approve');
    expect(office.wx.showToast).toHaveBeenLastCalledWith({ title: '当前考核状态不能进行此签字操作，请刷新', icon: 'none' });
  });
});
