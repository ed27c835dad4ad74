import { DEFAULT_SCORING_RULES } from '../../../shared/scoring';
import { type Backend, flush, ok, setup, text } from '../helpers/sim';

const RUNS = [
  {
    runId: 'run-1',
    at: '2030-04-01T19:00:00.000Z',
    by: 'system',
    byName: null,
    reason: 'monthly freeze',
    ruleVersion: 'v1',
    current: false,
  },
  {
    runId: 'run-2',
    at: '2030-04-03T02:30:00.000Z',
    by: 'p-admin',
    byName: '郑管理',
    reason: '工单B误报已撤销',
    ruleVersion: 'v1',
    current: true,
  },
];

const ticket = (i: number, points: number | null, detail: Record<string, unknown> = {}) => ({
  ticketId: `t-${i}`,
  no: `XC-20300310-000${i}`,
  categoryCode: i === 2 ? 'attitude' : 'hygiene',
  categoryName: i === 2 ? '服务态度' : '环境卫生',
  severity: 'minor',
  kind: 'problem',
  state: 'closed',
  points,
  place: i === 2 ? '第一食堂 · 3号窗口' : '第一教学楼 · 二层',
  text: i === 2 ? '打饭时态度恶劣' : '走廊有垃圾',
  day: `2030-03-1${i}`,
  detail,
});

const SCORE = {
  period: '2030-03',
  unitId: 'u-clean',
  unitName: '保洁公司',
  runId: 'run-2',
  current: true,
  run: RUNS[1],
  runs: RUNS,
  rank: 2,
  of: 3,
  ruleVersion: 'v1',
  rules: DEFAULT_SCORING_RULES,
  base: 100,
  deductions: -7,
  bonuses: 0,
  total: 93,
  counts: { problems: 2, repeats: 0, overdue: 1, notRectified: 0, positives: 0, ratings: 1 },
  onTime: { onTime: 1, eligible: 2, rate: 0.5 },
  satisfaction: { n: 1, mean: 5, adjusted: 3.1818, prior: { mean: 3, weight: 10 } },
  groups: [
    { kind: 'problem', count: 2, points: -2, detail: null, items: [ticket(1, -1, { no: 'x', severity: 'minor' }), ticket(2, -1)] },
    { kind: 'overdue', count: 1, points: -5, detail: null, items: [ticket(2, -5, { hours: 12 })] },
  ],
  previousPeriod: '2030-02',
  previous: { period: '2030-02', total: 100, rank: 2, of: 3 },
};

async function open(backend: Backend, query: Record<string, string> = { unitId: 'u-clean', period: '2030-03' }) {
  const sim = setup({ backend });
  const p = sim.render('packages/leader/unit/index');
  p.instance.onLoad(query);
  await flush();
  return { sim, p };
}

// biome-ignore lint/suspicious/noExplicitAny: simulate's component wrapper is untyped
type Comp = any;
const texts = (p: Comp, selector: string): string[] => p.querySelectorAll(selector).map((e: Comp) => (e.dom.textContent ?? '').trim());
const listState = (p: Comp, selector: string) => text(p.querySelector('.list__state'), selector);

