import ExcelJS from 'exceljs';
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { wxCloud } from '../helpers/local-cloud';
import { registerAsset } from './assets.fixtures';
import { invoke, setClock } from './contracts.fixtures';
import { type Cloud, PEOPLE, startWithFixtures, zone } from './fixtures';

/**
 * The use of results in the 目标管理考核 workbook (issue 15): patrol coverage and compliance, and the asset
 * in-place ratio, per unit, from the real patrol visits and asset campaign of the month.
 */
describe('目标管理考核 export: patrols and assets', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures([zone('zone-canteen', 'cant', { unitId: 'contractor-other', responsible: { primary: 'p-other' } })]);
    clearCaches();
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await cloud.close();
  });

  it('lists each unit’s patrol coverage by level and its in-place ratio', async () => {
    // Prepare: on 6 May 2030 the office inspector patrols floor B1-2 from 10:00 to 10:40; the cleaning
    // contractor checks its two assets in place and finds one.
    setClock(Date.UTC(2030, 4, 6, 2));
    const started = await invoke(cloud, 'patrols', PEOPLE.officeInspector.openid, 'startVisit', { sceneId: 'b1f2' });
    expect(started.code).toBe(0);
    setClock(Date.UTC(2030, 4, 6, 2, 40));
    const visit = started.data.visit;
    const results = Object.fromEntries(visit.items.map((i: { id: string }) => [i.id, 'pass']));
    const ended = await invoke(cloud, 'patrols', PEOPLE.officeInspector.openid, 'endVisit', { visitId: visit._id, results });
    expect(ended.code).toBe(0);
    const a1 = await registerAsset(cloud);
    await registerAsset(cloud);
    const campaign = await invoke(cloud, 'assets', PEOPLE.manager.openid, 'startCampaign', { unitId: 'contractor-clean' });
    expect(campaign.code).toBe(0);
    const scanned = await invoke(cloud, 'assets', PEOPLE.manager.openid, 'scan', {
      campaignId: campaign.data.campaignId,
      tag: a1.tag,
      report: 'found',
    });
    expect(scanned.code).toBe(0);
    // Act: May is frozen on 1 June and exported.
    setClock(Date.UTC(2030, 5, 1, 2));
    await cloud.host.fireTimer('scoring', 'monthly');
    const out = await invoke(cloud, 'scoring', PEOPLE.admin.openid, 'assessmentExport', { period: '2030-05' });
    expect(out.code).toBe(0);
    // Assess
    const file = (await wxCloud().downloadFile({ fileID: out.data.fileID })) as { fileContent: Buffer };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.fileContent as never);
    const rows = (wb.getWorksheet('巡查与资产')?.getSheetValues() ?? []).slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual([
      '单位',
      '区域数',
      '总务部巡查覆盖率(%)',
      '中心巡查覆盖率(%)',
      '巡查覆盖率(%)',
      '按时巡查率(%)',
      '资产在位率(%)',
      '应在位资产',
    ]);
    const clean = rows.find((r) => r[0] === '保洁公司') as unknown[];
    const other = rows.find((r) => r[0] !== '保洁公司' && r[1] === 1) as unknown[];
    expect(clean[1]).toBe(1);
    expect(clean[2]).toBeGreaterThan(0); // the office's visit covered some of the floor's open hours
    expect(clean[3]).toBe(0);
    expect(clean[4]).toBe(clean[2]);
    expect(clean.slice(6)).toEqual([50, 2]); // one of two assets in place
    expect(other.slice(2, 5)).toEqual([0, 0, 0]);
    expect(other[6] ?? '').toBe(''); // no campaign
  });
});
