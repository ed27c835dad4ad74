import {
  ASSET_ERRORS,
  type Asset,
  type AssetEvent,
  assetIdOf,
  type Campaign,
  campaignIdOf,
  campaignResults,
  classifyScan,
  counterIncrements,
  countersFrom,
  dueBounds,
  HELD_STATUSES,
  LOSABLE,
  nextVerifyAfter,
  type ScanOutcome,
  type ScanReport,
  scanIdOf,
  startCampaign,
} from '../../shared/assets';
import { AppError } from '../../shared/errors';
import { ASSET_DUE_PAGE, assetDueFields } from '../../shared/notify/templates';
import { monthOf } from '../../shared/periods';
import { openTicket } from '../../shared/tickets';
import { type CallerContext, unitsWhere } from '../_lib/caller';
import { newId } from '../_lib/clock';
import { COLLECTIONS, cmd, db, rowsOf } from '../_lib/cloud';
import { logger } from '../_lib/logger';
import { sendMessage, TEMPLATES } from '../_lib/notify';
import { allUnits, category, chooseAssignee, settings, staffing, zoneById } from '../_lib/refdata';
import { findTicket, insertTicket, isDuplicateKey, nextTicketNo, toDoc } from '../_lib/tickets.repo';
import { runTx, txGet } from '../_lib/tx';
import {
  ASSET_COLLECTIONS,
  col,
  findAsset,
  inBatches,
  insertMany,
  managesUnit,
  readAll,
  requireManager,
  requireReader,
  stableId,
  stableUuid,
  totalOf,
  unitOf,
} from './assets.repo';

/** One scan record (collection `assetScans`): `_id` is the campaign and asset (or unknown tag). */
export interface Scan {
  _id: string;
  campaignId: string;
  unitId: string;
  month: string;
  assetId: string | null;
  tag: string;
  name: string | null;
  outcome: ScanOutcome;
  value: number;
  /** Where an asset found elsewhere stood; the unit that holds an asset scanned as 盘盈. */
  place: string | null;
  ownerUnitId: string | null;
  photo: string | null;
  at: Date;
  by: string;
}

/** The campaign without its snapshot (the part progress and results read). */
const COUNTER_FIELDS = {
  _id: true,
  unitId: true,
  month: true,
  state: true,
  expectedCount: true,
  expectedValue: true,
  counts: true,
  values: true,
  startedAt: true,
  closedAt: true,
  ticketIds: true,
} as const;

/** Who may scan in a unit's campaign: its managers and staff, and admins. */
function requireScanner(caller: CallerContext, unitId: string): void {
  if (managesUnit(caller, unitId) || unitsWhere(caller, 'staff').includes(unitId)) return;
  throw new AppError(ASSET_ERRORS.FORBIDDEN, 'not a member of this unit');
}

async function campaignCounters(id: string): Promise<Omit<Campaign, 'expected'>> {
  const res = await col('campaigns').where({ _id: id }).field(COUNTER_FIELDS).limit(1).get();
  const c = rowsOf<Omit<Campaign, 'expected'>>(res)[0];
  if (!c) throw new AppError(ASSET_ERRORS.CAMPAIGN_NOT_FOUND, 'no such campaign');
  return c;
}

/** The asset ids a campaign expected to find (its snapshot at the start). */
export async function snapshotOf(campaignId: string): Promise<string[]> {
  const res = await col('snapshots').where({ _id: campaignId }).limit(1).get();
  return rowsOf<{ expected: string[] }>(res)[0]?.expected ?? [];
}

/** Starts this month's campaign of a unit: a snapshot of every asset it holds. One per unit per month. */
export async function start(input: { unitId: string }, caller: CallerContext, now: Date) {
  requireManager(caller, input.unitId);
  await unitOf(input.unitId);
  const held = await readAll<Pick<Asset, '_id' | 'value'>>(
    'assets',
    { unitId: input.unitId, status: cmd().in([...HELD_STATUSES]) },
    { value: true },
  );
  const c = startCampaign(input.unitId, held, caller.id, now);
  // The snapshot lives in its own document, so the counters document every progress read touches stays small.
  const { _id, expected, ...counters } = c;
  await runTx(async (tx) => {
    if (await txGet(tx, ASSET_COLLECTIONS.campaigns, _id))
      throw new AppError(ASSET_ERRORS.CAMPAIGN_EXISTS, 'this month already has a campaign');
    await tx.collection(ASSET_COLLECTIONS.campaigns).doc(_id).set({ data: counters });
    await tx
      .collection(ASSET_COLLECTIONS.snapshots)
      .doc(_id)
      .set({ data: { unitId: c.unitId, month: c.month, expected } });
  });
  return { campaignId: _id, ...campaignResults(c), state: c.state, month: c.month };
}

