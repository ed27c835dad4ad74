/**
 * The assets area's zh-CN texts inside the mini-program root (files outside it are not packaged). Each map is
 * typed against the shared declaration, so a missing key fails `tsc`, and a test checks every sentence equals
 * shared/assets (one source; this is its copy).
 */
import type { AssetErrorCode, AssetEventKind, AssetRowErrorCode, AssetStatus, ScanOutcome, TransferState } from '../../../shared/assets';
import { callUntyped } from '../../services/api';
import { messageOf, type Reply } from '../../services/reply';

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

export const ASSET_MESSAGES: { [K in AssetErrorCode]: string } = {
  'ASSET.NOT_FOUND': '没有找到这件资产，请核对标签',
  'ASSET.UNKNOWN_CATEGORY': '资产分类代码不在分类表中，请按 GB/T 14885 填写',
  'ASSET.UNIT_NOT_FOUND': '单位不存在，请核对单位名称或编号',
  'ASSET.ZONE_NOT_FOUND': '存放地点不存在，请核对位置编码',
  'ASSET.PERSON_NOT_FOUND': '人员不存在，请核对',
  'ASSET.DUPLICATE_TAG': '资产标签重复，每件资产的标签必须唯一',
  'ASSET.INVALID_TRANSITION': '资产当前状态不能进行此操作，请刷新后再试',
  'ASSET.DISPOSED': '该资产已处置，不能再进行盘点或变更',
  'ASSET.NOT_CUSTODIAN': '只有该资产的使用人才能确认领用',
  'ASSET.FORBIDDEN': '您不是该单位的资产管理人员，无权操作',
  'ASSET.SAME_UNIT': '调入单位与当前单位相同，无需调拨',
  'ASSET.TRANSFER_OPEN': '该资产已有进行中的调拨申请',
  'ASSET.TRANSFER_NOT_FOUND': '调拨申请不存在',
  'ASSET.TRANSFER_INVALID_STATE': '调拨申请当前状态不能进行此操作，请刷新',
  'ASSET.CAMPAIGN_NOT_FOUND': '盘点任务不存在',
  'ASSET.CAMPAIGN_EXISTS': '本单位本月已有盘点任务',
  'ASSET.CAMPAIGN_CLOSED': '盘点已结束，不能重复结束或继续扫码',
  'ASSET.PHOTO_REQUIRED': '资产不在原位或有损坏时，请拍照留证',
  'ASSET.PLACE_REQUIRED': '请填写资产实际所在的位置',
  'ASSET.IMPORT_UNREADABLE': '无法读取该表格，请使用资产台账模板（电子表格）',
  'ASSET.IMPORT_TOO_LARGE': '一次最多导入 5000 行，请分批导入',
  'ASSET.IMPORT_HAS_ERRORS': '表格中有错误行，请修改后重新上传，本次未导入任何数据',
  'ASSET.IMPORT_NOT_FOUND': '导入记录不存在或已过期，请重新上传',
  'ASSET.IMPORT_DONE': '该表格已导入，无需重复确认',
  'ASSET.FILE_NOT_YOURS': '只能导入您本人上传的文件',
  'ASSET.BUSY': '操作的人较多，请稍后重试',
};

export const ROW_MESSAGES: { [K in AssetRowErrorCode]: string } = {
  'ASSET.ROW_MISSING': '必填项为空',
  'ASSET.ROW_BAD_TAG': '资产标签只能由字母、数字和“-”组成（2–30位）',
  'ASSET.ROW_DUPLICATE_TAG': '资产标签在表格中重复',
  'ASSET.ROW_UNKNOWN_CATEGORY': '分类代码不在 GB/T 14885 分类表中',
  'ASSET.ROW_NOT_A_NUMBER': '应填写数字（金额，单位：元）',
  'ASSET.ROW_BAD_DATE': '日期格式应为 2024-03-01',
  'ASSET.ROW_UNIT_NOT_FOUND': '使用单位不存在',
  'ASSET.ROW_ZONE_NOT_FOUND': '存放地点编码不存在',
  'ASSET.ROW_ZONE_OUTSIDE_UNIT': '存放地点不属于该使用单位',
  'ASSET.ROW_PERSON_NOT_FOUND': '人员不存在（请填写姓名或人员编号）',
  'ASSET.ROW_TOO_LONG': '内容过长',
};

/** The sentence for a failed reply: the assets area's own, else the app's (never a code or server text). */
export function assetMessage(r: { code: string | 0; message?: string }): string {
  const own = (ASSET_MESSAGES as Record<string, string>)[String(r.code)];
  return own ?? messageOf({ code: r.code });
}

/** Calls an action of the `assets` function (typed by shared/contract/assets.contract.ts at the call site). */
export const assetsCall = <T>(action: string, payload: Record<string, unknown> = {}): Promise<Reply<T>> =>
  callUntyped<T>('assets', action, payload);

/** `2026-05-03` of an ISO instant, in Shanghai. */
export const ymd = (iso: string | null | undefined): string =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10) : '—';

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
