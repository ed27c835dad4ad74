/**
 * Coverage for leaders and the office (巡查范围全覆盖 / 时间全方位对应): the share of (zone, weekday, service
 * interval) cells a proven visit covered, per level, together and in both; on-time compliance; a zone × hour
 * heat map (grey where the zone is closed); blind spots (cells never covered, zones without a visit in N days);
 * and the missed / excused register. All from the rollups, one request per screen.
 */
import type { CoverageReply, OccurrenceView, ZoneCoverageView } from '../../../../shared/contract/patrols.contract';
import { OCC_STATE_LABELS, patrolMessage, patrols, shanghaiDay, WEEKDAY_LABELS } from '../patrol.view';

type HeatRow = { zoneId: string; name: string; rate: string; cells: string[] };

const pct = (r: number | null): string => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
const shade = (z: ZoneCoverageView, h: number): string => {
  if (!z.open[h]) return 'x';
  const n = z.hours[h];
  return n === 0 ? 'h0' : n === 1 ? 'h1' : n <= 3 ? 'h2' : 'h3';
};
const heatRow = (z: ZoneCoverageView): HeatRow => ({
  zoneId: z.zoneId,
  name: z.name,
  rate: z.cells > 0 ? `${z.together}/${z.cells}` : '无服务时间',
  cells: Array.from({ length: 24 }, (_, h) => shade(z, h)),
});
const summaryOf = (r: CoverageReply) => [
  { key: 'together', label: '两级合计覆盖', value: pct(r.together.rate) },
  { key: 'office', label: '总务部覆盖', value: pct(r.office.rate) },
  { key: 'centre', label: '中心覆盖', value: pct(r.centre.rate) },
  { key: 'overlap', label: '两级重叠', value: pct(r.overlap.rate) },
  { key: 'volunteer', label: '志愿者覆盖', value: pct(r.volunteer.rate) },
  { key: 'compliance', label: '计划按时率', value: pct(r.compliance.all.rate) },
];

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    from: '',
    to: '',
    staleDays: 14,
    cells: 0,
    summary: [] as Array<{ key: string; label: string; value: string }>,
    compliance: '',
    rows: [] as HeatRow[],
    zoneCount: 0,
    nextOffset: null as number | null,
    loadingMore: false,
    blind: [] as Array<{ key: string; text: string }>,
    blindCount: 0,
    stale: [] as Array<{ zoneId: string; text: string }>,
    staleCount: 0,
    register: [] as Array<{ id: string; text: string; stateLabel: string; tone: string; reason: string }>,
    terms: [] as Array<{ id: string; name: string; from: string; to: string }>,
    termId: '' as string,
    hours: Array.from({ length: 24 }, (_, h) => (h % 6 === 0 ? String(h) : '')),
  },
  methods: {
    onLoad() {
      const now = Date.now();
      this.setData({ from: shanghaiDay(now, -27), to: shanghaiDay(now) });
      void this.load();
    },
    async load() {
      const { from, to, staleDays } = this.data;
      const [r, reg] = await Promise.all([patrols('coverage', { from, to, staleDays }), patrols('register', { from, to })]);
      if (r.code !== 0) {
        this.setData({ status: 'error', errorText: patrolMessage(r) });
        return;
      }
      const c = r.data.compliance.all;
      this.setData({
        status: 'ready',
        cells: r.data.cells,
        summary: summaryOf(r.data),
        compliance: `应巡 ${c.s} 次：按时 ${c.on}，逾期 ${c.late}，漏巡 ${c.miss}，豁免 ${c.exc}`,
        rows: r.data.zones.map(heatRow),
        zoneCount: r.data.zoneCount,
        nextOffset: r.data.nextOffset,
        blind: r.data.blindCells.slice(0, 30).map((b) => ({
          key: `${b.zoneId}-${b.weekday}-${b.open}`,
          text: `${b.name} · ${WEEKDAY_LABELS[b.weekday]} ${b.open}–${b.close}`,
        })),
        blindCount: r.data.blindCellCount,
        stale: r.data.staleZones.slice(0, 30).map((s) => ({ zoneId: s.zoneId, text: `${s.name} · ${s.lastVisit ? `最近一次 ${s.lastVisit}` : '从未巡查'}` })),
        staleCount: r.data.staleZoneCount,
        register: reg.code === 0 ? reg.data.items.slice(0, 30).map(registerRow) : [],
        terms: r.data.terms,
        termId: r.data.fromTerm ?? '',
      });
    },
    onRetry() {
      this.setData({ status: 'loading' });
      void this.load();
    },
    onFrom(e: WechatMiniprogram.PickerChange) {
      this.setData({ from: String(e.detail.value), status: 'loading' });
      void this.load();
    },
    onTo(e: WechatMiniprogram.PickerChange) {
      this.setData({ to: String(e.detail.value), status: 'loading' });
      void this.load();
    },
    /** A configured term (学期) as the period: its map is read from one document per unit. */
    onTerm(e: WechatMiniprogram.TouchEvent) {
      const t = this.data.terms[Number(e.currentTarget.dataset.index)];
      if (!t) return;
      this.setData({ from: t.from, to: t.to, status: 'loading' });
      void this.load();
    },
    /** The next page of heat-map rows, appended by path (never re-sending the rows already shown). */
    async onMore() {
      const offset = this.data.nextOffset;
      if (offset === null || this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      const { from, to, staleDays } = this.data;
      const r = await patrols('coverage', { from, to, staleDays, offset });
      if (r.code !== 0) {
        this.setData({ loadingMore: false });
        wx.showToast({ title: patrolMessage(r), icon: 'none' });
        return;
      }
      const patch: Record<string, unknown> = { loadingMore: false, nextOffset: r.data.nextOffset };
      r.data.zones.forEach((z, i) => {
        patch[`rows[${this.data.rows.length + i}]`] = heatRow(z);
      });
      this.setData(patch);
    },
  },
});

function registerRow(o: OccurrenceView) {
  const [stateLabel, tone] = OCC_STATE_LABELS[o.state] ?? [o.state, 'muted'];
  return {
    id: o._id,
    text: `${o.date} ${o.zoneName} · ${o.kind === 'selfCheck' ? '每日自查' : o.planName}`,
    stateLabel,
    tone,
    reason: o.excuse?.reason ?? '',
  };
}
