import { type Backend, flush, ok, setup } from '../helpers/sim';

// biome-ignore lint/suspicious/noExplicitAny: simulate's wrappers are untyped
type El = any;
/** The page's own elements (simulate prefixes their classes with `main--`; plain views are not searchable wrappers). */
const all = (el: El, cls: string): El[] => Array.from((el.dom ?? el).querySelectorAll(`.main--${cls}`));
const one = (el: El, cls: string): El | null => (el.dom ?? el).querySelector(`.main--${cls}`);
const text = (el: El, cls: string): string => (one(el, cls)?.textContent ?? '').trim();
const listState = (p: El, cls: string): string => (p.dom.querySelector(`.list-state--${cls}`)?.textContent ?? '').trim();

const LONG = '消防通道堆放杂物'.repeat(60);

/** A `briefings.list` row as it arrives. */
const listRow = (no: number, over: Record<string, unknown> = {}) => ({
  no,
  period: '2030-07',
  title: '2030年7月后勤服务巡查情况',
  status: 'published',
  createdAt: '2030-08-01T01:00:00.000Z',
  publishedAt: '2030-08-02T02:00:00.000Z',
  problems: 12,
  positives: 2,
  onTimeRate: 0.875,
  closed: 9,
  open: 3,
  ...over,
});

const item = (i: number, over: Record<string, unknown> = {}) => ({
  ticketId: `t-${i}`,
  no: `XC-20300708-${String(i).padStart(4, '0')}`,
  kind: 'problem',
  unitId: 'contractor-clean',
  zoneId: 'zone-b1-f2',
  categoryCode: 'hygiene',
  severity: 'minor',
  state: 'closed',
  description: `第${i}号问题：走廊有垃圾`,
  photos: [`cloud://env.b/tickets/before-${i}.jpg`],
  afterPhotos: [`cloud://env.b/tickets/after-${i}.jpg`],
  createdAt: '2030-07-08T02:00:00.000Z',
  dueAt: '2030-07-08T06:00:00.000Z',
  rectifiedAt: '2030-07-08T04:00:00.000Z',
  cause: null,
  repeat: false,
  ...over,
});

/** A `briefings.view` reply with `n` selected items. */
function viewReply(n: number, over: Record<string, unknown> = {}) {
  const items = [
    item(1, { severity: 'critical', categoryCode: 'safety', description: '消防通道<堵塞>', cause: '杂物堆放', state: 'verified' }),
    ...Array.from({ length: n - 1 }, (_v, k) =>
      item(k + 2, { repeat: k === 0, ...(k === 1 ? { notRectified: true, overdue: true, state: 'accepted' } : {}) }),
    ),
  ];
  const files = items.flatMap((i) => [...i.photos, ...i.afterPhotos]);
  return {
    briefing: {
      no: 7,
      period: '2030-07',
      title: '2030年7月后勤服务巡查情况',
      status: 'published',
      createdAt: '2030-08-01T01:00:00.000Z',
      publishedAt: '2030-08-02T02:00:00.000Z',
      content: {
        period: '2030-07',
        totals: { problems: 4, positives: 1 },
        byCategory: [
          { key: 'hygiene', n: 3 },
          { key: 'safety', n: 1 },
        ],
        byUnit: [{ key: 'contractor-clean', n: 4 }],
        bySeverity: { minor: 2, major: 1, critical: 1 },
        rectification: { closed: 3, open: 1, cancelled: 0, onTime: 2, eligible: 3, rate: 0.67 },
        repeatOffenders: [{ unitId: 'contractor-clean', zoneId: 'zone-b1-f2', categoryCode: 'hygiene', count: 3, ticketIds: [] }],
        positives: [item(90, { kind: 'positive', categoryCode: 'standards', description: '服务规范，值得推广', afterPhotos: [] })],
        items,
      },
      ...over,
    },
    names: {
      unit: { 'contractor-clean': '保洁公司' },
      zone: { 'zone-b1-f2': '一号楼二层' },
      category: { hygiene: '环境卫生', safety: '安全隐患', standards: '服务规范' },
    },
    photoUrls: Object.fromEntries(
      [...files, 'cloud://env.b/tickets/before-90.jpg'].map((f) => [f, `https://tmp.example/${f.split('/').pop()}`]),
    ),
  };
}

