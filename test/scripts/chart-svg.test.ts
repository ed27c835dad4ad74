import { JSDOM } from 'jsdom';
import { chartSvg } from '../../scripts/shots/chart-svg';

/** The screenshots draw the mini-program's charts as SVG through the same `drawChart` the canvas uses. */
describe('charts in screenshots', () => {
  const parse = (svg: string) => new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document;

  it('draws a trend chart: a bar per month with data, every month label, the line and its scale', () => {
    const svg = chartSvg(
      {
        kind: 'trend',
        labels: ['6月', '7月', '8月'],
        bars: [0, 4, 6],
        line: [null, 0.5, 1],
        barLabel: '发现问题（个）',
        lineLabel: '按时整改率',
        lineTop: '100%',
        lineBottom: '0%',
      },
      327,
    );
    const doc = parse(svg);
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['6月', '7月', '8月', '发现问题（个）', '按时整改率', '100%', '0%']));
    // Bars of 4 and 6 (a month with 0 draws none), taller for the larger value.
    const bars = [...doc.querySelectorAll('rect')].filter(
      (r) => r.getAttribute('fill') === '#9ec5fe' && Number(r.getAttribute('height')) > 0,
    );
    const heights = bars.map((r) => Number(r.getAttribute('height'))).filter((h) => h > 5);
    expect(heights.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...heights)).toBeGreaterThan(Math.min(...heights));
    // The line is stroked in the line colour.
    expect([...doc.querySelectorAll('path')].some((p) => p.getAttribute('stroke') === '#1f6feb')).toBe(true);
  });

  it('draws units as named bars', () => {
    const doc = parse(chartSvg({ kind: 'units', rows: [{ name: '第一食堂', overdue: 2, open: 5 }] }, 327));
    expect([...doc.querySelectorAll('text')].map((t) => t.textContent)).toContain('第一食堂');
    expect(doc.querySelectorAll('rect').length).toBeGreaterThan(0);
  });
});
