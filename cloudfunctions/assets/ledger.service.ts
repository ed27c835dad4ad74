import {
  ASSET_ERRORS,
  type Asset,
  type AssetActorRole,
  type AssetEvent,
  type AssetEventRequest,
  applyAssetEvent,
  assetIdOf,
  type DueState,
  depreciation,
  dueBounds,
  dueState,
  eventData,
  HELD_STATUSES,
  type RegisterAssetRequest,
} from '../../shared/assets';
import { AppError } from '../../shared/errors';
import { type CallerContext, isAdmin, unitsWhere } from '../_lib/caller';
import { newId } from '../_lib/clock';
import { COLLECTIONS, cmd, db, rowsOf } from '../_lib/cloud';
import { afterCursor, PAGE_SIZE, type Page, pageFrom, withCursor } from '../_lib/page';
import { allUnits } from '../_lib/refdata';
import { ticketsOfAsset } from '../_lib/tickets.repo';
import { runTx, txGet } from '../_lib/tx';
import {
  ASSET_COLLECTIONS,
  categoryOf,
  col,
  ensurePeople,
  getAsset,
  readableUnits,
  requireManager,
  requireReader,
  unitOf,
  zoneOf,
} from './assets.repo';

const day = (s: string | undefined): Date | null => (s ? new Date(`${s}T00:00:00+08:00`) : null);

/** A new asset as registered by hand or imported: never verified, so due at once. */
export function newAsset(
  fields: Omit<
    Asset,
    '_id' | 'status' | 'lastVerifiedAt' | 'nextVerifyAt' | 'transferId' | 'createdAt' | 'updatedAt' | 'version' | 'custodianAcceptedAt'
  >,
  now: Date,
): Asset {
  return {
    _id: assetIdOf(fields.tag),
    ...fields,
    tag: fields.tag.toUpperCase(),
    status: fields.custodianId ? 'in_use' : 'idle',
    custodianAcceptedAt: null,
    lastVerifiedAt: null,
    nextVerifyAt: now,
    transferId: null,
    createdAt: now,
    updatedAt: now,
    version: 0,
  };
}

export const acquiredEvent = (a: Asset, actorId: string, now: Date, id = newId(now)): AssetEvent => ({
  _id: id,
  assetId: a._id,
  kind: 'acquired',
  at: now,
  actorId,
  from: null,
  to: a.status,
  data: { value: a.value, unitId: a.unitId, zoneId: a.zoneId, supplier: a.supplier || null },
});

/** Registers one asset (a manager of its unit or an admin): the asset and its `acquired` event in one transaction. */
export async function registerAsset(input: RegisterAssetRequest, caller: CallerContext, now: Date) {
  requireManager(caller, input.unitId);
  const [cat, , zone] = await Promise.all([categoryOf(input.categoryCode), unitOf(input.unitId), zoneOf(input.zoneId)]);
  if (zone.unitId !== input.unitId) throw new AppError(ASSET_ERRORS.ZONE_NOT_FOUND, 'the zone belongs to another unit');
  await ensurePeople([input.managerId, input.custodianId]);
  const asset = newAsset(
    {
      tag: input.tag,
      categoryCode: cat.code,
      categoryName: cat.name,
      name: input.name,
      model: input.model,
      serial: input.serial,
      value: input.value,
      purchasedAt: day(input.purchasedAt),
      inServiceAt: day(input.inServiceAt),
      supplier: input.supplier,
      unitId: input.unitId,
      zoneId: input.zoneId,
      managerId: input.managerId ?? null,
      custodianId: input.custodianId ?? null,
      lifeYears: cat.lifeYears,
      verifyEveryMonths: cat.verifyEveryMonths,
    },
    now,
  );
  await runTx(async (tx) => {
    if (await txGet(tx, ASSET_COLLECTIONS.assets, asset._id)) throw new AppError(ASSET_ERRORS.DUPLICATE_TAG, 'tag in use');
    await tx
      .collection(ASSET_COLLECTIONS.assets)
      .doc(asset._id)
      .set({ data: withoutId(asset) });
    await tx.collection(ASSET_COLLECTIONS.events).add({ data: acquiredEvent(asset, caller.id, now) as never });
  });
  return { assetId: asset._id, tag: asset.tag, status: asset.status };
}

const withoutId = <T extends { _id: string }>(d: T): Omit<T, '_id'> => {
  const { _id, ...rest } = d;
  return rest;
};

/** The caller's relations to an asset, for the lifecycle table. */
function relations(caller: CallerContext, a: Asset): AssetActorRole[] {
  const out: AssetActorRole[] = [];
  if (isAdmin(caller)) out.push('admin');
  if (unitsWhere(caller, 'manager').includes(a.unitId)) out.push('unitManager');
  if (a.custodianId && a.custodianId === caller.id) out.push('custodian');
  return out;
}

/**
 * Records one lifecycle event: re-reads the asset inside a transaction, applies the table, writes the asset
 * and appends the immutable event together, or neither.
 */