/** The unit's campaign for a month (this month by default), with progress from its counters. */
export async function progress(caller: CallerContext, input: { unitId: string; month?: string }, now: Date) {
  requireReader(caller, input.unitId);
  const id = campaignIdOf(input.unitId, input.month ?? monthOf(now));
  const res = await col('campaigns').where({ _id: id }).field(COUNTER_FIELDS).limit(1).get();
  const c = rowsOf<Omit<Campaign, 'expected'>>(res)[0];
  if (!c) return { campaign: null, mayManage: managesUnit(caller, input.unitId) };
  return {
    campaign: {
      _id: c._id,
      unitId: c.unitId,
      month: c.month,
      state: c.state,
      startedAt: c.startedAt,
      closedAt: c.closedAt,
      ticketCount: c.ticketIds.length,
    },
    results: campaignResults(c),
    mayManage: managesUnit(caller, input.unitId),
  };
}

/**
 * Records one scan. The outcome is decided from the snapshot (outside it: 盘盈) and the report; then one
 * transaction re-checks that the campaign is open, inserts the scan under its unique key and increments the
 * counters — so a repeat scan changes nothing, and no scan lands after the close.
 */
export async function scan(
  input: { campaignId: string; tag: string; report: ScanReport; photo?: string; place?: string },
  caller: CallerContext,
  now: Date,
) {
  const c = await campaignCounters(input.campaignId);
  requireScanner(caller, c.unitId);
  if (c.state !== 'open') throw new AppError(ASSET_ERRORS.CAMPAIGN_CLOSED, 'the campaign is closed');
  const tag = input.tag.toUpperCase();
  const asset = await findAsset(assetIdOf(tag));
  const inSnapshot = asset ? totalOf(await col('snapshots').where({ _id: input.campaignId, expected: asset._id }).count()) > 0 : false;
  const outcome = classifyScan(input, asset, inSnapshot);
  const value = asset?.value ?? 0;
  const id = scanIdOf(input.campaignId, asset?._id ?? `tag-${tag}`);
  const record: Scan = {
    _id: id,
    campaignId: input.campaignId,
    unitId: c.unitId,
    month: c.month,
    assetId: asset?._id ?? null,
    tag,
    name: asset?.name ?? null,
    outcome,
    value,
    place: input.place ?? null,
    ownerUnitId: asset && outcome === 'surplus' ? asset.unitId : null,
    photo: input.photo ?? null,
    at: now,
    by: caller.id,
  };
  const _ = cmd();
  const result = await runTx(async (tx) => {
    const live = await txGet<Campaign>(tx, ASSET_COLLECTIONS.campaigns, input.campaignId);
    if (live?.state !== 'open') throw new AppError(ASSET_ERRORS.CAMPAIGN_CLOSED, 'the campaign is closed');
    const earlier = await txGet<Scan>(tx, ASSET_COLLECTIONS.scans, id);
    if (earlier) return { outcome: earlier.outcome, repeat: true };
    const { _id, ...doc } = record;
    await tx.collection(ASSET_COLLECTIONS.scans).doc(id).set({ data: doc });
    const inc = Object.fromEntries(Object.entries(counterIncrements(outcome, value)).map(([k, v]) => [k, _.inc(v)]));
    await tx.collection(ASSET_COLLECTIONS.campaigns).doc(input.campaignId).update({ data: inc });
    if (asset && outcome !== 'surplus') {
      const a = await txGet<Asset>(tx, ASSET_COLLECTIONS.assets, asset._id);
      if (a && a.status !== 'disposed') {
        const update: Record<string, unknown> = {
          lastVerifiedAt: now,
          nextVerifyAt: nextVerifyAfter(now, a.verifyEveryMonths || 1),
          updatedAt: now,
          version: a.version + 1,
        };
        const event: AssetEvent = {
          _id: newId(now),
          assetId: asset._id,
          kind: 'verified',
          at: now,
          actorId: caller.id,
          from: a.status,
          to: a.status,
          data: { campaignId: input.campaignId, outcome, place: input.place ?? null, photo: input.photo ?? null },
        };
        await tx.collection(ASSET_COLLECTIONS.assets).doc(asset._id).update({ data: update });
        await tx.collection(ASSET_COLLECTIONS.events).add({ data: event as never });
      }
    }
    return { outcome, repeat: false };
  });
  return { ...result, tag, assetId: asset?._id ?? null, name: asset?.name ?? null };
}

