/**
 * Fixed assets at scale, on an in-process local cloud (port 0, temp data dir):
 *
 * - data: BENCH_ASSETS (default 50,000) assets over 40 contractor units (one zone each), inserted with
 *   `cloud.engine.insert`; each unit's campaign of the month started through the real function (a snapshot
 *   read of its assets), then 60% of each unit's assets scanned: scan records inserted with the engine and the
 *   counters set with the same pure `countersFrom` the repair check uses (arranging data, not timed);
 * - import: a 5,000-row ledger sheet (exceljs), uploaded, previewed and confirmed through `assets.importPreview`
 *   and `assets.importConfirm` as an admin: each must finish inside one 60-second invocation;
 * - progress: `assets.progress` of one unit (the campaign's counters) and `assets.monthResults` (every unit's
 *   in-place ratio), median of 20 warm runs, beside a naive baseline that reads the unit's assets and scans
 *   (and for the month, every asset and scan) through wx-server-sdk in pages of 1,000 and counts in memory.
 *
 * Targets: import within 60 s; progress and month ratios under 100 ms. Run alone: `npx tsx bench/assets.bench.ts`.
 */

import { clearCaches } from '../cloudfunctions/_lib/refdata';
import { assetIdOf, countersFrom, HELD_STATUSES, LEDGER_COLUMNS, type ScanOutcome, scanIdOf } from '../shared/assets';
import { ALWAYS_OPEN } from '../shared/deadlines';
import { monthOf } from '../shared/periods';
import { PEOPLE } from '../test/cloudfunctions/fixtures';
import { startLocalCloud, tempDir, wxCloud } from '../test/helpers/local-cloud';
import { type BenchResult, fmt, median, ms, printTable } from './lib';

process.env.TZ = 'UTC';
process.env.XUNCHA_LOG_QUIET = '1';

const TOTAL = Number(process.env.BENCH_ASSETS ?? 50_000);
const UNITS = 40;
const IMPORT_ROWS = 5000;
const RUNS = 20;
const log = (line: string) => console.log(line);

type Reply = { code: 0 | string; data: never; message?: string };

