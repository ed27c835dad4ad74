import {
  ASSET_ERRORS,
  type Asset,
  type AssetEvent,
  type AssetStatus,
  nextTransferState,
  TRANSFER_ASSET_EFFECT,
  type TransferEvent,
  type TransferRole,
  type TransferState,
} from '../../shared/assets';
import { AppError } from '../../shared/errors';
import { type CallerContext, isAdmin, unitsWhere } from '../_lib/caller';
import { newId } from '../_lib/clock';
import { cmd, rowsOf } from '../_lib/cloud';
import { runTx, txGet } from '../_lib/tx';
import { ASSET_COLLECTIONS, col, getAsset, managesUnit, requireManager, unitOf, zoneOf } from './assets.repo';

/** A transfer of one asset to another unit (collection `assetTransfers`). */
export interface Transfer {
  _id: string;
  assetId: string;
  tag: string;
  name: string;
  fromUnitId: string;
  toUnitId: string;
  state: TransferState;
  /** The asset's status before the request, restored if the transfer is rejected or withdrawn. */
  prevStatus: AssetStatus;
  note: string;
  history: Array<{ at: Date; actorId: string; event: TransferEvent | 'request'; to: TransferState; note?: string }>;
  createdAt: Date;
  updatedAt: Date;
}

const TRANSFERABLE: readonly AssetStatus[] = ['in_use', 'idle'];

/** A manager of the asset's unit asks to transfer it to another (existing) unit. */
export async function requestTransfer(input: { assetId: string; toUnitId: string; note?: string }, caller: CallerContext, now: Date) {
  const asset = await getAsset(input.assetId);
  requireManager(caller, asset.unitId);
  await unitOf(input.toUnitId);
  if (input.toUnitId === asset.unitId) throw new AppError(ASSET_ERRORS.SAME_UNIT, 'already in that unit');
  const id = newId(now);
  return runTx(async (tx) => {
    const a = await txGet<Asset>(tx, ASSET_COLLECTIONS.assets, input.assetId);
    if (!a) throw new AppError(ASSET_ERRORS.NOT_FOUND, 'no such asset');
    if (a.status === 'disposed') throw new AppError(ASSET_ERRORS.DISPOSED, 'disposed');
    if (a.transferId) throw new AppError(ASSET_ERRORS.TRANSFER_OPEN, 'an open transfer exists');
    if (!TRANSFERABLE.includes(a.status)) throw new AppError(ASSET_ERRORS.INVALID_TRANSITION, `cannot transfer while ${a.status}`);
    const t: Transfer = {
      _id: id,
      assetId: input.assetId,
      tag: a.tag,
      name: a.name,
      fromUnitId: a.unitId,
      toUnitId: input.toUnitId,
      state: 'requested',
      prevStatus: a.status,
      note: input.note ?? '',
      history: [{ at: now, actorId: caller.id, event: 'request', to: 'requested' }],
      createdAt: now,
      updatedAt: now,
    };
    const { _id, ...doc } = t;
    await tx.collection(ASSET_COLLECTIONS.transfers).doc(id).set({ data: doc });
    await tx
      .collection(ASSET_COLLECTIONS.assets)
      .doc(input.assetId)
      .update({ data: { status: 'transferring', transferId: id, updatedAt: now, version: a.version + 1 } });
    await tx.collection(ASSET_COLLECTIONS.events).add({
      data: event(input.assetId, 'transferRequested', caller.id, now, a.status, 'transferring', {
        transferId: id,
        fromUnitId: a.unitId,
        toUnitId: input.toUnitId,
      }) as never,
    });
    return { transferId: id, state: t.state };
  });
}

const event = (
  assetId: string,
  kind: AssetEvent['kind'],
  actorId: string,
  at: Date,
  from: AssetStatus,
  to: AssetStatus,
  data: AssetEvent['data'],
): AssetEvent => ({ _id: newId(at), assetId, kind, at, actorId, from, to, data });

const EVENT_KINDS: Record<TransferEvent, AssetEvent['kind']> = {
  approve: 'transferApproved',
  reject: 'transferRejected',
  cancel: 'transferRejected',
  receive: 'transferred',
};