/**
 * Closes a campaign, once: a transaction moves it from open to closing (a second close, or a close racing a
 * scan, is `ASSET.CAMPAIGN_CLOSED` or waits its turn), then `finishClose` records every unscanned asset as 盘亏
 * and opens the tickets. Those steps use deterministic ids, so the timer can finish a close that died midway.
 */
export async function close(input: { campaignId: string }, caller: CallerContext, now: Date) {
  const c = await campaignCounters(input.campaignId);
  requireManager(caller, c.unitId);
  await runTx(async (tx) => {
    const live = await txGet<Campaign>(tx, ASSET_COLLECTIONS.campaigns, input.campaignId);
    if (!live) throw new AppError(ASSET_ERRORS.CAMPAIGN_NOT_FOUND, 'no such campaign');
    if (live.state !== 'open') throw new AppError(ASSET_ERRORS.CAMPAIGN_CLOSED, 'already closed');
    await tx
      .collection(ASSET_COLLECTIONS.campaigns)
      .doc(input.campaignId)
      .update({ data: { state: 'closing', closedAt: now, closedBy: caller.id } });
  });
  return finishClose(input.campaignId, now);
}

/** The second half of a close (re-runnable): 盘亏 records, counters set from the records, lost assets, tickets. */
export async function finishClose(campaignId: string, now: Date, deadline = Date.now() + CLOSE_BUDGET_MS) {
  const res = await col('campaigns').where({ _id: campaignId }).limit(1).get();
  const c = rowsOf<Campaign>(res)[0];
  if (c?.state !== 'closing') throw new AppError(ASSET_ERRORS.CAMPAIGN_CLOSED, 'not closing');
  const closer = c.closedBy ?? 'system';
  const scans = await readAll<Scan>('scans', { campaignId }, { assetId: true, outcome: true, value: true, tag: true, name: true });
  const seen = new Set(scans.map((s) => s.assetId).filter(Boolean));
  const missingIds = (await snapshotOf(campaignId)).filter((id) => !seen.has(id));

  // 盘亏 records for every asset of the snapshot nobody scanned.
  const missingAssets: Asset[] = [];
  const _ = cmd();
  await inBatches(missingIds, 500, async (batch) => {
    const rows = rowsOf<Asset>(
      await col('assets')
        .where({ _id: _.in(batch) })
        .limit(batch.length)
        .get(),
    );
    missingAssets.push(...rows);
  });
  const missingScans: Scan[] = missingAssets.map((a) => ({
    _id: scanIdOf(campaignId, a._id),
    campaignId,
    unitId: c.unitId,
    month: c.month,
    assetId: a._id,
    tag: a.tag,
    name: a.name,
    outcome: 'missing',
    value: a.value,
    place: null,
    ownerUnitId: null,
    photo: null,
    at: now,
    by: 'system',
  }));
  await insertMany('scans', missingScans);

  // Counters from the records (set, not incremented: a re-run lands on the same numbers).
  const all = [...scans.filter((s) => s.outcome !== 'missing'), ...missingScans];
  const { counts, values } = countersFrom(all);
  await col('campaigns')
    .doc(campaignId)
    .update({ data: { counts: _.set(counts), values: _.set(values) } });

  // Missing assets are lost until found; each gets a 盘亏 event (deterministic id: inserted once).
  await inBatches(missingAssets, 500, async (batch) => {
    await col('assets')
      .where({ _id: _.in(batch.map((a) => a._id)), status: _.in([...LOSABLE]) })
      .update({ data: { status: 'lost', updatedAt: now } });
  });
  await insertMany(
    'events',
    missingAssets.map(
      (a): AssetEvent => ({
        _id: stableId('ev', campaignId, a._id, 'lost'),
        assetId: a._id,
        kind: 'lost',
        at: now,
        actorId: closer,
        from: a.status,
        to: 'lost',
        data: { campaignId },
      }),
    ),
  );

  // A ticket in the normal loop for every missing or damaged asset.
  const damaged = scans.filter((s) => s.outcome === 'damaged' && s.assetId);
  const damagedAssets = damaged.length
    ? rowsOf<Asset>(
        await col('assets')
          .where({ _id: _.in(damaged.map((s) => s.assetId as string)) })
          .limit(damaged.length)
          .get(),
      )
    : [];
  const ticketIds: string[] = [];
  for (const [a, kind] of [...missingAssets.map((a) => [a, 'missing'] as const), ...damagedAssets.map((a) => [a, 'damaged'] as const)]) {
    if (Date.now() > deadline) {
      // Out of time in this invocation: the results stand; the hourly timer opens the remaining tickets.
      return { campaignId, state: 'closing' as const, ...campaignResults({ ...c, counts, values }), tickets: ticketIds.length };
    }
    const id = await openAssetTicket(a, kind, campaignId, closer, now);
    if (id) ticketIds.push(id);
  }
  await col('campaigns')
    .where({ _id: campaignId, state: 'closing' })
    .update({ data: { state: 'closed', ticketIds } });
  return { campaignId, state: 'closed' as const, ...campaignResults({ ...c, counts, values }), tickets: ticketIds.length };
}

