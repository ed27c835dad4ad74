/** Small UI helpers shared by the role pages: ask for a reason, run a ticket action with progress. */

import type { TicketAction, TicketActionInputs, TransitionResult } from '../shared/contract';
import { tickets } from './api';
import { messageOf } from './reply';
import type { TicketRow } from './tickets.view';

/** Shows an editable modal and resolves to the trimmed text, or null when cancelled or left empty. */
export function askText(title: string, placeholder: string): Promise<string | null> {
  return new Promise((resolve) => {
    wx.showModal({
      title,
      editable: true,
      placeholderText: placeholder,
      confirmText: '提交',
      success: (res) => {
        const text = (res.content ?? '').trim();
        resolve(res.confirm && text ? text : null);
      },
      fail: () => resolve(null),
    });
  });
}

export type { TransitionResult };

/** Runs a ticket action with a loading toast; shows the result; resolves to the new state or null. */
export async function runAction<A extends TicketAction>(
  action: A,
  payload: TicketActionInputs[A],
  done: string,
): Promise<TransitionResult | null> {
  wx.showLoading({ title: '提交中', mask: true });
  const r = await tickets<TicketAction>(action, payload as TicketActionInputs[TicketAction]);
  wx.hideLoading();
  if (r.code !== 0) {
    wx.showToast({ title: messageOf(r), icon: 'none' });
    return null;
  }
  wx.showToast({ title: done, icon: 'success' });
  return r.data;
}

/**
 * A list row after a transition: the new state, and the deadline and clock from the reply (a stopped clock
 * has no `dueAt`, so the last one is kept for "计时暂停").
 */
export function rowAfter(row: TicketRow, res: TransitionResult): TicketRow {
  return { ...row, state: res.state, dueAt: res.dueAt ?? row.dueAt, clock: res.clock };
}

export const ACTION_LABELS: Record<string, string> = {
  accept: '接单',
  pause: '暂停',
  resume: '恢复',
  rectify: '提交整改',
  requestCoordination: '申请协调',
  reassign: '改派',
  cancel: '作废',
};
