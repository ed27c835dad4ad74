/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * An admin sets the school's name and hotline and prints a canteen's posters from the phone — the real page,
 * calling the real posters and admin functions on a local cloud; the Word sheet is downloaded and read back.
 */
import '../helpers/node-globals';
import JSZip from 'jszip';
import { clearCaches } from '../../../cloudfunctions/_lib/refdata';
import { type Cloud, PEOPLE, startWithFixtures, zone } from '../../cloudfunctions/fixtures';
import { all, download as get, settle, textOf as text } from '../helpers/real-page';
import { setup } from '../helpers/sim';

describe('printing posters from the phone, on the real backend', () => {
  let cloud: Cloud;
  const as = (openid: string) => (name: string, action: string, payload: Record<string, unknown>) =>
    cloud.host.invoke(name, { action, payload }, { source: 'wx_client', openid });

  beforeAll(async () => {
    cloud = await startWithFixtures([
      zone('campus-main', 'main', { name: '本部校区', kind: 'campus', parentId: null, path: [] }),
      zone('zone-c1', 'c1', { name: '二食堂', kind: 'canteen', parentId: 'campus-main', path: ['campus-main'] }),
      zone('zone-c1-w1', 'c1w1', { name: '1号窗口', kind: 'window', parentId: 'zone-c1', path: ['campus-main', 'zone-c1'] }),
    ]);
    clearCaches();
  });
  afterAll(async () => {
    await cloud.close();
  });

  it('saves the school’s name and hotline, and opens a canteen’s sheet as a Word document that prints them', async () => {
    // Arrange
    const sim = setup({ backend: as(PEOPLE.admin.openid) });
    let file: Buffer | null = null;
    Object.assign(sim.wx, {
      downloadFile: jest.fn((o: { url: string; success?: (r: unknown) => void }) => {
        void get(o.url).then((body) => {
          file = body;
          o.success?.({ statusCode: 200, tempFilePath: 'wxfile://tmp/posters.docx' });
        });
      }),
      openDocument: jest.fn((o: { success?: () => void }) => o.success?.()),
    });
    const p = sim.render('packages/admin/posters/index');
    p.instance.onLoad();
    await settle();
    expect(all(p, 'posters__place-name').map((e) => e.textContent)).toEqual(['二食堂']);

    // Act: a hotline with letters is refused on the phone; then a real one is saved and the sheet printed.
    p.instance.onSchool({ detail: { value: '示范大学' } });
    p.instance.onHotline({ detail: { value: '请拨打总务部' } });
    p.querySelector('.posters__save').dispatchEvent('tap');
    await settle();
    expect(text(p, 'posters__profile-error')).toBe('监督电话只能填数字、空格和短横线，例如 0571-8888 6666');
    p.instance.onHotline({ detail: { value: '0571-8888 6666' } });
    p.querySelector('.posters__save').dispatchEvent('tap');
    await settle();
    p.querySelector('.posters__print').dispatchEvent('tap');
    await settle(80);

    // Assess
    expect(sim.calls.filter((c) => c.action === 'saveProfile')).toHaveLength(1);
    expect(sim.wx.openDocument).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'docx', showMenu: true }));
    const xml = (await (await JSZip.loadAsync(file as unknown as Buffer)).file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('示范大学 · 后勤服务');
    expect(xml).toContain('监督电话 0571-8888 6666');
    expect(xml).toContain('1号窗口');
    expect(p.data.printing).toBe('');
  });

  it('says in Chinese that someone else changed the settings, and keeps what was typed', async () => {
    // Arrange: the page reads the settings, then another admin saves them first.
    const sim = setup({ backend: as(PEOPLE.admin.openid) });
    const p = sim.render('packages/admin/posters/index');
    p.instance.onLoad();
    await settle();
    await as(PEOPLE.admin.openid)('posters', 'saveProfile', { schoolName: '另一所大学', hotline: '', version: p.data.version });

    // Act
    p.instance.onSchool({ detail: { value: '示范大学后勤' } });
    p.querySelector('.posters__save').dispatchEvent('tap');
    await settle();

    // Assess
    expect(text(p, 'posters__profile-error')).toBe('海报信息刚被他人修改，已为您刷新，请再改一次');
    expect(p.data.schoolName).toBe('示范大学后勤');
  });
});
