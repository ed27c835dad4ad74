/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * The office sets a draft's masthead and a leader opens the briefing as a Word document — the real pages,
 * calling the real briefings function on a local cloud (no canned replies), the document downloaded over HTTP
 * from the local cloud's storage and read back.
 */
import '../helpers/node-globals';
import JSZip from 'jszip';
import { clearCaches } from '../../../cloudfunctions/_lib/refdata';
import { type Cloud, PEOPLE, report, shiftClock, startWithFixtures } from '../../cloudfunctions/fixtures';
import { download as get, settle, textOf as text } from '../helpers/real-page';
import { setup } from '../helpers/sim';

/** Waits until the page's calls to the real functions have settled. */

describe('the briefing’s masthead and Word document, on the real backend', () => {
  let cloud: Cloud;
  let no: number;
  /** The page's backend: the real function, called as `openid` from the mini-program. */
  const as = (openid: string) => (name: string, action: string, payload: Record<string, unknown>) =>
    cloud.host.invoke(name, { action, payload }, { source: 'wx_client', openid });

  beforeAll(async () => {
    cloud = await startWithFixtures();
    clearCaches();
    shiftClock(Date.UTC(2030, 6, 8, 2) - (performance.timeOrigin + performance.now()));
    expect((await report(cloud, { categoryCode: 'safety', text: '消防通道堵塞' })).code).toBe(0);
    const made = (await as(PEOPLE.admin.openid)('briefings', 'generate', { period: '2030-07' })) as { code: 0; data: { no: number } };
    no = made.data.no;
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await cloud.close();
  });

  it('lets the office set the masthead, keeping what it typed when a field is wrong', async () => {
    // Arrange
    const sim = setup({ backend: as(PEOPLE.admin.openid) });
    const p = sim.render('packages/admin/briefing-masthead/index');
    p.instance.onLoad({ no: String(no) });
    await settle();
    expect(text(p, 'masthead__no')).toBe(`第${no}期`);
    /** Types into a field as WeChat reports it: `bindinput` with the field's `data-field`. */
    const type = (field: string, value: string) => p.instance.onInput({ currentTarget: { dataset: { field } }, detail: { value } });

    // Act: a print run that is not a number is refused on the phone, with nothing sent and nothing lost.
    type('issuer', '某某大学后勤管理处总务部');
    type('totalNo', '148');
    type('copies', '三十');
    type('requirements', '各单位本周内完成整改\n\n加强高峰时段巡查');
    p.querySelector('.masthead__save').dispatchEvent('tap');
    await settle();
    expect(text(p, 'masthead__error')).toBe('印数请填写 1 到 9999 之间的整数');
    expect(sim.calls.filter((c) => c.action === 'setMasthead')).toHaveLength(0);
    expect(p.data.requirements).toBe('各单位本周内完成整改\n\n加强高峰时段巡查');

    type('copies', '30');
    p.querySelector('.masthead__save').dispatchEvent('tap');
    await settle();

    // Assess
    expect(text(p, 'masthead__error')).toBe('');
    expect(text(p, 'masthead__no')).toBe(`第${no}期（总第148期）`);
    const stored = (await as(PEOPLE.admin.openid)('briefings', 'get', { no })) as { data: { masthead: Record<string, unknown> } };
    expect(stored.data.masthead).toMatchObject({
      issuer: '某某大学后勤管理处总务部',
      totalNo: 148,
      copies: 30,
      requirements: ['各单位本周内完成整改', '加强高峰时段巡查'],
    });
    expect(sim.wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }));
  });

  it('opens the published briefing as a Word document a leader can send on', async () => {
    // Arrange
    expect(await as(PEOPLE.admin.openid)('briefings', 'publish', { no })).toMatchObject({ code: 0 });
    const sim = setup({ backend: as(PEOPLE.leader.openid) });
    let downloaded: Buffer | null = null;
    Object.assign(sim.wx, {
      previewImage: jest.fn(),
      downloadFile: jest.fn((o: { url: string; success?: (r: unknown) => void }) => {
        void get(o.url).then((body) => {
          downloaded = body;
          o.success?.({ statusCode: 200, tempFilePath: 'wxfile://tmp/briefing.docx' });
        });
      }),
      openDocument: jest.fn((o: { success?: () => void }) => o.success?.()),
    });
    const p = sim.render('packages/leader/briefing/index');
    p.instance.onLoad({ no: String(no) });
    await settle();

    // Act
    p.querySelector('.briefing__word').dispatchEvent('tap');
    await settle(80);

    // Assess
    expect(sim.calls.map((c) => c.action)).toEqual(['view', 'exportFile']);
    expect(sim.wx.openDocument).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'docx', showMenu: true }));
    expect(downloaded).not.toBeNull();
    const zip = await JSZip.loadAsync(downloaded as unknown as Buffer);
    const xml = await (zip.file('word/document.xml') as JSZip.JSZipObject).async('string');
    expect(xml).toContain(`第${no}期（总第148期）`);
    expect(xml).toContain('消防通道堵塞');
    expect(xml).toContain('（共印30份）');
    expect(p.data.exporting).toBe('');
  });
});
