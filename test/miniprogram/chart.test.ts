import { type Ctx2D, chartHeight, drawChart, niceMax, UNIT_ROW } from '../../miniprogram/components/chart/draw';

/** A 2D context that records what is drawn. */
function recorder() {
  const calls: Array<[string, ...unknown[]]> = [];
  const state = { fillStyle: '', strokeStyle: '', lineWidth: 1, font: '', textAlign: '', textBaseline: '' };
  const rec =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push([name, ...args, name === 'fillRect' || name === 'fillText' ? state.fillStyle : undefined]);
    };
  const ctx = Object.assign(state, {
    clearRect: rec('clearRect'),
    fillRect: rec('fillRect'),
    fillText: rec('fillText'),
    beginPath: rec('beginPath'),
    moveTo: rec('moveTo'),
    lineTo: rec('lineTo'),
    arc: rec('arc'),
    stroke: rec('stroke'),
    fill: rec('fill'),
  }) as Ctx2D;
  return { ctx, calls, texts: () => calls.filter((c) => c[0] === 'fillText').map((c) => c[1]) };
}

describe('the overview charts', () => {
  it.each([
    [0, 1],
    [3, 5],
    [7, 10],
    [12, 20],
    [480, 500],
  ])('scales bars up to %s to a round %s', (v, max) => {
    expect(niceMax(v)).toBe(max);
  });

  it('draws a bar per month with its value, and breaks the rate line where a month has no rate', () => {
    // Arrange
    const { ctx, calls, texts } = recorder();

    // Act
    drawChart(ctx, 300, 180, {
      kind: 'trend',
      labels: ['5月', '6月', '7月'],
      bars: [4, 0, 10],
      line: [0.5, null, 1],
      barLabel: '发现问题（个）',
      lineLabel: '按时整改率',
      lineTop: '100%',
      lineBottom: '0%',
    });

    // Assess
    const bars = calls.filter((c) => c[0] === 'fillRect' && c[5] === '#9ec5fe');
    expect(bars.map((b) => Math.round(b[4] as number))).toEqual([56, 0, 140, 8]); // 4/10 and 10/10 of 140 px; the legend's swatch
    expect(texts()).toEqual(
      expect.arrayContaining(['4', '10', '5月', '6月', '7月', '10', '0', '100%', '0%', '发现问题（个）', '按时整改率']),
    );
    // Two separate runs of the line: a moveTo for each, no lineTo across the gap.
    expect(calls.filter((c) => c[0] === 'moveTo')).toHaveLength(3); // the axis, then one per run
    expect(calls.filter((c) => c[0] === 'lineTo')).toHaveLength(1); // the axis only
    expect(calls.filter((c) => c[0] === 'arc')).toHaveLength(2);
  });

  it('stacks each unit’s overdue problems before the rest of its open ones', () => {
    const { ctx, calls, texts } = recorder();
    const data = {
      kind: 'units' as const,
      rows: [
        { name: '饮食服务中心第一食堂', open: 10, overdue: 4 },
        { name: '保洁', open: 5, overdue: 0 },
      ],
    };

    drawChart(ctx, 300, chartHeight(data), data);

    expect(chartHeight(data)).toBe(2 * UNIT_ROW + 6);
    const red = calls.filter((c) => c[0] === 'fillRect' && c[5] === '#cf222e').map((c) => Math.round(c[3] as number));
    const amber = calls.filter((c) => c[0] === 'fillRect' && c[5] === '#f0b429').map((c) => Math.round(c[3] as number));
    expect(red).toEqual([62, 0]); // 4/10 of the 154 px plot (300 − a 102 px label − 44 px for the value)
    expect(amber).toEqual([92, 77]);
    expect(texts()).toEqual(['饮食服务中心第一…', '10/4', '保洁', '5']);
  });
});
