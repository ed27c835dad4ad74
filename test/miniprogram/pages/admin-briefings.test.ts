import { type Backend, flush, ok, setup } from '../helpers/sim';

// biome-ignore lint/suspicious/noExplicitAny: simulate's wrappers are untyped
type El = any;
/** The page's own elements (simulate prefixes their classes with `main--`). */
const all = (el: El, cls: string): El[] => Array.from((el.dom ?? el).querySelectorAll(`.main--${cls}`));
const one = (el: El, cls: string): El | null => (el.dom ?? el).querySelector(`.main--${cls}`);
const text = (el: El, cls: string): string => (one(el, cls)?.textContent ?? '').trim();
const listState = (p: El, cls: string): string => (p.dom.querySelector(`.list-state--${cls}`)?.textContent ?? '').trim();

const NOW = Date.parse('2030-07-08T02:00:00Z'); // July 2030 in Shanghai

const row = (no: number, over: Record<string, unknown> = {}) => ({
  no,
  period: '2030-06',
  title: '2030年6月后勤服务巡查情况',
  status: 'draft',
  createdAt: '2030-07-01T01:00:00.000Z',
  publishedAt: null,
  problems: 5,
  positives: 1,
  onTimeRate: 0.8,
  closed: 4,
  open: 1,
  ...over,
});

const cand = (i: number, over: Record<string, unknown> = {}) => ({
  ticketId: `t-${i}`,
  no: `XC-20300601-${String(i).padStart(4, '0')}`,
  unitId: 'contractor-clean',
  zoneId: 'zone-b1-f2',
  categoryCode: 'hygiene',
  severity: 'minor',
  state: 'closed',
  description: `第${i}号问题`,
  repeat: false,
  notRectified: false,
  photos: 1,
  createdAt: '2030-06-02T02:00:00.000Z',
  unitName: '保洁公司',
  zoneName: '一号楼二层',
  ...over,
});

const LIST = { items: [row(3), row(2, { status: 'published', publishedAt: '2030-07-02T02:00:00.000Z' })], nextCursor: null };

async function open(backend: Backend) {
  jest.useFakeTimers({ now: NOW, doNotFake: ['setTimeout', 'nextTick', 'setImmediate', 'queueMicrotask'] });
  const sim = setup({ backend });
  const p = sim.render('packages/admin/briefings/index');
  p.instance.onLoad();
  await flush();
  return { sim, p };
}

const confirm = (sim: { wx: Record<string, unknown> }, yes: boolean) =>
  (sim.wx.showModal as jest.Mock).mockImplementationOnce((o: { success: (r: unknown) => void }) =>
    o.success({ confirm: yes, cancel: !yes }),
  );

afterEach(() => jest.useRealTimers());