describe('leader briefing list', () => {
  async function open(backend: Backend) {
    const sim = setup({ backend });
    const p = sim.render('packages/leader/briefings/index');
    p.instance.onLoad();
    await flush();
    return { sim, p };
  }

  it('lists published briefings with their number, period, problems and on-time rate', async () => {
    // Act
    const { sim, p } = await open(() =>
      ok({ items: [listRow(7), listRow(6, { period: '2030-06', onTimeRate: null, problems: 0 })], nextCursor: null }),
    );

    // Assess
    expect(sim.calls).toEqual([{ name: 'briefings', action: 'list', payload: {} }]);
    const cards = p.querySelectorAll('.briefings__item');
    expect(cards).toHaveLength(2);
    expect(text(cards[0], 'briefings__no')).toBe('第7期');
    expect(text(cards[0], 'briefings__period')).toBe('2030年7月');
    expect(text(cards[0], 'briefings__date')).toBe('2030-08-02 发布');
    expect(text(cards[0], 'briefings__problems')).toBe('12');
    expect(text(cards[0], 'briefings__rate')).toBe('87.5%');
    expect(text(cards[1], 'briefings__rate')).toBe('—');
    expect(listState(p, 'list-state__end')).toBe('— 没有更多了 —');
  });

  it('pages on by cursor, appending by path, and opens a briefing on tap', async () => {
    // Prepare
    const { sim, p } = await open((_n, _a, payload) =>
      payload.cursor
        ? ok({ items: [listRow(1)], nextCursor: null })
        : ok({ items: Array.from({ length: 20 }, (_v, i) => listRow(21 - i)), nextCursor: 'c1' }),
    );
    const setData = jest.spyOn(p.instance, 'setData');

    // Act
    p.instance.onReachBottom();
    await flush();
    const patches = setData.mock.calls.map((c) => Object.keys(c[0] as object));
    setData.mockRestore();
    p.querySelectorAll('.briefings__item')[20].dispatchEvent('tap');
    await flush();

    // Assess
    expect(sim.calls[1]).toEqual({ name: 'briefings', action: 'list', payload: { cursor: 'c1' } });
    expect(patches[1]).toEqual(['loadingMore', 'ended', 'items[20]']);
    expect(p.querySelectorAll('.briefings__item')).toHaveLength(21);
    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url: '/packages/leader/briefing/index?no=1' });
  });

  it('shows the empty state', async () => {
    const { p } = await open(() => ok({ items: [], nextCursor: null }));
    expect(listState(p, 'list-state__empty')).toContain('还没有发布的简报');
  });

  it('shows an error with a retry that loads again', async () => {
    // Prepare
    let fail = true;
    const { sim, p } = await open(() =>
      fail ? { code: 'AUTH.FORBIDDEN', message: 'list needs one of: leader' } : ok({ items: [listRow(3)], nextCursor: null }),
    );
    const shown = listState(p, 'list-state__error');
    fail = false;

    // Act
    p.querySelector('.list__state').querySelector('.list-state__retry').dispatchEvent('tap');
    await flush();

    // Assess
    expect(shown).toContain('没有权限进行此操作');
    expect(sim.calls).toHaveLength(2);
    expect(p.querySelectorAll('.briefings__item')).toHaveLength(1);
  });
});

