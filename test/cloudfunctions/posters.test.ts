import { POSTER_INSTRUCTION } from '../../shared/posters/poster-sheet';
import { type Cloud, PEOPLE, type Reply, startWithFixtures, zone } from './fixtures';

let cloud: Cloud;
beforeAll(async () => {
  // Prepare: building b1 with its floor f2 (from the fixtures) and a floor f3.
  cloud = await startWithFixtures([
    zone('zone-b1', 'b1', { name: '一号楼', kind: 'building', parentId: 'campus-main', path: ['campus-main'] }),
    zone('zone-b1-f3', 'b1f3', { name: '三层' }),
    zone('campus-main', 'main', { name: '本部校区', kind: 'campus', parentId: null, path: [] }),
  ]);
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
});