describe('admin briefings', () => {
  it('lists drafts and published briefings with the actions each allows', async () => {
    // Act
    const { sim, p } = await open(() => ok(LIST));

    // Assess
    expect(sim.calls).toEqual([{ name: 'briefings', action: 'list', payload: {} }]);
    const cards = all(p, 'admin-briefings__item');
    expect(cards).toHaveLength(2);
    expect(text(cards[0], 'admin-briefings__no')).toBe('第3期');
    expect(text(cards[0], 'admin-briefings__status')).toBe('草稿');
    expect(text(cards[0], 'admin-briefings__meta')).toBe('问题 5 个 · 按时整改率 80% · 典型 1 个 · 2030-07-01 生成');
    expect(one(cards[0], 'admin-briefings__publish')).not.toBeNull();
    expect(one(cards[0], 'admin-briefings__pick')).not.toBeNull();
    expect(text(cards[1], 'admin-briefings__status')).toBe('已发布');
    expect(one(cards[1], 'admin-briefings__publish')).toBeNull();
    expect(one(cards[1], 'admin-briefings__pick')).toBeNull();
    expect(text(cards[1], 'admin-briefings__view')).toBe('查看');
    expect(text(p, 'admin-briefings__period')).toBe('2030年6月 ▾');
  });

  it('filters by status, paging on with the same filter', async () => {
    // Prepare
    const { sim, p } = await open((_n, _a, payload) =>
      payload.cursor
        ? ok({ items: [row(1)], nextCursor: null })
        : ok({ items: Array.from({ length: 20 }, (_v, i) => row(30 - i)), nextCursor: 'c1' }),
    );

    // Act
    p.querySelectorAll('.admin-briefings__filter')[1].dispatchEvent('tap');
    await flush();
    p.instance.onReachBottom();
    await flush();

    // Assess
    expect(sim.calls.map((c) => c.payload)).toEqual([{}, { status: 'draft' }, { status: 'draft', cursor: 'c1' }]);
    expect(all(p, 'admin-briefings__item')).toHaveLength(21);
    expect(one(p, 'admin-briefings__filter--on')?.textContent).toBe('草稿');
  });

  it('generates the next draft for the chosen month with a title, then reloads', async () => {
    // Prepare
    const { sim, p } = await open((_n, action) =>
      action === 'generate' ? ok({ no: 4, period: '2030-05', status: 'draft', totals: { problems: 3 } }) : ok(LIST),
    );
    p.instance.onPeriod({ detail: { value: '2030-05' } });
    p.instance.onTitle({ detail: { value: ' 五月专项检查 ' } });

    // Act
    p.querySelector('.admin-briefings__generate-btn').dispatchEvent('tap');
    await flush();

    // Assess
    expect(sim.calls.filter((c) => c.action === 'generate')).toEqual([
      { name: 'briefings', action: 'generate', payload: { period: '2030-05', title: '五月专项检查' } },
    ]);
    expect(sim.wx.showToast).toHaveBeenCalledWith({ title: '已生成第4期草稿', icon: 'success' });
    expect(sim.calls.filter((c) => c.action === 'list')).toHaveLength(2);
    expect(p.instance.data.title).toBe('');
  });

  it('generates without a title when none is given, and shows a refusal under the form', async () => {
    // Prepare
    const { sim, p } = await open((_n, action) =>
      action === 'generate' ? { code: 'BRIEFING.PERIOD_NOT_STARTED', message: 'period 2030-08 has not started' } : ok(LIST),
    );

    // Act
    p.querySelector('.admin-briefings__generate-btn').dispatchEvent('tap');
    await flush();

    // Assess
    expect(sim.calls.find((c) => c.action === 'generate')?.payload).toEqual({ period: '2030-06' });
    expect(text(p, 'admin-briefings__gen-error')).toBe('该月份还没开始，不能生成简报');
    expect(sim.calls.filter((c) => c.action === 'list')).toHaveLength(1);
  });

  it('picks a draft’s items from its candidates and saves them, most serious first', async () => {
    // Prepare
    const cands = [
      cand(1, { severity: 'critical', repeat: true }),
      cand(2, { severity: 'major', notRectified: true }),
      cand(3),
      cand(4, { description: '很长的描述'.repeat(30) }),
    ];
    const { sim, p } = await open((_n, action) => {
      if (action === 'candidates') return ok({ no: 3, period: '2030-06', selected: ['t-1', 't-2', 't-gone'], items: cands });
      if (action === 'selectItems') return ok({ no: 3, items: 3 });
      return ok(LIST);
    });

    // Act
    p.querySelector('.admin-briefings__pick').dispatchEvent('tap');
    await flush();
    const rows = all(p, 'cand');
    const before = { count: text(p, 'admin-briefings__sheet-hint'), on: all(p, 'cand--on').length, desc: text(rows[3], 'cand__desc') };
    p.querySelectorAll('.cand')[1].dispatchEvent('tap');
    p.querySelectorAll('.cand')[3].dispatchEvent('tap');
    await flush();
    const toggled = text(p, 'admin-briefings__sheet-hint');
    p.querySelector('.admin-briefings__pick-save').dispatchEvent('tap');
    await flush();

    // Assess
    expect(sim.calls.find((c) => c.action === 'candidates')?.payload).toEqual({ no: 3 });
    expect(before).toEqual({
      count: '2030年6月的问题，按严重程度排序。已选 3 条（最多 100 条）',
      on: 2,
      desc: `${'很长的描述'.repeat(12)}…`,
    });
    expect(text(rows[0], 'cand__place')).toBe('保洁公司 · 一号楼二层');
    expect(toggled).toContain('已选 3 条');
    expect(sim.calls.find((c) => c.action === 'selectItems')?.payload).toEqual({ no: 3, ticketIds: ['t-1', 't-4', 't-gone'] });
    expect(sim.wx.showToast).toHaveBeenCalledWith({ title: '已保存 3 条', icon: 'success' });
    expect(one(p, 'admin-briefings__sheet')).toBeNull();
  });

  it('shows candidates twenty at a time and refuses to save an empty selection', async () => {
    // Prepare
    const cands = Array.from({ length: 45 }, (_v, i) => cand(i + 1));
    const { sim, p } = await open((_n, action) =>
      action === 'candidates' ? ok({ no: 3, period: '2030-06', selected: ['t-1'], items: cands }) : ok(LIST),
    );
    p.querySelector('.admin-briefings__pick').dispatchEvent('tap');
    await flush();
    const first = all(p, 'cand').length;

    // Act
    p.querySelector('.admin-briefings__more-cands').dispatchEvent('tap');
    await flush();
    p.instance.onReachBottom();
    p.querySelectorAll('.cand')[0].dispatchEvent('tap');
    await flush();
    p.querySelector('.admin-briefings__pick-save').dispatchEvent('tap');
    await flush();

    // Assess
    expect(first).toBe(20);
    expect(all(p, 'cand')).toHaveLength(45);
    expect(one(p, 'admin-briefings__more-cands')).toBeNull();
    expect(text(p, 'admin-briefings__pick-hint')).toBe('请至少选择 1 条');
    expect(sim.calls.some((c) => c.action === 'selectItems')).toBe(false);
    expect(sim.calls.filter((c) => c.action === 'list')).toHaveLength(1);
  });

  it('shows a candidates error with a retry, and a refused save in the sheet', async () => {
    // Prepare
    let fail = true;
    const { sim, p } = await open((_n, action) => {
      if (action === 'candidates')
        return fail
          ? { code: 'SYSTEM.INTERNAL', message: 'internal error' }
          : ok({ no: 3, period: '2030-06', selected: ['t-1'], items: [cand(1)] });
      if (action === 'selectItems') return { code: 'BRIEFING.PUBLISHED', message: 'briefing No. 3 is published' };
      return ok(LIST);
    });
    p.querySelector('.admin-briefings__pick').dispatchEvent('tap');
    await flush();
    const shown = text(p, 'admin-briefings__pick-error');
    fail = false;

    // Act
    p.querySelector('.admin-briefings__pick-retry').dispatchEvent('tap');
    await flush();
    p.querySelector('.admin-briefings__pick-save').dispatchEvent('tap');
    await flush();

    // Assess
    expect(shown).toBe('服务开小差了，请稍后重试');
    expect(sim.calls.filter((c) => c.action === 'candidates')).toHaveLength(2);
    expect(text(p, 'admin-briefings__pick-hint')).toBe('该期简报已发布，不能再修改');
    expect(one(p, 'admin-briefings__sheet')).not.toBeNull();
  });

  it('publishes a draft only after confirming that it becomes immutable', async () => {
    // Prepare
    const { sim, p } = await open((_n, action) =>
      action === 'publish' ? ok({ no: 3, status: 'published', publishedAt: '2030-07-08T02:00:00.000Z' }) : ok(LIST),
    );
    confirm(sim, false);
    confirm(sim, true);

    // Act
    p.querySelector('.admin-briefings__publish').dispatchEvent('tap');
    await flush();
    const afterCancel = sim.calls.filter((c) => c.action === 'publish').length;
    p.querySelector('.admin-briefings__publish').dispatchEvent('tap');
    await flush();

    // Assess
    expect(afterCancel).toBe(0);
    expect(sim.wx.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '发布第3期简报？', content: expect.stringContaining('不能再修改') }),
    );
    expect(sim.calls.find((c) => c.action === 'publish')?.payload).toEqual({ no: 3 });
    const card = all(p, 'admin-briefings__item')[0];
    expect(text(card, 'admin-briefings__status')).toBe('已发布');
    expect(one(card, 'admin-briefings__publish')).toBeNull();
    expect(text(card, 'admin-briefings__meta')).toContain('2030-07-08 发布');
  });

  it('shows a refused publication as a toast', async () => {
    // Prepare
    const { sim, p } = await open((_n, action) =>
      action === 'publish' ? { code: 'AUTH.FORBIDDEN', message: 'publish needs one of: admin' } : ok(LIST),
    );
    confirm(sim, true);

    // Act
    p.querySelector('.admin-briefings__publish').dispatchEvent('tap');
    await flush();

    // Assess
    expect(sim.wx.showToast).toHaveBeenCalledWith({ title: '没有权限进行此操作', icon: 'none' });
    expect(text(all(p, 'admin-briefings__item')[0], 'admin-briefings__status')).toBe('草稿');
  });

  it('opens a draft’s preview in the briefing page', async () => {
    const { sim, p } = await open(() => ok(LIST));
    p.querySelector('.admin-briefings__view').dispatchEvent('tap');
    await flush();
    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url: '/packages/leader/briefing/index?no=3' });
  });

  it('shows the empty and error states of the list', async () => {
    // Prepare
    let reply: unknown = ok({ items: [], nextCursor: null });
    const { p } = await open(() => reply);
    const empty = listState(p, 'list-state__empty');
    reply = { code: 'CLIENT.NETWORK', message: 'x' };

    // Act
    p.instance.onPullDownRefresh();
    await flush();

    // Assess
    expect(empty).toBe('📭还没有简报，先生成第一期吧');
    expect(listState(p, 'list-state__error')).toContain('网络不太好');
  });
});