describe('leader briefing view', () => {
  async function open(backend: Backend, no = '7') {
    const sim = setup({ backend });
    Object.assign(sim.wx, {
      previewImage: jest.fn(),
      setClipboardData: jest.fn((o: { success?: () => void }) => o.success?.()),
      downloadFile: jest.fn((o: { success?: (r: unknown) => void }) =>
        o.success?.({ statusCode: 200, tempFilePath: 'wxfile://tmp/b.xlsx' }),
      ),
      openDocument: jest.fn((o: { success?: () => void }) => o.success?.()),
    });
    const p = sim.render('packages/leader/briefing/index');
    p.instance.onLoad({ no });
    await flush();
    return { sim, p };
  }

  it('shows the headline figures, the bars, repeat offenders, positive examples and items with photos', async () => {
    // Act
    const { sim, p } = await open(() => ok(viewReply(3)));

    // Assess
    expect(sim.calls).toEqual([{ name: 'briefings', action: 'view', payload: { no: 7 } }]);
    expect(text(p, 'briefing__name')).toBe('巡查简报 第7期');
    expect(text(p, 'briefing__when')).toBe('2030年7月 · 2030-08-02 发布');
    expect(text(p, 'briefing__problems')).toBe('4');
    expect(text(p, 'briefing__rate')).toBe('67%');
    const sev = all(one(p, 'briefing__severity'), 'bar');
    expect(sev.map((b) => b.textContent.replace(/\s+/g, ''))).toEqual(['严重1', '较重1', '一般2']);
    const cats = all(one(p, 'briefing__categories'), 'bar');
    expect(text(cats[0], 'bar__label')).toBe('环境卫生');
    expect(one(cats[0], 'bar__fill').getAttribute('style')).toContain('width: 100%');
    expect(one(cats[1], 'bar__fill').getAttribute('style')).toContain('width: 33%');
    expect(text(one(p, 'briefing__units'), 'bar__label')).toBe('保洁公司');
    expect(text(p, 'briefing__ontime')).toBe('按时整改 2 / 3 个，按时整改率 67%');
    expect(text(p, 'briefing__closed')).toBe('已整改 3 个，尚在整改 1 个');
    expect(text(p, 'repeat__place')).toBe('保洁公司 · 一号楼二层');
    expect(text(p, 'repeat__count')).toBe('3 次');
    expect(text(one(p, 'briefing__positives'), 'entry__desc')).toBe('服务规范，值得推广');
    const entries = all(one(p, 'briefing__items'), 'entry');
    expect(entries).toHaveLength(3);
    expect(text(entries[0], 'entry__place')).toBe('保洁公司 · 一号楼二层');
    expect(text(entries[0], 'entry__severity')).toBe('严重');
    expect(text(entries[0], 'entry__desc')).toBe('消防通道<堵塞>');
    expect(text(entries[0], 'entry__cause')).toBe('原因：杂物堆放');
    const imgs = all(entries[0], 'entry__img');
    expect(imgs).toHaveLength(2);
    expect(all(entries[0], 'entry__cap').map((c) => c.textContent)).toEqual(['整改前', '整改后']);
    expect(one(entries[1], 'entry__repeat')).not.toBeNull();
    expect(one(entries[2], 'entry__repeat')).toBeNull();
    expect([one(entries[1], 'entry__not-rectified'), one(entries[1], 'entry__overdue')]).toEqual([null, null]);
    expect(text(entries[2], 'entry__not-rectified')).toBe('查而不改');
    expect(text(entries[2], 'entry__overdue')).toBe('已超时');
    expect(text(entries[2], 'entry__state')).toBe('整改中');
  });

  it('reveals a long list of items ten at a time, by path, under 64 KB per setData', async () => {
    // Prepare
    const reply = viewReply(35);
    for (const i of reply.briefing.content.items) i.description = LONG;
    const { sim, p } = await open(() => ok(reply));
    const setData = jest.spyOn(p.instance, 'setData');
    const first = all(one(p, 'briefing__items'), 'entry').length;

    // Act
    p.instance.onReachBottom();
    p.querySelector('.briefing__more-items').dispatchEvent('tap');
    p.instance.onReachBottom();
    p.instance.onReachBottom();

    // Assess
    expect(first).toBe(10);
    expect(Object.keys(setData.mock.calls[0][0] as object)).toEqual(Array.from({ length: 10 }, (_v, k) => `items[${10 + k}]`));
    expect(all(one(p, 'briefing__items'), 'entry')).toHaveLength(35);
    expect(setData).toHaveBeenCalledTimes(3);
    expect(one(p, 'briefing__more-items')).toBeNull();
    expect(text(p, 'briefing__end')).toContain('全部通报问题');
    expect(Math.max(...sim.setDataSizes)).toBeLessThan(64 * 1024);
  });

  it('opens the Excel workbook in the document viewer', async () => {
    // Prepare
    const { sim, p } = await open((_n, action) =>
      action === 'exportFile'
        ? ok({ no: 7, format: 'xlsx', fileName: 'x.xlsx', fileID: 'cloud://f', url: 'https://tmp.example/b.xlsx' })
        : ok(viewReply(2)),
    );

    // Act
    p.querySelector('.briefing__excel').dispatchEvent('tap');
    await flush();

    // Assess
    expect(sim.calls[1]).toEqual({ name: 'briefings', action: 'exportFile', payload: { no: 7, format: 'xlsx' } });
    expect(sim.wx.downloadFile).toHaveBeenCalledWith(expect.objectContaining({ url: 'https://tmp.example/b.xlsx' }));
    expect(sim.wx.openDocument).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'wxfile://tmp/b.xlsx', fileType: 'xlsx', showMenu: true }),
    );
    expect(p.instance.data.exporting).toBe('');
  });

  it('copies the printable page’s link and says how to print it', async () => {
    // Prepare
    const { sim, p } = await open((_n, action) =>
      action === 'exportFile'
        ? ok({ no: 7, format: 'html', fileName: 'x.html', fileID: 'cloud://f', url: 'https://tmp.example/b.html' })
        : ok(viewReply(2)),
    );

    // Act
    p.querySelector('.briefing__print').dispatchEvent('tap');
    await flush();

    // Assess
    expect(sim.calls[1].payload).toEqual({ no: 7, format: 'html' });
    expect(sim.wx.setClipboardData).toHaveBeenCalledWith(expect.objectContaining({ data: 'https://tmp.example/b.html' }));
    expect(sim.wx.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '打印版链接已复制' }));
  });

  it('shows a failed download and a refused export as toasts', async () => {
    // Prepare
    let refuse = false;
    const { sim, p } = await open((_n, action) =>
      action !== 'exportFile'
        ? ok(viewReply(2))
        : refuse
          ? { code: 'BRIEFING.NOT_FOUND', message: 'no briefing' }
          : ok({ no: 7, format: 'xlsx', fileName: 'x', fileID: 'f', url: 'https://tmp.example/b.xlsx' }),
    );
    (sim.wx.downloadFile as jest.Mock).mockImplementationOnce((o: { success: (r: unknown) => void }) =>
      o.success({ statusCode: 404, tempFilePath: '' }),
    );

    // Act
    p.querySelector('.briefing__excel').dispatchEvent('tap');
    await flush();
    refuse = true;
    p.querySelector('.briefing__print').dispatchEvent('tap');
    await flush();

    // Assess
    expect(sim.wx.openDocument).not.toHaveBeenCalled();
    expect(sim.wx.showToast).toHaveBeenNthCalledWith(1, { title: '文件下载失败，请重试', icon: 'none' });
    expect(sim.wx.showToast).toHaveBeenNthCalledWith(2, { title: '该期简报不存在或尚未发布', icon: 'none' });
    expect(sim.wx.setClipboardData).not.toHaveBeenCalled();
  });

  it('shows five positive examples first and the rest on request', async () => {
    // Prepare
    const reply = viewReply(1);
    reply.briefing.content.positives = Array.from({ length: 8 }, (_v, k) =>
      item(90 + k, { kind: 'positive', description: `典型 ${k + 1}` }),
    );
    const { p } = await open(() => ok(reply));
    const first = all(one(p, 'briefing__positives'), 'entry').length;

    // Act
    p.querySelector('.briefing__more-positives').dispatchEvent('tap');
    await flush();

    // Assess
    expect(first).toBe(5);
    const entries = all(one(p, 'briefing__positives'), 'entry');
    expect(entries).toHaveLength(8);
    expect(text(entries[7], 'entry__desc')).toBe('典型 8');
    expect(one(p, 'briefing__more-positives')).toBeNull();
  });

  it('marks a draft (an admin’s preview) and shows empty sections plainly', async () => {
    // Prepare
    const reply = viewReply(1, { status: 'draft', publishedAt: null });
    Object.assign(reply.briefing.content, { repeatOffenders: [], positives: [], items: [] });

    // Act
    const { p } = await open(() => ok(reply));

    // Assess
    expect(one(p, 'briefing__draft')).not.toBeNull();
    expect(text(p, 'briefing__when')).toBe('2030年7月 · 未发布，仅管理员可见');
    expect(text(one(p, 'briefing__repeats'), 'briefing__none')).toBe('本期无重复问题');
    expect(text(one(p, 'briefing__positives'), 'briefing__none')).toBe('本期无正面典型');
    expect(text(one(p, 'briefing__items'), 'briefing__none')).toBe('本期未选列问题');
  });

  it('shows an error with a retry', async () => {
    // Prepare
    let fail = true;
    const { sim, p } = await open(() => (fail ? { code: 'BRIEFING.NOT_FOUND', message: 'no briefing No. 7' } : ok(viewReply(2))));
    const shown = text(p, 'briefing__error');
    fail = false;

    // Act
    p.querySelector('.briefing__retry').dispatchEvent('tap');
    await flush();

    // Assess
    expect(shown).toBe('该期简报不存在或尚未发布');
    expect(sim.calls).toHaveLength(2);
    expect(text(p, 'briefing__name')).toBe('巡查简报 第7期');
  });
});