/** A close stops opening tickets after this long, well inside the 60 s function timeout. */
const CLOSE_BUDGET_MS = 40_000;
/** The timer leaves a close this young to the invocation that started it. */
const CLOSE_GRACE_MS = 120_000;
/** Due reminders go out from this Shanghai hour on (the timer runs hourly). */
const REMIND_FROM_HOUR = 8;

/** Opens (once) the ticket for a missing or damaged asset at its zone, category 设施损坏, naming the asset. */
async function openAssetTicket(
  a: Asset,
  kind: 'missing' | 'damaged',
  campaignId: string,
  openerId: string,
  now: Date,
): Promise<string | null> {
  const id = stableId('at', campaignId, a._id);
  if (await findTicket(id)) return id;
  try {
    const [zone, cat, cfg] = await Promise.all([
      zoneById(a.zoneId),
      category('facility').catch(() => category('other')),
      settings('tickets'),
    ]);
    const staff = await staffing(zone);
    const ticket = openTicket(
      {
        _id: id,
        no: await nextTicketNo(now),
        requestId: stableUuid('asset-ticket', campaignId, a._id),
        opener: { source: 'finding', inspectorId: openerId },
        kind: 'problem',
        zone,
        category: cat,
        description:
          kind === 'missing'
            ? `资产盘点盘亏：${a.tag} ${a.name}（原值 ${a.value} 元）在本月盘点中未找到，请查找并说明情况。`
            : `资产盘点发现损坏：${a.tag} ${a.name}，请维修或按规定处置。`,
        photos: [],
        earlier: [],
        assigneeId: a.managerId ?? chooseAssignee(zone, staff),
        assetId: a._id,
      },
      now,
      { deadlineRules: cfg.deadlineRules, escalationLevels: cfg.escalationLevels, repeatWindowDays: cfg.repeatWindowDays },
    );
    await insertTicket(toDoc(ticket));
    return id;
  } catch (e) {
    if (isDuplicateKey(e)) return id;
    // A zone removed since registration: the 盘亏 stands in the results; the ticket cannot be placed.
    logger.warn('asset ticket not opened', { assetId: a._id, campaignId, error: e });
    return null;
  }
}

/** The month's campaigns of every unit with their results (one bounded read of the counters). */
export async function monthResults(input: { month: string }) {
  const res = await col('campaigns').where({ month: input.month }).field(COUNTER_FIELDS).limit(1000).get();
  const rows = rowsOf<Omit<Campaign, 'expected'>>(res);
  return { month: input.month, items: rows.map((c) => ({ campaignId: c._id, unitId: c.unitId, state: c.state, ...campaignResults(c) })) };
}

