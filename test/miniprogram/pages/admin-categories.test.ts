import { type Backend, flush, ok, setup, text } from '../helpers/sim';

// biome-ignore lint/suspicious/noExplicitAny: simulate's component wrapper is untyped
type Comp = any;
const texts = (p: Comp, selector: string): string[] => p.querySelectorAll(selector).map((n: Comp) => (n.dom.textContent ?? '').trim());
const tap = async (p: Comp, selector: string, i = 0) => {
  p.querySelectorAll(selector)[i].dispatchEvent('tap');
  await flush();
};

const CATEGORIES = ok({
  items: [
    {
      code: 'hygiene',
      name: '环境卫生',
      defaultSeverity: 'minor',
      deadlineRuleId: 'standard',
      version: 0,
      checklist: ['地面干净', '垃圾清运'],
    },
    { code: 'safety', name: '安全隐患', defaultSeverity: 'critical', deadlineRuleId: 'standard', version: 0 },
    { code: 'noise', name: '噪音扰民', defaultSeverity: 'minor', deadlineRuleId: 'standard', icon: '🔊', version: 3 },
  ],
  ruleIds: ['standard'],
  stored: true,
});
const SETTINGS = ok({
  settings: {
    deadlineRules: {
      standard: {
        minor: { kind: 'serviceMinutes', minutes: 60 },
        major: { kind: 'endOfServiceDay' },
        critical: { kind: 'clockMinutes', minutes: 30 },
      },
    },
    escalationLevels: [
      { id: 'remind', atFraction: 0.5, notify: 'assignee' },
      { id: 'overdue', atFraction: 1, notify: 'unitManager' },
      { id: 'office', atFraction: 2, notify: 'office' },
    ],
    rateLimitPerHour: 10,
  },
  version: 4,
  updatedAt: '2026-03-01T02:00:00.000Z',
  updatedByName: '徐敏',
  ruleUse: { standard: ['hygiene', 'safety', 'noise'] },
});

async function open(over: Record<string, (payload: Record<string, unknown>) => unknown> = {}) {
  const backend: Backend = (_n, action, payload) => {
    if (over[action]) return over[action](payload);
    if (action === 'categories') return CATEGORIES;
    if (action === 'ticketSettings') return SETTINGS;
    return ok({});
  };
  const sim = setup({ backend });
  const p = sim.render('packages/admin/categories/index');
  p.instance.onLoad();
  await flush();
  return { sim, p };
}

describe('admin categories', () => {
  it('lists the categories with their icon, default severity and checklist size', async () => {
    const { sim, p } = await open();

    expect(sim.calls.map((c) => c.action)).toEqual(['categories', 'ticketSettings']);
    expect(texts(p, '.cats__icon')).toEqual(['🧹', '⚠️', '🔊']);
    expect(texts(p, '.cats__severity')).toEqual(['默认一般', '默认严重', '默认一般']);
    expect(texts(p, '.cats__meta')[0]).toBe('标准时限 · 检查项 2 条');
    expect(text(p.querySelector('.list__state'), '.list-state__end')).toContain('没有更多了');
  });

  it('edits a category with its version, never its code', async () => {
    const { sim, p } = await open({ saveCategory: () => ok({}) });

    await tap(p, '.cats__item', 2);
    expect(p.querySelector('.cats__code-input')).toBeUndefined();
    p.instance.onCatField({ currentTarget: { dataset: { field: 'name' } }, detail: { value: '噪声扰民' } });
    p.instance.onCatSeverity({ detail: { value: 1 } });
    p.instance.onCatField({ currentTarget: { dataset: { field: 'checklist' } }, detail: { value: '夜间施工\n\n 广场舞音量 ' } });
    await tap(p, '.cats__save-cat');

    expect(sim.calls.find((c) => c.action === 'saveCategory')?.payload).toEqual({
      code: 'noise',
      version: 3,
      name: '噪声扰民',
      defaultSeverity: 'major',
      deadlineRuleId: 'standard',
      icon: '🔊',
      checklist: ['夜间施工', '广场舞音量'],
      reporterVisible: true,
    });
    expect(sim.calls.filter((c) => c.action === 'categories')).toHaveLength(2);
  });

  it('creates a category without a code or a version: the server makes the code', async () => {
    const { sim, p } = await open({ saveCategory: () => ok({}) });

    await tap(p, '.cats__new');
    expect(p.querySelector('.cats__code-input')).toBeUndefined();
    p.instance.onCatField({ currentTarget: { dataset: { field: 'name' } }, detail: { value: '乱停乱放' } });
    p.instance.onCatVisible({ detail: { value: false } });
    await tap(p, '.cats__save-cat');

    expect(sim.calls.find((c) => c.action === 'saveCategory')?.payload).toEqual({
      name: '乱停乱放',
      reporterVisible: false,
      defaultSeverity: 'minor',
      deadlineRuleId: 'standard',
    });
  });

  it('needs a name before sending, and shows a refused save in zh-CN', async () => {
    const { sim, p } = await open({ saveCategory: () => ({ code: 'ADMIN.CATEGORY_EXISTS', message: 'x' }) });

    await tap(p, '.cats__new');
    await tap(p, '.cats__save-cat');
    expect(text(p, '.cats__cat-error')).toBe('请填写类别名称');
    expect(sim.calls.some((c) => c.action === 'saveCategory')).toBe(false);

    p.instance.onCatField({ currentTarget: { dataset: { field: 'name' } }, detail: { value: '乱停乱放' } });
    await tap(p, '.cats__save-cat');
    expect(text(p, '.cats__cat-error')).toBe('这个类别刚被其他管理员创建，请刷新后再试');
  });

  it('moves a category up with its code and version, without opening it, and reads the list again', async () => {
    // Prepare: the answer to the second read is the moved list.
    let moved = false;
    const { sim, p } = await open({
      moveCategory: () => {
        moved = true;
        return ok({});
      },
      categories: () =>
        moved
          ? ok({ ...CATEGORIES.data, items: [CATEGORIES.data.items[0], CATEGORIES.data.items[2], CATEGORIES.data.items[1]] })
          : CATEGORIES,
    });
    // Act
    await tap(p, '.cats__up', 2);
    // Assess
    expect(sim.calls.filter((c) => c.action === 'moveCategory').map((c) => c.payload)).toEqual([
      { code: 'noise', direction: 'up', version: 3 },
    ]);
    expect(p.instance.data.editing).toBe(false);
    expect(sim.calls.filter((c) => c.action === 'categories')).toHaveLength(2);
    expect(texts(p, '.cats__icon')).toEqual(['🧹', '🔊', '⚠️']);
    expect(p.instance.data.moving).toBe('');
  });

  it('moves a category down, and sends nothing to move the first up or the last down', async () => {
    const { sim, p } = await open({ moveCategory: () => ok({}) });

    expect(p.querySelectorAll('.cats__up')[0].dom.className).toContain('cats__move-btn--off');
    expect(p.querySelectorAll('.cats__down')[2].dom.className).toContain('cats__move-btn--off');
    await tap(p, '.cats__up', 0);
    await tap(p, '.cats__down', 2);
    expect(sim.calls.some((c) => c.action === 'moveCategory')).toBe(false);

    await tap(p, '.cats__down', 0);
    expect(sim.calls.find((c) => c.action === 'moveCategory')?.payload).toEqual({ code: 'hygiene', direction: 'down', version: 0 });
  });

  it('says why a move was refused', async () => {
    const { sim, p } = await open({ moveCategory: () => ({ code: 'ADMIN.CATEGORY_AT_EDGE', message: 'x' }) });

    await tap(p, '.cats__down', 1);

    expect(sim.wx.showToast).toHaveBeenCalledWith({ title: '已经在最前或最后了', icon: 'none' });
    expect(sim.calls.filter((c) => c.action === 'categories')).toHaveLength(1);
    expect(p.instance.data.moving).toBe('');
  });

  it('shows an error with a retry when the lists cannot be read', async () => {
    let fail = true;
    const { sim, p } = await open({ ticketSettings: () => (fail ? { code: 'AUTH.FORBIDDEN', message: 'x' } : SETTINGS) });
    expect(text(p.querySelector('.list__state'), '.list-state__error')).toContain('没有权限');

    fail = false;
    p.querySelector('.list__state').querySelector('.list-state__retry').dispatchEvent('tap');
    await flush();

    expect(sim.calls.filter((c) => c.action === 'categories')).toHaveLength(2);
    expect(texts(p, '.cats__name')).toHaveLength(3);
  });
});

