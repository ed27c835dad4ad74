import { DEFAULT_ASSET_SCORING, DEFAULT_PATROL_SCORING, DEFAULT_SCORING_RULES, ScoringRules } from '../../../shared/scoring/rules.schema';
import { type Backend, flush, ok, setup } from '../helpers/sim';

// biome-ignore lint/suspicious/noExplicitAny: simulate's wrappers are untyped
type El = any;
/** The page's own elements (simulate prefixes their classes with `main--`). */
const all = (el: El, cls: string): El[] => Array.from((el.dom ?? el).querySelectorAll(`.main--${cls}`));
const one = (el: El, cls: string): El | null => (el.dom ?? el).querySelector(`.main--${cls}`);
const text = (el: El, cls: string): string => (one(el, cls)?.textContent ?? '').trim();
const lines = (el: El): string[] => all(el, 'rule').map((r) => `${text(r, 'rule__label')} ${text(r, 'rule__text')}`);

const NOW = Date.parse('2030-07-08T02:00:00Z'); // July 2030 in Shanghai

const V1 = { ...DEFAULT_SCORING_RULES, version: 'v1', effectiveFrom: '2030-01' };
const V2 = {
  ...V1,
  version: 'v2',
  effectiveFrom: '2030-07',
  deduction: { minor: 1.5, major: 3, critical: 6 },
  onTime: { threshold: 0.95, minTickets: 4, bonus: 2 },
};
const V3 = { ...V1, version: 'v3', effectiveFrom: '2030-10', base: 120 };

async function open(backend: Backend) {
  jest.useFakeTimers({ now: NOW, doNotFake: ['setTimeout', 'nextTick', 'setImmediate', 'queueMicrotask'] });
  const sim = setup({ backend });
  const p = sim.render('packages/admin/scoring/index');
  p.instance.onLoad();
  await flush();
  return { sim, p };
}

const confirm = (sim: { wx: Record<string, unknown> }, yes: boolean) =>
  (sim.wx.showModal as jest.Mock).mockImplementationOnce((o: { success: (r: unknown) => void }) =>
    o.success({ confirm: yes, cancel: !yes }),
  );

/** Types into the form's numeric field `key`. */
function type(p: El, key: string, value: string) {
  const i = (p.instance.data.fields as Array<{ key: string }>).findIndex((f) => f.key === key);
  p.instance.onField({ currentTarget: { dataset: { i } }, detail: { value } });
}

afterEach(() => jest.useRealTimers());

