/**
 * A chart on a canvas 2D node: `data` is a `ChartData` (draw.ts); the canvas is sized to it and redrawn when it
 * changes, at the device's pixel ratio so lines stay sharp.
 */
import { type ChartData, type Ctx2D, chartHeight, drawChart } from './draw';

Component({
  externalClasses: ['ext-class'],
  properties: {
    data: { type: Object, value: {} },
    /** What the chart shows, read out by screen readers. */
    label: { type: String, value: '' },
  },
  data: { height: 0 },
  observers: {
    data(d: ChartData) {
      if (!d || !('kind' in d)) return;
      this.setData({ height: chartHeight(d) }, () => this.draw());
    },
  },
  lifetimes: {
    ready() {
      this.draw();
    },
  },
  methods: {
    draw() {
      const d = this.data.data as ChartData;
      if (!d || !('kind' in d)) return;
      this.createSelectorQuery()
        .select('.chart__canvas')
        .fields({ node: true, size: true })
        .exec(
          (
            res: Array<{ node?: { width: number; height: number; getContext(t: '2d'): unknown }; width: number; height: number } | null>,
          ) => {
            const hit = res?.[0];
            if (!hit?.node) return;
            const dpr = wx.getWindowInfo ? wx.getWindowInfo().pixelRatio : 2;
            hit.node.width = hit.width * dpr;
            hit.node.height = hit.height * dpr;
            const ctx = hit.node.getContext('2d') as Ctx2D & { scale(x: number, y: number): void };
            ctx.scale(dpr, dpr);
            drawChart(ctx, hit.width, hit.height, d);
          },
        );
    },
  },
});
