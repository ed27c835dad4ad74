/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * An admin exports a month's assessment workbook and recomputes the month from the phone — the real page, calling
 * the real stats and scoring functions on a local cloud.
 */
import '../helpers/node-globals';
import JSZip from 'jszip';
import { clearCaches } from '../../../cloudfunctions/_lib/refdata';
import { type Cloud, PEOPLE, report, shiftClock, startWithFixtures } from '../../cloudfunctions/fixtures';
import { all, download as get, settle, textOf as text } from '../helpers/real-page';
import { setup } from '../helpers/sim';

describe('the assessment export and recompute, on the real backend', () => {
  let cloud: Cloud;
  const as = (openid: string) => (name: string, action: string, payload: Record<string, unknown>) =>
    cloud.host.invoke(name, { action, payload }, { source: 'wx_client', openid });

  beforeAll(async () => {
    cloud = await startWithFixtures();
    clearCaches();
    shiftClock(Date.UTC(2030, 6, 15, 1) - (performance.timeOrigin + performance.now()));
    await report(cloud, { categoryCode: 'hygiene', text: '走廊有垃圾' });
    // 1 August, 03:00 in Shanghai: the monthly timer freezes July.
    shiftClock(Date.UTC(2030, 6, 31, 19) - (performance.timeOrigin + performance.now()));
    expect(await cloud.host.invoke('scoring', {}, { source: 'wx_trigger' })).toMatchObject({
      code: 0,
      data: { month: '2030-07', frozen: true },
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await cloud.close();
  });

  it('exports the month’s workbook and opens it on the phone', async () => {
    // Arrange
    const sim = setup({ backend: as(PEOPLE.admin.openid) });
    let file: Buffer | null = null;
    Object.assign(sim.wx, {
      downloadFile: jest.fn((o: { url: string; success?: (r: unknown) => void }) => {
        void get(o.url).then((body) => {
          file = body;
          o.success?.({ statusCode: 200, tempFilePath: 'wxfile://tmp/assessment.xlsx' });
        });
      }),
      openDocument: jest.fn((o: { success?: () => void }) => o.success?.()),
    });
    const p = sim.render('packages/admin/exports/index');
    p.instance.onLoad();
    await settle();
    expect(text(p, 'exports__picker')).toBe('2030年7月 ▾');

    // Act
    p.querySelector('.exports__export').dispatchEvent('tap');
    await settle(80);

    // Assess
    expect(sim.wx.openDocument).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'xlsx', showMenu: true }));
    const zip = await JSZip.loadAsync(file as unknown as Buffer);
    expect(await zip.file('xl/workbook.xml')?.async('string')).toContain('单位考核');
    expect(await zip.file('xl/sharedStrings.xml')?.async('string')).toContain('保洁公司');
  });

  it('recomputes the month with a reason, after a confirmation, and lists both runs', async () => {
    // Arrange
    const sim = setup({ backend: as(PEOPLE.admin.openid) });
    (sim.wx.showModal as jest.Mock).mockImplementation((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true }));
    const p = sim.render('packages/admin/exports/index');
    p.instance.onLoad();
    await settle();
    expect(all(p, 'exports__run')).toHaveLength(1);

    // Act: a reason too short is refused on the phone; then a real one.
    p.instance.onReason({ detail: { value: '更正' } });
    p.querySelector('.exports__recompute-btn').dispatchEvent('tap');
    await settle();
    expect(text(p, 'exports__reason-error')).toBe('请写明重算原因（至少 4 个字）');
    expect(sim.calls.some((c) => c.action === 'recompute')).toBe(false);
    p.instance.onReason({ detail: { value: '更正误判的问题后重新计分' } });
    p.querySelector('.exports__recompute-btn').dispatchEvent('tap');
    await settle(60);

    // Assess
    expect(sim.calls.filter((c) => c.action === 'recompute')).toEqual([
      { name: 'scoring', action: 'recompute', payload: { period: '2030-07', reason: '更正误判的问题后重新计分' } },
    ]);
    const runs = all(p, 'exports__run').map((r) => r.textContent.replace(/\s+/g, ''));
    expect(runs).toHaveLength(2);
    expect(runs[0]).toContain('当前结果');
    expect(runs[0]).toContain('更正误判的问题后重新计分');
    expect(runs[1]).toContain('月初自动考核');
  });

  it('says in Chinese when someone who may not recompute tries', async () => {
    // Arrange: a manager sees the scored months (as on the ranking page) but may not recompute.
    const sim = setup({ backend: as(PEOPLE.manager.openid) });
    (sim.wx.showModal as jest.Mock).mockImplementation((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true }));
    const p = sim.render('packages/admin/exports/index');
    p.instance.onLoad();
    await settle();

    // Act
    p.instance.onReason({ detail: { value: '更正误判的问题后重新计分' } });
    p.querySelector('.exports__recompute-btn').dispatchEvent('tap');
    await settle();

    // Assess
    expect(text(p, 'exports__reason-error')).toBe('没有权限进行此操作');
    expect(p.data.reason).toBe('更正误判的问题后重新计分');
  });
});
