import { type Backend, type Call, flush, ok, setup, text } from '../helpers/sim';

const OPTIONS = {
  periods: [
    { period: '2030-03', runs: 2, recomputed: true },
    { period: '2030-02', runs: 1, recomputed: false },
  ],
  latest: '2030-03',
  campuses: [
    { _id: 'campus-east', name: '东校区' },
    { _id: 'campus-main', name: '主校区' },
  ],
  centres: [
    { _id: 'centre-dining', name: '饮食服务中心' },
    { _id: 'centre-property', name: '物业服务中心' },
  ],
  staffUnits: [] as Array<{ _id: string; name: string }>,
};

const SCORES = {
  period: '2030-03',
  previousPeriod: '2030-02',
  by: 'score',
  runId: 'run-2',
  ruleVersion: 'v1',
  recomputed: true,
  run: { runId: 'run-2', at: '2030-04-03T02:00:00.000Z', by: 'p-admin', reason: '工单误报已撤销', ruleVersion: 'v1' },
  total: 3,
  nextCursor: null,
  rows: [
    {
      rank: 1,
      unitId: 'u-dining',
      name: '饮食服务中心',
      total: 100,
      deductions: 0,
      bonuses: 0,
      problems: 0,
      previous: { rank: 2, value: 98, delta: 2 },
    },
    {
      rank: 2,
      unitId: 'u-clean',
      name: '保洁公司',
      total: 93,
      deductions: -7,
      bonuses: 0,
      problems: 2,
      previous: { rank: 1, value: 100, delta: -7 },
    },
    {
      rank: 3,
      unitId: 'u-green',
      name: '绿化公司',
      total: 92,
      deductions: -8,
      bonuses: 0,
      problems: 1,
      previous: { rank: null, value: null, delta: null },
    },
  ],
};

const SATISFACTION = {
  period: '2030-03',
  previousPeriod: '2030-02',
  by: 'satisfaction',
  prior: { mean: 3, weight: 10 },
  total: 2,
  nextCursor: null,
  rows: [
    { rank: 1, unitId: 'u-clean', name: '保洁公司', n: 300, mean: 4.8, adjusted: 4.7419, previous: { rank: 1, value: 4.7, delta: 0.0419 } },
    { rank: 2, unitId: 'u-green', name: '绿化公司', n: 3, mean: 5, adjusted: 3.4615, previous: { rank: 2, value: 3.2, delta: 0.2615 } },
  ],
};

const ZONES = {
  period: '2030-03',
  previousPeriod: '2030-02',
  prior: { mean: 3, weight: 10 },
  total: 1,
  nextCursor: null,
  rows: [
    {
      rank: 1,
      zoneId: 'z-1',
      name: '第一食堂',
      unitId: 'u-dining',
      unitName: '饮食服务中心',
      n: 40,
      mean: 4.5,
      adjusted: 4.2,
      previous: { rank: 3, value: 4, delta: 0.2 },
    },
  ],
};

const STAFF = {
  period: '2030-03',
  unitId: 'u-clean',
  total: 1,
  nextCursor: null,
  rows: [
    { rank: 1, personId: 'p-1', name: '张保洁', total: 98, points: -2, tickets: 1, previous: { rank: null, value: null, delta: null } },
  ],
};

type Answers = Partial<Record<string, unknown>>;
const backendOf =
  (answers: Answers = {}): Backend =>
  (_name, action, payload) => {
    if (action in answers)
      return typeof answers[action] === 'function' ? (answers[action] as Backend)(_name, action, payload) : answers[action];
    if (action === 'rankingOptions') return ok(OPTIONS);
    if (action === 'unitRanking') return ok(payload.by === 'score' ? SCORES : SATISFACTION);
    if (action === 'zoneRanking') return ok(ZONES);
    if (action === 'staffRanking') return ok(STAFF);
    return { code: 'REQUEST.UNKNOWN_ACTION', message: action };
  };

async function open(backend: Backend) {
  const sim = setup({ backend });
  const p = sim.render('packages/leader/ranking/index');
  p.instance.onLoad();
  await flush();
  return { sim, p };
}

const rankings = (calls: Call[]) => calls.filter((c) => c.action !== 'rankingOptions').map((c) => [c.action, c.payload]);
// biome-ignore lint/suspicious/noExplicitAny: simulate's component wrapper is untyped
type Comp = any;
/** Texts of every element matching `selector`, in order. */
const texts = (p: Comp, selector: string): string[] => p.querySelectorAll(selector).map((e: Comp) => (e.dom.textContent ?? '').trim());
/** Each row as [rank, name, value, trend mark, value change]. */
const rowTexts = (p: Comp): string[][] => {
  const cols = ['.rank-row__rank', '.rank-row__name', '.rank-row__num', '.rank-row__mark', '.rank-row__delta'].map((s) => texts(p, s));
  return cols[0].map((_v, i) => cols.map((c) => c[i]));
};
const listState = (p: Comp, selector: string) => text(p.querySelector('.list__state'), selector);