describe('admin scoring rules', () => {
  it('shows the version in force this month with each rule as a sentence', async () => {
    // Act
    const { sim, p } = await open(() => ok([V1, V2, V3]));

    // Assess
    expect(sim.calls).toEqual([{ name: 'scoring', action: 'rules', payload: {} }]);
    expect(text(p, 'scoring__current-version')).toBe('v2');
    expect(text(p, 'scoring__current-from')).toBe('自2030年7月起执行');
    expect(lines(one(p, 'scoring__current'))).toEqual([
      '基础分 每个单位每月从 100 分起算',
      '一般问题 每起扣 1.5 分',
      '较重问题 每起扣 3 分',
      '严重问题 每起扣 6 分',
      '重复问题 按 2 倍扣分',
      '超时未整改 每超 1 小时扣 0.5 分，每起最多扣 5 分',
      '查而不改 每起扣 5 分',
      '正面典型 每个加 2 分，每月最多加 10 分',
      '按时整改 按时整改率达 95%（至少 4 起问题）加 2 分',
      '满意度 平均满意度达 4.5 分（至少 20 条评价）加 2 分',
    ]);
  });

  it('lists every version newest first, marked in force, pending or retired, and expands one on tap', async () => {
    // Prepare
    const { p } = await open(() => ok([V1, V2, V3]));

    // Act
    p.querySelectorAll('.scoring__version-head')[0].dispatchEvent('tap');
    await flush();

    // Assess
    const cards = all(p, 'scoring__version');
    expect(cards.map((c) => [text(c, 'scoring__version-name'), text(c, 'scoring__version-from'), text(c, 'scoring__badge')])).toEqual([
      ['v3', '自2030年10月起', '待生效'],
      ['v2', '自2030年7月起', '执行中'],
      ['v1', '自2030年1月起', '已停用'],
    ]);
    expect(lines(cards[0])[0]).toBe('基础分 每个单位每月从 120 分起算');
    expect(lines(cards[1])).toEqual([]);
  });

  it('says the defaults apply when no version has been published', async () => {
    const { p } = await open(() => ok([]));
    expect(text(p, 'scoring__current-version')).toBe('系统默认');
    expect(text(p, 'scoring__current-from')).toBe('尚未发布规则版本，按系统默认规则计分');
    expect(lines(one(p, 'scoring__current'))[1]).toBe('一般问题 每起扣 1 分');
    expect(text(p, 'scoring__no-versions')).toBe('还没有发布过规则版本');
  });

  it('publishes a new version from next month, prefilled from the latest, after a confirmation', async () => {
    // Prepare
    const { sim, p } = await open((_n, action) =>
      action === 'publishRules' ? ok({ version: 'v4', effectiveFrom: '2030-08' }) : ok([V1, V2, V3]),
    );
    p.querySelector('.scoring__open-form').dispatchEvent('tap');
    await flush();
    const prefilled = { version: p.instance.data.version, from: text(p, 'scoring__from') };
    type(p, 'deduction.minor', '2');
    type(p, 'onTime.threshold', '85');
    confirm(sim, false);
    confirm(sim, true);

    // Act
    p.querySelector('.scoring__submit').dispatchEvent('tap');
    await flush();
    const afterCancel = sim.calls.filter((c) => c.action === 'publishRules').length;
    p.querySelector('.scoring__submit').dispatchEvent('tap');
    await flush();

    // Assess
    expect(prefilled).toEqual({ version: 'v4', from: '2030年8月 ▾' });
    expect(afterCancel).toBe(0);
    expect(sim.wx.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '发布评分规则 v4？', content: expect.stringContaining('自2030年8月起') }),
    );
    expect(sim.calls.find((c) => c.action === 'publishRules')?.payload).toEqual({
      rules: {
        ...V3,
        version: 'v4',
        effectiveFrom: '2030-08',
        deduction: { ...V3.deduction, minor: 2 },
        onTime: { ...V3.onTime, threshold: 0.85 },
      },
    });
    expect(ScoringRules.safeParse(sim.calls.find((c) => c.action === 'publishRules')?.payload.rules).success).toBe(true);
    expect(sim.wx.showToast).toHaveBeenCalledWith({ title: '已发布 v4', icon: 'success' });
    expect(sim.calls.filter((c) => c.action === 'rules')).toHaveLength(2);
    expect(one(p, 'scoring__form')).toBeNull();
  });

  it('marks what is wrong in the form and sends nothing', async () => {
    // Prepare
    const { sim, p } = await open(() => ok([V1, V2]));
    p.querySelector('.scoring__open-form').dispatchEvent('tap');
    await flush();
    p.instance.onVersion({ detail: { value: 'V 2!' } });
    p.instance.onFrom({ detail: { value: '2030-07' } });
    type(p, 'repeatMultiplier', '0.5');
    type(p, 'onTime.minTickets', '2.5');
    type(p, 'base', '');

    // Act
    p.querySelector('.scoring__submit').dispatchEvent('tap');
    await flush();

    // Assess
    expect(text(p, 'scoring__version-error')).toBe('只能用小写字母、数字和 . _ -，以字母或数字开头，最长 32 位');
    expect(text(p, 'scoring__from-error')).toBe('生效月份须晚于本月');
    expect(all(p, 'scoring__field-error').map((e) => e.textContent)).toEqual(['请填写数字', '应在 1–10 之间', '应为整数']);
    expect(text(p, 'scoring__server-error')).toBe('请先改正标出的项');
    expect(sim.wx.showModal).not.toHaveBeenCalled();
    expect(sim.calls.some((c) => c.action === 'publishRules')).toBe(false);
  });

  it('refuses a version name already taken before asking the server', async () => {
    const { sim, p } = await open(() => ok([V1, V2]));
    p.querySelector('.scoring__open-form').dispatchEvent('tap');
    await flush();
    p.instance.onVersion({ detail: { value: 'v2' } });
    p.querySelector('.scoring__submit').dispatchEvent('tap');
    await flush();
    expect(text(p, 'scoring__version-error')).toBe('该版本号已存在，请换一个');
    expect(sim.calls.some((c) => c.action === 'publishRules')).toBe(false);
  });

  it.each([
    [
      { code: 'SCORING.RULES_EXIST', message: 'rule version v3 exists; publish a new version' },
      '该版本号已存在，请换一个',
      'scoring__version-error',
      '该版本号已存在，请换一个',
    ],
    [
      {
        code: 'REQUEST.INVALID',
        message: 'invalid request',
        details: { issues: [{ path: 'rules.positive.max', message: 'Too big: expected number to be <=100' }] },
      },
      '填写的内容不符合要求，请检查标出的项',
      'scoring__field-error',
      '不符合要求：Too big: expected number to be <=100',
    ],
    [{ code: 'AUTH.FORBIDDEN', message: 'publishRules needs one of: admin' }, '没有权限进行此操作', null, null],
  ])('shows the server’s coded error %#', async (reply, summary, cls, at) => {
    // Prepare
    const { sim, p } = await open((_n, action) => (action === 'publishRules' ? reply : ok([V1, V2])));
    p.querySelector('.scoring__open-form').dispatchEvent('tap');
    await flush();
    confirm(sim, true);

    // Act
    p.querySelector('.scoring__submit').dispatchEvent('tap');
    await flush();

    // Assess
    expect(sim.calls.filter((c) => c.action === 'publishRules')).toHaveLength(1);
    expect(text(p, 'scoring__server-error')).toBe(summary);
    if (cls) expect(text(p, cls)).toBe(at);
    expect(one(p, 'scoring__form')).not.toBeNull();
  });

  it('shows a load error with a retry', async () => {
    // Prepare
    let fail = true;
    const { sim, p } = await open(() => (fail ? { code: 'CLIENT.NETWORK', message: 'x' } : ok([V1])));
    const shown = text(p, 'scoring__error');
    fail = false;

    // Act
    p.querySelector('.scoring__retry').dispatchEvent('tap');
    await flush();

    // Assess
    expect(shown).toBe('网络不太好，请稍后重试');
    expect(sim.calls).toHaveLength(2);
    expect(text(p, 'scoring__current-version')).toBe('v1');
  });
});

