import {
  ASSET_ERRORS,
  ASSET_STATUS_LABELS,
  type Asset,
  assetIdOf,
  type Campaign,
  depreciation,
  LEDGER_COLUMNS,
  SCAN_OUTCOME_LABELS,
} from '../../shared/assets';
import { AppError } from '../../shared/errors';
import { type PosterZone, posterSheetHtml } from '../../shared/posters/poster-sheet';
import type { CallerContext } from '../_lib/caller';
import { cmd, db, rowsOf } from '../_lib/cloud';
import { newWorkbook } from '../_lib/excel';
import { miniProgramCode, publishFile } from '../_lib/files';
import { allUnits } from '../_lib/refdata';
import { col, inBatches, readAll, requireReader } from './assets.repo';
import { type Scan, snapshotOf } from './campaign.service';

/** The page a scanned asset label opens (its scene is the tag). */
export const CARD_PAGE = 'packages/assets/card/index';
/** Labels per sheet at most (each needs one mini-program code). */
const MAX_LABELS = 120;

const ymd = (d: Date | null | undefined) => (d ? new Date(new Date(d).getTime() + 8 * 3600_000).toISOString().slice(0, 10) : '');

async function publishWorkbook(name: string, fill: (wb: ReturnType<typeof newWorkbook>) => void, now: Date) {
  const wb = newWorkbook();
  fill(wb);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const file = await publishFile(`asset-exports/${name}-${now.getTime()}.xlsx`, buffer);
  return { fileID: file.fileID, url: file.url, bytes: buffer.length };
}

/** The ledger of a unit as Excel, in the import template's columns (so an export can be edited and re-imported). */
export async function exportLedger(caller: CallerContext, input: { unitId: string }, now: Date) {
  requireReader(caller, input.unitId);
  const assets = await readAll<Asset>('assets', { unitId: input.unitId }, {});
  const units = new Map((await allUnits()).map((u) => [u._id, u.name]));
  const zones = await zoneScenes(assets.map((a) => a.zoneId));
  const file = await publishWorkbook(
    `ledger-${input.unitId}`,
    (wb) => {
      const ws = wb.addWorksheet('资产台账');
      ws.addRow([...LEDGER_COLUMNS.map((c) => c.header), '状态', '累计折旧（元）', '净值（元）', '上次核对', '下次核对']);
      for (const a of assets) {
        const dep = depreciation(a.value, a.lifeYears, a.inServiceAt, now);
        ws.addRow([
          a.tag,
          a.categoryCode,
          a.name,
          a.model,
          a.serial,
          a.value,
          ymd(a.purchasedAt),
          ymd(a.inServiceAt),
          a.supplier,
          units.get(a.unitId) ?? a.unitId,
          zones.get(a.zoneId) ?? a.zoneId,
          a.managerId ?? '',
          a.custodianId ?? '',
          ASSET_STATUS_LABELS[a.status],
          dep.accumulated,
          dep.bookValue,
          ymd(a.lastVerifiedAt),
          ymd(a.nextVerifyAt),
        ]);
      }
    },
    now,
  );
  return { ...file, rows: assets.length };
}

async function zoneScenes(ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const _ = cmd();
  await inBatches([...new Set(ids)], 1000, async (batch) => {
    const rows = rowsOf<{ _id: string; sceneId: string }>(
      await db()
        .collection('zones')
        .where({ _id: _.in(batch) })
        .field({ _id: true, sceneId: true })
        .limit(batch.length)
        .get(),
    );
    for (const z of rows) out.set(z._id, z.sceneId);
  });
  return out;
}

async function campaignOf(caller: CallerContext, campaignId: string): Promise<Campaign> {
  const c = rowsOf<Campaign>(await col('campaigns').where({ _id: campaignId }).limit(1).get())[0];
  if (!c) throw new AppError(ASSET_ERRORS.CAMPAIGN_NOT_FOUND, 'no such campaign');
  requireReader(caller, c.unitId);
  return c;
}

