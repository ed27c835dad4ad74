/**
 * Staff: my tasks, soonest deadline first, each with a live countdown (overdue ones marked); accept,
 * pause/resume with a reason, request coordination, and rectify with after-photos, a note and a cause.
 */

import { ACTION_LABELS, askText, rowAfter, runAction, type TransitionResult } from '../../../services/actions';
import { tickets } from '../../../services/api';
import { ASSIGNEE_ACTIONS, LIMITS } from '../../../services/format';
import { privateState } from '../../../services/instance';
import { LIST_DATA, loadedRows, loadMore, reload, replaceItem } from '../../../services/paged-list';
import { countdownOf, type TicketCard, type TicketRow, toCard } from '../../../services/tickets.view';
import type { TicketAction } from '../../../shared/contract';

type TaskItem = TicketCard & { actions: Array<{ name: string; label: string }> };

const own = privateState(() => ({ timer: null as ReturnType<typeof setInterval> | null }));

const REASON_PROMPTS: Record<string, [string, string]> = {
  pause: ['暂停原因', '例如：等待配件到货'],
  requestCoordination: ['需要协调什么？', '例如：需要能源中心配合停水'],
};

Component({
  data: {
    ...LIST_DATA,
    rectifyId: '',
    rectifyNo: '',
    afterPhotos: [] as string[],
    uploading: false,
    note: '',
    cause: '',
    formError: '',
    busy: false,
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
    },
    onUnload() {
      this.stopTimer();
    },
    onPullDownRefresh() {
      void reload(this).then(() => wx.stopPullDownRefresh());
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
      return tickets('myTasks', cursor ? { cursor } : {});
    },
    toItem(row: TicketRow, now: number): TaskItem {
      return { ...toCard(row, now), actions: (ASSIGNEE_ACTIONS[row.state] ?? []).map((name) => ({ name, label: ACTION_LABELS[name] })) };
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
      const { id, action } = e.currentTarget.dataset as { id: string; action: TicketAction };
      if (action === 'rectify') {
        const item = (this.data.items as TaskItem[]).find((t) => t.id === id);
        this.setData({ rectifyId: id, rectifyNo: item?.no ?? '', afterPhotos: [], note: '', cause: '', formError: '' });
        return;
      }
      const payload: { ticketId: string; reason?: string } = { ticketId: id };
      const prompt = REASON_PROMPTS[action];
      if (prompt) {
        const reason = await askText(prompt[0], prompt[1]);
        if (!reason) return;
        payload.reason = reason.slice(0, action === 'pause' ? LIMITS.reason : LIMITS.note);
      }
      const res = await runAction(action, payload, `已${ACTION_LABELS[action]}`);
      if (res) this.applyResult(res);
    },
    /** Patches the task's row with the new state; the clock runs or stops with it. */
    applyResult(res: TransitionResult) {
      const row = loadedRows<TicketRow>(this).find((r) => r._id === res.ticketId);
      if (!row) return;
      replaceItem(this, rowAfter(row, res));
    },
    onAfterPhotos(e: WechatMiniprogram.CustomEvent<{ fileIDs: string[]; uploading: boolean }>) {
      this.setData({ afterPhotos: e.detail.fileIDs, uploading: e.detail.uploading, formError: '' });
    },
    onNote(e: WechatMiniprogram.Input) {
      this.setData({ note: e.detail.value, formError: '' });
    },
    onCause(e: WechatMiniprogram.Input) {
      this.setData({ cause: e.detail.value, formError: '' });
    },
    onCloseRectify() {
      this.setData({ rectifyId: '' });
    },
    async onSubmitRectify() {
      const d = this.data;
      if (d.busy) return;
      const note = d.note.trim();
      const cause = d.cause.trim();
      // RectifyRequest: at least one after-photo, a note and a cause.
      const hint = d.uploading
        ? '照片还在上传'
        : d.afterPhotos.length === 0
          ? '请拍摄整改后的照片'
          : !note
            ? '请填写整改说明'
            : !cause
              ? '请填写问题原因'
              : '';
      if (hint) {
        this.setData({ formError: hint });
        return;
      }
      this.setData({ busy: true });
      const res = await runAction('rectify', { ticketId: d.rectifyId, afterPhotos: d.afterPhotos, note, cause }, '已提交整改');
      this.setData({ busy: false });
      if (!res) return;
      this.setData({ rectifyId: '' });
      this.applyResult(res);
    },
  },
});