/** Approve / reject (the asset office), receive (the target unit's manager, naming where it now stands), cancel. */
export async function actOnTransfer(
  input: { transferId: string; event: TransferEvent; zoneId?: string; note?: string },
  caller: CallerContext,
  now: Date,
) {
  if (input.event === 'receive') {
    if (!input.zoneId) throw new AppError(ASSET_ERRORS.ZONE_NOT_FOUND, 'receive needs the zone it now stands in');
    await zoneOf(input.zoneId);
  }
  const zone = input.zoneId ? await zoneOf(input.zoneId) : null;
  return runTx(async (tx) => {
    const t = await txGet<Transfer>(tx, ASSET_COLLECTIONS.transfers, input.transferId);
    if (!t) throw new AppError(ASSET_ERRORS.TRANSFER_NOT_FOUND, 'no such transfer');
    const roles: TransferRole[] = [];
    if (isAdmin(caller)) roles.push('admin');
    if (unitsWhere(caller, 'manager').includes(t.fromUnitId)) roles.push('sourceManager');
    if (unitsWhere(caller, 'manager').includes(t.toUnitId)) roles.push('targetManager');
    const to = nextTransferState(t.state, input.event, roles);
    if (zone && zone.unitId !== t.toUnitId) throw new AppError(ASSET_ERRORS.ZONE_NOT_FOUND, 'the zone is not in the receiving unit');
    const a = await txGet<Asset>(tx, ASSET_COLLECTIONS.assets, t.assetId);
    if (!a) throw new AppError(ASSET_ERRORS.NOT_FOUND, 'no such asset');
    const effect = TRANSFER_ASSET_EFFECT[input.event];
    const assetUpdate: Record<string, unknown> = { updatedAt: now, version: a.version + 1 };
    let status: AssetStatus = a.status;
    if (effect === 'release') {
      status = t.prevStatus;
      Object.assign(assetUpdate, { status, transferId: null });
    } else if (effect === 'move') {
      status = 'idle';
      // A new unit: its own custodian will be named; the old one no longer answers for it.
      Object.assign(assetUpdate, {
        status,
        transferId: null,
        unitId: t.toUnitId,
        zoneId: input.zoneId,
        custodianId: null,
        custodianAcceptedAt: null,
        managerId: null,
      });
    }
    const _ = cmd();
    await tx
      .collection(ASSET_COLLECTIONS.transfers)
      .doc(t._id ?? input.transferId)
      .update({
        data: {
          state: to,
          updatedAt: now,
          history: _.push([{ at: now, actorId: caller.id, event: input.event, to, ...(input.note ? { note: input.note } : {}) }]),
        },
      });
    await tx.collection(ASSET_COLLECTIONS.assets).doc(t.assetId).update({ data: assetUpdate });
    await tx.collection(ASSET_COLLECTIONS.events).add({
      data: event(t.assetId, EVENT_KINDS[input.event], caller.id, now, a.status, status, {
        transferId: input.transferId,
        fromUnitId: t.fromUnitId,
        toUnitId: t.toUnitId,
        ...(input.note ? { note: input.note } : {}),
      }) as never,
    });
    return { transferId: input.transferId, state: to, assetStatus: status };
  });
}

/** Transfers the caller takes part in (an admin: all), newest first; `state` filters. */
export async function listTransfers(caller: CallerContext, input: { state?: TransferState }) {
  const _ = cmd();
  const mine = unitsWhere(caller, 'manager');
  if (!isAdmin(caller) && mine.length === 0) throw new AppError(ASSET_ERRORS.FORBIDDEN, 'managers only');
  const scope = isAdmin(caller) ? {} : _.or([{ fromUnitId: _.in(mine) }, { toUnitId: _.in(mine) }]);
  const where = input.state ? _.and([scope, { state: input.state }]) : scope;
  const res = await col('transfers').where(where).orderBy('createdAt', 'desc').limit(50).get();
  return {
    items: rowsOf<Transfer>(res).map(({ history: _history, ...t }) => ({
      ...t,
      mayApprove: isAdmin(caller) && t.state === 'requested',
      mayReceive: t.state === 'approved' && managesUnit(caller, t.toUnitId),
      mayCancel: (t.state === 'requested' && managesUnit(caller, t.fromUnitId)) || (isAdmin(caller) && t.state === 'approved'),
    })),
  };
}