describe('admin deadline rules and escalation', () => {
  it('shows the rules per severity and the ladder as percentages', async () => {
    const { p } = await open();

    expect(texts(p, '.cats__rule-sev')).toEqual(['一般', '较重', '严重']);
    expect(p.instance.data.ruleSets[0].rows.map((r: { minutes: string }) => r.minutes)).toEqual(['60', '', '30']);
    expect(p.instance.data.levels.map((l: { percent: string }) => l.percent)).toEqual(['50', '100', '200']);
    expect(text(p, '.cats__meta-line')).toBe('最后修改：徐敏 · 2026-03-01');
  });

  it('saves changed rules and levels with the version read, exactly', async () => {
    // Prepare
    const { sim, p } = await open({ saveTicketSettings: () => SETTINGS });
    // Act: minor → 15 clock minutes, drop the office level, add one at 150% for the unit manager.
    p.instance.onRuleKind({ currentTarget: { dataset: { set: 0, row: 0 } }, detail: { value: 2 } });
    p.instance.onRuleMinutes({ currentTarget: { dataset: { set: 0, row: 0 } }, detail: { value: '15' } });
    await tap(p, '.cats__remove', 2);
    await tap(p, '.cats__add-level');
    await tap(p, '.cats__save-settings');
    // Assess
    expect(sim.calls.find((c) => c.action === 'saveTicketSettings')?.payload).toEqual({
      version: 4,
      deadlineRules: {
        standard: {
          minor: { kind: 'clockMinutes', minutes: 15 },
          major: { kind: 'endOfServiceDay' },
          critical: { kind: 'clockMinutes', minutes: 30 },
        },
      },
      escalationLevels: [
        { id: 'remind', atFraction: 0.5, notify: 'assignee' },
        { id: 'overdue', atFraction: 1, notify: 'unitManager' },
        { id: 'level3', atFraction: 1.5, notify: 'unitManager' },
      ],
    });
    expect(sim.wx.showToast).toHaveBeenCalledWith({ title: '已保存', icon: 'success' });
  });

  it('refuses minutes that are not a positive whole number before sending', async () => {
    const { sim, p } = await open();

    p.instance.onRuleMinutes({ currentTarget: { dataset: { set: 0, row: 2 } }, detail: { value: '0' } });
    await tap(p, '.cats__save-settings');

    expect(text(p, '.cats__settings-error')).toBe('严重问题的期限请填写正整数分钟');
    expect(sim.calls.some((c) => c.action === 'saveTicketSettings')).toBe(false);
  });

  it('says when a rule set is still in use or someone saved first', async () => {
    const { p } = await open({ saveTicketSettings: () => ({ code: 'ADMIN.STALE', message: 'x' }) });

    await tap(p, '.cats__save-settings');

    expect(text(p, '.cats__settings-error')).toBe('该记录刚被其他管理员修改，请刷新后重新编辑');
  });
});
