import { type Backend, flush, ok, setup, text } from '../helpers/sim';

// biome-ignore lint/suspicious/noExplicitAny: simulate's component wrapper is untyped
type Comp = any;
/** Texts of every element matching `selector` on the page, in order. */
const texts = (p: Comp, selector: string): string[] => p.querySelectorAll(selector).map((n: Comp) => (n.dom.textContent ?? '').trim());
const state = (p: Comp, selector: string) => text(p.querySelector('.list__state'), selector);

const UNITS = ok({
  items: [
    { _id: 'unit-office', kind: 'office', name: '总务部', parentId: null },
    { _id: 'unit-dining', kind: 'centre', name: '饮食服务中心', parentId: 'unit-office' },
    { _id: 'unit-canteen-co', kind: 'contractor', name: '鑫源餐饮', parentId: 'unit-dining' },
  ],
});
const CAMPUSES = ok({ items: [{ _id: 'zone-c1', name: '本部校区', kind: 'campus', pathNames: [] }], nextCursor: null });

function zoneRow(i: number, over: Record<string, unknown> = {}) {
  return {
    _id: `zone-${i}`,
    name: `第一食堂${i}号窗口`,
    kind: 'window',
    sceneId: `c1-ct1-w${i}`,
    parentId: 'zone-c1-ct1',
    campusId: 'zone-c1',
    unitId: 'unit-dining',
    unitName: '饮食服务中心',
    pathNames: ['本部校区', '第一食堂'],
    responsible: { primary: { _id: 'p-1', name: '谢春燕' }, backup: { _id: 'p-2', name: '宋卫东' } },
    active: true,
    version: 2,
    ...over,
  };
}
const page = (from: number, n: number, nextCursor: string | null) =>
  ok({ items: Array.from({ length: n }, (_v, k) => zoneRow(from + k)), nextCursor });