describe('the scoring form’s bounds', () => {
  // The page restates the schema's bounds (the mini-program ships no zod): they must agree with it.
  const view = () =>
    require('../../../miniprogram/packages/admin/scoring/rules.view') as typeof import('../../../miniprogram/packages/admin/scoring/rules.view');

  it('has the same defaults as the shared scoring rules', () => {
    expect(view().DEFAULT_RULES).toEqual(DEFAULT_SCORING_RULES);
  });

  const cases = view().FIELDS.flatMap((f) => {
    const scale = f.percent ? 100 : 1;
    return [f.min - 1, f.min, ...(f.max === undefined ? [1e9] : [f.max, f.max + 1]), ...(f.int ? [f.min + 0.5] : [])].map(
      (v) => [f.key, v / scale, v] as const,
    );
  });
  // Every optional part on, so each of its fields is checked too.
  const FULL = { ...DEFAULT_SCORING_RULES, patrols: DEFAULT_PATROL_SCORING, assets: DEFAULT_ASSET_SCORING };
  it.each(cases)('agrees with the schema on %s = %s', (key, value, typed) => {
    // Prepare
    const { formOf, readForm } = view();
    const rules = JSON.parse(JSON.stringify(FULL));
    const path = key.split('.');
    path.slice(0, -1).reduce((o: Record<string, unknown>, k) => o[k] as Record<string, unknown>, rules)[path[path.length - 1]] = value;
    const values = { ...formOf(FULL), [key]: String(typed) };

    // Act
    const read = readForm('v9', '2030-08', values, '2030-07', []);

    // Assess
    expect(read.rules !== null).toBe(ScoringRules.safeParse({ ...rules, version: 'v9', effectiveFrom: '2030-08' }).success);
  });

  it.each(['v2', 'v2.1-final', '2030a', 'V2', '-v2', 'v 2', 'a'.repeat(33)])('agrees with the schema on version %s', (version) => {
    const { formOf, readForm } = view();
    const read = readForm(version, '2030-08', formOf(DEFAULT_SCORING_RULES), '2030-07', []);
    expect(read.rules !== null).toBe(ScoringRules.safeParse({ ...DEFAULT_SCORING_RULES, version, effectiveFrom: '2030-08' }).success);
  });

  it('leaves an optional part out when all its fields are blank, and asks for every field of a part begun', () => {
    const { formOf, readForm, ruleLines } = view();
    // Prepare
    const blank = formOf(DEFAULT_SCORING_RULES);
    const full = formOf(FULL);
    const begun = { ...blank, 'patrols.missedSelfCheck': '1' };

    // Act
    const none = readForm('v9', '2030-08', blank, '2030-07', []);
    const all = readForm('v9', '2030-08', full, '2030-07', []);
    const partial = readForm('v9', '2030-08', begun, '2030-07', []);

    // Assess
    expect(none.rules).toEqual({ ...DEFAULT_SCORING_RULES, version: 'v9', effectiveFrom: '2030-08' });
    expect(all.rules).toEqual({ ...FULL, version: 'v9', effectiveFrom: '2030-08' });
    expect(ScoringRules.safeParse(all.rules).success).toBe(true);
    expect(partial.errors).toEqual({ 'patrols.missedPatrol': '请填写数字', 'patrols.max': '请填写数字' });
    expect(
      ruleLines(FULL)
        .slice(-4)
        .map((l) => l.label),
    ).toEqual(['巡查与自查', '资产在位', '资产损坏', '资产未核对']);
    expect(ruleLines(FULL)[10].text).toBe('每日自查未完成每次扣 0.5 分，计划巡查漏查每次扣 1 分，每月最多扣 10 分');
  });
});
