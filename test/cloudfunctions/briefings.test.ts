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
    const { fileID } = await wxCloud().uploadFile({
      cloudPath: `uploads/report/${REPORTER}/20260301/before.jpg`,
      fileContent: Buffer.from('jpeg'),
    });
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
    const reply = await briefing(cloud, PEOPLE.admin.openid, 'get', { no: 1 });

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

    expect(page.data.html).toContain('第1期');
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

  it('hides drafts from everyone but admins', async () => {
    // Act
    const get = await briefing(cloud, PEOPLE.leader.openid, 'get', { no: 1 });
    const view = await briefing(cloud, PEOPLE.manager.openid, 'view', { no: 1 });
    const file = await briefing(cloud, PEOPLE.leader.openid, 'exportFile', { no: 1, format: 'xlsx' });
    const page = await briefing(cloud, PEOPLE.leader.openid, 'html', { no: 1 });
    const published = await briefing(cloud, PEOPLE.leader.openid, 'get', { no: 2 });

    // Assess
    expect([get.code, view.code, file.code, page.code]).toEqual(Array(4).fill('BRIEFING.NOT_FOUND'));
    expect(published.data).toMatchObject({ no: 2, status: 'published' });
    expect(published.data).not.toHaveProperty('candidates');
  });

  it('offers a draft’s candidates, most serious first, with the current selection in order', async () => {
    // Prepare
    const before = await briefing(cloud, PEOPLE.admin.openid, 'candidates', { no: 4 });
    const hygiene = before.data.items.filter((c: Loose) => c.categoryCode === 'hygiene').map((c: Loose) => c.ticketId);

    // Act
    const select = await briefing(cloud, PEOPLE.admin.openid, 'selectItems', { no: 4, ticketIds: [hygiene[1], safety] });
    const after = await briefing(cloud, PEOPLE.admin.openid, 'candidates', { no: 4 });
    const ofPublished = await briefing(cloud, PEOPLE.admin.openid, 'candidates', { no: 2 });

    // Assess
    expect(before.data.items).toHaveLength(3);
    expect(before.data.items[0]).toMatchObject({
      ticketId: safety,
      severity: 'critical',
      categoryCode: 'safety',
      description: '消防通道<堵塞>',
      unitName: '保洁公司',
      zoneName: '区域b1f2',
      photos: 2,
    });
    expect(before.data.selected).toEqual(before.data.items.map((c: Loose) => c.ticketId));
    expect(select.data).toEqual({ no: 4, items: 2 });
    expect(after.data.selected).toEqual([hygiene[1], safety]);
    expect(after.data.items).toHaveLength(3);
    expect(ofPublished.code).toBe('BRIEFING.PUBLISHED');
  });

  it('offers candidates for a draft stored before drafts kept them', async () => {
    // Prepare
    const db = wxCloud().database();
    await db
      .collection('briefings')
      .doc('briefing-5')
      .update({ data: { candidates: db.command.remove() } });

    // Act
    const reply = await briefing(cloud, PEOPLE.admin.openid, 'candidates', { no: 5 });

    // Assess
    expect(reply.data.items.map((c: Loose) => c.severity)).toEqual(['critical', 'major', 'minor']);
  });

  it('drops the candidates when a draft is published', async () => {
    // Act
    await briefing(cloud, PEOPLE.admin.openid, 'publish', { no: 4 });

    // Assess
    const res = (await wxCloud().database().collection('briefings').where({ no: 4 }).limit(1).get()) as { data: Loose[] };
    expect(res.data[0].status).toBe('published');
    expect(res.data[0]).not.toHaveProperty('candidates');
    expect(res.data[0].content.items.map((i: Loose) => i.ticketId)[1]).toBe(safety);
  });

  it('shows one briefing with the names and photo URLs a phone needs', async () => {
    // Act
    const reply = await briefing(cloud, PEOPLE.leader.openid, 'view', { no: 2 });

    // Assess
    expect(reply.code).toBe(0);
    const { briefing: b, names, photoUrls } = reply.data;
    expect(b).toMatchObject({ no: 2, status: 'published', period: '2030-07' });
    expect(b).not.toHaveProperty('candidates');
    expect(names.unit['contractor-clean']).toBe('保洁公司');
    expect(names.zone['zone-b1-f2']).toBe('区域b1f2');
    expect(Object.keys(names.category).sort()).toEqual(['hygiene', 'safety', 'standards']);
    const before = b.content.items[0].photos[0];
    expect(photoUrls[before]).toMatch(/^http.*before\.jpg/);
  });

  it('exports a briefing as a file to download, named for people, without its content in the reply', async () => {
    // Act
    const xlsx = await briefing(cloud, PEOPLE.leader.openid, 'exportFile', { no: 2, format: 'xlsx' });
    const page = await briefing(cloud, PEOPLE.manager.openid, 'exportFile', { no: 2, format: 'html' });
    const bad = await briefing(cloud, PEOPLE.leader.openid, 'exportFile', { no: 2, format: 'pdf' });

    // Assess
    expect(xlsx.data).toEqual({
      no: 2,
      format: 'xlsx',
      fileName: '巡查简报第2期（2030-07）.xlsx',
      fileID: expect.stringMatching(/^cloud:\/\/.*briefing-2-published\.xlsx$/),
      url: expect.stringMatching(/^http/),
    });
    const ExcelJS = (await import('exceljs')).default;
    const file = (await wxCloud().downloadFile({ fileID: xlsx.data.fileID })) as { fileContent: Buffer };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.fileContent as never);
    const row = wb.getWorksheet('第2期问题清单')?.getRow(2);
    expect([row?.getCell(5).value, row?.getCell(6).value, row?.getCell(3).value]).toEqual(['安全隐患', '严重', '保洁公司']);
    expect(page.data).not.toHaveProperty('html');
    const text = ((await wxCloud().downloadFile({ fileID: page.data.fileID })) as { fileContent: Buffer }).fileContent.toString('utf8');
    expect(text).toContain('巡查简报');
    expect(bad.code).toBe('REQUEST.INVALID');
  });

  it('lists briefings newest first, 20 a page, drafts for admins only', async () => {
    // Prepare: briefings 10..23, of which 23 is published (2 and 4 already are)
    for (let i = 10; i <= 23; i++) await briefing(cloud, PEOPLE.admin.openid, 'generate', { period: '2030-07' });
    await briefing(cloud, PEOPLE.admin.openid, 'publish', { no: 23 });

    // Act
    const first = await briefing(cloud, PEOPLE.admin.openid, 'list', {});
    const second = await briefing(cloud, PEOPLE.admin.openid, 'list', { cursor: first.data.nextCursor });
    const drafts = await briefing(cloud, PEOPLE.admin.openid, 'list', { status: 'draft' });
    const leader = await briefing(cloud, PEOPLE.leader.openid, 'list', {});
    const leaderDrafts = await briefing(cloud, PEOPLE.leader.openid, 'list', { status: 'draft' });
    const badCursor = await briefing(cloud, PEOPLE.leader.openid, 'list', { cursor: 'bm90LWEtY3Vyc29y' });

    // Assess
    expect(first.data.items.map((r: Loose) => r.no)).toEqual(Array.from({ length: 20 }, (_v, i) => 23 - i));
    expect(second.data).toEqual({ items: [3, 2, 1].map((no) => expect.objectContaining({ no })), nextCursor: null });
    expect(drafts.data.items.map((r: Loose) => r.no)).not.toEqual(expect.arrayContaining([2]));
    expect(drafts.data.items.every((r: Loose) => r.status === 'draft')).toBe(true);
    expect(leader.data.items.map((r: Loose) => r.no)).toEqual([23, 4, 2]);
    expect(leader.data.nextCursor).toBeNull();
    expect(leader.data.items[2]).toEqual({
      no: 2,
      period: '2030-07',
      title: '2030年7月后勤服务巡查情况',
      status: 'published',
      createdAt: expect.anything(),
      publishedAt: expect.anything(),
      problems: 3,
      positives: 1,
      onTimeRate: 0.5,
      closed: 1,
      open: 2,
    });
    expect(leaderDrafts.code).toBe('AUTH.FORBIDDEN');
    expect(badCursor.code).toBe('REQUEST.INVALID_CURSOR');
  });

  it('refuses a month that has not begun without using up a number', async () => {
    // Act
    const future = await briefing(cloud, PEOPLE.admin.openid, 'generate', { period: '2030-08' });
    const next = await briefing(cloud, PEOPLE.admin.openid, 'generate', { period: '2030-07' });

    // Assess
    expect(future.code).toBe('BRIEFING.PERIOD_NOT_STARTED');
    expect(next.data.no).toBe(24);
  });

  it('lets only admins generate and publish', async () => {
    expect((await briefing(cloud, PEOPLE.leader.openid, 'generate', { period: '2030-07' })).code).toBe('AUTH.FORBIDDEN');
    expect((await briefing(cloud, PEOPLE.manager.openid, 'publish', { no: 3 })).code).toBe('AUTH.FORBIDDEN');
    expect((await briefing(cloud, PEOPLE.staff.openid, 'get', { no: 1 })).code).toBe('AUTH.FORBIDDEN');
    expect((await briefing(cloud, PEOPLE.staff.openid, 'list', {})).code).toBe('AUTH.FORBIDDEN');
    expect((await briefing(cloud, PEOPLE.leader.openid, 'candidates', { no: 3 })).code).toBe('AUTH.FORBIDDEN');
    expect((await briefing(cloud, PEOPLE.admin.openid, 'get', { no: 99 })).code).toBe('BRIEFING.NOT_FOUND');
  });
});