describe('ranking page', () => {
  it('opens on the last scored month’s score ranking with rank, score and trend marks', async () => {
    // Act
    const { sim, p } = await open(backendOf());

    // Assess
    expect(sim.calls.map((c) => c.action)).toEqual(['rankingOptions', 'unitRanking']);
    expect(rankings(sim.calls)).toEqual([['unitRanking', { period: '2030-03', limit: 20, by: 'score' }]]);
    expect(text(p, '.ranking__filter--period')).toBe('2030年3月 ▾');
    expect(rowTexts(p)).toEqual([
      ['1', '饮食服务中心', '100', '↑1', '+2分'],
      ['2', '保洁公司', '93', '↓1', '−7分'],
      ['3', '绿化公司', '92', '—', '上期无'],
    ]);
    expect(texts(p, '.rank-row__sub')[1]).toBe('扣 7 · 问题 2 件');
    expect(text(p, '.ranking__rule')).toContain('同分时问题少者在前');
    expect(text(p, '.ranking__meta')).toBe('趋势对比 2030年2月 · 规则 v1 · 已于 4月3日 10:00 重算：工单误报已撤销');
    expect(texts(p, '.ranking__tab')).toEqual(['按得分', '按满意度', '场所']);
  });

  it('ranks by adjusted satisfaction with the number of ratings and explains the small-sample formula', async () => {
    // Prepare
    const { sim, p } = await open(backendOf());

    // Act
    p.querySelectorAll('.ranking__tab')[1].dispatchEvent('tap');
    await flush();

    // Assess
    expect(rankings(sim.calls)[1]).toEqual(['unitRanking', { period: '2030-03', limit: 20, by: 'satisfaction' }]);
    expect(rowTexts(p)).toEqual([
      ['1', '保洁公司', '4.74', '—', '+0.04'],
      ['2', '绿化公司', '3.46', '—', '+0.26'],
    ]);
    expect(texts(p, '.rank-row__sub')[0]).toBe('均分 4.80 · 300 条评价');
    expect(text(p, '.ranking__rule')).toContain('（10×3 + 评分总和）÷（10 + 评价数）');
    expect(text(p, '.ranking__rule')).toContain('3 条 5 分排不过 300 条均分 4.8');
  });

  it('sends the month, campus and centre filters with each tab (no campus on scores)', async () => {
    // Prepare
    const { sim, p } = await open(backendOf());

    // Act
    p.instance.onPeriod({ detail: { value: '2030-02' } });
    await flush();
    p.instance.onCentre({ detail: { value: 2 } });
    await flush();
    p.instance.onCampus({ detail: { value: 1 } });
    await flush();
    p.querySelectorAll('.ranking__tab')[1].dispatchEvent('tap');
    await flush();
    p.querySelectorAll('.ranking__tab')[2].dispatchEvent('tap');
    await flush();

    // Assess
    expect(rankings(sim.calls)).toEqual([
      ['unitRanking', { period: '2030-03', limit: 20, by: 'score' }],
      ['unitRanking', { period: '2030-02', limit: 20, by: 'score' }],
      ['unitRanking', { period: '2030-02', limit: 20, centreId: 'centre-property', by: 'score' }],
      ['unitRanking', { period: '2030-02', limit: 20, centreId: 'centre-property', by: 'score' }],
      ['unitRanking', { period: '2030-02', limit: 20, centreId: 'centre-property', campusId: 'campus-east', by: 'satisfaction' }],
      ['zoneRanking', { period: '2030-02', limit: 20, centreId: 'centre-property', campusId: 'campus-east' }],
    ]);
    expect(texts(p, '.rank-row__sub')[0]).toBe('饮食服务中心 · 均分 4.50 · 40 条评价');
  });

  it('says the campus filter does not apply to scores', async () => {
    const { p } = await open(backendOf());

    p.instance.onCampus({ detail: { value: 2 } });
    await flush();

    expect(text(p, '.ranking__rule--warn')).toContain('得分按单位整体评定，不分校区');
    expect(p.querySelector('.ranking__filter--campus').dom.className).toContain('ranking__filter--off');
  });

  it('opens a unit’s score breakdown for the month shown; a zone opens its unit', async () => {
    // Prepare
    const { sim, p } = await open(backendOf());

    // Act
    p.querySelectorAll('.rank-row')[1].dispatchEvent('tap');
    p.querySelectorAll('.ranking__tab')[2].dispatchEvent('tap');
    await flush();
    p.querySelectorAll('.rank-row')[0].dispatchEvent('tap');
    await flush();

    // Assess
    expect(sim.wx.navigateTo).toHaveBeenNthCalledWith(1, { url: '/packages/leader/unit/index?unitId=u-clean&period=2030-03' });
    expect(sim.wx.navigateTo).toHaveBeenNthCalledWith(2, { url: '/packages/leader/unit/index?unitId=u-dining&period=2030-03' });
  });

  it('shows a manager the staff tab of their own units, and nobody else', async () => {
    // Prepare
    const units = [
      { _id: 'u-clean', name: '保洁公司' },
      { _id: 'u-green', name: '绿化公司' },
    ];
    const { sim, p } = await open(backendOf({ rankingOptions: ok({ ...OPTIONS, staffUnits: units }) }));

    // Act
    p.querySelectorAll('.ranking__tab')[3].dispatchEvent('tap');
    await flush();
    p.querySelectorAll('.ranking__unit')[1].dispatchEvent('tap');
    await flush();

    // Assess
    expect(p.querySelectorAll('.ranking__tab')).toHaveLength(4);
    expect(rankings(sim.calls).slice(1)).toEqual([
      ['staffRanking', { period: '2030-03', limit: 20, unitId: 'u-clean' }],
      ['staffRanking', { period: '2030-03', limit: 20, unitId: 'u-green' }],
    ]);
    expect(rowTexts(p)[0]).toEqual(['1', '张保洁', '98', '—', '上期无']);
    p.querySelectorAll('.rank-row')[0].dispatchEvent('tap');
    await flush();
    expect(sim.wx.navigateTo).not.toHaveBeenCalled();
  });

  it('appends the next 20 rows at the bottom of the list', async () => {
    // Prepare
    const first = { ...SCORES, total: 4, nextCursor: '3' };
    const second = { ...SCORES, total: 4, nextCursor: null, rows: [{ ...SCORES.rows[2], rank: 4, unitId: 'u-4', name: '第四单位' }] };
    const { sim, p } = await open(
      backendOf({ unitRanking: (_n: string, _a: string, pl: Record<string, unknown>) => ok(pl.cursor ? second : first) }),
    );

    // Act
    p.instance.onReachBottom();
    await flush();

    // Assess
    expect(rankings(sim.calls)[1]).toEqual(['unitRanking', { period: '2030-03', limit: 20, cursor: '3', by: 'score' }]);
    expect(rowTexts(p).map((r: string[]) => r[1])).toEqual(['饮食服务中心', '保洁公司', '绿化公司', '第四单位']);
    expect(listState(p, '.list-state__end')).toBe('— 没有更多了 —');
  });

  it('shows an empty state before any month has been scored', async () => {
    // Act
    const { p } = await open(
      backendOf({
        rankingOptions: ok({ ...OPTIONS, periods: [], latest: null }),
        unitRanking: { code: 'STATS.NOT_SCORED', message: 'not scored' },
      }),
    );

    // Assess
    expect(p.querySelectorAll('.rank-row')).toHaveLength(0);
    expect(listState(p, '.list-state__empty')).toContain('还没有评定过得分的月份');
  });

  it('says a chosen month is not scored yet, as an empty list rather than an error', async () => {
    const { p } = await open(
      backendOf({
        unitRanking: (_n: string, _a: string, pl: Record<string, unknown>) =>
          pl.period === '2030-04' ? { code: 'STATS.NOT_SCORED', message: 'x' } : ok(SCORES),
      }),
    );

    p.instance.onPeriod({ detail: { value: '2030-04' } });
    await flush();

    expect(listState(p, '.list-state__empty')).toContain('2030年4月的得分尚未评定');
    expect(listState(p, '.list-state__error')).toBe('');
  });

  it('shows an error with a retry that loads the page again', async () => {
    // Prepare: the first attempt fails
    let fail = true;
    const { sim, p } = await open(backendOf({ rankingOptions: () => (fail ? { code: 'SYSTEM.INTERNAL', message: 'x' } : ok(OPTIONS)) }));
    expect(listState(p, '.list-state__error')).toContain('服务开小差了');

    // Act
    fail = false;
    p.querySelector('.list__state').querySelector('.list-state__retry').dispatchEvent('tap');
    await flush();

    // Assess
    expect(sim.calls.map((c) => c.action)).toEqual(['rankingOptions', 'rankingOptions', 'unitRanking']);
    expect(rowTexts(p)).toHaveLength(3);
  });

  it('reloads on pull to refresh and stops the spinner', async () => {
    const { sim, p } = await open(backendOf());

    p.instance.onPullDownRefresh();
    await flush();

    expect(rankings(sim.calls)).toHaveLength(2);
    expect(sim.wx.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('shows a failed ranking as an error with a retry', async () => {
    const { p } = await open(backendOf({ unitRanking: { code: 'AUTH.FORBIDDEN', message: 'x' } }));

    expect(listState(p, '.list-state__error')).toContain('没有权限');
  });
});