export async function run(): Promise<BenchResult[]> {
  const cloud = await startLocalCloud({ dataDir: tempDir('xuncha-assets-bench-') });
  const started = performance.now();
  try {
    const now = new Date();
    const month = monthOf(now);
    const units = Array.from({ length: UNITS }, (_v, i) => `unit-${String(i + 1).padStart(2, '0')}`);
    cloud.engine.insert('units', [
      { _id: 'office', kind: 'office', name: '总务部', parentId: null },
      ...units.map((id, i) => ({ _id: id, kind: 'contractor', name: `外包单位${i + 1}`, parentId: 'office', contractRef: `HT-${i + 1}` })),
    ] as never);
    cloud.engine.insert('people', [{ ...PEOPLE.admin, roles: [{ role: 'admin' }] }, { ...PEOPLE.leader }] as never);
    cloud.engine.insert(
      'zones',
      units.map((u, i) => ({
        _id: `zone-${u}`,
        name: `区域${i + 1}`,
        kind: 'area',
        parentId: 'campus',
        path: ['campus'],
        campusId: 'campus',
        unitId: u,
        responsible: { primary: PEOPLE.admin._id },
        serviceHours: ALWAYS_OPEN,
        sceneId: `s${i + 1}`,
      })) as never,
    );
    const t0 = performance.now();
    const per = Math.floor(TOTAL / UNITS);
    for (const [k, u] of units.entries()) {
      const docs = Array.from({ length: per }, (_v, i) => {
        const tag = `B${String(k + 1).padStart(2, '0')}-${String(i + 1).padStart(5, '0')}`;
        return {
          _id: assetIdOf(tag),
          tag,
          categoryCode: 'E010000',
          categoryName: '家具',
          name: `办公桌${i + 1}`,
          model: '',
          serial: '',
          value: 1000 + (i % 50) * 10,
          purchasedAt: null,
          inServiceAt: null,
          supplier: '',
          unitId: u,
          zoneId: `zone-${u}`,
          managerId: null,
          custodianId: null,
          custodianAcceptedAt: null,
          status: 'in_use',
          lifeYears: 15,
          verifyEveryMonths: 1,
          lastVerifiedAt: null,
          nextVerifyAt: now,
          transferId: null,
          createdAt: now,
          updatedAt: now,
          version: 0,
        };
      });
      cloud.engine.insert('assets', docs as never);
    }
    log(`loaded ${fmt(per * UNITS, 0)} assets over ${UNITS} units in ${fmt((performance.now() - t0) / 1000, 1)} s`);

    const asAdmin = (action: string, payload: Record<string, unknown>) =>
      cloud.host.invoke('assets', { action, payload }, { source: 'wx_client', openid: PEOPLE.admin.openid }) as Promise<Reply>;

    // Campaigns through the function (each a snapshot read of 1,250 assets), then 60% scanned.
    const t1 = performance.now();
    const outcomes: ScanOutcome[] = ['found', 'found', 'found', 'found', 'elsewhere', 'damaged'];
    for (const u of units) {
      const r = await asAdmin('startCampaign', { unitId: u });
      if (r.code !== 0) throw new Error(`start failed: ${JSON.stringify(r)}`);
      const campaignId = (r.data as { campaignId: string }).campaignId;
      const scans = Array.from({ length: Math.floor(per * 0.6) }, (_v, i) => {
        const tag = `B${u.slice(5)}-${String(i + 1).padStart(5, '0')}`;
        return {
          _id: scanIdOf(campaignId, assetIdOf(tag)),
          campaignId,
          unitId: u,
          month,
          assetId: assetIdOf(tag),
          tag,
          name: `办公桌${i + 1}`,
          outcome: outcomes[i % outcomes.length],
          value: 1000 + (i % 50) * 10,
          place: null,
          ownerUnitId: null,
          photo: null,
          at: now,
          by: PEOPLE.admin._id,
        };
      });
      cloud.engine.insert('assetScans', scans as never);
      const { counts, values } = countersFrom(scans);
      const db = wxCloud().database();
      await db
        .collection('assetCampaigns')
        .doc(campaignId)
        .update({ data: { counts: db.command.set(counts), values: db.command.set(values) } });
    }
    const campaignSeconds = (performance.now() - t1) / 1000;
    log(`${UNITS} campaigns started through the function and 60% scanned in ${fmt(campaignSeconds, 1)} s`);

    // ---- progress and month ratios from counters ------------------------------------------------------
    const unit = units[7];
    const timed = async (f: () => Promise<Reply>) => {
      const warm = await f();
      if (warm.code !== 0) throw new Error(JSON.stringify(warm));
      const times: number[] = [];
      const docs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const d0 = cloud.engine.docsRead;
        const t = performance.now();
        await f();
        times.push(performance.now() - t);
        docs.push(cloud.engine.docsRead - d0);
      }
      return { ms: median(times), docs: median(docs), data: warm.data as never };
    };
    const progress = await timed(() => asAdmin('progress', { unitId: unit }));
    const monthly = await timed(() => asAdmin('monthResults', { month }));

    // Naive: read the unit's assets and its campaign's scans, count in memory.
    const db = wxCloud().database();
    const _ = db.command;
    const pageAll = async (collection: string, where: Record<string, unknown>, field: Record<string, boolean>) => {
      const out: Array<Record<string, unknown> & { _id: string }> = [];
      let after = '';
      for (;;) {
        const res = (await db
          .collection(collection)
          .where({ ...where, ...(after ? { _id: _.gt(after) } : {}) })
          .orderBy('_id', 'asc')
          .field({ ...field, _id: true })
          .limit(1000)
          .get()) as { data: Array<Record<string, unknown> & { _id: string }> };
        out.push(...res.data);
        if (res.data.length < 1000) return out;
        after = res.data[res.data.length - 1]._id;
      }
    };
    const naiveUnit = async () => {
      const assets = await pageAll('assets', { unitId: unit, status: _.in([...HELD_STATUSES]) }, { value: true });
      const scans = await pageAll('assetScans', { campaignId: `cp-${unit}-${month}` }, { outcome: true });
      const present = scans.filter((s) => s.outcome !== 'surplus' && s.outcome !== 'missing').length;
      const inPlace = scans.filter((s) => s.outcome === 'found' || s.outcome === 'damaged').length;
      return { expected: assets.length, present, ratio: inPlace / assets.length };
    };
    const d0 = cloud.engine.docsRead;
    const tn = performance.now();
    const naive = await naiveUnit();
    const naiveUnitMs = performance.now() - tn;
    const naiveUnitDocs = cloud.engine.docsRead - d0;
    const d1 = cloud.engine.docsRead;
    const tm = performance.now();
    let naiveRatios = 0;
    // Unit by unit, on the same indexes the function uses: the unit's held assets and its campaign's scans.
    for (const u of units) {
      const assets = await pageAll('assets', { unitId: u, status: _.in([...HELD_STATUSES]) }, { value: true });
      const scans = await pageAll('assetScans', { campaignId: `cp-${u}-${month}` }, { outcome: true });
      const inPlace = scans.filter((x) => x.outcome === 'found' || x.outcome === 'damaged').length;
      if (assets.length > 0 && inPlace >= 0) naiveRatios++;
    }
    const naiveMonthMs = performance.now() - tm;
    const naiveMonthDocs = cloud.engine.docsRead - d1;
    const got = (progress.data as { results: { expected: number; scanned: number; inPlaceRatio: number } }).results;
    const agree = got.scanned === naive.present && Math.abs((got.inPlaceRatio ?? 0) - naive.ratio) < 1e-3;
    log(`unit ${unit}: counters say ${got.scanned}/${got.expected} scanned, ratio ${got.inPlaceRatio}; naive agrees: ${agree}`);
    log(
      `progress: median ${ms(progress.ms)}, ${progress.docs} documents read; naive ${ms(naiveUnitMs)}, ${fmt(naiveUnitDocs, 0)} documents read`,
    );
    log(
      `month ratios (${(monthly.data as { items: unknown[] }).items.length} units): median ${ms(monthly.ms)}, ${monthly.docs} documents read; naive ${ms(naiveMonthMs)} over ${naiveRatios} units, ${fmt(naiveMonthDocs, 0)} documents read`,
    );
    // ---- import: 5,000 rows in one invocation ---------------------------------------------------------
    const ExcelJS = require('exceljs') as typeof import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(LEDGER_COLUMNS.map((c) => c.header));
    for (let i = 0; i < IMPORT_ROWS; i++) {
      const u = i % UNITS;
      ws.addRow([
        `IM-${String(i + 1).padStart(5, '0')}`,
        'B020000',
        `打印机${i + 1}`,
        'LJ-200',
        `SN${i}`,
        2300 + (i % 7),
        '2023-04-01',
        '2023-04-10',
        '某办公设备公司',
        `外包单位${u + 1}`,
        `s${u + 1}`,
        '',
        '',
      ]);
    }
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const { fileID } = (await wxCloud().uploadFile({
      cloudPath: `asset-imports/${PEOPLE.admin.openid}/bench.xlsx`,
      fileContent: buffer,
    })) as { fileID: string };
    clearCaches();
    const tp = performance.now();
    const preview = await asAdmin('importPreview', { fileID });
    const previewMs = performance.now() - tp;
    if (preview.code !== 0) throw new Error(`preview failed: ${JSON.stringify(preview).slice(0, 300)}`);
    const pv = preview.data as { importId: string; valid: number; errorCount: number };
    const tc = performance.now();
    const confirm = await asAdmin('importConfirm', { importId: pv.importId });
    const confirmMs = performance.now() - tc;
    if (confirm.code !== 0) throw new Error(`confirm failed: ${JSON.stringify(confirm).slice(0, 300)}`);
    log(
      `import ${IMPORT_ROWS} rows (${fmt(buffer.length / 1024, 0)} KB): preview ${ms(previewMs)} (${pv.valid} valid, ${pv.errorCount} errors), confirm ${ms(confirmMs)} → ${JSON.stringify(confirm.data)}`,
    );

    // Re-import of the same sheet: every row updates its asset by tag.
    const { fileID: again } = (await wxCloud().uploadFile({
      cloudPath: `asset-imports/${PEOPLE.admin.openid}/bench-again.xlsx`,
      fileContent: buffer,
    })) as { fileID: string };
    const p2 = await asAdmin('importPreview', { fileID: again });
    const tr = performance.now();
    const c2 = await asAdmin('importConfirm', { importId: (p2.data as { importId: string }).importId });
    const reimportMs = performance.now() - tr;
    log(`re-import of the same ${IMPORT_ROWS} rows (all updates by tag): confirm ${ms(reimportMs)} → ${JSON.stringify(c2.data)}`);
    log(`(assets bench took ${fmt((performance.now() - started) / 1000, 1)} s)`);
    const results: BenchResult[] = [
      {
        name: `import ${fmt(IMPORT_ROWS, 0)} ledger rows (confirm, one invocation)`,
        figure: ms(confirmMs),
        baseline: `preview ${ms(previewMs)}`,
        target: '< 60 s each',
        pass: confirmMs < 60_000 && previewMs < 60_000,
      },
      {
        name: `re-import ${fmt(IMPORT_ROWS, 0)} rows (all updates by tag)`,
        figure: ms(reimportMs),
        target: '< 60 s',
        pass: reimportMs < 60_000,
      },
      {
        name: `a unit's verification progress (${fmt(per, 0)} assets)`,
        figure: ms(progress.ms),
        baseline: `naive ${ms(naiveUnitMs)}`,
        ratio: `${fmt(naiveUnitMs / progress.ms)}×`,
        target: '< 100 ms',
        pass: progress.ms < 100 && agree,
      },
      {
        name: `the month's in-place ratios (${UNITS} units, ${fmt(per * UNITS, 0)} assets)`,
        figure: ms(monthly.ms),
        baseline: `naive ${ms(naiveMonthMs)}`,
        ratio: `${fmt(naiveMonthMs / monthly.ms)}×`,
        target: '< 100 ms',
        pass: monthly.ms < 100,
      },
    ];
    printTable(results, 'assets');
    return results;
  } finally {
    await cloud.close();
  }
}

if (require.main === module) {
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
