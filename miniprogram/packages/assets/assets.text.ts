/**
 * The assets area's zh-CN labels inside the mini-program root (files outside it are not packaged). Each map is
 * typed against the shared declaration, so a missing key fails `tsc`, and a test checks every label equals
 * shared/assets (one source; this is its copy). Error sentences come from the contract bundle.
 */
import type { AssetEventKind, AssetStatus, ScanOutcome, TransferState } from '../../../shared/assets';
import { type ActionName, callFunction, type PayloadArg } from '../../services/api';
import { messageOf } from '../../services/reply';
import { messageFor, shanghaiDate } from '../../shared/contract';

export const STATUS_LABELS: Record<AssetStatus, string> = {
  in_use: '在用',
  idle: '闲置',
  under_repair: '维修中',
  lent: '借出',
  transferring: '调拨中',
  awaiting_disposal: '待处置',
  disposed: '已处置',
  lost: '盘亏',
};

export const EVENT_LABELS: Record<AssetEventKind, string> = {
  acquired: '购建入账',
  assigned: '指定使用人',
  accepted: '使用人确认领用',
  moved: '移动位置',
  transferRequested: '申请调拨',
  transferApproved: '调拨已批准',
  transferRejected: '调拨被驳回',
  transferred: '调拨接收',
  lent: '借出',
  returned: '归还',
  maintained: '送修/维护',
  repaired: '维修完成',
  damaged: '损坏',
  disposalRequested: '申请处置',
  disposed: '处置（变价处理）',
  verified: '盘点核对',
  lost: '盘亏',
  updated: '台账更新',
};

export const OUTCOME_LABELS: Record<ScanOutcome, string> = {
  found: '在位',
  elsewhere: '不在原位',
  damaged: '损坏',
  surplus: '盘盈',
  missing: '盘亏',
};

export const TRANSFER_LABELS: Record<TransferState, string> = {
  requested: '待审批',
  approved: '待接收',
  received: '已接收',
  rejected: '已驳回',
  cancelled: '已撤回',
};

/** The sentence for a failed reply: the code's own from the contract (ASSET.* included), never a code or server text. */
export const assetMessage = (r: { code: string | 0 }): string => messageOf(r);

/** The sentence for a refused import row (ASSET.ROW_*), from the contract. */
export const rowMessage = (code: string): string => messageFor(code);

/** Calls an action of the `assets` function, typed by its contract (shared/contract/assets.contract.ts). */
export const assetsCall = <A extends ActionName<'assets'>>(action: A, ...payload: PayloadArg<'assets', A>) =>
  callFunction('assets', action, ...payload);

/** `2026-05-03` of an ISO instant, in Shanghai. */
export const ymd = (iso: string | null | undefined): string => (iso ? shanghaiDate(new Date(iso)) : '—');

/** Yuan with thousands separators: `¥12,345.60`. */
export const yuan = (n: number): string => `¥${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The tag in a scanned label: the `scene` of a mini-program code path, or the raw text of a printed code. */
export function tagFromScan(res: { path?: string; result?: string }): string | null {
  const m = /scene=([^&]+)/.exec(res.path ?? '');
  const raw = m ? decodeURIComponent(m[1]) : (res.result ?? '');
  const tag = raw.trim();
  return /^[A-Za-z0-9-]{2,30}$/.test(tag) ? tag.toUpperCase() : null;
}

/** Scans a label with the camera; null when cancelled or not an asset label. */
export function scanLabel(): Promise<string | null> {
  return new Promise((resolve) => {
    wx.scanCode({
      onlyFromCamera: false,
      success: (r) => resolve(tagFromScan(r as { path?: string; result?: string })),
      fail: () => resolve(null),
    });
  });
}
