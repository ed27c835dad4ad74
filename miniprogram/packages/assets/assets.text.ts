/**
 * What the assets pages share: shared/assets' zh-CN labels and every error sentence (from the contract bundle),
 * the typed `assets` call, Shanghai dates, yuan and reading a scanned label.
 */
import { type ActionName, callFunction, type PayloadArg } from '../../services/api';
import { messageOf } from '../../services/reply';
import { ASSET_TAG_RE, messageFor, shanghaiDate } from '../../shared/contract';

export {
  ASSET_EVENT_LABELS as EVENT_LABELS,
  ASSET_STATUS_LABELS as STATUS_LABELS,
  SCAN_OUTCOME_LABELS as OUTCOME_LABELS,
  TRANSFER_STATE_LABELS as TRANSFER_LABELS,
} from '../../shared/contract';

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
  return ASSET_TAG_RE.test(tag) ? tag.toUpperCase() : null;
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
