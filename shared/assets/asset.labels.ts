/** zh-CN labels of the assets area (zod-free: the mini-program has them through its contract bundle). */
import type { TransferState } from './asset.machine';
import type { AssetEventKind, AssetStatus } from './asset.schema';
import type { ScanOutcome } from './verification.rules';

export const ASSET_STATUS_LABELS: Record<AssetStatus, string> = {
  in_use: '在用',
  idle: '闲置',
  under_repair: '维修中',
  lent: '借出',
  transferring: '调拨中',
  awaiting_disposal: '待处置',
  disposed: '已处置',
  lost: '盘亏',
};

export const ASSET_EVENT_LABELS: Record<AssetEventKind, string> = {
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

export const SCAN_OUTCOME_LABELS: Record<ScanOutcome, string> = {
  found: '在位',
  elsewhere: '不在原位',
  damaged: '损坏',
  surplus: '盘盈',
  missing: '盘亏',
};

export const TRANSFER_STATE_LABELS: Record<TransferState, string> = {
  requested: '待审批',
  approved: '待接收',
  received: '已接收',
  rejected: '已驳回',
  cancelled: '已撤回',
};
