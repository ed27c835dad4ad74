import { flush, ok, type Sim, setup, text } from '../helpers/sim';

const ZONE = { _id: 'zone-c1-canteen-1-w03', name: '第一食堂3号窗口', sceneId: 'c1-ct1-w03' };

// What org.categories answers once an admin has added a category (standard ones first, in the stored order).
const NOISE = { code: 'noise', name: '噪音扰民', icon: '🔊', defaultSeverity: 'major', checklist: ['夜间施工已报备'] };
const CONFIGURED = [
  { code: 'hygiene', name: '环境卫生', icon: '🧹', defaultSeverity: 'minor', checklist: ['地面干净'] },
  { code: 'attitude', name: '服务态度', icon: '🙂', defaultSeverity: 'minor', checklist: [] },
  NOISE,
];

function backend(overrides: Record<string, unknown> = {}) {
  return (name: string, action: string) => {
    const key = `${name}.${action}`;
    if (key in overrides) return overrides[key];
    if (key === 'org.zoneByScene') return ok(ZONE);
    if (key === 'org.categories') return ok({ items: CONFIGURED });
    if (key === 'org.me') return ok({ roles: ['reporter'], bindings: [], name: null, registered: false, openid: 'o-sim-user' });
    if (key === 'tickets.createReport') return ok({ outcome: 'created', ticketId: 't-1', no: 'XC-20250304-0007', repeat: false });
    return { code: 'REQUEST.UNKNOWN_ACTION', message: key };
  };
}

/** The grid's tiles as icon + name. */
const tiles = (page: { querySelectorAll(s: string): Array<{ dom: { textContent: string } }> }) =>
  page.querySelectorAll('.report__cat').map((c) => c.dom.textContent.replace(/\s+/g, ''));

async function open(sim: Sim, scene = 'c1-ct1-w03') {
  const page = sim.render('pages/report/index');
  page.instance.onLoad({ scene: encodeURIComponent(scene) });
  await flush();
  return page;
}

