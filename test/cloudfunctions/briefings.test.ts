import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, call, type Loose, PEOPLE, PHOTO, REPORTER, report, shiftClock, startWithFixtures } from './fixtures';

const setClock = (at: number) => shiftClock(at - (performance.timeOrigin + performance.now()));
type R = { code: 0 | string; data: Loose; message?: string };
const briefing = (cloud: Cloud, openid: string, action: string, payload: unknown) =>
  cloud.host.invoke('briefings', { action, payload }, { source: 'wx_client', openid }) as Promise<R>;

describe('inspection briefings', () => {
  let cloud: Cloud;
  let safety: string;
  beforeAll(async () => {
    cloud = await startWithFixtures();
    clearCaches();
    setClock(Date.UTC(2030, 6, 8, 2)); // July 2030 in Shanghai
    const { fileID } = await wxCloud().uploadFile({ cloudPath: 'tickets/before.jpg', fileContent: Buffer.from('jpeg') });
    const first = await report(cloud, { categoryCode: 'safety', text: '消防通道<堵塞>', photos: [fileID] });
    expect(first.code).toBe(0);
    safety = first.data.ticketId;
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: safety });
    await call(cloud, PEOPLE.staff.openid, 'rectify', { ticketId: safety, afterPhotos: [PHOTO], note: '已清理', cause: '杂物堆放' });
    await call(cloud, REPORTER, 'verify', { ticketId: safety, approve: true });
    await report(cloud, { categoryCode: 'hygiene' });
    setClock(Date.UTC(2030, 6, 8, 4)); // two hours later: a repeat, not a "+1"
    await report(cloud, { categoryCode: 'hygiene', text: '又有垃圾' }, 'o-someone');
    await call(cloud, PEOPLE.officeInspector.openid, 'createFinding', {
      zoneId: 'zone-b1-f2',
      categoryCode: 'standards',
      severity: 'minor',
      description: '服务规范，值得推广',
      kind: 'positive',
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  it('numbers concurrently generated briefings sequentially without reusing a number', async () => {
    // Act
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => briefing(cloud, PEOPLE.admin.openid, 'generate', { period: '2030-07' })),
    );

    // Assess
    expect(replies.every((r) => r.code === 0)).toBe(true);
    expect(replies.map((r) => r.data.no).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await briefing(cloud, PEOPLE.admin.openid, 'generate', { period: '2030-07' })).data.no).toBe(9);
  });

  it('counts the period’s problems by category, unit and severity, with repeats and positive examples', async () => {
    const reply = await briefing(cloud, PEOPLE.leader.openid, 'get', { no: 1 });

    const c = reply.data.content;
    expect(c.totals).toEqual({ problems: 3, positives: 1 });
    expect(c.byCategory).toEqual([
      { key: 'hygiene', n: 2 },
      { key: 'safety', n: 1 },
    ]);
    expect(c.bySeverity).toEqual({ minor: 1, major: 1, critical: 1 });
    expect(c.rectification).toMatchObject({ closed: 1, open: 2, onTime: 1, eligible: 2, rate: 0.5 });
    expect(c.repeatOffenders).toEqual([expect.objectContaining({ zoneId: 'zone-b1-f2', categoryCode: 'hygiene', count: 2 })]);
    expect(c.items[0]).toMatchObject({ ticketId: safety, severity: 'critical' });
  });

  it('renders printable HTML with escaped text and photos, and an Excel workbook of the items', async () => {
    const page = await briefing(cloud, PEOPLE.admin.openid, 'html', { no: 1 });
    const xlsx = await briefing(cloud, PEOPLE.admin.openid, 'excel', { no: 1 });

    expect(page.data.html).toContain('第 1 期');
    expect(page.data.html).toContain('消防通道&lt;堵塞&gt;');
    expect(page.data.html).toMatch(/<img src="http[^"]+before\.jpg/);
    const ExcelJS = (await import('exceljs')).default;
    const file = (await wxCloud().downloadFile({ fileID: xlsx.data.fileID })) as { fileContent: Buffer };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.fileContent as never);
    const ws = wb.getWorksheet('第1期问题清单');
    expect(ws?.rowCount).toBe(4);
    expect(ws?.getRow(2).getCell(9).value).toBe('消防通道<堵塞>');
  });

  it('keeps a published briefing immutable', async () => {
    const published = await briefing(cloud, PEOPLE.admin.openid, 'publish', { no: 2 });
    const select = await briefing(cloud, PEOPLE.admin.openid, 'selectItems', { no: 2, ticketIds: [safety] });
    const again = await briefing(cloud, PEOPLE.admin.openid, 'publish', { no: 2 });
    const draft = await briefing(cloud, PEOPLE.admin.openid, 'selectItems', { no: 3, ticketIds: [safety] });

    expect(published.data).toMatchObject({ no: 2, status: 'published' });
    expect(select.code).toBe('BRIEFING.PUBLISHED');
    expect(again.code).toBe('BRIEFING.PUBLISHED');
    expect(draft.data).toEqual({ no: 3, items: 1 });
  });

  it('lets only admins generate and publish', async () => {
    expect((await briefing(cloud, PEOPLE.leader.openid, 'generate', { period: '2030-07' })).code).toBe('AUTH.FORBIDDEN');
    expect((await briefing(cloud, PEOPLE.manager.openid, 'publish', { no: 3 })).code).toBe('AUTH.FORBIDDEN');
    expect((await briefing(cloud, PEOPLE.staff.openid, 'get', { no: 1 })).code).toBe('AUTH.FORBIDDEN');
    expect((await briefing(cloud, PEOPLE.admin.openid, 'get', { no: 99 })).code).toBe('BRIEFING.NOT_FOUND');
  });
});
