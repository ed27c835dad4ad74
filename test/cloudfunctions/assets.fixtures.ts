import type { Zone } from '../../shared/org';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, type Loose, type Reply, startWithFixtures, zone } from './fixtures';

/** A zone of the other contractor, for transfers and 盘盈 of another unit's asset. */
export const OTHER_ZONE: Zone = zone('zone-g1', 'g1', { unitId: 'contractor-other', responsible: { primary: 'p-other' } });

export const startAssetsCloud = (): Promise<Cloud> => startWithFixtures([OTHER_ZONE]);

/** Calls the assets function as `openid` from the mini-program. */
export const assets = (cloud: Cloud, openid: string, action: string, payload: Record<string, unknown> = {}): Promise<Reply> =>
  cloud.host.invoke('assets', { action, payload }, { source: 'wx_client', openid }) as Promise<Reply>;

let n = 0;
/** Registers an asset of 保洁公司 in zone b1f2 as its manager; returns the reply's data. */
export async function registerAsset(cloud: Cloud, over: Record<string, unknown> = {}): Promise<Loose> {
  n += 1;
  const res = await assets(cloud, 'o-manager', 'register', {
    tag: `ZC-T${String(n).padStart(4, '0')}`,
    categoryCode: 'E010000',
    name: `办公桌${n}`,
    value: 1200,
    unitId: 'contractor-clean',
    zoneId: 'zone-b1-f2',
    inServiceAt: '2024-01-10',
    ...over,
  });
  if (res.code !== 0) throw new Error(`register failed: ${JSON.stringify(res)}`);
  return res.data;
}

/** Documents of a collection, read with the real SDK (as an admin script would). */
export async function docs(collection: string, where: Record<string, unknown> = {}): Promise<Loose[]> {
  const res = (await wxCloud().database().collection(collection).where(where).limit(1000).get()) as { data: Loose[] };
  return res.data;
}

export async function uploadSheet(openid: string, name: string, rows: unknown[][]): Promise<string> {
  const ExcelJS = require('exceljs') as typeof import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  for (const r of rows) ws.addRow(r);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const { fileID } = (await wxCloud().uploadFile({ cloudPath: `asset-imports/${openid}/${name}.xlsx`, fileContent: buffer })) as {
    fileID: string;
  };
  return fileID;
}

export const HEADERS = [
  '资产标签',
  '分类代码',
  '资产名称',
  '规格型号',
  '序列号',
  '原值（元）',
  '购置日期',
  '启用日期',
  '供应商',
  '使用单位',
  '存放地点编码',
  '分管人',
  '使用人',
];