describe('report page (QR landing)', () => {
  it('shows the zone behind the scanned scene id', async () => {
    // Prepare
    const sim = setup({ backend: backend() });
    // Act
    const page = await open(sim);
    // Assess
    expect(sim.calls[0]).toEqual({ name: 'org', action: 'zoneByScene', payload: { sceneId: 'c1-ct1-w03' } });
    expect(text(page, '.report__zone-name')).toBe('第一食堂3号窗口');
    expect(text(page, '.report__privacy')).toContain('工作人员看不到');
  });

  it('shows the categories the admin configured, a new one included, and reports under it', async () => {
    // Prepare
    const sim = setup({ backend: backend() });
    const page = await open(sim);
    const shown = tiles(page);
    // Act
    page.querySelectorAll('.report__cat')[2].dispatchEvent('tap');
    page.instance.onText({ detail: { value: '楼下夜里施工太吵' } });
    page.querySelector('.report__submit').dispatchEvent('tap');
    await flush();
    // Assess
    expect(sim.calls.slice(0, 2).map((c) => [c.name, c.action, c.payload])).toEqual([
      ['org', 'zoneByScene', { sceneId: 'c1-ct1-w03' }],
      ['org', 'categories', {}],
    ]);
    expect(shown).toEqual(['🧹环境卫生', '🙂服务态度', '🔊噪音扰民']);
    expect(sim.calls.find((c) => c.action === 'createReport')?.payload).toMatchObject({ categoryCode: 'noise', text: '楼下夜里施工太吵' });
    // Kept for the next start, and used for names elsewhere in the app.
    expect(sim.storage.get('xuncha.categories')).toEqual(CONFIGURED);
    expect(require('../../../miniprogram/services/format').categoryName('noise')).toBe('噪音扰民');
  });

  it('keeps the built-in categories when they cannot be loaded (offline first start)', async () => {
    // Prepare
    const sim = setup({ backend: backend({ 'org.categories': { code: 'CLIENT.NETWORK', message: 'offline' } }) });
    // Act
    const page = await open(sim);
    // Assess
    expect(sim.calls.map((c) => c.action)).toEqual(['zoneByScene', 'categories']);
    // The built-in categories a student would use; office language (在岗在位, 劳动纪律, …) is not on the grid.
    expect(tiles(page)).toEqual(['🧹环境卫生', '🙂服务态度', '🍱食品安全', '🔧设施损坏', '⚠️安全隐患', '💬其他']);
    expect(sim.storage.has('xuncha.categories')).toBe(false);
  });

  it('opens with the categories stored by an earlier start when the call fails', async () => {
    // Prepare
    const sim = setup({ backend: backend({ 'org.categories': { code: 'SYSTEM.INTERNAL', message: 'x' } }) });
    sim.storage.set('xuncha.categories', [NOISE]);
    // Act
    const page = await open(sim);
    // Assess
    expect(tiles(page)).toEqual(['🔊噪音扰民']);
  });

  it('ignores a malformed categories reply', async () => {
    const sim = setup({ backend: backend({ 'org.categories': ok({ items: [{ code: 'noise' }] }) }) });
    const page = await open(sim);
    expect(tiles(page)).toHaveLength(6);
  });

  it('hides the categories the admin keeps from reporters', async () => {
    const sim = setup({
      backend: backend({
        'org.categories': ok({ items: [...CONFIGURED, { ...NOISE, code: 'contract_x', name: '合同', reporterVisible: false }] }),
      }),
    });
    const page = await open(sim);
    expect(tiles(page)).toEqual(['🧹环境卫生', '🙂服务态度', '🔊噪音扰民']);
  });

  it('shows a clear page, and no form, for a disabled or unknown code', async () => {
    const sim = setup({ backend: backend({ 'org.zoneByScene': { code: 'TICKET.ZONE_NOT_FOUND', message: 'x' } }) });
    const page = await open(sim);
    expect(text(page, '.report__zone-name')).toBe('这个二维码已停用或无法识别');
    expect(page.querySelector('.report__submit')).toBeUndefined();
  });

  it('offers a retry, not "unknown code", when the network is down', async () => {
    const sim = setup({ backend: backend({ 'org.zoneByScene': { code: 'CLIENT.NETWORK', message: 'x' } }) });
    const page = await open(sim);
    expect(page.querySelector('.report__retry-zone')).toBeDefined();
  });

  it('takes a category and a photo without words, and a quick phrase instead of typing', async () => {
    // Prepare
    const sim = setup({ backend: backend() });
    const page = await open(sim);
    page.querySelectorAll('.report__cat')[0].dispatchEvent('tap'); // 环境卫生
    await flush();
    page.querySelector('.report__photos').querySelector('.photo-picker__add').dispatchEvent('tap');
    await flush();
    // Act
    page.querySelector('.report__submit').dispatchEvent('tap');
    await flush();
    page.instance.onAnother();
    page.querySelectorAll('.report__cat')[0].dispatchEvent('tap');
    await flush();
    page.querySelectorAll('.report__phrase')[0].dispatchEvent('tap');
    page.querySelector('.report__submit').dispatchEvent('tap');
    await flush();
    // Assess
    const sent = sim.calls.filter((c) => c.action === 'createReport').map((c) => c.payload.text);
    expect(sent).toEqual(['环境卫生（见照片）', '餐桌没擦干净']);
  });

  it('opens the patrol form when an inspector scans a poster, and the report form when asked to', async () => {
    const sim = setup({ backend: backend() });
    sim.storage.set('xuncha.roles', ['reporter', 'inspector']);
    await open(sim);
    expect(sim.wx.redirectTo).toHaveBeenCalledWith({ url: '/packages/inspector/patrol/index?scene=c1-ct1-w03' });
    const again = setup({ backend: backend() });
    again.storage.set('xuncha.roles', ['reporter', 'inspector']);
    const page = again.render('pages/report/index');
    page.instance.onLoad({ scene: 'c1-ct1-w03', as: 'reporter' });
    await flush();
    expect(text(page, '.report__zone-name')).toBe('第一食堂3号窗口');
  });

  it('asks to scan when opened without a scene', async () => {
    const sim = setup({ backend: backend() });
    const page = sim.render('pages/report/index');
    page.instance.onLoad({});
    await flush();
    expect(text(page, '.report__noscene')).toContain('请扫描场所二维码');
    expect(sim.calls).toEqual([]);
  });

  it('refuses to submit without a category and says why', async () => {
    const sim = setup({ backend: backend() });
    const page = await open(sim);
    page.querySelector('.report__submit').dispatchEvent('tap');
    await flush();
    expect(text(page, '.report__error')).toBe('请先打分，或选择要反馈的问题');
    expect(sim.calls.filter((c) => c.action === 'createReport')).toEqual([]);
  });

  it('sends the report with category, text, photos and rating, then shows the ticket number', async () => {
    // Prepare
    const sim = setup({ backend: backend() });
    const page = await open(sim);
    page.querySelectorAll('.report__cat')[0].dispatchEvent('tap'); // 环境卫生
    await flush();
    page.instance.onText({ detail: { value: '  餐盘有油污  ' } });
    page.querySelector('.report__photos').querySelector('.photo-picker__add').dispatchEvent('tap');
    await flush();
    page.querySelector('.report__rating').querySelectorAll('.star-rating__star')[3].dispatchEvent('tap');
    await flush();
    // Act
    page.querySelector('.report__submit').dispatchEvent('tap');
    await flush();
    // Assess
    const sent = sim.calls.find((c) => c.action === 'createReport');
    expect(sent?.name).toBe('tickets');
    expect(sent?.payload).toEqual({
      requestId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      sceneId: 'c1-ct1-w03',
      categoryCode: 'hygiene',
      text: '餐盘有油污',
      photos: [
        expect.stringMatching(/^cloud:\/\/test-env\.bucket\/uploads\/report\/o-sim-user\/\d{8}\/[0-9a-f-]{36}\.jpg$/),
        expect.any(String),
      ],
      rating: 4,
    });
    expect(sim.wx.requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['xuncha-tpl-ticket-rectified'] }));
    expect(text(page, '.report__done-no')).toBe('工单号 XC-20250304-0007');
  });

  it('sends a rating alone as satisfaction feedback', async () => {
    const sim = setup({ backend: backend({ 'tickets.createReport': ok({ outcome: 'feedback', feedbackId: 'f' }) }) });
    const page = await open(sim);
    page.querySelector('.report__rating').querySelectorAll('.star-rating__star')[4].dispatchEvent('tap');
    page.querySelector('.report__submit').dispatchEvent('tap');
    await flush();
    const sent = sim.calls.find((c) => c.action === 'createReport');
    expect(Object.keys(sent?.payload ?? {}).sort()).toEqual(['rating', 'requestId', 'sceneId']);
    expect(sent?.payload.rating).toBe(5);
    expect(text(page, '.report__done-title')).toBe('感谢你的评价');
  });

  it('keeps the request id when a failed submit is retried, so no second ticket is made', async () => {
    // Prepare
    let fail = true;
    const sim = setup({
      backend: (name, action) => {
        if (action === 'createReport' && fail) return { code: 'TICKET.RATE_LIMITED', message: 'x' };
        return backend()(name, action);
      },
    });
    const page = await open(sim);
    page.querySelectorAll('.report__cat')[1].dispatchEvent('tap');
    page.instance.onText({ detail: { value: '态度差' } });
    // Act
    page.querySelector('.report__submit').dispatchEvent('tap');
    await flush();
    const error = text(page, '.report__error');
    fail = false;
    page.querySelector('.report__submit').dispatchEvent('tap');
    await flush();
    // Assess
    expect(error).toBe('提交太频繁了，请稍后再试');
    const ids = sim.calls.filter((c) => c.action === 'createReport').map((c) => c.payload.requestId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it('in local mode calls the local cloud as a fresh device identity', async () => {
    const sim = setup({ mode: 'local', backend: backend() });
    await open(sim);
    expect(sim.calls[0].openid).toBe('local-0123456789abcdef');
    expect(sim.wx.cloud?.callFunction).not.toHaveBeenCalled();
  });
});
