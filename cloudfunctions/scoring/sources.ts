import { type AssetScoringInput, campaignResults, HELD_STATUSES, type LiableDamage, type UnverifiedAsset } from '../../shared/assets';
import type { Campaign } from '../../shared/assets/verification.rules';
import { missedAt, type ScoringOccurrence } from '../../shared/patrols';
import { monthOf, rangeOf } from '../../shared/periods';
import { shanghaiDate } from '../../shared/time/shanghai';
import { COLLECTIONS, cmd, db, rowsOf } from '../_lib/cloud';
import { zonesByIds } from '../_lib/refdata';
import { scanAll } from '../_lib/scan';

/**
 * The patrol and asset facts a month's scores read (issues 13 and 14). Every read is bounded (paged scans of
 * the month's records, `_id in` batches of 100) and reads the records themselves, not rollups, because each
 * line names its evidence.
 */

const IN = 100;
const OFFSET_MS = 8 * 3600_000;
const hhmm = (at: Date) => new Date(at.getTime() + OFFSET_MS).toISOString().slice(11, 16);

/** Documents by id in batches of 100 with only `field`. */
async function byIds<T extends { _id: string }>(
  collection: string,
  ids: readonly string[],
  field: Record<string, boolean>,
): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, T>();
  const _ = cmd();
  for (let i = 0; i < unique.length; i += IN) {
    const batch = unique.slice(i, i + IN);
    const res = await db()
      .collection(collection)
      .where({ _id: _.in(batch) })
      .field({ ...field, _id: true })
      .limit(batch.length)
      .get();
    for (const d of rowsOf<T>(res)) out.set(d._id, d);
  }
  return out;
}

type Occ = {
  _id: string;
  kind: 'plan' | 'selfCheck';
  level: 'office' | 'centre' | 'self';
  state: string;
  unitId: string;
  date: string;
  zoneId: string;
  zoneName: string;
  planId: string;
  planName: string;
  startAt: Date;
  missAt: Date;
  assigneeIds: string[];
};

/**
 * The month's missed occurrences as scoring reads them: marked missed, or still upcoming/open although their
 * grace ended before the month did (the timer had not swept them yet). A centre-level patrol carries the centre
 * that owed it (from its plan). Excused and done occurrences are not read.
 */
export async function missedOccurrences(month: string): Promise<ScoringOccurrence[]> {
  const { to } = rangeOf(month);
  const _ = cmd();
  const rows = await scanAll<Occ>(
    COLLECTIONS.patrolOccurrences,
    { date: _.gte(`${month}-01`).and(_.lt(`${monthOf(to)}-01`)), state: _.in(['missed', 'upcoming', 'open']) },
    '_id',
    {
      kind: true,
      level: true,
      state: true,
      unitId: true,
      date: true,
      zoneId: true,
      zoneName: true,
      planId: true,
      planName: true,
      startAt: true,
      missAt: true,
      assigneeIds: true,
    },
  );
  const missed = rows.filter((o) => missedAt(o, to));
  const centrePlans = missed.filter((o) => o.kind === 'plan' && o.level === 'centre').map((o) => o.planId);
  const plans = await byIds<{ _id: string; centreId?: string | null }>(COLLECTIONS.patrolPlans, centrePlans, { centreId: true });
  return missed.map((o) => ({
    _id: o._id,
    kind: o.kind,
    state: 'missed',
    unitId: o.unitId,
    level: o.level,
    centreId: plans.get(o.planId)?.centreId ?? null,
    date: o.date,
    zoneId: o.zoneId,
    zoneName: o.zoneName,
    planName: o.kind === 'selfCheck' ? '每日自查' : o.planName,
    time: hhmm(new Date(o.startAt)),
    assigneeIds: o.assigneeIds ?? [],
  }));
}

type AssetLite = { _id: string; tag: string; name: string; unitId: string; zoneId: string };
type CampaignLite = Omit<Campaign, 'expected'>;

/**
 * Each unit's asset facts of the month: its campaign and results, the assets of that campaign not verified in
 * place (盘亏 scan records of a closed campaign; the snapshot's unscanned assets of one still open), the damage
 * events of the month with a liable person (charged to the unit the asset was in when it was damaged), and, for
 * units without a campaign, how many assets they hold now.
 */