export async function recordEvent(input: AssetEventRequest, caller: CallerContext, now: Date) {
  if (input.event === 'assign') await ensurePeople([input.custodianId]);
  if (input.event === 'damage') await ensurePeople([input.liablePersonId]);
  if (input.event === 'move') {
    const [a, zone] = await Promise.all([getAsset(input.assetId), zoneOf(input.zoneId)]);
    if (zone.unitId !== a.unitId) throw new AppError(ASSET_ERRORS.ZONE_NOT_FOUND, 'the zone belongs to another unit');
  }
  return runTx(async (tx) => {
    const a = await txGet<Asset>(tx, ASSET_COLLECTIONS.assets, input.assetId);
    if (!a) throw new AppError(ASSET_ERRORS.NOT_FOUND, 'no such asset');
    const asset = { ...a, _id: input.assetId };
    const { next, rule } = applyAssetEvent(asset, input, relations(caller, asset), now);
    const data = eventData(input);
    if (input.event === 'move') data.fromZoneId = asset.zoneId;
    // Where the damage happened and whose unit held the asset then: scoring charges that unit even after a transfer.
    if (input.event === 'damage') Object.assign(data, { unitId: asset.unitId, zoneId: asset.zoneId });
    const event: AssetEvent = {
      _id: newId(now),
      assetId: asset._id,
      kind: rule.records,
      at: now,
      actorId: caller.id,
      from: asset.status,
      to: next.status,
      data,
    };
    await tx
      .collection(ASSET_COLLECTIONS.assets)
      .doc(asset._id)
      .update({ data: changed(asset, next) });
    await tx.collection(ASSET_COLLECTIONS.events).add({ data: event as never });
    return { assetId: asset._id, status: next.status, eventId: event._id };
  });
}

/** The top-level fields that differ (the asset has no nested objects). */
function changed(before: Asset, after: Asset): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) {
    if (k === '_id') continue;
    const old = (before as unknown as Record<string, unknown>)[k];
    const same = v instanceof Date && old instanceof Date ? v.getTime() === old.getTime() : v === old;
    if (!same) out[k] = v;
  }
  return out;
}

const EVENTS_ON_CARD = 200;

/** The asset card: the asset, its book value, where it stands for verification, and its whole life (oldest first). */
export async function card(caller: CallerContext, input: { assetId?: string; tag?: string }, now: Date) {
  const id = input.assetId ?? assetIdOf(input.tag ?? '');
  const asset = await getAsset(id);
  if (asset.custodianId !== caller.id) requireReader(caller, asset.unitId);
  const [events, tickets, zone] = await Promise.all([
    col('events').where({ assetId: id }).orderBy('at', 'asc').limit(EVENTS_ON_CARD).get(),
    ticketsOfAsset<{ _id: string; no: string; state: string; description: string; createdAt: Date }>(
      id,
      { _id: true, no: true, state: true, description: true, createdAt: true },
      20,
    ),
    zoneOf(asset.zoneId).catch(() => null),
  ]);
  const names = await personNames([asset.managerId, asset.custodianId]);
  return {
    asset: { ...asset, _id: id },
    zoneName: zone?.name ?? null,
    managerName: asset.managerId ? (names.get(asset.managerId) ?? null) : null,
    custodianName: asset.custodianId ? (names.get(asset.custodianId) ?? null) : null,
    depreciation: depreciation(asset.value, asset.lifeYears, asset.inServiceAt, now),
    due: dueState(asset, now),
    events: rowsOf<AssetEvent>(events),
    tickets,
    mayManage: isAdmin(caller) || unitsWhere(caller, 'manager').includes(asset.unitId),
    isCustodian: asset.custodianId === caller.id,
  };
}

async function personNames(ids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const res = await db()
    .collection(COLLECTIONS.people)
    .where({ _id: cmd().in(wanted) })
    .field({ _id: true, name: true })
    .limit(wanted.length)
    .get();
  return new Map(rowsOf<{ _id: string; name: string }>(res).map((p) => [p._id, p.name]));
}

export const LIST_FIELDS = {
  _id: true,
  tag: true,
  name: true,
  categoryName: true,
  status: true,
  value: true,
  zoneId: true,
  custodianId: true,
  lastVerifiedAt: true,
  nextVerifyAt: true,
} as const;
export type AssetRow = Pick<Asset, keyof typeof LIST_FIELDS>;

/** A unit's assets by tag, a page at a time; `due: 'due' | 'overdue'` lists what must be verified. */
export async function unitAssets(
  caller: CallerContext,
  input: { unitId: string; cursor?: string; due?: 'due' | 'overdue' },
  now: Date,
): Promise<Page<AssetRow & { dueState: DueState }>> {
  requireReader(caller, input.unitId);
  const _ = cmd();
  const where: Record<string, unknown> = { unitId: input.unitId };
  if (input.due) {
    const b = dueBounds(now);
    where.status = _.in([...HELD_STATUSES]);
    where.nextVerifyAt = _.lte(input.due === 'due' ? b.dueBefore : b.overdueBefore);
  }
  // Keyset paging (_lib/page.ts): by tag id, or by the verification date when listing what is due.
  const byDue = input.due !== undefined;
  const after = byDue ? afterCursor(input.cursor, 'nextVerifyAt', 'date', 'asc') : afterCursor(input.cursor, '_id', 'string', 'asc');
  let q = col('assets').where(withCursor(where, after));
  if (byDue) q = q.orderBy('nextVerifyAt', 'asc');
  const res = await q
    .orderBy('_id', 'asc')
    .field(LIST_FIELDS)
    .limit(PAGE_SIZE + 1)
    .get();
  const page = pageFrom(rowsOf<AssetRow>(res), (a) => (byDue ? a.nextVerifyAt : a._id));
  return { items: page.items.map((r) => ({ ...r, dueState: dueState(r, now) })), nextCursor: page.nextCursor };
}

/** Units the caller manages or works in, with names, for the unit picker. */
export async function myUnits(caller: CallerContext) {
  const units = await allUnits();
  // Every unit the caller may read (the office's inspectors oversee them all), so the unit page offers each.
  const readable = readableUnits(caller);
  const mine = readable === 'all' ? units : units.filter((u) => readable.includes(u._id));
  return {
    items: mine.map((u) => ({ _id: u._id, name: u.name, manages: isAdmin(caller) || unitsWhere(caller, 'manager').includes(u._id) })),
  };
}
