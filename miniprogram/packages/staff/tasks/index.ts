/**
 * Staff: my tasks, most urgent first (soonest deadline; overdue ones marked) with a live countdown and how many
 * are in each state; 已完成 lists the work I finished. A task opens on the ticket page, where every action is
 * (rectify with photos beside the before-photos, pause, request coordination); accepting is one tap here too,
 * and asks for the next reminders in the same tap. The on-duty switch says whether new tasks come to me.
 */

import { rowAfter, runAction, type TransitionResult } from '../../../services/actions';
import { callFunction, requestSubscribe, tickets } from '../../../services/api';
import { privateState } from '../../../services/instance';
import { LIST_DATA, loadedRows, loadMore, reload, replaceItem } from '../../../services/paged-list';
import { countdownOf, type TicketCard, type TicketRow, toCard } from '../../../services/tickets.view';

type TaskItem = TicketCard & { actions: Array<{ name: string; label: string }> };

const own = privateState(() => ({ timer: null as ReturnType<typeof setInterval> | null }));

const COUNT_LABELS: Array<{ key: string; label: string }> = [
  { key: 'overdue', label: '超时' },
  { key: 'assigned', label: '待接单' },
  { key: 'accepted', label: '整改中' },
  { key: 'rework', label: '返工' },
  { key: 'paused', label: '暂停' },
  { key: 'coordinating', label: '协调中' },
];

Component({
  data: {
    ...LIST_DATA,
    tab: 'open' as 'open' | 'done',
    counts: COUNT_LABELS.map((c) => ({ ...c, n: 0 })),
    onDuty: true,
    dutyKnown: false,
  },
  lifetimes: {
    detached() {
      this.stopTimer();
    },
  },
  pageLifetimes: {
    hide() {
      this.stopTimer();
    },
    show() {
      if (this.data.status === 'ready') this.startTimer();
    },
  },
  methods: {
    onLoad() {
      void reload(this).then(() => this.startTimer());
      void this.loadCounts();
      void this.loadDuty();
    },
    async loadCounts() {
      const r = await tickets('taskCounts', {});
      if (r.code !== 0 || !r.data?.states) return;
      const c = r.data;
      this.setData({
        counts: COUNT_LABELS.map((x) => ({
          ...x,
          n: x.key === 'overdue' ? c.overdue : ((c.states as Record<string, number>)[x.key] ?? 0),
        })),
      });
    },
    async loadDuty() {
      const r = await callFunction('org', 'me');
      if (r.code === 0) this.setData({ onDuty: r.data.onDuty !== false, dutyKnown: true });
    },
    async onDuty(e: WechatMiniprogram.SwitchChange) {
      const on = e.detail.value;
      // Going on duty is when new tasks start coming: ask for the reminders they need, inside the tap.
      if (on) void requestSubscribe(['assigned', 'escalation']);
      this.setData({ onDuty: on });
      const r = await callFunction('org', 'setOnDuty', { onDuty: on });
      if (r.code !== 0) this.setData({ onDuty: !on });
      else wx.showToast({ title: on ? '已在岗，新任务会派给你' : '已离岗，新任务会派给同事', icon: 'none' });
    },
    onTab(e: WechatMiniprogram.TouchEvent) {
      const tab = String(e.currentTarget.dataset.tab) as 'open' | 'done';
      if (tab === this.data.tab) return;
      this.setData({ tab, items: [], status: 'loading' });
      void reload(this);
    },
    onUnload() {
      this.stopTimer();
    },
    onPullDownRefresh() {
      void Promise.all([reload(this), this.loadCounts()]).then(() => wx.stopPullDownRefresh());
    },
    onReachBottom() {
      void loadMore(this);
    },
    onRetry() {
      void reload(this).then(() => this.startTimer());
    },
    onMore() {
      void loadMore(this);
    },
    fetchPage(cursor: string | undefined) {
      return tickets(this.data.tab === 'done' ? 'myDone' : 'myTasks', cursor ? { cursor } : {});
    },
    toItem(row: TicketRow, now: number): TaskItem {
      return { ...toCard(row, now), actions: row.state === 'assigned' ? [{ name: 'accept', label: '接单' }] : [] };
    },
    startTimer() {
      const st = own(this);
      if (st.timer) return;
      st.timer = setInterval(() => this.tick(Date.now()), 1000);
    },
    stopTimer() {
      const st = own(this);
      if (st.timer) clearInterval(st.timer);
      st.timer = null;
    },
    /** Refreshes the countdowns that changed, by path; sends nothing when none did. */
    tick(now: number) {
      const rows = loadedRows<TicketRow>(this);
      const items = this.data.items as TaskItem[];
      const patch: Record<string, unknown> = {};
      rows.forEach((row, i) => {
        const item = items[i];
        if (!item?.countdown) return;
        const c = countdownOf(row, now);
        if (c.text !== item.countdown) patch[`items[${i}].countdown`] = c.text;
        if (c.overdue !== item.overdue) patch[`items[${i}].overdue`] = c.overdue;
        if (c.urgent !== item.urgent) patch[`items[${i}].urgent`] = c.urgent;
      });
      if (Object.keys(patch).length > 0) this.setData(patch);
    },
    onOpen(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
      wx.navigateTo({ url: `/pages/ticket/index?id=${e.detail.id}` });
    },
    async onAction(e: WechatMiniprogram.TouchEvent) {
      const { id } = e.currentTarget.dataset as { id: string };
      // Inside the tap: the reminders this task will need (new tasks, the deadline).
      void requestSubscribe(['assigned', 'escalation']);
      const res = await runAction('accept', { ticketId: id }, '已接单');
      if (res) {
        this.applyResult(res);
        void this.loadCounts();
      }
    },
    /** Patches the task's row with the new state; the clock runs or stops with it. */
    applyResult(res: TransitionResult) {
      const row = loadedRows<TicketRow>(this).find((r) => r._id === res.ticketId);
      if (!row) return;
      replaceItem(this, { ...rowAfter(row, res) });
      const i = loadedRows<TicketRow>(this).findIndex((r) => r._id === res.ticketId);
      this.setData({ [`items[${i}].actions`]: [] });
    },
  },
});
