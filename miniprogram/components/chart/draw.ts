/**
 * The overview's charts, drawn on a canvas 2D context: a trend (bars per month with a rate line over them) and
 * bars per unit (overdue and the rest of the open problems, stacked). Pure functions of a context and data, so a
 * test can record what they draw.
 */

/** The part of `CanvasRenderingContext2D` the charts use. */
export interface Ctx2D {
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  font: string;
  textAlign: string;
  textBaseline: string;
  clearRect(x: number, y: number, w: number, h: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  stroke(): void;
  fill(): void;
}

export interface TrendChart {
  kind: 'trend';
  /** Month labels, oldest first (`7月`). */
  labels: string[];
  /** Bars: problems found per month. */
  bars: number[];
  /** The line over them, 0–1 (on-time rate), null where there is nothing to rate. */
  line: Array<number | null>;
  barLabel: string;
  lineLabel: string;
  /** The line's scale, printed at the right: its top and its bottom (`100%`, `0%`). */
  lineTop: string;
  lineBottom: string;
}

export interface UnitBarsChart {
  kind: 'units';
  rows: Array<{ name: string; overdue: number; open: number }>;
}

export type ChartData = TrendChart | UnitBarsChart;

const COLORS = { bar: '#9ec5fe', line: '#1f6feb', text: '#57606a', axis: '#d0d7de', overdue: '#cf222e', open: '#f0b429' };
const FONT = '11px sans-serif';

/** The bars' scale: a round maximum at or above the largest value (1, 2, 5 × 10ⁿ). */
export function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((m) => m >= v) as number;
}

function drawTrend(ctx: Ctx2D, w: number, h: number, c: TrendChart): void {
  const left = 28;
  const right = 32;
  const top = 18;
  const bottom = 22;
  const plotW = w - left - right;
  const plotH = h - top - bottom;
  const n = Math.max(1, c.labels.length);
  const slot = plotW / n;
  const max = niceMax(Math.max(0, ...c.bars));
  ctx.font = FONT;
  // Axes: a base line, the bars' scale on the left and the rate's on the right.
  ctx.strokeStyle = COLORS.axis;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(left, top + plotH);
  ctx.lineTo(left + plotW, top + plotH);
  ctx.stroke();
  const hasBars = c.bars.length > 0;
  ctx.fillStyle = COLORS.text;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  if (hasBars) {
    ctx.fillText(String(max), left - 4, top);
    ctx.fillText('0', left - 4, top + plotH);
  }
  ctx.textAlign = 'left';
  ctx.fillText(c.lineTop, left + plotW + 4, top);
  ctx.fillText(c.lineBottom, left + plotW + 4, top + plotH);
  // Bars with their values; month labels under every slot.
  c.labels.forEach((label, i) => {
    const cx = left + slot * i + slot / 2;
    const v = c.bars[i];
    if (v !== undefined) {
      const bw = slot * 0.5;
      const bh = (v / max) * plotH;
      ctx.fillStyle = COLORS.bar;
      ctx.fillRect(cx - bw / 2, top + plotH - bh, bw, bh);
      ctx.fillStyle = COLORS.text;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'bottom';
      if (v > 0) ctx.fillText(String(v), cx, top + plotH - bh - 2);
    }
    ctx.fillStyle = COLORS.text;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(label, cx, top + plotH + 6);
  });
  // The rate line, broken where a month has no rate, with a dot on each point.
  const pointOf = (v: number, i: number): [number, number] => [
    left + slot * i + slot / 2,
    top + plotH - Math.max(0, Math.min(1, v)) * plotH,
  ];
  ctx.strokeStyle = COLORS.line;
  ctx.lineWidth = 2;
  let drawing = false;
  ctx.beginPath();
  c.line.forEach((v, i) => {
    if (v === null) {
      drawing = false;
      return;
    }
    const [x, y] = pointOf(v, i);
    if (drawing) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
    drawing = true;
  });
  ctx.stroke();
  ctx.fillStyle = COLORS.line;
  c.line.forEach((v, i) => {
    if (v === null) return;
    const [x, y] = pointOf(v, i);
    ctx.beginPath();
    ctx.arc(x, y, 3, 0, Math.PI * 2);
    ctx.fill();
  });
  // Legend.
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  if (hasBars) {
    ctx.fillStyle = COLORS.bar;
    ctx.fillRect(left, 4, 10, 8);
    ctx.fillStyle = COLORS.text;
    ctx.fillText(c.barLabel, left + 14, 8);
  }
  const lx = hasBars ? left + plotW / 2 : left;
  ctx.fillStyle = COLORS.line;
  ctx.fillRect(lx, 7, 12, 2);
  ctx.fillStyle = COLORS.text;
  ctx.fillText(c.lineLabel, lx + 16, 8);
}

/** Height of one unit's row in the bars chart, in pixels. */
export const UNIT_ROW = 26;

function drawUnits(ctx: Ctx2D, w: number, _h: number, c: UnitBarsChart): void {
  const labelW = Math.min(110, w * 0.34);
  const valueW = 44;
  const plotW = w - labelW - valueW;
  const max = niceMax(Math.max(0, ...c.rows.map((r) => r.open)));
  ctx.font = FONT;
  c.rows.forEach((r, i) => {
    const y = i * UNIT_ROW + 6;
    ctx.fillStyle = COLORS.text;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(r.name.length > 8 ? `${r.name.slice(0, 8)}…` : r.name, 0, y + 7);
    const total = (r.open / max) * plotW;
    const late = (Math.min(r.overdue, r.open) / max) * plotW;
    ctx.fillStyle = COLORS.open;
    ctx.fillRect(labelW + late, y, Math.max(0, total - late), 14);
    ctx.fillStyle = COLORS.overdue;
    ctx.fillRect(labelW, y, late, 14);
    ctx.fillStyle = COLORS.text;
    ctx.textAlign = 'right';
    ctx.fillText(r.overdue > 0 ? `${r.open}/${r.overdue}` : String(r.open), w, y + 7);
  });
}

/** Draws `data` on a `w` × `h` (CSS pixels) context, clearing it first. */
export function drawChart(ctx: Ctx2D, w: number, h: number, data: ChartData): void {
  ctx.clearRect(0, 0, w, h);
  if (data.kind === 'trend') drawTrend(ctx, w, h, data);
  else drawUnits(ctx, w, h, data);
}

/** The height a chart needs at width `w`. */
export const chartHeight = (data: ChartData): number => (data.kind === 'trend' ? 180 : Math.max(1, data.rows.length) * UNIT_ROW + 6);
