/**
 * Rankings for leaders and managers: units by frozen monthly score or by adjusted satisfaction, zones by
 * satisfaction, and (for a unit's manager) its staff; each row with its trend against the previous period.
 * Filters: month, campus, centre. A unit opens its score breakdown (packages/leader/unit).
 */

import { callFunction } from '../../../services/api';
import { privateState } from '../../../services/instance';
import { LIST_DATA, loadMore, type Page, reload } from '../../../services/paged-list';
import { messageOf, type Reply } from '../../../services/reply';
import type { Named, Paging, RankingOptions } from '../../../shared/contract';
import {
  type AnyRow,
  explanation,
  monthLabel,
  previousMonth,
  type RankItem,
  shanghaiMonth,
  shortDate,
  type TabKey,
  toRankItem,
} from './ranking.view';

type Options = RankingOptions;
/** The fields the header reads from any of the four rankings (absent where a ranking has none). */
type RankingReply = {
  rows: AnyRow[];
  nextCursor: string | null;
  /** Absent on the staff ranking, which is monthly: its trend is against the previous month. */
  previousPeriod?: string;
  prior?: { mean: number; weight: number };
  ruleVersion?: string | null;
  recomputed?: boolean;
  run?: { at: string; reason: string } | null;
};

const TABS: Array<{ key: TabKey; label: string }> = [
  { key: 'score', label: '按得分' },
  { key: 'satisfaction', label: '按满意度' },
  { key: 'zone', label: '场所' },
  { key: 'staff', label: '员工' },
];
const PAGE = 20;
const ALL_CAMPUSES: Named = { _id: '', name: '全部校区' };
const ALL_CENTRES: Named = { _id: '', name: '全部中心' };

/** Filter lists and the request counter stay out of `data` (the view renders only names and indexes). */
const own = privateState(() => ({ options: null as Options | null }));

