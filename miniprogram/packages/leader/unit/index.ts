/**
 * One unit's score for a month, explainable down to tickets: base, every deduction and bonus by rule with the
 * tickets that caused it (tap → the ticket), satisfaction figures, the previous month, and who recomputed the
 * month and why (an earlier result stays readable by its run).
 */

import { callFunction } from '../../../services/api';
import { privateState } from '../../../services/instance';
import { RELOAD_METHODS } from '../../../services/paged-list';
import { messageOf } from '../../../services/reply';
import type { InputOf } from '../../../shared/contract';
import { type GroupReply, runBanner, ticketLine, unitView } from './unit.view';

type Query = { unitId?: string; period?: string; runId?: string };
type View = ReturnType<typeof unitView>;

/** The groups' full ticket lists (the view holds only what is shown) and the query. */
const own = privateState(() => ({ query: {} as Query, groups: [] as GroupReply[] }));
/** Tickets appended per tap: each line now carries its place and words, so 15 keep one setData under 4 KB. */
const MORE = 15;

const unitUrl = (unitId: string, period: string, runId?: string | null) =>
  `/packages/leader/unit/index?unitId=${unitId}&period=${period}${runId ? `&runId=${runId}` : ''}`;

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    emptyText: '',
    view: null as View | null,
    banner: null as ReturnType<typeof runBanner>,
  },
  methods: {
    onLoad(query: Query = {}) {
      own(this).query = query;
      void this.load();
    },
    ...RELOAD_METHODS,
    async load() {
      const q = own(this).query;
      if (!q.unitId || !q.period) {
        this.setData({ status: 'error', errorText: '链接缺少单位或月份' });
        return;
      }
      if (!this.data.view) this.setData({ status: 'loading' });
      const payload: InputOf<'scoring', 'unitScore'> = { period: q.period, unitId: q.unitId };
      if (q.runId) payload.runId = q.runId;
      const r = await callFunction('scoring', 'unitScore', payload);
      if (r.code === 'SCORING.NOT_SCORED' || r.code === 'SCORING.UNIT_NOT_SCORED') {
        const month = `${q.period.slice(0, 4)}年${Number(q.period.slice(5, 7))}月`;
        this.setData({
          status: 'ready',
          view: null,
          banner: null,
          emptyText:
            r.code === 'SCORING.NOT_SCORED' ? `${month}的得分尚未评定。每月 1 日凌晨评定上月得分。` : `本单位没有参加${month}的评分。`,
        });
        return;
      }
      if (r.code !== 0) {
        const text = r.code === 'SCORING.OUT_OF_SCOPE' ? '只能查看本人负责单位的得分' : messageOf(r);
        this.setData({ status: 'error', errorText: text });
        return;
      }
      own(this).groups = r.data.groups;
      this.setData({ status: 'ready', view: unitView(r.data), banner: runBanner(r.data), emptyText: '' });
    },
    /** Shows the next tickets of a group, appended by path. */
    onMoreTickets(e: WechatMiniprogram.TouchEvent) {
      const gi = Number(e.currentTarget.dataset.group);
      const g = own(this).groups[gi];
      const shown = this.data.view?.groups[gi];
      if (!g || !shown) return;
      const start = shown.items.length;
      const next = g.items.slice(start, start + MORE);
      const patch: Record<string, unknown> = { [`view.groups[${gi}].more`]: g.items.length - start - next.length };
      next.forEach((item, k) => {
        patch[`view.groups[${gi}].items[${start + k}]`] = ticketLine(g.kind, item);
      });
      this.setData(patch);
    },
    onTicket(e: WechatMiniprogram.TouchEvent) {
      const id = String(e.currentTarget.dataset.id ?? '');
      if (id) wx.navigateTo({ url: `/pages/ticket/index?id=${id}` });
    },
    onPrevious() {
      const { unitId } = own(this).query;
      const period = this.data.view?.previous?.period;
      if (unitId && period) wx.navigateTo({ url: unitUrl(unitId, period) });
    },
    /** The banner's link: the result before the latest recompute, or back to the result in force. */
    onBanner() {
      const { unitId, period } = own(this).query;
      if (unitId && period && this.data.banner) wx.navigateTo({ url: unitUrl(unitId, period, this.data.banner.runId) });
    },
    onRun(e: WechatMiniprogram.TouchEvent) {
      const { unitId, period } = own(this).query;
      const run = this.data.view?.runs[Number(e.currentTarget.dataset.index)];
      if (!unitId || !period || !run || run.shown) return;
      wx.navigateTo({ url: unitUrl(unitId, period, run.current ? null : run.runId) });
    },
  },
});
