import { createHash } from 'node:crypto';
import {
  ASSET_ERRORS,
  type Asset,
  type AssetCategory,
  type AssetEvent,
  AssetCategory as CategorySchema,
  DEFAULT_ASSET_CATEGORIES,
} from '../../shared/assets';
import { AppError, isAppError } from '../../shared/errors';
import type { Unit, Zone } from '../../shared/org';
import { type CallerContext, isAdmin, unitsWhere } from '../_lib/caller';
import { COLLECTIONS, cmd, db, rowsOf } from '../_lib/cloud';
import { allUnits, zonesByIds } from '../_lib/refdata';
import { isDuplicateKey } from '../_lib/tickets.repo';

/** Collections of the assets area (declared in database.json). */
export const ASSET_COLLECTIONS = {
  assets: 'assets',
  /** Immutable life events, insert only. */
  events: 'assetEvents',
  /** The configured GB/T 14885 table; empty means the defaults. */
  categories: 'assetCategories',
  /** One document per unit and month: the snapshot and its counters. */
  campaigns: 'assetCampaigns',
  /** One document per campaign: the asset ids it expects (the snapshot), apart from the small counters. */
  snapshots: 'assetSnapshots',
  /** One document per campaign and asset (or unknown tag): the unique key that makes a repeat scan a no-op. */
  scans: 'assetScans',
  transfers: 'assetTransfers',
  imports: 'assetImports',
  /** One document per unit and day a due reminder was sent (the timer's at-most-once key). */
  reminders: 'assetReminders',
} as const;

/** `count()`'s documented reply shape (wx-server-sdk types it loosely). */
export const totalOf = (res: unknown): number => (res as { total: number }).total;

export const col = (name: keyof typeof ASSET_COLLECTIONS) => db().collection(ASSET_COLLECTIONS[name]);

export { isDuplicateKey };

/** An asset by id, or null (bounded read). */
export async function findAsset(id: string): Promise<Asset | null> {
  const res = await col('assets').where({ _id: id }).limit(1).get();
  return rowsOf<Asset>(res)[0] ?? null;
}

export async function getAsset(id: string): Promise<Asset> {
  const a = await findAsset(id);
  if (!a) throw new AppError(ASSET_ERRORS.NOT_FOUND, 'no such asset');
  return a;
}

/** The configured categories (the defaults when none are stored), by code. */
export async function categoryMap(): Promise<Map<string, AssetCategory>> {
  const rows = rowsOf<AssetCategory & { _id: string }>(await col('categories').limit(1000).get());
  const list = rows.length > 0 ? rows.map(({ _id, ...c }) => CategorySchema.parse(c)) : DEFAULT_ASSET_CATEGORIES;
  return new Map(list.map((c) => [c.code, c]));
}

export async function categoryOf(code: string): Promise<AssetCategory> {
  const c = (await categoryMap()).get(code);
  if (!c) throw new AppError(ASSET_ERRORS.UNKNOWN_CATEGORY, `no category ${code}`);
  return c;
}

export async function unitOf(id: string): Promise<Unit> {
  const u = (await allUnits()).find((x) => x._id === id);
  if (!u) throw new AppError(ASSET_ERRORS.UNIT_NOT_FOUND, `no unit ${id}`);
  return u;
}

export async function zoneOf(id: string): Promise<Zone> {
  try {
    const z = (await zonesByIds([id])).get(id);
    if (z) return z;
  } catch (e) {
    if (!isAppError(e)) throw e;
  }
  throw new AppError(ASSET_ERRORS.ZONE_NOT_FOUND, `no zone ${id}`);
}

/** Checks that every named person exists (one bounded read). */
export async function ensurePeople(ids: ReadonlyArray<string | null | undefined>): Promise<void> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return;
  const res = await db()
    .collection(COLLECTIONS.people)
    .where({ _id: cmd().in(wanted) })
    .field({ _id: true })
    .limit(wanted.length)
    .get();
  if (rowsOf(res).length !== wanted.length) throw new AppError(ASSET_ERRORS.PERSON_NOT_FOUND, 'a named person does not exist');
}

/** Whether the caller manages assets of `unitId`: an admin, or a manager of that unit. */
export const managesUnit = (caller: CallerContext, unitId: string): boolean =>
  isAdmin(caller) || unitsWhere(caller, 'manager').includes(unitId);

export function requireManager(caller: CallerContext, unitId: string): void {
  if (!managesUnit(caller, unitId)) throw new AppError(ASSET_ERRORS.FORBIDDEN, 'not a manager of this unit');
}

/** Units whose assets the caller may list: every unit for admins and leaders, else where they are staff or manager. */
export function readableUnits(caller: CallerContext): string[] | 'all' {
  if (isAdmin(caller) || caller.globalRoles.has('leader') || caller.roles.some((r) => r.role === 'inspector' && r.level === 'office'))
    return 'all';
  return [...new Set([...unitsWhere(caller, 'manager'), ...unitsWhere(caller, 'staff'), ...unitsWhere(caller, 'inspector')])];
}

export function requireReader(caller: CallerContext, unitId: string): void {
  const units = readableUnits(caller);
  if (units !== 'all' && !units.includes(unitId)) throw new AppError(ASSET_ERRORS.FORBIDDEN, 'not allowed to read this unit');
}

/** A deterministic id for work that may be re-run (close a campaign again after a crash): same input, same id. */
export const stableId = (prefix: string, ...parts: string[]): string =>
  prefix + createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 24);

/**
 * A UUID (version 5 layout) derived from `parts`: the request id of a ticket the system opens, so the same
 * ticket gets the same id on a retry and no two tickets share one (CloudBase's unique index on `requestId` treats
 * every null as one value, so a null request id would let only one such ticket exist).
 */
export function stableUuid(...parts: string[]): string {
  const h = createHash('sha1').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** An event document (immutable: the only write ever made to it is its insert). */
export const eventDoc = (e: AssetEvent): AssetEvent => e;

/** Runs `fn` over `items` `n` at a time. */
export async function inBatches<T>(items: readonly T[], n: number, fn: (batch: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += n) await fn(items.slice(i, i + n));
}

/** Inserts many documents in requests of up to 500; an existing id (a re-run) is skipped one by one. */
export async function insertMany(name: keyof typeof ASSET_COLLECTIONS, docs: readonly object[]): Promise<number> {
  let inserted = 0;
  await inBatches(docs, 500, async (batch) => {
    try {
      await col(name).add({ data: batch as never });
      inserted += batch.length;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      for (const d of batch) {
        try {
          await col(name).add({ data: d as never });
          inserted += 1;
        } catch (e2) {
          if (!isDuplicateKey(e2)) throw e2;
        }
      }
    }
  });
  return inserted;
}

/** Reads every document matching `where` in pages of 1000 by `_id` (bounded per request), up to `max`; `field` `{}` reads whole documents. */
export async function readAll<T extends { _id: string }>(
  name: keyof typeof ASSET_COLLECTIONS,
  where: Record<string, unknown>,
  field: Record<string, boolean>,
  max = 60_000,
): Promise<T[]> {
  const out: T[] = [];
  const _ = cmd();
  let after = '';
  for (;;) {
    let q = col(name)
      .where({ ...where, ...(after ? { _id: _.gt(after) } : {}) })
      .orderBy('_id', 'asc');
    // An empty `field` means whole documents.
    if (Object.keys(field).length > 0) q = q.field({ ...field, _id: true });
    const res = await q.limit(1000).get();
    const rows = rowsOf<T>(res);
    out.push(...rows);
    if (rows.length < 1000 || out.length >= max) return out;
    after = rows[rows.length - 1]._id;
  }
}