/** 在位核对表: every asset of the snapshot with what the campaign recorded, then the 盘盈 scans. */
export async function exportChecklist(caller: CallerContext, input: { campaignId: string }, now: Date) {
  const c = await campaignOf(caller, input.campaignId);
  const scans = await readAll<Scan>('scans', { campaignId: c._id }, {});
  const byAsset = new Map(scans.filter((s) => s.assetId).map((s) => [s.assetId as string, s]));
  const assets: Asset[] = [];
  const _ = cmd();
  await inBatches(await snapshotOf(c._id), 1000, async (batch) => {
    assets.push(
      ...rowsOf<Asset>(
        await col('assets')
          .where({ _id: _.in(batch) })
          .limit(batch.length)
          .get(),
      ),
    );
  });
  const file = await publishWorkbook(
    `checklist-${c._id}`,
    (wb) => {
      const ws = wb.addWorksheet('在位核对表');
      ws.addRow([`${c.month} 固定资产在位核对表`]);
      ws.addRow(['资产标签', '资产名称', '分类', '原值（元）', '核对结果', '实际位置', '核对时间']);
      for (const a of assets.sort((x, y) => x.tag.localeCompare(y.tag))) {
        const s = byAsset.get(a._id);
        ws.addRow([
          a.tag,
          a.name,
          a.categoryName,
          a.value,
          s ? SCAN_OUTCOME_LABELS[s.outcome] : '未核对',
          s?.place ?? '',
          s ? ymd(s.at) : '',
        ]);
      }
      for (const s of scans.filter((x) => x.outcome === 'surplus')) {
        ws.addRow([s.tag, s.name ?? '（未登记）', '', s.value, SCAN_OUTCOME_LABELS.surplus, s.place ?? '', ymd(s.at)]);
      }
    },
    now,
  );
  return { ...file, rows: assets.length };
}

/** 盘盈盘亏表: the surplus and missing of a campaign, with totals. */
export async function exportSurplusLoss(caller: CallerContext, input: { campaignId: string }, now: Date) {
  const c = await campaignOf(caller, input.campaignId);
  const rows = await readAll<Scan>('scans', { campaignId: c._id, outcome: cmd().in(['surplus', 'missing']) }, {});
  const units = new Map((await allUnits()).map((u) => [u._id, u.name]));
  const file = await publishWorkbook(
    `surplus-loss-${c._id}`,
    (wb) => {
      const ws = wb.addWorksheet('盘盈盘亏表');
      ws.addRow([`${units.get(c.unitId) ?? c.unitId} ${c.month} 资产盘盈盘亏表`]);
      ws.addRow(['类型', '资产标签', '资产名称', '原值（元）', '账面单位', '说明']);
      for (const s of rows.sort((a, b) => a.outcome.localeCompare(b.outcome) || a.tag.localeCompare(b.tag))) {
        ws.addRow([
          SCAN_OUTCOME_LABELS[s.outcome],
          s.tag,
          s.name ?? '（未登记）',
          s.value,
          s.ownerUnitId ? (units.get(s.ownerUnitId) ?? s.ownerUnitId) : s.outcome === 'missing' ? (units.get(c.unitId) ?? '') : '',
          s.outcome === 'missing' ? '盘点未找到' : s.assetId ? '他单位资产' : '标签未登记',
        ]);
      }
      const total = (o: string) => rows.filter((s) => s.outcome === o).reduce((n, s) => n + s.value, 0);
      ws.addRow([]);
      ws.addRow(['盘盈合计', rows.filter((s) => s.outcome === 'surplus').length, '', total('surplus')]);
      ws.addRow(['盘亏合计', rows.filter((s) => s.outcome === 'missing').length, '', total('missing')]);
    },
    now,
  );
  return { ...file, rows: rows.length };
}

/** A printable sheet of QR labels (the poster engine), one per asset: its code opens the asset card. */
export async function labels(caller: CallerContext, input: { unitId: string; tags?: string[] }, now: Date) {
  requireReader(caller, input.unitId);
  const _ = cmd();
  const where = input.tags?.length ? { unitId: input.unitId, _id: _.in(input.tags.map(assetIdOf)) } : { unitId: input.unitId };
  const assets = rowsOf<Asset>(await col('assets').where(where).orderBy('_id', 'asc').limit(MAX_LABELS).get());
  const units = new Map((await allUnits()).map((u) => [u._id, u.name]));
  const posters: PosterZone[] = [];
  for (const a of assets) {
    const code = await miniProgramCode(a.tag, CARD_PAGE);
    posters.push({
      name: a.name,
      place: `${units.get(a.unitId) ?? ''} · ${a.categoryName}`,
      sceneId: a.tag,
      imageSrc: `data:${code.contentType};base64,${code.buffer.toString('base64')}`,
    });
  }
  const html = posterSheetHtml(`${units.get(input.unitId) ?? ''} 固定资产标签`, posters, {
    brand: '固定资产 · 资产标签',
    instruction: '微信扫一扫，查看资产信息与履历',
    note: ['请勿撕毁、遮挡本标签', '每月在位核对时扫码登记'],
    sceneLabel: '资产编号',
  });
  const file = await publishFile(`asset-labels/${input.unitId}-${now.getTime()}.html`, Buffer.from(html));
  return { labels: posters.length, fileID: file.fileID, url: file.url };
}