Component({
  data: {
    ...LIST_DATA,
    ready: false,
    optionsError: '',
    tabs: TABS.slice(0, 3),
    tab: 'score' as TabKey,
    period: '',
    periodLabel: '',
    periodStart: '2020-01',
    periodEnd: '',
    campusNames: [ALL_CAMPUSES.name],
    campusIndex: 0,
    centreNames: [ALL_CENTRES.name],
    centreIndex: 0,
    staffUnits: [] as Named[],
    staffUnitIndex: 0,
    note: explanation('score', null),
    meta: '',
    emptyText: '',
  },
  methods: {
    onLoad() {
      void this.start();
    },
    /** Loads the filters (scored months, campuses, centres, the caller's managed units), then the first ranking. */
    async start() {
      this.setData({ status: 'loading', optionsError: '' });
      const r = await callFunction('stats', 'rankingOptions');
      if (r.code !== 0) {
        this.setData({ status: 'error', optionsError: messageOf(r), errorText: messageOf(r) });
        return;
      }
      own(this).options = r.data;
      const now = shanghaiMonth(Date.now());
      const period = r.data.latest ?? now;
      const oldest = r.data.periods[r.data.periods.length - 1]?.period;
      const tabs = r.data.staffUnits.length > 0 ? TABS : TABS.slice(0, 3);
      this.setData({
        ready: true,
        tabs,
        period,
        periodLabel: monthLabel(period),
        periodStart: oldest && oldest < now ? oldest : '2020-01',
        periodEnd: now,
        campusNames: [ALL_CAMPUSES, ...r.data.campuses].map((c) => c.name),
        centreNames: [ALL_CENTRES, ...r.data.centres].map((c) => c.name),
        staffUnits: r.data.staffUnits,
      });
      await reload(this);
    },
    onPullDownRefresh() {
      const done = () => wx.stopPullDownRefresh();
      if (!this.data.ready) void this.start().then(done);
      else void reload(this).then(done);
    },
    onReachBottom() {
      void loadMore(this);
    },
    onRetry() {
      if (!this.data.ready) void this.start();
      else void reload(this);
    },
    onMore() {
      void loadMore(this);
    },
    /** Changes what is listed and reloads from the first page. */
    refilter(patch: Record<string, unknown>) {
      this.setData({ ...patch, items: [], status: 'loading', ended: false, meta: '' });
      void reload(this);
    },
    onTab(e: WechatMiniprogram.TouchEvent) {
      const tab = String(e.currentTarget.dataset.key) as TabKey;
      if (tab === this.data.tab) return;
      this.refilter({ tab, note: explanation(tab, null) });
    },
    onPeriod(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const period = String(e.detail.value).slice(0, 7);
      if (period === this.data.period) return;
      this.refilter({ period, periodLabel: monthLabel(period) });
    },
    onCampus(e: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
      const campusIndex = Number(e.detail.value);
      if (campusIndex !== this.data.campusIndex) this.refilter({ campusIndex });
    },
    onCentre(e: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
      const centreIndex = Number(e.detail.value);
      if (centreIndex !== this.data.centreIndex) this.refilter({ centreIndex });
    },
    onStaffUnit(e: WechatMiniprogram.TouchEvent) {
      const staffUnitIndex = Number(e.currentTarget.dataset.index);
      if (staffUnitIndex !== this.data.staffUnitIndex) this.refilter({ staffUnitIndex });
    },
    /** The ranking of the current tab and filters; the campus filter applies to satisfaction only (scores are per unit). */
    request(cursor: string | undefined): Promise<Reply<RankingReply>> {
      const o = own(this).options;
      const { tab, period } = this.data;
      const campusId = o?.campuses[this.data.campusIndex - 1]?._id;
      const centreId = o?.centres[this.data.centreIndex - 1]?._id;
      const paging: Paging = { limit: PAGE };
      if (cursor) paging.cursor = cursor;
      if (tab === 'staff') {
        return callFunction('stats', 'staffRanking', {
          period,
          ...paging,
          unitId: this.data.staffUnits[this.data.staffUnitIndex]?._id ?? '',
        });
      }
      const filters: { centreId?: string; campusId?: string } = {};
      if (centreId) filters.centreId = centreId;
      if (campusId && tab !== 'score') filters.campusId = campusId;
      if (tab === 'zone') return callFunction('stats', 'zoneRanking', { period, ...paging, ...filters });
      return callFunction('stats', 'unitRanking', { period, ...paging, ...filters, by: tab });
    },
    /** What the list currently shows; a reply for an older selection must not touch the header lines. */
    selection(): string {
      const d = this.data;
      return [d.tab, d.period, d.campusIndex, d.centreIndex, d.staffUnitIndex].join('|');
    },
    async fetchPage(cursor: string | undefined): Promise<Reply<Page<AnyRow>>> {
      const { tab, period } = this.data;
      const asked = this.selection();
      const r = await this.request(cursor);
      // reload() drops a superseded reply itself; only the header lines set here need this guard.
      if (asked !== this.selection()) return r.code === 0 ? { code: 0, data: { items: [], nextCursor: null } } : r;
      if (r.code === 'STATS.NOT_SCORED') {
        const none = (own(this).options?.periods.length ?? 0) === 0;
        this.setData({
          meta: '',
          emptyText: none
            ? '还没有评定过得分的月份。每月 1 日凌晨自动评定上月得分，届时可在此查看。'
            : `${monthLabel(period)}的得分尚未评定。每月 1 日凌晨评定上月得分。`,
        });
        return { code: 0, data: { items: [], nextCursor: null } };
      }
      if (r.code !== 0) return r;
      if (!cursor) this.setData({ meta: this.metaOf(r.data), note: explanation(tab, r.data.prior ?? null), emptyText: this.emptyOf() });
      return { code: 0, data: { items: r.data.rows, nextCursor: r.data.nextCursor } };
    },
    /** The line above the list: what the trend compares with, and for scores the rule version and any recompute. */
    metaOf(d: RankingReply): string {
      const parts = [`趋势对比 ${monthLabel(d.previousPeriod ?? previousMonth(this.data.period))}`];
      if (this.data.tab === 'score' && d.ruleVersion) parts.push(`规则 ${d.ruleVersion}`);
      if (this.data.tab === 'score' && d.recomputed && d.run) parts.push(`已于 ${shortDate(d.run.at)} 重算：${d.run.reason}`);
      return parts.join(' · ');
    },
    emptyOf(): string {
      const { tab, periodLabel } = this.data;
      if (tab === 'zone') return `${periodLabel}没有场所收到评价`;
      if (tab === 'staff') return `${periodLabel}本单位没有计分的责任人`;
      return `${periodLabel}没有符合筛选条件的单位`;
    },
    toItem(row: AnyRow): RankItem {
      return toRankItem(this.data.tab, row);
    },
    onOpen(e: WechatMiniprogram.TouchEvent) {
      const item = this.data.items[Number(e.currentTarget.dataset.index)] as RankItem | undefined;
      if (!item?.unitId) return;
      wx.navigateTo({ url: `/packages/leader/unit/index?unitId=${item.unitId}&period=${this.data.period}` });
    },
  },
});
