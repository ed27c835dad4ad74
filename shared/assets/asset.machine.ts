import { AppError } from '../errors';
import { ASSET_ERRORS } from './asset.errors';
import type { Asset, AssetEventKind, AssetEventName, AssetEventRequest, AssetStatus } from './asset.schema';

export { TRANSFER_STATE_LABELS } from './asset.labels';

/** Who may record an event: a manager of the asset's unit (or an admin), or its named custodian. */
export type AssetActorRole = 'unitManager' | 'custodian' | 'admin' | 'system';

/** One row: the statuses it may start from, where it leads (`same` keeps the status), who may do it. */
export interface AssetRule {
  readonly from: readonly AssetStatus[];
  readonly to: AssetStatus | 'same';
  readonly roles: readonly AssetActorRole[];
  /** The event recorded in the asset's life. */
  readonly records: AssetEventKind;
}

const ACTIVE: readonly AssetStatus[] = ['in_use', 'idle', 'under_repair', 'lent', 'awaiting_disposal'];
const MANAGE: readonly AssetActorRole[] = ['unitManager', 'admin'];

/**
 * The asset lifecycle as data (购建 → 使用 → 调配 → 变价处理): event → rule. Transfers (`transferring`) and
 * verification (`lost`) change status through their own tables below; a disposed asset accepts nothing.
 */
export const ASSET_TRANSITIONS: { readonly [E in AssetEventName]: AssetRule } = {
  assign: { from: ['in_use', 'idle'], to: 'in_use', roles: MANAGE, records: 'assigned' },
  accept: { from: ['in_use'], to: 'same', roles: ['custodian'], records: 'accepted' },
  move: { from: ['in_use', 'idle', 'under_repair', 'awaiting_disposal'], to: 'same', roles: MANAGE, records: 'moved' },
  lend: { from: ['in_use', 'idle'], to: 'lent', roles: MANAGE, records: 'lent' },
  return: { from: ['lent'], to: 'in_use', roles: MANAGE, records: 'returned' },
  maintain: { from: ['in_use', 'idle', 'under_repair'], to: 'under_repair', roles: MANAGE, records: 'maintained' },
  repair: { from: ['under_repair'], to: 'in_use', roles: MANAGE, records: 'repaired' },
  damage: { from: ['in_use', 'idle', 'lent', 'under_repair'], to: 'under_repair', roles: MANAGE, records: 'damaged' },
  requestDisposal: {
    from: ['in_use', 'idle', 'under_repair', 'lost'],
    to: 'awaiting_disposal',
    roles: MANAGE,
    records: 'disposalRequested',
  },
  dispose: { from: ['awaiting_disposal'], to: 'disposed', roles: ['admin'], records: 'disposed' },
};

/** What an event changes on the asset besides its status. */
export function effectOf(cmd: AssetEventRequest, now: Date): Partial<Asset> {
  switch (cmd.event) {
    case 'assign':
      return { custodianId: cmd.custodianId, custodianAcceptedAt: null };
    case 'accept':
      return { custodianAcceptedAt: now };
    case 'move':
      return { zoneId: cmd.zoneId };
    default:
      return {};
  }
}

/** The event's payload as recorded (ids, costs, people), without the asset id and event name. */
export function eventData(cmd: AssetEventRequest): Record<string, string | number | boolean | null> {
  const { event: _e, assetId: _a, ...rest } = cmd as Record<string, unknown>;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Record<string, string | number | boolean | null>;
}

/**
 * Applies an event to an asset: the legal next asset, or `ASSET.DISPOSED` / `ASSET.INVALID_TRANSITION` /
 * `ASSET.NOT_CUSTODIAN` / `ASSET.FORBIDDEN`. `roles` are the caller's relations to this asset.
 */
export function applyAssetEvent(
  asset: Asset,
  cmd: AssetEventRequest,
  roles: readonly AssetActorRole[],
  now: Date,
): { next: Asset; rule: AssetRule } {
  if (asset.status === 'disposed') throw new AppError(ASSET_ERRORS.DISPOSED, 'the asset is disposed');
  const rule = ASSET_TRANSITIONS[cmd.event];
  if (!rule.from.includes(asset.status)) {
    throw new AppError(ASSET_ERRORS.INVALID_TRANSITION, `${cmd.event} is not possible while ${asset.status}`, {
      status: asset.status,
      event: cmd.event,
    });
  }
  if (!rule.roles.some((r) => roles.includes(r))) {
    throw new AppError(
      rule.roles.includes('custodian') ? ASSET_ERRORS.NOT_CUSTODIAN : ASSET_ERRORS.FORBIDDEN,
      `${cmd.event} needs ${rule.roles.join('/')}`,
    );
  }
  const to = rule.to === 'same' ? asset.status : rule.to;
  return { next: { ...asset, ...effectOf(cmd, now), status: to, updatedAt: now, version: asset.version + 1 }, rule };
}

/** Statuses from which the system marks an asset lost (盘亏) when a campaign closes without finding it. */
export const LOSABLE: readonly AssetStatus[] = ACTIVE;

// ---- transfers: requested → approved → received ----------------------------------------------------

export type TransferState = 'requested' | 'approved' | 'received' | 'rejected' | 'cancelled';
export type TransferEvent = 'approve' | 'reject' | 'receive' | 'cancel';
/** Who acts on a transfer: the source unit's manager, the target unit's manager, the asset office (admin). */
export type TransferRole = 'sourceManager' | 'targetManager' | 'admin';

/** The transfer lifecycle as data; absent pairs cannot happen. */
export const TRANSFER_TRANSITIONS: {
  readonly [S in TransferState]: { readonly [E in TransferEvent]?: { to: TransferState; roles: readonly TransferRole[] } };
} = {
  requested: {
    approve: { to: 'approved', roles: ['admin'] },
    reject: { to: 'rejected', roles: ['admin'] },
    cancel: { to: 'cancelled', roles: ['sourceManager', 'admin'] },
  },
  approved: {
    receive: { to: 'received', roles: ['targetManager', 'admin'] },
    cancel: { to: 'cancelled', roles: ['admin'] },
  },
  received: {},
  rejected: {},
  cancelled: {},
};

/** What a transfer event does to the asset: status while in transfer, and the new unit on receipt. */
export const TRANSFER_ASSET_EFFECT: { readonly [E in TransferEvent]: 'keep' | 'release' | 'move' } = {
  approve: 'keep',
  reject: 'release',
  cancel: 'release',
  receive: 'move',
};

/** The next transfer state, or a coded error (`ASSET.TRANSFER_INVALID_STATE`, `ASSET.FORBIDDEN`). */
export function nextTransferState(state: TransferState, event: TransferEvent, roles: readonly TransferRole[]): TransferState {
  const rule = TRANSFER_TRANSITIONS[state][event];
  if (!rule) throw new AppError(ASSET_ERRORS.TRANSFER_INVALID_STATE, `${event} is not possible while ${state}`, { state, event });
  if (!rule.roles.some((r) => roles.includes(r))) throw new AppError(ASSET_ERRORS.FORBIDDEN, `${event} needs ${rule.roles.join('/')}`);
  return rule.to;
}
