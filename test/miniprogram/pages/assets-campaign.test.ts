import { flush, text } from '../helpers/sim';
import { asDemo, call, DEMO, type RealCloud, sceneOf, sheet, startCloud, until, upload, zoneOf } from './assets.helpers';

const CAMPAIGN = 'packages/assets/campaign/index';
const IMPORT = 'packages/assets/import/index';
const HEADERS = [
  '资产标签',
  '分类代码',
  '资产名称',
  '规格型号',
  '序列号',
  '原值（元）',
  '购置日期',
  '启用日期',
  '供应商',
  '使用单位',
  '存放地点编码',
  '分管人',
  '使用人',
];

describe('verification and import pages on the real assets function', () => {
  let cloud: RealCloud;
  beforeAll(async () => {
    cloud = await startCloud();
    const zoneId = await zoneOf(cloud, DEMO.unit);
    for (const [tag, value] of [
      ['VC-1', 5000],
      ['VC-2', 6000],
      ['VC-3', 7000],
    ] as const) {
      const r = await call(cloud, DEMO.manager, 'assets', 'register', {
        tag,
        categoryCode: 'B010000',
        name: `电脑${tag}`,
        value,
        unitId: DEMO.unit,
        zoneId,
      });
      expect(r.code).toBe(0);
    }
  }, 90_000);
  afterAll(() => cloud.stop());

  it('starts the month, scans labels (a repeat counts once, an unknown tag is 盘盈), closes once with 盘亏', async () => {
    // Prepare
    const sim = asDemo(cloud, DEMO.manager);
    const scans = ['VC-1', 'VC-2', 'VC-1', 'XX-9'];
    const reports = [0, 2, 0, 0]; // 在位, 损坏, 在位 (repeat), 在位 (unknown tag)
    (sim.wx.scanCode as jest.Mock).mockImplementation((o: { success: (r: unknown) => void }) => o.success({ result: scans.shift() }));
    (sim.wx.showActionSheet as jest.Mock).mockImplementation((o: { success: (r: unknown) => void }) =>
      o.success({ tapIndex: reports.shift() }),
    );
    (sim.wx.showModal as jest.Mock).mockImplementation((o: { success: (r: unknown) => void }) => o.success({ confirm: true }));
    const p = sim.render(CAMPAIGN);
    p.instance.onLoad({});
    await until(() => p.instance.data.status === 'ready');
    expect(text(p, '.campaign__none-text')).toBe('本月尚未开始资产在位核对');

    // Act: start and scan
    p.querySelector('.campaign__start').dispatchEvent('tap');
    await until(() => p.instance.data.state === 'open');
    expect(p.instance.data.figures).toMatchObject({ expected: 3, scanned: 0, remaining: 3 });
    for (let i = 0; i < 4; i++) {
      const before = p.instance.data.last;
      await p.instance.onScan();
      await until(() => p.instance.data.last !== before || i === 2);
    }
    // Assess
    expect(p.instance.data.figures).toMatchObject({ expected: 3, scanned: 2, remaining: 1, surplus: 1 });
    expect(text(p, '.campaign__last')).toBe('XX-9 （未登记标签）：盘盈');

    // Act: close
    p.querySelector('.campaign__close').dispatchEvent('tap');
    await until(() => p.instance.data.state === 'closed' && p.instance.data.exceptions.length > 0);
    // Assess
    expect(p.instance.data.figures).toMatchObject({ missing: 1, remaining: 0, ratio: '66.7%', risk: '¥13,000.00' });
    expect(p.instance.data.exceptions.map((e: { tag: string; outcome: string }) => `${e.tag}:${e.outcome}`).sort()).toEqual(
      ['VC-2:损坏', 'VC-3:盘亏', 'XX-9:盘盈'].sort(),
    );
    expect(p.querySelector('.campaign__scan')).toBeFalsy();

    // Act: a second close (a stale screen) is refused in zh-CN
    await p.instance.onClose();
    expect(sim.wx.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '盘点已结束，不能重复结束或继续扫码' }));
  });

  it('previews a sheet from a chat with per-row errors, imports nothing, then imports a corrected sheet on confirm', async () => {
    // Prepare
    const scene = await sceneOf(cloud, DEMO.unit);
    const row = (tag: string, value: unknown = 1800, category = 'E010000') => [
      tag,
      category,
      '会议椅',
      '',
      '',
      value,
      '',
      '',
      '',
      '物业服务中心',
      scene,
      '',
      '',
    ];
    const files = [
      await sheet([HEADERS, row('IMP-1'), row('IMP-1'), row('IMP-2', '一千'), row('IMP-3', 10, 'B990000')]),
      await sheet([HEADERS, row('IMP-1'), row('IMP-2', 2000)]),
    ];
    const sim = asDemo(cloud, DEMO.admin);
    (sim.wx as Record<string, unknown>).chooseMessageFile = jest.fn((o: { success: (r: unknown) => void }) =>
      o.success({ tempFiles: [{ path: 'wxfile://tmp/ledger.xlsx', name: '资产台账.xlsx', size: 1000 }] }),
    );
    (sim.wx.uploadFile as jest.Mock).mockImplementation((o: { url: string; success: (r: unknown) => void }) => {
      const cloudPath = decodeURIComponent(/cloudPath=([^&]+)/.exec(o.url)?.[1] ?? '');
      void upload(cloud, DEMO.admin, cloudPath, files.shift() as Buffer)
        .then((fileID) => o.success({ statusCode: 200, data: JSON.stringify({ fileID }) }))
        .catch(() => o.success({ statusCode: 500, data: '{}' }));
      return { onProgressUpdate: jest.fn() };
    });
    const p = sim.render(IMPORT);
    p.instance.onLoad();

    // Act: the sheet with errors
    p.querySelector('.asset-import__pick').dispatchEvent('tap');
    await until(() => p.instance.data.step === 'preview');
    // Assess
    expect(p.instance.data.summary).toMatchObject({ rows: 4, valid: 0, errorCount: 4 });
    expect(p.instance.data.errors.map((e: { text: string }) => e.text)).toEqual([
      '第 2 行「资产标签」：资产标签在表格中重复',
      '第 3 行「资产标签」：资产标签在表格中重复',
      '第 4 行「原值（元）」：应填写数字（金额，单位：元）',
      '第 5 行「分类代码」：分类代码不在 GB/T 14885 分类表中',
    ]);
    expect(p.querySelector('.asset-import__confirm')).toBeFalsy();
    expect((await call(cloud, DEMO.admin, 'assets', 'card', { tag: 'IMP-1' })).code).toBe('ASSET.NOT_FOUND');

    // Act: choose the corrected sheet and confirm
    p.querySelector('.asset-import__again').dispatchEvent('tap');
    await flush();
    p.querySelector('.asset-import__pick').dispatchEvent('tap');
    await until(() => p.instance.data.step === 'preview');
    expect(p.instance.data.summary).toMatchObject({ rows: 2, valid: 2, newCount: 2, errorCount: 0 });
    p.querySelector('.asset-import__confirm').dispatchEvent('tap');
    await until(() => p.instance.data.step === 'done');
    // Assess
    expect(text(p, '.asset-import__result')).toBe('导入完成：新增 2 件，更新 0 件');
    expect((await call(cloud, DEMO.admin, 'assets', 'card', { tag: 'IMP-2' })).code).toBe(0);
  });
});