/** The 盘盈 / 盘亏 (and damaged, found elsewhere) list of a campaign. */
export async function exceptions(caller: CallerContext, input: { campaignId: string }) {
  const c = await campaignCounters(input.campaignId);
  requireReader(caller, c.unitId);
  // Only the fields asked for arrive (and `_id`): the row type says so.
  const rows = await readAll<Pick<Scan, '_id' | 'tag' | 'name' | 'outcome' | 'value' | 'place' | 'ownerUnitId' | 'assetId' | 'at'>>(
    'scans',
    { campaignId: input.campaignId, outcome: cmd().in(['surplus', 'missing', 'damaged', 'elsewhere']) },
    {
      tag: true,
      name: true,
      outcome: true,
      value: true,
      place: true,
      ownerUnitId: true,
      assetId: true,
      at: true,
    },
    5000,
  );
  return { campaignId: input.campaignId, items: rows };
}

/** Recomputes a campaign's counters from its scan records and repairs any drift (admin, on demand). */
export async function check(input: { campaignId: string; repair: boolean }) {
  const c = await campaignCounters(input.campaignId);
  const scans = await readAll<Scan>('scans', { campaignId: input.campaignId }, { outcome: true, value: true });
  const expected = countersFrom(scans);
  const drift = (Object.keys(expected.counts) as ScanOutcome[]).filter(
    (k) => expected.counts[k] !== c.counts[k] || Math.abs(expected.values[k] - c.values[k]) > 0.005,
  );
  if (drift.length > 0 && input.repair) {
    const _ = cmd();
    await col('campaigns')
      .doc(input.campaignId)
      .update({ data: { counts: _.set(expected.counts), values: _.set(expected.values) } });
  }
  return { campaignId: input.campaignId, drift, repaired: drift.length > 0 && input.repair };
}

// ---- the daily timer --------------------------------------------------------------------------------

/**
 * Reminds each unit's managers of assets due or overdue for verification, at most once per unit and day
 * (a reminder document is inserted before sending; a second run finds it and sends nothing). Also finishes
 * closes that died midway. Returns what it did.
 */
export async function dailyTimer(now: Date, deadline: number) {
  const stats = { units: 0, reminded: 0, sent: 0, resumedCloses: 0 };
  const _ = cmd();
  const closing = await col('campaigns')
    .where({ state: 'closing', closedAt: _.lt(new Date(now.getTime() - CLOSE_GRACE_MS)) })
    .field({ _id: true })
    .limit(20)
    .get();
  for (const c of rowsOf<{ _id: string }>(closing)) {
    if (Date.now() > deadline) break;
    await finishClose(c._id, now, deadline);
    stats.resumedCloses += 1;
  }
  const local = new Date(now.getTime() + 8 * 3600_000);
  if (local.getUTCHours() < REMIND_FROM_HOUR) return stats;
  const day = local.toISOString().slice(0, 10);
  const bounds = dueBounds(now);
  for (const u of await allUnits()) {
    if (Date.now() > deadline) break;
    stats.units += 1;
    const due = totalOf(
      await col('assets')
        .where({ unitId: u._id, status: _.in([...HELD_STATUSES]), nextVerifyAt: _.lte(bounds.dueBefore) })
        .count(),
    );
    if (due === 0) continue;
    try {
      await col('reminders').add({ data: { _id: `rem-${u._id}-${day}`, unitId: u._id, day, due, at: now } });
    } catch (e) {
      if (isDuplicateKey(e)) continue;
      throw e;
    }
    stats.reminded += 1;
    const managers = rowsOf<{ openid: string }>(
      await db()
        .collection(COLLECTIONS.people)
        .where({ roles: _.elemMatch({ role: 'manager', unitId: u._id }) })
        .field({ openid: true })
        .limit(20)
        .get(),
    );
    for (const m of managers) if (await remind(m.openid, u.name, due)) stats.sent += 1;
  }
  return stats;
}

/** Subscribe-message template for "assets due for verification" (registered in shared/contract/templates.ts). */
export const DUE_TEMPLATE = TEMPLATES.assetDue;

/** The reminder goes through the one notify path (which counts the manager's remaining subscriptions). */
const remind = async (openid: string, unitName: string, due: number): Promise<boolean> =>
  (await sendMessage({ touser: openid, template: 'assetDue', ticketId: null, page: ASSET_DUE_PAGE, fields: assetDueFields(unitName, due) }))
    .ok;
