import JSZip from 'jszip';
import { POSTER_INSTRUCTION } from '../../shared/posters/poster-sheet';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, PEOPLE, type Reply, startWithFixtures, zone } from './fixtures';

let cloud: Cloud;
beforeAll(async () => {
  // Prepare: building b1 with its floor f2 (from the fixtures) and a floor f3.
  cloud = await startWithFixtures([
    zone('zone-b1', 'b1', { name: '一号楼', kind: 'building', parentId: 'campus-main', path: ['campus-main'] }),
    zone('zone-b1-f3', 'b1f3', { name: '三层' }),
    zone('campus-main', 'main', { name: '本部校区', kind: 'campus', parentId: null, path: [] }),
    zone('zone-c1', 'c1', { name: '二食堂', kind: 'canteen', parentId: 'campus-main', path: ['campus-main'] }),
    zone('zone-c1-w1', 'c1w1', { name: '1号窗口', kind: 'window', parentId: 'zone-c1', path: ['campus-main', 'zone-c1'] }),
    zone('zone-c1-w2', 'c1w2', { name: '2号窗口', kind: 'window', parentId: 'zone-c1', path: ['campus-main', 'zone-c1'] }),
  ]);
  // The second window is disabled; the old canteen is disabled with everything under it.
  const db = wxCloud().database();
  await db
    .collection('zones')
    .doc('zone-c1-w2')
    .update({ data: { active: false } });
});
afterAll(() => cloud.close());

const sheet = (openid: string, payload: unknown) =>
  cloud.host.invoke('posters', { action: 'sheet', payload }, { source: 'wx_client', openid }) as Promise<Reply>;

describe('QR poster sheets', () => {
  it('gives an admin a printable sheet with a mini-program code for the building and every zone under it', async () => {
    // Act
    const res = await sheet(PEOPLE.admin.openid, { zoneId: 'zone-b1' });
    // Assess
    expect(res.code).toBe(0);
    expect(res.data.zones).toBe(3);
    const html: string = res.data.html;
    for (const name of ['一号楼', '区域b1f2', '三层']) expect(html).toContain(`<h2>${name}</h2>`);
    expect(html.match(/<img src="data:image\/png;base64,iVBOR/g)).toHaveLength(3);
    expect(html).toContain(POSTER_INSTRUCTION);
    expect(html).toContain('本部校区 · 一号楼');
    expect(res.data.fileID).toMatch(/^cloud:\/\/.*posters\/zone-b1-\d+\.html$/);
    expect(await (await fetch(res.data.url)).text()).toBe(html);
  });

  it.each([
    ['a staff member', PEOPLE.staff.openid],
    ['an office inspector', PEOPLE.officeInspector.openid],
    ['an unknown user', 'o-stranger'],
  ])('refuses %s', async (_label, openid) => {
    const res = await sheet(openid, { zoneId: 'zone-b1' });
    expect(res.code).not.toBe(0);
    expect(String(res.code)).toMatch(/FORBIDDEN/);
  });

  it.each([[{}], [{ zoneId: { $gt: '' } }], [{ zoneId: 'zone-b1', extra: 1 }]])(
    'refuses a malformed request %j with a coded error',
    async (payload) => {
      const res = await sheet(PEOPLE.admin.openid, payload);
      expect(res.code).not.toBe(0);
    },
  );

  it('answers a missing zone with a coded error', async () => {
    const res = await sheet(PEOPLE.admin.openid, { zoneId: 'zone-nope' });
    expect(res.code).toMatch(/NOT_FOUND|UNKNOWN/);
  });

  it('prints only active zones, as a Word document with the school’s name and the supervision hotline', async () => {
    // Arrange
    const posters = (action: string, payload: unknown) =>
      cloud.host.invoke('posters', { action, payload }, { source: 'wx_client', openid: PEOPLE.admin.openid }) as Promise<Reply>;
    const before = await posters('profile', {});
    expect(before.data).toEqual({ schoolName: '', hotline: '', version: 0 });
    const saved = await posters('saveProfile', { schoolName: '示范大学', hotline: '0571-8888 6666', version: 0 });
    expect(saved.data).toEqual({ schoolName: '示范大学', hotline: '0571-8888 6666', version: 1 });

    // Act
    const res = await sheet(PEOPLE.admin.openid, { zoneId: 'zone-c1', format: 'docx' });
    const html = await sheet(PEOPLE.admin.openid, { zoneId: 'zone-c1' });

    // Assess
    expect(res.code).toBe(0);
    expect(res.data).toMatchObject({ zones: 2, fileName: '二食堂 反馈二维码（2张）.docx' });
    const { fileContent } = (await wxCloud().downloadFile({ fileID: res.data.fileID })) as { fileContent: Buffer };
    const zip = await JSZip.loadAsync(fileContent);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    expect(text).toContain('二食堂');
    expect(text).toContain('1号窗口');
    expect(text).not.toContain('2号窗口');
    expect(text).toContain('示范大学 · 后勤服务');
    expect(text).toContain('监督电话 0571-8888 6666');
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(2);
    expect(html.data.html).toContain('监督电话 0571-8888 6666');
    expect(html.data.html).not.toContain('2号窗口');
  });

  it('keeps the poster settings safe from a concurrent edit and refuses a hotline that is not a number', async () => {
    const posters = (action: string, payload: unknown) =>
      cloud.host.invoke('posters', { action, payload }, { source: 'wx_client', openid: PEOPLE.admin.openid }) as Promise<Reply>;
    const current = (await posters('profile', {})).data.version;

    const [a, b] = await Promise.all([
      posters('saveProfile', { schoolName: '甲', hotline: '', version: current }),
      posters('saveProfile', { schoolName: '乙', hotline: '', version: current }),
    ]);

    expect([a.code, b.code].sort()).toEqual([0, 'POSTERS.STALE']);
    expect((await posters('saveProfile', { schoolName: '甲', hotline: '请拨打', version: current + 1 })).code).toBe('REQUEST.INVALID');
  });

  it('says there is nothing to print when every zone chosen is disabled', async () => {
    await wxCloud()
      .database()
      .collection('zones')
      .doc('zone-c1-w1')
      .update({ data: { active: false } });
    await wxCloud()
      .database()
      .collection('zones')
      .doc('zone-c1')
      .update({ data: { active: false } });

    const res = await sheet(PEOPLE.admin.openid, { zoneId: 'zone-c1', format: 'docx' });

    expect(res.code).toBe('POSTERS.NOTHING_TO_PRINT');
  });
});
