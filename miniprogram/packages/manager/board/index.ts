/** A unit manager's board: the unit's tickets by state; reassign to a colleague, cancel with a reason. */

import { ACTION_LABELS, askText, rowAfter, runAction, type TransitionResult } from '../../../services/actions';
import { tickets, unitStaff } from '../../../services/api';
import { LIMITS, MANAGER_ACTIONS } from '../../../services/format';
import { LIST_DATA, LIST_METHODS, loadedRows, reload, replaceItem } from '../../../services/paged-list';
import type { TicketCard, TicketRow } from '../../../services/tickets.view';
import { toCard } from '../../../services/tickets.view';
import type { TicketActionInputs } from '../../../shared/contract';

type BoardItem = TicketCard & { actions: Array<{ name: string; label: string }> };

const FILTERS = [
  { state: '', label: '全部' },
  { state: 'assigned', label: '待接单' },
  { state: 'accepted', label: '整改中' },
  { state: 'rework', label: '返工' },
  { state: 'coordinating', label: '协调中' },
  { state: 'rectified', label: '待确认' },
];

const CANCEL_REASONS = [
  { reason: 'duplicate', label: '重复报告' },
  { reason: 'invalid', label: '无效报告' },
] as const;

function chooseFrom(labels: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    wx.showActionSheet({ itemList: labels, success: (r) => resolve(r.tapIndex), fail: () => resolve(null) });
  });
}

Component({
  data: { ...LIST_DATA, filters: FILTERS, filter: '' },
  methods: {
    onLoad() {
      void reload(this);
    },
    ...LIST_METHODS,
    onFilter(e: WechatMiniprogram.TouchEvent) {
      const filter = String(e.currentTarget.dataset.state ?? '');
      if (filter === this.data.filter) return;
      this.setData({ filter, items: [], status: 'loading' });
      void reload(this);
    },
    fetchPage(cursor: string | undefined) {
      const payload: Record<string, unknown> = {};
      if (cursor) payload.cursor = cursor;
      if (this.data.filter) payload.state = this.data.filter;
      return tickets('unitBoard', payload);
    },
    toItem(row: TicketRow, now: number): BoardItem {
      const names = (MANAGER_ACTIONS[row.state] ?? []).filter((n) => n === 'reassign' || n === 'cancel');
      return { ...toCard(row, now), actions: names.map((name) => ({ name, label: ACTION_LABELS[name] })) };
    },
    onOpen(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
      wx.navigateTo({ url: `/pages/ticket/index?id=${e.detail.id}` });
    },
    async onAction(e: WechatMiniprogram.TouchEvent) {
      const { id, action } = e.currentTarget.dataset as { id: string; action: 'reassign' | 'cancel' };
      const row = loadedRows<TicketRow>(this).find((r) => r._id === id);
      if (!row) return;
      let payload: TicketActionInputs['reassign' | 'cancel'] | null = null;
      if (action === 'reassign') payload = await this.reassignPayload(row);
      else if (action === 'cancel') payload = await this.cancelPayload(row);
      if (!payload) return;
      const res = await runAction(action, payload, `已${ACTION_LABELS[action]}`);
      if (res) this.applyResult(row, res);
    },
    async reassignPayload(row: TicketRow): Promise<TicketActionInputs['reassign'] | null> {
      const staff = await unitStaff(row.unitId);
      if (staff.code !== 0) {
        wx.showToast({ title: '无法获取人员名单', icon: 'none' });
        return null;
      }
      const people = staff.data.items.filter((p) => p._id !== row.assigneeId);
      if (people.length === 0) {
        wx.showToast({ title: '没有可改派的人员', icon: 'none' });
        return null;
      }
      const i = await chooseFrom(people.slice(0, 6).map((p) => p.name));
      if (i === null) return null;
      const reason = await askText('改派原因', '例如：原责任人休假');
      if (!reason) return null;
      return { ticketId: row._id, assigneeId: people[i]._id, reason: reason.slice(0, LIMITS.reason) };
    },
    async cancelPayload(row: TicketRow): Promise<TicketActionInputs['cancel'] | null> {
      const i = await chooseFrom(CANCEL_REASONS.map((r) => r.label));
      if (i === null) return null;
      const note = await askText(`作废：${CANCEL_REASONS[i].label}`, '请说明理由，报告人可见');
      if (!note) return null;
      return { ticketId: row._id, reason: CANCEL_REASONS[i].reason, note: note.slice(0, LIMITS.reason) };
    },
    applyResult(row: TicketRow, res: TransitionResult) {
      replaceItem(this, rowAfter(row, res));
    },
  },
});