describe('admin zones list', () => {
  async function open(backend: Backend) {
    const sim = setup({ backend });
    const p = sim.render('packages/admin/zones/index');
    p.instance.onLoad();
    await flush();
    return { sim, p };
  }
  const zonesBackend =
    (pages: Record<string, unknown> = {}): Backend =>
    (_n, action, payload) => {
      if (action === 'units') return UNITS;
      if (payload.kind === 'campus') return CAMPUSES;
      return (pages[String(payload.cursor ?? '')] as never) ?? page(1, 20, 'c2');
    };

  it('shows each zone with its place, unit and responsible people', async () => {
    const { sim, p } = await open(zonesBackend());

    expect(sim.calls.filter((c) => c.action === 'zones').map((c) => c.payload)).toEqual([{}, { kind: 'campus' }]);
    expect(texts(p, '.zones__name')[0]).toBe('第一食堂1号窗口');
    expect(texts(p, '.zones__kind')[0]).toBe('窗口');
    expect(texts(p, '.zones__place')[0]).toBe('本部校区 · 第一食堂');
    expect(texts(p, '.zones__duty')[0]).toBe('负责 谢春燕 · 备岗 宋卫东');
    expect(texts(p, '.zones__scene')[0]).toBe('二维码编号 c1-ct1-w1');
  });

  it('loads the next 20 at the bottom by path, and says when the list ends', async () => {
    const { sim, p } = await open(zonesBackend({ c2: page(21, 3, null) }));
    const setData = jest.spyOn(p.instance, 'setData');

    p.instance.onReachBottom();
    await flush();

    expect(sim.calls.at(-1)).toEqual({ name: 'admin', action: 'zones', payload: { cursor: 'c2' } });
    expect(p.querySelectorAll('.zones__item')).toHaveLength(23);
    expect(Object.keys(setData.mock.calls.at(-1)?.[0] as object)).toEqual(expect.arrayContaining(['items[20]', 'items[22]', 'ended']));
    expect(state(p, '.list-state__end')).toContain('没有更多了');
  });

  it('searches by text and filters by unit and campus, sending the exact filters', async () => {
    const { sim, p } = await open(zonesBackend());

    p.instance.onQuery({ detail: { value: ' 窗口 ' } });
    p.querySelector('.zones__go').dispatchEvent('tap');
    await flush();
    p.instance.onUnit({ detail: { value: 2 } });
    await flush();
    p.instance.onCampus({ detail: { value: 1 } });
    await flush();

    const sent = sim.calls.filter((c) => c.action === 'zones' && c.payload.kind === undefined).map((c) => c.payload);
    expect(sent.slice(1)).toEqual([
      { q: '窗口' },
      { q: '窗口', unitId: 'unit-dining' },
      { q: '窗口', unitId: 'unit-dining', campusId: 'zone-c1' },
    ]);
    expect(text(p, '.zones__unit')).toContain('饮食服务中心');
  });

  it('shows an empty result', async () => {
    const { p } = await open((_n, action, payload) =>
      action === 'units' ? UNITS : payload.kind ? CAMPUSES : ok({ items: [], nextCursor: null }),
    );

    expect(state(p, '.list-state__empty')).toContain('没有符合条件的场所');
  });

  it('shows an error with a retry that loads again', async () => {
    let fail = true;
    const { sim, p } = await open((_n, action, payload) => {
      if (action === 'units') return UNITS;
      if (payload.kind) return CAMPUSES;
      return fail ? { code: 'AUTH.FORBIDDEN', message: 'x' } : page(1, 2, null);
    });
    expect(state(p, '.list-state__error')).toContain('没有权限');

    fail = false;
    p.querySelector('.list__state').querySelector('.list-state__retry').dispatchEvent('tap');
    await flush();

    expect(p.querySelectorAll('.zones__item')).toHaveLength(2);
    expect(sim.calls.filter((c) => c.action === 'zones' && !c.payload.kind)).toHaveLength(2);
  });

  it('refreshes on pull-down', async () => {
    const { sim, p } = await open(zonesBackend());

    p.instance.onPullDownRefresh();
    await flush();

    expect(sim.calls.filter((c) => c.action === 'zones' && !c.payload.kind)).toHaveLength(2);
    expect(sim.wx.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('opens a zone, and replaces its row with the saved copy the edit page sends back', async () => {
    const { sim, p } = await open(zonesBackend());

    p.querySelectorAll('.zones__item')[1].dispatchEvent('tap');
    await flush();
    const { url, events } = (sim.wx.navigateTo as jest.Mock).mock.calls[0][0];
    events.saved(zoneRow(2, { name: '改名后的窗口', active: false }));
    await flush();

    expect(url).toBe('/packages/admin/zone/index?id=zone-2');
    expect(texts(p, '.zones__name')[1]).toBe('改名后的窗口');
    expect(texts(p, '.zones__off')).toEqual(['已停用']);
  });
});

describe('admin zone page', () => {
  const DETAIL = { ...zoneRow(3), children: 0, serviceHours: {} };
  const STAFF = ok({
    items: [
      { _id: 'p-1', name: '谢春燕', onDuty: true },
      { _id: 'p-2', name: '宋卫东', onDuty: false },
      { _id: 'p-3', name: '唐丽娟', onDuty: true },
    ],
  });
  const CODE = ok({
    sceneId: 'c1-ct1-w3',
    page: 'pages/report/index',
    fileID: 'cloud://env/zone-codes/c1-ct1-w3.png',
    url: 'https://tmp.example/c1-ct1-w3.png',
  });

  async function open(options: Record<string, string>, over: Partial<Record<string, unknown>> = {}) {
    const sim = setup({
      backend: (_n, action, payload) => {
        if (action in over) return typeof over[action] === 'function' ? (over[action] as (p: unknown) => unknown)(payload) : over[action];
        if (action === 'units') return UNITS;
        if (action === 'zone')
          return ok(
            payload.id === 'zone-c1-ct1'
              ? { ...DETAIL, _id: 'zone-c1-ct1', name: '第一食堂', kind: 'canteen', pathNames: ['本部校区'], children: 9 }
              : DETAIL,
          );
        if (action === 'staffOf') return STAFF;
        if (action === 'zoneCode') return CODE;
        return ok({});
      },
    });
    Object.assign(sim.wx, {
      previewImage: jest.fn(),
      showLoading: jest.fn(),
      hideLoading: jest.fn(),
      downloadFile: jest.fn((o: { success: (r: unknown) => void }) => o.success({ tempFilePath: 'wxfile://tmp/code.png' })),
      saveImageToPhotosAlbum: jest.fn((o: { success: () => void }) => o.success()),
    });
    const p = sim.render('packages/admin/zone/index');
    p.instance.onLoad(options);
    await flush(8);
    return { sim, p };
  }

  it('fills the form from the zone, with the unit staff as pickers, and shows its QR code', async () => {
    const { sim, p } = await open({ id: 'zone-3' });

    expect(sim.calls.map((c) => [c.action, c.payload])).toEqual([
      ['units', {}],
      ['zone', { id: 'zone-3' }],
      ['staffOf', { unitId: 'unit-dining' }],
      ['zoneCode', { id: 'zone-3' }],
    ]);
    expect(p.instance.data.name).toBe('第一食堂3号窗口');
    expect(text(p, '.zone__place')).toBe('本部校区 · 第一食堂');
    expect(text(p, '.zone__unit')).toContain('饮食服务中心');
    expect(text(p, '.zone__primary')).toContain('谢春燕');
    expect(text(p, '.zone__backup')).toContain('宋卫东（休息）');
    expect(p.querySelector('.zone__code-image')).toBeDefined();
  });

  it('saves with the version read and the picked people, exactly', async () => {
    const { sim, p } = await open({ id: 'zone-3' }, { saveZone: ok({ ...DETAIL, name: '面点窗口', version: 3 }) });
    const channel = { emit: jest.fn() };
    p.instance.getOpenerEventChannel = () => channel;

    p.instance.onName({ detail: { value: ' 面点窗口 ' } });
    p.instance.onPrimary({ detail: { value: 2 } });
    p.instance.onBackup({ detail: { value: 0 } });
    p.instance.onActive({ detail: { value: false } });
    p.querySelector('.zone__save').dispatchEvent('tap');
    await flush();

    expect(sim.calls.find((c) => c.action === 'saveZone')?.payload).toEqual({
      id: 'zone-3',
      version: 2,
      name: '面点窗口',
      kind: 'window',
      unitId: 'unit-dining',
      responsible: { primary: 'p-3' },
      active: false,
    });
    expect(sim.wx.showToast).toHaveBeenCalledWith({ title: '已保存', icon: 'success' });
    expect(channel.emit).toHaveBeenCalledWith('saved', expect.objectContaining({ name: '面点窗口', version: 3 }));
  });

  it('refuses a backup who is also the responsible person, sending nothing', async () => {
    const { sim, p } = await open({ id: 'zone-3' });

    p.instance.onBackup({ detail: { value: 1 } });
    p.querySelector('.zone__save').dispatchEvent('tap');
    await flush();

    expect(text(p, '.zone__form-error')).toBe('备岗不能与负责人相同');
    expect(sim.calls.some((c) => c.action === 'saveZone')).toBe(false);
  });

  it('says when another admin saved first', async () => {
    const { p } = await open({ id: 'zone-3' }, { saveZone: { code: 'ADMIN.STALE', message: 'x' } });

    p.querySelector('.zone__save').dispatchEvent('tap');
    await flush();

    expect(text(p, '.zone__form-error')).toBe('该记录刚被其他管理员修改，请刷新后重新编辑');
  });

  it('creates a zone under a parent, guessing its kind and unit from the parent', async () => {
    const { sim, p } = await open(
      { parentId: 'zone-c1-ct1' },
      { saveZone: ok({ ...DETAIL, _id: 'zone-new', name: '4号窗口', version: 1 }) },
    );

    expect(text(p, '.zone__place')).toBe('本部校区 · 第一食堂');
    expect(text(p, '.zone__kind')).toContain('窗口');
    p.instance.onName({ detail: { value: '4号窗口' } });
    p.instance.onPrimary({ detail: { value: 0 } });
    p.instance.onBackup({ detail: { value: 3 } });
    p.querySelector('.zone__save').dispatchEvent('tap');
    await flush(8);

    expect(sim.calls.find((c) => c.action === 'saveZone')?.payload).toEqual({
      parentId: 'zone-c1-ct1',
      name: '4号窗口',
      kind: 'window',
      unitId: 'unit-dining',
      responsible: { primary: 'p-1', backup: 'p-3' },
      active: true,
    });
    expect(sim.calls.at(-1)).toEqual({ name: 'admin', action: 'zoneCode', payload: { id: 'zone-new' } });
    expect(p.instance.data.isNew).toBe(false);
  });

  it('asks for the missing pieces of a new campus before sending anything', async () => {
    const { sim, p } = await open({ kind: 'campus' });

    p.instance.onName({ detail: { value: '南校区' } });
    p.querySelector('.zone__save').dispatchEvent('tap');
    await flush();

    expect(text(p, '.zone__form-error')).toBe('请选择所属单位');
    expect(sim.calls.map((c) => c.action)).toEqual(['units']);
    expect(text(p, '.zone__picker--fixed')).toBe('校区');
  });

  it('previews the QR code and saves it to the album', async () => {
    const { sim, p } = await open({ id: 'zone-3' });

    p.querySelector('.zone__preview').dispatchEvent('tap');
    p.querySelector('.zone__save-code').dispatchEvent('tap');
    await flush();

    expect(sim.wx.previewImage).toHaveBeenCalledWith({
      urls: ['https://tmp.example/c1-ct1-w3.png'],
      current: 'https://tmp.example/c1-ct1-w3.png',
    });
    expect(sim.wx.downloadFile).toHaveBeenCalledWith(expect.objectContaining({ url: 'https://tmp.example/c1-ct1-w3.png' }));
    expect(sim.wx.saveImageToPhotosAlbum).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'wxfile://tmp/code.png' }));
    expect(sim.wx.showToast).toHaveBeenCalledWith({ title: '已保存到相册', icon: 'success' });
  });

  it('shows a failed QR code with a way to try again', async () => {
    let calls = 0;
    const { sim, p } = await open({ id: 'zone-3' }, { zoneCode: () => (++calls === 1 ? { code: 'SYSTEM.INTERNAL', message: 'x' } : CODE) });
    expect(text(p, '.zone__code-error')).toBe('服务开小差了，请稍后重试');

    p.querySelector('.zone__code-retry').dispatchEvent('tap');
    await flush();

    expect(sim.calls.filter((c) => c.action === 'zoneCode')).toHaveLength(2);
    expect(p.querySelector('.zone__code-image')).toBeDefined();
  });

  it('shows a zone that cannot be read as an error with a retry', async () => {
    const { sim, p } = await open({ id: 'zone-3' }, { zone: { code: 'ADMIN.NOT_FOUND', message: 'x' } });

    expect(text(p, '.zone__error')).toBe('记录不存在，可能已被删除');
    p.querySelector('.zone__retry').dispatchEvent('tap');
    await flush();
    expect(sim.calls.filter((c) => c.action === 'zone')).toHaveLength(2);
  });

  it('opens the form for a zone under this one', async () => {
    const { sim, p } = await open({ id: 'zone-3' });

    p.querySelector('.zone__add-child').dispatchEvent('tap');
    await flush();

    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/zone/index?parentId=zone-3' });
  });
});
