/**
 * The mini-program's charts for screenshots. In WeChat `components/chart` draws on a canvas 2D node; the
 * screenshot renderer has no canvas, so it draws the same `ChartData` with the same `drawChart` onto this
 * recording context, which writes SVG: what the leader sees on the phone, not a blank box.
 */
import { type ChartData, type Ctx2D, chartHeight, drawChart } from '../../miniprogram/components/chart/draw';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => Number(v.toFixed(2));

/** A Ctx2D that records what is drawn as SVG elements. */
class SvgContext implements Ctx2D {
  fillStyle = '#000';
  strokeStyle = '#000';
  lineWidth = 1;
  font = '10px sans-serif';
  textAlign = 'start';
  textBaseline = 'alphabetic';
  readonly parts: string[] = [];
  private path: string[] = [];

  clearRect(): void {}
  fillRect(x: number, y: number, w: number, h: number): void {
    this.parts.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${esc(this.fillStyle)}"/>`);
  }
  fillText(text: string, x: number, y: number): void {
    const anchor = this.textAlign === 'center' ? 'middle' : this.textAlign === 'right' || this.textAlign === 'end' ? 'end' : 'start';
    const baseline =
      this.textBaseline === 'middle'
        ? 'central'
        : this.textBaseline === 'top'
          ? 'hanging'
          : this.textBaseline === 'bottom'
            ? 'text-after-edge'
            : 'auto';
    this.parts.push(
      `<text x="${n(x)}" y="${n(y)}" text-anchor="${anchor}" dominant-baseline="${baseline}" fill="${esc(this.fillStyle)}" style="font: ${esc(this.font)}">${esc(text)}</text>`,
    );
  }
  beginPath(): void {
    this.path = [];
  }
  moveTo(x: number, y: number): void {
    this.path.push(`M${n(x)} ${n(y)}`);
  }
  lineTo(x: number, y: number): void {
    this.path.push(`L${n(x)} ${n(y)}`);
  }
  arc(x: number, y: number, r: number, start: number, end: number): void {
    const sweep = end - start;
    const at = (a: number) => `${n(x + r * Math.cos(a))} ${n(y + r * Math.sin(a))}`;
    this.path.push(`${this.path.length ? 'L' : 'M'}${at(start)}`);
    if (Math.abs(sweep) >= 2 * Math.PI - 1e-6) {
      // A whole circle: two half arcs (one SVG arc cannot end where it starts).
      this.path.push(`A${n(r)} ${n(r)} 0 1 1 ${at(start + Math.PI)}`, `A${n(r)} ${n(r)} 0 1 1 ${at(start)}`);
    } else {
      this.path.push(`A${n(r)} ${n(r)} 0 ${Math.abs(sweep) > Math.PI ? 1 : 0} ${sweep > 0 ? 1 : 0} ${at(end)}`);
    }
  }
  stroke(): void {
    if (this.path.length)
      this.parts.push(`<path d="${this.path.join(' ')}" fill="none" stroke="${esc(this.strokeStyle)}" stroke-width="${this.lineWidth}"/>`);
  }
  fill(): void {
    if (this.path.length) this.parts.push(`<path d="${this.path.join(' ')}" fill="${esc(this.fillStyle)}"/>`);
  }
}

/** The chart as an SVG document fragment `width` px wide (it scales to its box). */
export function chartSvg(data: ChartData, width: number): string {
  const height = chartHeight(data);
  const ctx = new SvgContext();
  drawChart(ctx, width, height, data);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" height="${height}">${ctx.parts.join('')}</svg>`;
}

/** Whether a value is a chart's data (what `components/chart` takes). */
export const isChartData = (v: unknown): v is ChartData => !!v && typeof v === 'object' && 'kind' in v;
