/**
 * Admin: briefings (巡查简报). Generate the next numbered draft for a month, pick the problems it lists from
 * the draft's candidates (most serious first), preview it, and publish it — after a confirmation, since a
 * published briefing can no longer change. Lists drafts and published briefings, newest number first.
 */
import { callFunction } from '../../../services/api';
import {
  addMonths,
  type BriefingListItem,
  type BriefingRow,
  briefingMessage,
  monthAt,
  periodLabel,
  toListItem,
} from '../../../services/briefing.format';
import { SEVERITY_LABELS } from '../../../services/format';
import { privateState } from '../../../services/instance';
import { LIST_DATA, loadedRows, loadMore, reload } from '../../../services/paged-list';
import type { BriefingCandidate as Candidate, InputOf } from '../../../shared/contract';

type CandidateView = {
  id: string;
  on: boolean;
  no: string;
  place: string;
  desc: string;
  severity: string;
  tone: string;
  repeat: boolean;
  notRectified: boolean;
  photos: number;
};

/** Candidates are shown this many at a time (a draft offers up to 100), appended by path. */
export const CANDIDATE_CHUNK = 20;
const DESC_CHARS = 60;
const TONES: Record<string, string> = { critical: 'danger', major: 'warn', minor: 'info' };
const FILTERS = [
  { key: '', label: '全部' },
  { key: 'draft', label: '草稿' },
  { key: 'published', label: '已发布' },
];

const own = privateState(() => ({ candidates: [] as Candidate[], selected: new Set<string>(), extra: [] as string[] }));

const toCandidate = (c: Candidate, on: boolean): CandidateView => ({
  id: c.ticketId,
  on,
  no: c.no,
  place: `${c.unitName} · ${c.zoneName}`,
  desc: c.description.length > DESC_CHARS ? `${c.description.slice(0, DESC_CHARS)}…` : c.description,
  severity: SEVERITY_LABELS[c.severity] ?? c.severity,
  tone: TONES[c.severity] ?? 'muted',
  repeat: c.repeat,
  notRectified: c.notRectified,
  photos: c.photos,
});