describe('unit score page', () => {
  it('shows the score, its formula and every deduction with the tickets behind it', async () => {
    // Act
    const { sim, p } = await open(() => ok(SCORE));

    // Assess
    expect(sim.calls).toEqual([{ name: 'scoring', action: 'unitScore', payload: { period: '2030-03', unitId: 'u-clean' } }]);
    expect(text(p, '.unit__name')).toBe('保洁公司');
    expect(text(p, '.unit__period')).toBe('2030年3月 · 第 2 名 / 共 3 个单位');
    expect(text(p, '.unit__total')).toBe('93');
    expect(text(p, '.unit__formula')).toBe('基础分 100 − 扣分 7 + 加分 0 = 93');
    expect(texts(p, '.unit__group-title').map((t) => t.replace(/\s+/g, ''))).toEqual(['问题扣分2件', '超时整改扣分1件']);
    expect(texts(p, '.unit__group-count')).toEqual(['2 件', '1 件']);
    expect(texts(p, '.unit__group-points')).toEqual(['−2', '−5']);
    expect(texts(p, '.unit__rule')[0]).toBe('每件按严重程度扣分：一般 1、较重 3、严重 5 分');
    expect(texts(p, '.unit__ticket-no')).toEqual(['XC-20300310-0001', 'XC-20300310-0002', 'XC-20300310-0002']);
    expect(texts(p, '.unit__ticket-facts')).toEqual(['环境卫生 · 一般', '服务态度 · 一般', '服务态度 · 一般 · 超时 12 小时']);
    expect(texts(p, '.unit__ticket-where')).toEqual([
      '3月11日 · 第一教学楼 · 二层',
      '3月12日 · 第一食堂 · 3号窗口',
      '3月12日 · 第一食堂 · 3号窗口',
    ]);
    expect(texts(p, '.unit__ticket-text')).toEqual(['走廊有垃圾', '打饭时态度恶劣', '打饭时态度恶劣']);
    expect(texts(p, '.unit__ticket-points')).toEqual(['−1', '−1', '−5']);
  });

  it('shows the satisfaction figures with the adjustment formula', async () => {
    const { p } = await open(() => ok(SCORE));

    expect(texts(p, '.unit__sat-num')).toEqual(['1', '5.00', '3.18']);
    expect(text(p, '.unit__sat')).toContain('调整后 =（10×3 + 评分总和）÷（10 + 1）');
    expect(text(p, '.unit__sat')).toContain('未达到满意度加分条件（至少 20 条且均分 ≥ 4.5）');
    expect(text(p, '.unit__sat')).toContain('按时整改率 50%（1/2 件）');
  });

  it('opens a ticket behind a line', async () => {
    const { sim, p } = await open(() => ok(SCORE));

    p.querySelectorAll('.unit__ticket')[2].dispatchEvent('tap');
    await flush();

    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/ticket/index?id=t-2' });
  });

  it('links to the previous month’s score of the same unit', async () => {
    const { sim, p } = await open(() => ok(SCORE));

    expect(text(p, '.unit__previous')).toBe('上期 2030年2月：100 分 · 第 2/3 名−7 分 ›');
    p.querySelector('.unit__previous').dispatchEvent('tap');
    await flush();

    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url: '/packages/leader/unit/index?unitId=u-clean&period=2030-02' });
  });

  it('says who recomputed the month and why, and opens the earlier result', async () => {
    // Prepare
    const { sim, p } = await open(() => ok(SCORE));

    // Act
    p.querySelector('.unit__banner-link').dispatchEvent('tap');
    await flush();

    // Assess
    expect(text(p, '.unit__banner-text')).toBe(
      '本月结果已重算 1 次。最近一次：4月3日 10:30 郑管理重算：工单B误报已撤销。重算前的结果保留可查。',
    );
    expect(texts(p, '.unit__run-text')).toEqual(['4月2日 03:00 系统月度评定', '4月3日 10:30 郑管理重算：工单B误报已撤销']);
    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url: '/packages/leader/unit/index?unitId=u-clean&period=2030-03&runId=run-1' });
  });

  it('shows an earlier run as superseded, with a way back to the result in force', async () => {
    // Prepare
    const earlier = { ...SCORE, runId: 'run-1', current: false, run: RUNS[0], total: 92 };

    // Act
    const { sim, p } = await open(() => ok(earlier), { unitId: 'u-clean', period: '2030-03', runId: 'run-1' });
    p.querySelectorAll('.unit__run')[1].dispatchEvent('tap');
    await flush();

    // Assess
    expect(sim.calls[0].payload).toEqual({ period: '2030-03', unitId: 'u-clean', runId: 'run-1' });
    expect(text(p, '.unit__banner-text')).toContain('这是 4月2日 03:00 评定的原结果，已被 4月3日 10:30 郑管理重算：工单B误报已撤销 取代');
    expect(sim.wx.navigateTo).toHaveBeenCalledWith({ url: '/packages/leader/unit/index?unitId=u-clean&period=2030-03' });
  });

  it('shows a few tickets per line and the rest on demand, appended by path', async () => {
    // Prepare: 27 problems
    const items = Array.from({ length: 27 }, (_v, i) => ({ ...ticket(i + 1, -1), no: `XC-20300310-${String(i + 1).padStart(4, '0')}` }));
    const many = { ...SCORE, groups: [{ kind: 'problem', count: 27, points: -27, detail: null, items }] };
    const { sim, p } = await open(() => ok(many));
    expect(texts(p, '.unit__ticket-no')).toHaveLength(5);

    // Act
    sim.setDataSizes.length = 0;
    p.querySelector('.unit__more').dispatchEvent('tap');
    await flush();

    // Assess
    expect(texts(p, '.unit__ticket-no')).toHaveLength(20);
    expect(text(p, '.unit__more')).toBe('再显示 7 件（还有 7 件）');
    expect(Math.max(...sim.setDataSizes)).toBeLessThan(4000);
  });

  it('says a month is not scored yet', async () => {
    const { p } = await open(() => ({ code: 'SCORING.NOT_SCORED', message: 'x' }), { unitId: 'u-clean', period: '2030-04' });

    expect(listState(p, '.list-state__empty')).toContain('2030年4月的得分尚未评定');
    expect(p.querySelector('.unit__head')).toBeFalsy();
  });

  it('shows a refusal as an error and retries', async () => {
    // Prepare
    let reply: unknown = { code: 'SCORING.OUT_OF_SCOPE', message: 'x' };
    const { sim, p } = await open(() => reply);
    expect(listState(p, '.list-state__error')).toContain('只能查看本人负责单位的得分');

    // Act
    reply = ok(SCORE);
    p.querySelector('.list__state').querySelector('.list-state__retry').dispatchEvent('tap');
    await flush();

    // Assess
    expect(sim.calls).toHaveLength(2);
    expect(text(p, '.unit__total')).toBe('93');
  });

  it('reloads on pull to refresh', async () => {
    const { sim, p } = await open(() => ok(SCORE));

    p.instance.onPullDownRefresh();
    await flush();

    expect(sim.calls).toHaveLength(2);
    expect(sim.wx.stopPullDownRefresh).toHaveBeenCalled();
  });
});
