import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { wxCloud } from '../helpers/local-cloud';
import { assets, docs, HEADERS, registerAsset, startAssetsCloud, uploadSheet } from './assets.fixtures';
import type { Cloud, Loose } from './fixtures';

const ADMIN = 'o-admin';
const good = (tag: string, name = '会议桌', value: unknown = 2400) => [
  tag,
  'E010000',
  name,
  '1.8米',
  '',
  value,
  '2023-05-01',
  '2023-05-10',
  '某家具厂',
  '保洁公司',
  'b1f2',
  '',
  '张保洁',
];

async function readXlsx(fileID: string): Promise<unknown[][]> {
  const ExcelJS = require('exceljs') as typeof import('exceljs');
  const wb = new ExcelJS.Workbook();
  const file = (await wxCloud().downloadFile({ fileID })) as { fileContent: Buffer };
  await wb.xlsx.load(file.fileContent as unknown as ArrayBuffer);
  const out: unknown[][] = [];
  wb.worksheets[0].eachRow((r) => out.push((r.values as unknown[]).slice(1)));
  return out;
}

describe('importing and exporting the ledger', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startAssetsCloud();
  });
  afterAll(() => cloud.close());
  beforeEach(() => clearCaches());

  it('previews a sheet with per-row errors and imports nothing, even when asked to', async () => {
    // Prepare: a duplicate tag, an unknown category, a value that is not a number
    const fileID = await uploadSheet(ADMIN, 'bad', [
      HEADERS,
      good('IM-1'),
      good('IM-1', '重复的桌子'),
      ['IM-2', 'B990000', '未知分类', '', '', 100, '', '', '', '保洁公司', 'b1f2', '', ''],
      good('IM-3', '椅子', '一百元'),
      good('IM-4'),
    ]);
    // Act
    const preview = await assets(cloud, ADMIN, 'importPreview', { fileID });
    const confirm = await assets(cloud, ADMIN, 'importConfirm', { importId: preview.data.importId });
    // Assess
    expect(preview.code).toBe(0);
    expect(preview.data).toMatchObject({ rows: 5, valid: 1, errorCount: 4 });
    expect(preview.data.errors.map((e: Loose) => [e.row, e.column, e.code])).toEqual([
      [2, '资产标签', 'ASSET.ROW_DUPLICATE_TAG'],
      [3, '资产标签', 'ASSET.ROW_DUPLICATE_TAG'],
      [4, '分类代码', 'ASSET.ROW_UNKNOWN_CATEGORY'],
      [5, '原值（元）', 'ASSET.ROW_NOT_A_NUMBER'],
    ]);
    expect(confirm.code).toBe('ASSET.IMPORT_HAS_ERRORS');
    expect(await docs('assets', { tag: 'IM-4' })).toEqual([]);
  });

  it('imports only after the admin confirms, once, and a re-import updates by tag', async () => {
    // Prepare
    const fileID = await uploadSheet(ADMIN, 'good', [HEADERS, good('IM-10'), good('IM-11', '文件柜', 800)]);
    const preview = await assets(cloud, ADMIN, 'importPreview', { fileID });
    expect(await docs('assets', { tag: 'IM-10' })).toEqual([]);
    // Act
    const confirm = await assets(cloud, ADMIN, 'importConfirm', { importId: preview.data.importId });
    const again = await assets(cloud, ADMIN, 'importConfirm', { importId: preview.data.importId });
    const second = await uploadSheet(ADMIN, 'good2', [HEADERS, good('IM-10', '会议桌（已更名）', 2500), good('IM-12', '茶几', 300)]);
    const p2 = await assets(cloud, ADMIN, 'importPreview', { fileID: second });
    const c2 = await assets(cloud, ADMIN, 'importConfirm', { importId: p2.data.importId });
    // Assess
    expect(preview.data).toMatchObject({ rows: 2, valid: 2, newCount: 2, updateCount: 0, errorCount: 0 });
    expect(confirm).toMatchObject({ code: 0, data: { created: 2, updated: 0 } });
    expect(again.code).toBe('ASSET.IMPORT_DONE');
    expect(p2.data).toMatchObject({ newCount: 1, updateCount: 1 });
    expect(c2).toMatchObject({ code: 0, data: { created: 1, updated: 1 } });
    const im10 = await docs('assets', { tag: 'IM-10' });
    expect(im10).toHaveLength(1);
    expect(im10[0]).toMatchObject({
      name: '会议桌（已更名）',
      value: 2500,
      custodianId: 'p-staff',
      unitId: 'contractor-clean',
      zoneId: 'zone-b1-f2',
    });
    expect((await docs('assetEvents', { assetId: 'as-IM-10' })).map((e) => e.kind).sort()).toEqual(['acquired', 'updated']);
  });

  it('refuses a file the caller did not upload', async () => {
    const fileID = await uploadSheet('o-staff', 'theirs', [HEADERS, good('IM-20')]);
    const res = await assets(cloud, ADMIN, 'importPreview', { fileID });
    expect(res.code).toBe('ASSET.FILE_NOT_YOURS');
  });

  it('refuses a file that is not a workbook', async () => {
    const { fileID } = (await wxCloud().uploadFile({
      cloudPath: `asset-imports/${ADMIN}/x.xlsx`,
      fileContent: Buffer.from('not excel'),
    })) as {
      fileID: string;
    };
    expect((await assets(cloud, ADMIN, 'importPreview', { fileID })).code).toBe('ASSET.IMPORT_UNREADABLE');
  });

  it('exports the ledger in the import columns, the 在位核对表 and the 盘盈盘亏表, and prints a label sheet', async () => {
    // Prepare: a campaign with one found, one missing and one unknown tag
    const a = await registerAsset(cloud, { tag: 'EX-1' });
    await registerAsset(cloud, { tag: 'EX-2', value: 999 });
    const { data: c } = await assets(cloud, 'o-manager', 'startCampaign', { unitId: 'contractor-clean' });
    await assets(cloud, 'o-manager', 'scan', { campaignId: c.campaignId, tag: a.tag, report: 'found' });
    await assets(cloud, 'o-manager', 'scan', { campaignId: c.campaignId, tag: 'NO-SUCH', report: 'found' });
    await assets(cloud, 'o-manager', 'closeCampaign', { campaignId: c.campaignId });
    // Act
    const ledger = await assets(cloud, 'o-manager', 'exportLedger', { unitId: 'contractor-clean' });
    const checklist = await assets(cloud, 'o-manager', 'exportChecklist', { campaignId: c.campaignId });
    const sl = await assets(cloud, 'o-manager', 'exportSurplusLoss', { campaignId: c.campaignId });
    const labels = await assets(cloud, 'o-manager', 'labels', { unitId: 'contractor-clean', tags: ['EX-1', 'EX-2'] });
    // Assess
    const ledgerRows = await readXlsx(ledger.data.fileID);
    expect(ledgerRows[0].slice(0, 13)).toEqual(HEADERS);
    expect(ledgerRows.find((r) => r[0] === 'EX-2')?.slice(0, 6)).toEqual(['EX-2', 'E010000', expect.any(String), '', '', 999]);
    const checkRows = await readXlsx(checklist.data.fileID);
    expect(checkRows.find((r) => r[0] === 'EX-1')?.[4]).toBe('在位');
    expect(checkRows.find((r) => r[0] === 'EX-2')?.[4]).toBe('盘亏');
    const slRows = await readXlsx(sl.data.fileID);
    expect(slRows.filter((r) => r[0] === '盘盈').map((r) => r[1])).toEqual(['NO-SUCH']);
    expect(slRows.filter((r) => r[0] === '盘亏').map((r) => r[1])).toContain('EX-2');
    expect(labels.data.labels).toBe(2);
    const html = ((await wxCloud().downloadFile({ fileID: labels.data.fileID })) as { fileContent: Buffer }).fileContent.toString('utf8');
    expect(html).toContain('资产编号 EX-1');
    expect(html).toContain('data:image/png;base64,');
  });
});