Component({
  data: {
    ...LIST_DATA,
    filters: FILTERS,
    filter: '',
    period: '',
    periodText: '',
    periodEnd: '',
    title: '',
    generating: false,
    genError: '',
    publishing: 0,
    pickNo: 0,
    pickPeriod: '',
    pickStatus: 'loading' as 'loading' | 'ready' | 'error',
    pickError: '',
    cands: [] as CandidateView[],
    candsTotal: 0,
    selectedCount: 0,
    pickHint: '',
    saving: false,
  },
  methods: {
    onLoad() {
      // A briefing usually reports on the month just ended.
      const current = monthAt(Date.now());
      const period = addMonths(current, -1);
      this.setData({ period, periodText: periodLabel(period), periodEnd: current });
      void reload(this);
    },
    onPullDownRefresh() {
      void reload(this).then(() => wx.stopPullDownRefresh());
    },
    onReachBottom() {
      if (this.data.pickNo) this.onMoreCandidates();
      else void loadMore(this);
    },
    onRetry() {
      void reload(this);
    },
    onMore() {
      void loadMore(this);
    },
    fetchPage(cursor: string | undefined) {
      const payload: Record<string, unknown> = {};
      if (this.data.filter) payload.status = this.data.filter;
      if (cursor) payload.cursor = cursor;
      return callFunction('briefings', 'list', payload);
    },
    toItem(row: BriefingRow): BriefingListItem {
      return toListItem(row);
    },
    onFilter(e: WechatMiniprogram.TouchEvent) {
      const filter = String(e.currentTarget.dataset.key ?? '');
      if (filter === this.data.filter) return;
      this.setData({ filter, items: [], status: 'loading' });
      void reload(this);
    },

    // ---- generate ------------------------------------------------------------------------------------
    onPeriod(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ period: e.detail.value, periodText: periodLabel(e.detail.value), genError: '' });
    },
    onTitle(e: WechatMiniprogram.Input) {
      this.setData({ title: e.detail.value, genError: '' });
    },
    async onGenerate() {
      if (this.data.generating) return;
      const title = this.data.title.trim();
      if (title.length > 60) {
        this.setData({ genError: '标题最多 60 个字' });
        return;
      }
      this.setData({ generating: true, genError: '' });
      const payload: InputOf<'briefings', 'generate'> = { period: this.data.period };
      if (title) payload.title = title;
      const r = await callFunction('briefings', 'generate', payload);
      this.setData({ generating: false });
      if (r.code !== 0) {
        this.setData({ genError: briefingMessage(r) });
        return;
      }
      wx.showToast({ title: `已生成第${r.data.no}期草稿`, icon: 'success' });
      this.setData({ title: '' });
      await reload(this);
    },

    // ---- pick the items ------------------------------------------------------------------------------
    async onPick(e: WechatMiniprogram.TouchEvent) {
      const no = Number(e.currentTarget.dataset.no);
      const item = (this.data.items as BriefingListItem[]).find((i) => i.no === no);
      this.setData({
        pickNo: no,
        pickPeriod: item?.period ?? '',
        pickStatus: 'loading',
        pickError: '',
        pickHint: '',
        cands: [],
        candsTotal: 0,
      });
      await this.loadCandidates();
    },
    async loadCandidates() {
      const r = await callFunction('briefings', 'candidates', { no: this.data.pickNo });
      if (r.code !== 0) {
        this.setData({ pickStatus: 'error', pickError: briefingMessage(r) });
        return;
      }
      const st = own(this);
      st.candidates = r.data.items;
      st.selected = new Set(r.data.selected);
      const offered = new Set(r.data.items.map((c) => c.ticketId));
      // Items chosen earlier but no longer among the candidates stay chosen, after the others.
      st.extra = r.data.selected.filter((id) => !offered.has(id));
      this.setData({
        pickStatus: 'ready',
        cands: r.data.items.slice(0, CANDIDATE_CHUNK).map((c) => toCandidate(c, st.selected.has(c.ticketId))),
        candsTotal: r.data.items.length,
        selectedCount: st.selected.size,
      });
    },
    onPickRetry() {
      this.setData({ pickStatus: 'loading' });
      void this.loadCandidates();
    },
    onMoreCandidates() {
      const st = own(this);
      const start = this.data.cands.length;
      if (this.data.pickStatus !== 'ready' || start >= st.candidates.length) return;
      const patch: Record<string, unknown> = {};
      st.candidates.slice(start, start + CANDIDATE_CHUNK).forEach((c, k) => {
        patch[`cands[${start + k}]`] = toCandidate(c, st.selected.has(c.ticketId));
      });
      this.setData(patch);
    },
    onToggle(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.i);
      const c = this.data.cands[i];
      if (!c) return;
      const st = own(this);
      if (c.on) st.selected.delete(c.id);
      else if (st.selected.size >= 100) {
        this.setData({ pickHint: '最多选择 100 条' });
        return;
      } else st.selected.add(c.id);
      this.setData({ [`cands[${i}].on`]: !c.on, selectedCount: st.selected.size, pickHint: '' });
    },
    onClosePick() {
      this.setData({ pickNo: 0, cands: [] });
    },
    async onSavePick() {
      if (this.data.saving) return;
      const st = own(this);
      const ticketIds = [
        ...st.candidates.map((c) => c.ticketId).filter((id) => st.selected.has(id)),
        ...st.extra.filter((id) => st.selected.has(id)),
      ];
      if (ticketIds.length === 0) {
        this.setData({ pickHint: '请至少选择 1 条' });
        return;
      }
      this.setData({ saving: true, pickHint: '' });
      const r = await callFunction('briefings', 'selectItems', { no: this.data.pickNo, ticketIds });
      this.setData({ saving: false });
      if (r.code !== 0) {
        this.setData({ pickHint: briefingMessage(r) });
        return;
      }
      wx.showToast({ title: `已保存 ${r.data.items} 条`, icon: 'success' });
      this.setData({ pickNo: 0, cands: [] });
    },

    // ---- preview and publish -------------------------------------------------------------------------
    onMasthead(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/packages/admin/briefing-masthead/index?no=${e.currentTarget.dataset.no}` });
    },
    onView(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/packages/leader/briefing/index?no=${e.currentTarget.dataset.no}` });
    },
    onPublish(e: WechatMiniprogram.TouchEvent) {
      const no = Number(e.currentTarget.dataset.no);
      if (this.data.publishing) return;
      wx.showModal({
        title: `发布第${no}期简报？`,
        content: '发布后简报的内容、条目和编号都将固定，不能再修改或撤回；领导和各单位即可查看。',
        confirmText: '确认发布',
        confirmColor: '#cf222e',
        success: (res) => {
          if (res.confirm) void this.publish(no);
        },
      });
    },
    async publish(no: number) {
      this.setData({ publishing: no });
      const r = await callFunction('briefings', 'publish', { no });
      this.setData({ publishing: 0 });
      if (r.code !== 0) {
        wx.showToast({ title: briefingMessage(r), icon: 'none' });
        if (r.code === 'BRIEFING.PUBLISHED') void reload(this);
        return;
      }
      wx.showToast({ title: `第${no}期已发布`, icon: 'success' });
      const rows = loadedRows<BriefingRow>(this);
      const i = rows.findIndex((row) => row.no === no);
      if (i < 0) return;
      rows[i] = { ...rows[i], status: 'published', publishedAt: String(r.data.publishedAt) };
      this.setData({ [`items[${i}]`]: toListItem(rows[i]) });
    },
  },
});
