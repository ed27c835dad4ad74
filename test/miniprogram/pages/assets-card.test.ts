import { ASSET_ROW_MESSAGES, ASSET_MESSAGES as SHARED_MESSAGES } from '../../../shared/assets';
import { flush, text } from '../helpers/sim';
import { asDemo, call, DEMO, type RealCloud, startCloud, until, zoneOf } from './assets.helpers';

const CARD = 'packages/assets/card/index';
const UNIT = 'packages/assets/unit/index';
const TRANSFERS = 'packages/assets/transfers/index';

describe('asset pages on the real assets function', () => {
  let cloud: RealCloud;
  let zoneId: string;
  beforeAll(async () => {
    cloud = await startCloud();
    zoneId = await zoneOf(cloud, DEMO.unit);
    // Prepare: a desk the property centre's manager registered for 孙丽
    const reg = await call(cloud, DEMO.manager, 'assets', 'register', {
      tag: 'CARD-1',
      categoryCode: 'E010000',
      name: '办公桌',
      value: 1200,
      unitId: DEMO.unit,
      zoneId,
      custodianId: DEMO.staffId,
      inServiceAt: '2024-01-10',
    });
    expect(reg.code).toBe(0);
  }, 90_000);
  afterAll(() => cloud.stop());

  it('opens the card from a scanned label, shows the asset and its life, and lets the custodian confirm receipt', async () => {
    // Prepare
    const sim = asDemo(cloud, DEMO.staff);
    const p = sim.render(CARD);
    // Act: the label's code opens the page with the tag as its scene
    p.instance.onLoad({ scene: 'card-1' });
    await until(() => p.instance.data.status === 'ready');
    // Assess
    expect(text(p, '.asset-card__name')).toBe('办公桌');
    expect(text(p, '.asset-card__status')).toBe('在用');
    expect(text(p, '.asset-card__due')).toBe('待核对');
    expect(text(p, '.asset-card__event-label')).toBe('购建入账');
    expect(p.querySelector('.asset-card__transfer')).toBeFalsy();

    // Act: confirm receipt in WeChat
    p.querySelector('.asset-card__accept').dispatchEvent('tap');
    await until(() => (p.instance.data.card?.events.length ?? 0) === 2);
    // Assess
    expect(p.instance.data.card.events.map((e: { label: string }) => e.label)).toEqual(['购建入账', '使用人确认领用']);
    expect(p.querySelector('.asset-card__accept')).toBeFalsy();
    expect(sim.wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已确认领用' }));
  });

  it('scans a label with the camera and shows a zh-CN sentence for an unknown tag', async () => {
    // Prepare
    const sim = asDemo(cloud, DEMO.manager);
    (sim.wx.scanCode as jest.Mock).mockImplementation((o: { success: (r: unknown) => void }) =>
      o.success({ path: 'packages/assets/card/index?scene=NOPE-404', result: '' }),
    );
    const p = sim.render(CARD);
    p.instance.onLoad({});
    // Act
    p.querySelector('.asset-card__scan').dispatchEvent('tap');
    await until(() => p.instance.data.status === 'error');
    // Assess
    expect(text(p, '.asset-card__error-text')).toBe('没有找到这件资产，请核对标签');
  });

  it("lists my unit's assets and filters those due for verification", async () => {
    // Prepare
    const sim = asDemo(cloud, DEMO.manager);
    const p = sim.render(UNIT);
    // Act
    await p.instance.onLoad({});
    await until(() => p.instance.data.status === 'ready');
    const all = p.instance.data.items.length;
    p.querySelectorAll('.asset-unit__filter')[1].dispatchEvent('tap');
    await until(() => p.instance.data.status === 'ready' && p.instance.data.filter === 'due');
    // Assess
    expect(all).toBe(1);
    expect(text(p, '.asset-unit__name')).toBe('办公桌');
    expect(text(p, '.asset-unit__due')).toBe('待核对');
    expect(p.instance.data.items.map((i: { tag: string }) => i.tag)).toEqual(['CARD-1']);
  });

  it('requests a transfer from the card, the office approves it, and the receiving manager receives it', async () => {
    // Prepare
    const otherZone = await zoneOf(cloud, DEMO.otherUnit);
    const mgr = asDemo(cloud, DEMO.manager);
    const card = mgr.render(CARD);
    card.instance.onLoad({ tag: 'CARD-1' });
    await until(() => card.instance.data.status === 'ready');
    card.querySelector('.asset-card__transfer').dispatchEvent('tap');
    await flush();
    expect(mgr.wx.navigateTo).toHaveBeenCalledWith({ url: '/packages/assets/transfers/index?assetId=as-CARD-1' });

    // Act: the manager names a unit that does not exist, then the dining centre
    const answers = ['unit-ghost', '', DEMO.otherUnit, '部门调整'];
    (mgr.wx.showModal as jest.Mock).mockImplementation((o: { success: (r: unknown) => void }) =>
      o.success({ confirm: true, content: answers.shift() }),
    );
    const page = mgr.render(TRANSFERS);
    page.instance.onLoad({ assetId: 'as-CARD-1' });
    await until(() => page.instance.data.status === 'ready');
    await page.instance.onRequest();
    // Assess: a coded zh-CN error, nothing requested
    expect(mgr.wx.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '单位不存在，请核对单位名称或编号' }));
    await page.instance.onRequest();
    await until(() => page.instance.data.items.length === 1);
    expect(text(page, '.transfers__state')).toBe('待审批');

    // Act: the office approves
    const admin = asDemo(cloud, DEMO.admin);
    const office = admin.render(TRANSFERS);
    office.instance.onLoad({});
    await until(() => office.instance.data.status === 'ready' && office.instance.data.items.length === 1);
    office.querySelector('.transfers__act--approve').dispatchEvent('tap');
    await until(() => office.instance.data.items[0]?.state === '待接收');

    // Act: the dining centre's manager receives it into one of their places
    const dining = asDemo(cloud, DEMO.otherManager);
    (dining.wx.showModal as jest.Mock).mockImplementation((o: { success: (r: unknown) => void }) =>
      o.success({ confirm: true, content: otherZone }),
    );
    const target = dining.render(TRANSFERS);
    target.instance.onLoad({});
    await until(() => target.instance.data.status === 'ready' && target.instance.data.items.length === 1);
    target.querySelector('.transfers__act--receive').dispatchEvent('tap');
    await until(() => target.instance.data.items[0]?.state === '已接收');

    // Assess: the asset now belongs to the dining centre
    const after = (await call(cloud, DEMO.otherManager, 'assets', 'card', { tag: 'CARD-1' })) as unknown as {
      code: number;
      data: { asset: { unitId: string } };
    };
    expect(after.data.asset.unitId).toBe(DEMO.otherUnit);
  });

  it('shows shared/assets sentences through the contract bundle', () => {
    const t = require('../../../miniprogram/packages/assets/assets.text');
    for (const [code, sentence] of Object.entries(SHARED_MESSAGES)) expect(t.assetMessage({ code })).toBe(sentence);
    for (const [code, sentence] of Object.entries(ASSET_ROW_MESSAGES)) expect(t.rowMessage(code)).toBe(sentence);
  });
});
