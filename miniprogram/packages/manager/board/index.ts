/**
 * A unit manager's board: how many tickets are in each state, 待审核 (held reports) and 超时 (overdue) first,
 * the most urgent first, each card naming who holds it. A card opens the ticket page, where every action the
 * manager may take is (release or cancel a held report, reassign with the searchable staff picker, cancel).
 * The reminders a manager needs (待审核与协调, 超时) are asked for from here.
 */
import { callFunction, requestSubscribe, tickets } from '../../../services/api';
import { LIST_DATA, LIST_METHODS, reload } from '../../../services/paged-list';
import { type TicketRow, toCard } from '../../../services/tickets.view';
import type { TemplateName } from '../../../shared/contract';

type Filter = { key: string; label: string; state?: string; view?: 'held' | 'unassigned' | 'overdue'; count: number; alert?: boolean };

const FILTERS: Filter[] = [
  { key: 'all', label: '全部', count: -1 },
  { key: 'held', label: '待审核', view: 'held', count: 0, alert: true },
  { key: 'unassigned', label: '待分派', view: 'unassigned', count: 0, alert: true },
  { key: 'overdue', label: '超时', view: 'overdue', count: 0, alert: true },
  { key: 'assigned', label: '待接单', state: 'assigned', count: 0 },
  { key: 'accepted', label: '整改中', state: 'accepted', count: 0 },
  { key: 'rework', label: '返工中', state: 'rework', count: 0 },
  { key: 'coordinating', label: '协调中', state: 'coordinating', count: 0 },
  { key: 'paused', label: '已暂停', state: 'paused', count: 0 },
  { key: 'rectified', label: '待确认', state: 'rectified', count: 0 },
];

const MANAGER_REMINDERS: TemplateName[] = ['managerAlert', 'escalation'];

Component({
  data: { ...LIST_DATA, filters: FILTERS, filter: 'all', remindersLeft: -1 },
  methods: {
    onLoad() {
      void reload(this);
      void this.loadCounts();
      void this.loadReminders();
    },
    ...LIST_METHODS,
    onPullDownRefresh() {
      void Promise.all([reload(this), this.loadCounts()]).then(() => wx.stopPullDownRefresh());
    },
    async loadCounts() {
      const r = await tickets('boardCounts', {});
      if (r.code !== 0 || !r.data?.states) return;
      const c = r.data;
      const patch: Record<string, unknown> = {};
      this.data.filters.forEach((f, i) => {
        if (f.key === 'all') return;
        patch[`filters[${i}].count`] = f.view ? c[f.view] : ((c.states as Record<string, number>)[f.state ?? ''] ?? 0);
      });
      this.setData(patch);
    },
    async loadReminders() {
      const r = await callFunction('org', 'me');
      if (r.code !== 0 || !r.data.reminders) return;
      const left = Math.min(...MANAGER_REMINDERS.map((t) => r.data.reminders?.[t] ?? 0));
      this.setData({ remindersLeft: left });
    },
    async onReminders() {
      const accepted = await requestSubscribe(MANAGER_REMINDERS);
      if (accepted.length === 0) wx.showToast({ title: '未开启：待审核和超时提醒将无法送达', icon: 'none' });
      await this.loadReminders();
    },
    onFilter(e: WechatMiniprogram.TouchEvent) {
      const filter = String(e.currentTarget.dataset.key ?? 'all');
      if (filter === this.data.filter) return;
      this.setData({ filter, items: [], status: 'loading' });
      void reload(this);
    },
    fetchPage(cursor: string | undefined) {
      const f = this.data.filters.find((x) => x.key === this.data.filter);
      const payload: Record<string, unknown> = {};
      if (cursor) payload.cursor = cursor;
      if (f?.state) payload.state = f.state;
      if (f?.view) payload.view = f.view;
      return tickets('unitBoard', payload);
    },
    /** A card; a report nobody could be assigned to (待分派, not held) carries the 分派 button. */
    toItem(t: TicketRow, now: number) {
      return { ...toCard(t, now), assignable: t.kind === 'problem' && t.state === 'reported' && !t.held };
    },
    onOpen(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
      wx.navigateTo({ url: `/pages/ticket/index?id=${e.detail.id}` });
    },
    /** 分派 on a card: the ticket page opens with its assign form (the searchable staff picker), if the table still offers it. */
    onAssign(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/ticket/index?id=${String(e.currentTarget.dataset.id)}&do=assign` });
    },
  },
});
