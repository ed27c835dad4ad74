import { randomUUID } from 'node:crypto';
import { ALWAYS_OPEN } from '../../shared/deadlines';
import type { Person, Unit, Zone } from '../../shared/org';
import { startLocalCloud, wxCloud } from '../helpers/local-cloud';

process.env.XUNCHA_LOG_QUIET = '1';

/** Replies and stored documents as tests read them; the assertions check their shape. */
// biome-ignore lint/suspicious/noExplicitAny: test data is inspected loosely and asserted with toMatchObject
export type Loose = any;

export type Cloud = Awaited<ReturnType<typeof startLocalCloud>>;
export type Reply = { code: 0 | string; data?: Loose; message?: string; details?: Loose };

export const UNITS: Unit[] = [
  { _id: 'office', kind: 'office', name: '总务部', parentId: null },
  { _id: 'centre-property', kind: 'centre', name: '物业服务中心', parentId: 'office' },
  { _id: 'contractor-clean', kind: 'contractor', name: '保洁公司', parentId: 'centre-property', contractRef: 'HT-2026-007' },
  { _id: 'contractor-other', kind: 'contractor', name: '绿化公司', parentId: 'centre-property', contractRef: 'HT-2026-008' },
];

type PersonFixture = Person;
export const PEOPLE: Record<string, PersonFixture> = {
  staff: { _id: 'p-staff', openid: 'o-staff', name: '张保洁', roles: [{ role: 'staff', unitId: 'contractor-clean' }] },
  backup: { _id: 'p-staff-2', openid: 'o-staff-2', name: '李保洁', roles: [{ role: 'staff', unitId: 'contractor-clean' }] },
  otherStaff: { _id: 'p-other', openid: 'o-other', name: '王绿化', roles: [{ role: 'staff', unitId: 'contractor-other' }] },
  manager: { _id: 'p-manager', openid: 'o-manager', name: '赵经理', roles: [{ role: 'manager', unitId: 'contractor-clean' }] },
  centreInspector: {
    _id: 'p-insp-centre',
    openid: 'o-insp-centre',
    name: '钱督查',
    roles: [{ role: 'inspector', level: 'centre', unitId: 'centre-property' }],
  },
  officeInspector: { _id: 'p-insp-office', openid: 'o-insp-office', name: '孙督查', roles: [{ role: 'inspector', level: 'office' }] },
  officeManager: { _id: 'p-office-mgr', openid: 'o-office-mgr', name: '周部长', roles: [{ role: 'manager', unitId: 'office' }] },
  leader: { _id: 'p-leader', openid: 'o-leader', name: '吴校长', roles: [{ role: 'leader' }] },
  admin: { _id: 'p-admin', openid: 'o-admin', name: '郑管理', roles: [{ role: 'admin' }] },
};
/** Not in `people`: anyone who scans a QR code. */
export const REPORTER = 'o-reporter';

export function zone(id: string, sceneId: string, over: Partial<Zone> = {}): Zone {
  return {
    _id: id,
    name: `区域${sceneId}`,
    kind: 'floor',
    parentId: 'zone-b1',
    path: ['campus-main', 'zone-b1'],
    campusId: 'campus-main',
    unitId: 'contractor-clean',
    responsible: { primary: 'p-staff', backup: 'p-staff-2' },
    serviceHours: ALWAYS_OPEN,
    sceneId,
    ...over,
  };
}

/** Writes units, the demo zones and people with the real wx-server-sdk, as an admin script would. */
export async function arrange(extraZones: Zone[] = []): Promise<void> {
  const db = wxCloud().database();
  for (const u of UNITS) await db.collection('units').add({ data: u });
  for (const p of Object.values(PEOPLE)) await db.collection('people').add({ data: p });
  const zones = [zone('zone-b1-f2', 'b1f2'), ...extraZones];
  for (const z of zones) await db.collection('zones').add({ data: z });
}

export async function startWithFixtures(extraZones: Zone[] = []): Promise<Cloud> {
  const cloud = await startLocalCloud();
  await arrange(extraZones);
  return cloud;
}

/** Calls the tickets function as the given openid from the mini-program. */
export const call = (cloud: Cloud, openid: string, action: string, payload?: unknown): Promise<Reply> =>
  cloud.host.invoke('tickets', payload === undefined ? { action } : { action, payload }, { source: 'wx_client', openid }) as Promise<Reply>;

export const report = (cloud: Cloud, over: Record<string, unknown> = {}, openid = REPORTER) =>
  call(cloud, openid, 'createReport', { requestId: randomUUID(), sceneId: 'b1f2', categoryCode: 'hygiene', text: '走廊有垃圾', ...over });

/** An after-photo the staff member uploaded for a rectification (README "Uploaded files"). */
export const PHOTO = 'cloud://xuncha-local.local/uploads/rectify/o-staff/20260301/after.jpg';
/** A photo `openid` uploaded for `purpose`. */
export const upload = (purpose: 'report' | 'finding' | 'rectify', openid: string, name = 'p.jpg') =>
  `cloud://xuncha-local.local/uploads/${purpose}/${openid}/20260301/${name}`;

export async function ticketDoc(id: string): Promise<Loose> {
  const res = (await wxCloud().database().collection('tickets').where({ _id: id }).limit(1).get()) as { data: Loose[] };
  return res.data[0];
}

export async function counts(): Promise<Record<string, number>> {
  const db = wxCloud().database();
  const out: Record<string, number> = {};
  for (const c of ['tickets', 'feedback', 'counters', 'people', 'zones']) {
    out[c] = ((await db.collection(c).count()) as { total: number }).total;
  }
  return out;
}

const realNow = Date.now.bind(Date);

/** Moves the clock the functions read (`Date.now`) to `ms` after the real time. */
export function shiftClock(ms: number): jest.SpyInstance {
  const spy = jest.isMockFunction(Date.now) ? (Date.now as unknown as jest.SpyInstance) : jest.spyOn(Date, 'now');
  spy.mockImplementation(() => realNow() + ms);
  return spy;
}