export async function assetFacts(month: string, unitIds: readonly string[]): Promise<Map<string, AssetScoringInput>> {
  const { from, to } = rangeOf(month);
  const _ = cmd();
  const out = new Map<string, AssetScoringInput>(unitIds.map((u) => [u, { campaign: null, damages: [], notVerified: [], held: 0 }]));
  const campaigns = rowsOf<CampaignLite>(
    await db()
      .collection(COLLECTIONS.assetCampaigns)
      .where({ month })
      .field({ _id: true, unitId: true, month: true, state: true, expectedCount: true, expectedValue: true, counts: true, values: true })
      .limit(1000)
      .get(),
  );
  const pending: Array<{ unitId: string; assetId: string; reason: UnverifiedAsset['reason']; evidenceId: string }> = [];
  for (const c of campaigns) {
    const facts = out.get(c.unitId);
    if (!facts) continue;
    facts.campaign = { _id: c._id, state: c.state, results: campaignResults(c) };
    if (c.state === 'closed') {
      const missing = await scanAll<{ _id: string; assetId: string | null }>(
        COLLECTIONS.assetScans,
        { campaignId: c._id, outcome: 'missing' },
        '_id',
        { assetId: true },
      );
      for (const s of missing) if (s.assetId) pending.push({ unitId: c.unitId, assetId: s.assetId, reason: 'missing', evidenceId: s._id });
    } else {
      const snap = rowsOf<{ expected: string[] }>(
        await db().collection(COLLECTIONS.assetSnapshots).where({ _id: c._id }).limit(1).get(),
      )[0];
      const scanned = new Set(
        (
          await scanAll<{ _id: string; assetId: string | null }>(COLLECTIONS.assetScans, { campaignId: c._id }, '_id', { assetId: true })
        ).map((s) => s.assetId),
      );
      for (const id of snap?.expected ?? [])
        if (!scanned.has(id)) pending.push({ unitId: c.unitId, assetId: id, reason: 'notScanned', evidenceId: c._id });
    }
  }

  const events = await scanAll<{ _id: string; assetId: string; at: Date; data: Record<string, unknown> }>(
    COLLECTIONS.assetEvents,
    { kind: 'damaged', at: _.gte(from).and(_.lt(to)) },
    '_id',
    { assetId: true, at: true, data: true },
  );
  const liable = events.filter((e) => typeof e.data?.liablePersonId === 'string');

  const assets = await byIds<AssetLite>(COLLECTIONS.assets, [...pending.map((p) => p.assetId), ...liable.map((e) => e.assetId)], {
    tag: true,
    name: true,
    unitId: true,
    zoneId: true,
  });
  const zoneIds = [...assets.values()].map((a) => a.zoneId).concat(liable.map((e) => String(e.data.zoneId ?? '')).filter(Boolean));
  const zones = await zonesByIds(zoneIds);
  const zoneName = (id: unknown) => (typeof id === 'string' ? (zones.get(id)?.name ?? '') : '');

  for (const p of pending) {
    const a = assets.get(p.assetId);
    out.get(p.unitId)?.notVerified.push({
      assetId: p.assetId,
      tag: a?.tag ?? p.assetId,
      name: a?.name ?? '',
      zone: zoneName(a?.zoneId),
      reason: p.reason,
      evidenceId: p.evidenceId,
    });
  }
  for (const e of liable.sort((x, y) => new Date(x.at).getTime() - new Date(y.at).getTime() || (x._id < y._id ? -1 : 1))) {
    const a = assets.get(e.assetId);
    const unitId = typeof e.data.unitId === 'string' ? e.data.unitId : a?.unitId;
    const facts = unitId ? out.get(unitId) : undefined;
    if (!facts) continue;
    const d: LiableDamage = {
      eventId: e._id,
      assetId: e.assetId,
      liablePersonId: e.data.liablePersonId as string,
      tag: a?.tag ?? e.assetId,
      name: a?.name ?? '',
      zone: zoneName(e.data.zoneId ?? a?.zoneId),
      date: shanghaiDate(new Date(e.at)),
    };
    facts.damages.push(d);
  }

  for (const u of unitIds) {
    const facts = out.get(u);
    if (!facts || facts.campaign) continue;
    const res = await db()
      .collection(COLLECTIONS.assets)
      .where({ unitId: u, status: _.in([...HELD_STATUSES]) })
      .count();
    facts.held = (res as { total: number }).total;
  }
  return out;
}
