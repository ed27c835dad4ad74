import { randomUUID } from 'node:crypto';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, type Loose, PEOPLE, REPORTER, type Reply, shiftClock } from './fixtures';

/** The property centre's manager: signs contract assessments as the supervising unit. */
export const CENTRE_MANAGER = {
  _id: 'p-centre-mgr',
  openid: 'o-centre-mgr',
  name: '冯主任',
  roles: [{ role: 'manager', unitId: 'centre-property' }],
};

export async function addCentreManager(): Promise<void> {
  await wxCloud().database().collection('people').add({ data: CENTRE_MANAGER });
}

/** The worked example of the README: a cleaning contract of ¥100,000 a month on floor B1-2. */
export const CLEANING_CONTRACT = {
  no: 'HT-2030-001',
  name: '一号楼保洁服务',
  contractorUnitId: 'contractor-clean',
  serviceKind: 'cleaning',
  supervisingUnitId: 'centre-property',
  zoneIds: ['zone-b1-f2'],
  startDate: '2030-01-01',
  endDate: '2030-12-31',
  monthlyFee: 100000,
  clauses: [
    { code: 'BJ-01', what: '地面保洁', how: '巡查目测，无垃圾无积水', points: 20, deductPoints: 2 },
    { code: 'BJ-02', what: '垃圾清运', how: '垃圾桶不满溢，日产日清', points: 10, deductPoints: 2, deductYuan: 500 },
  ],
  weights: { supervisor: 80, recipient: 20 },
  passScore: 80,
  zeroAfter: 3,
  lateFix: { points: 2, yuan: 1000 },
};
export const THRESHOLD_RULE = { formula: 'fullAboveThreshold', threshold: 85, basePercent: 15 };

const realNow = Date.now.bind(Date);
export const setClock = (at: number) => shiftClock(at - realNow());

export const invoke = (cloud: Cloud, fn: string, openid: string, action: string, payload: unknown = {}) =>
  cloud.host.invoke(fn, { action, payload }, { source: 'wx_client', openid }) as Promise<Reply>;

export const finding = (cloud: Cloud, over: Record<string, unknown> = {}) =>
  invoke(cloud, 'tickets', PEOPLE.officeInspector.openid, 'createFinding', {
    zoneId: 'zone-b1-f2',
    categoryCode: 'hygiene',
    severity: 'minor',
    description: '地面有垃圾',
    ...over,
  });

/** A rating of the zone by `openid` (each person counts once per zone and day: README "Ratings"). */
export const rate = (cloud: Cloud, rating: number, openid = REPORTER) =>
  invoke(cloud, 'tickets', openid, 'createReport', { requestId: randomUUID(), sceneId: 'b1f2', rating });

export async function count(collection: string): Promise<number> {
  return ((await wxCloud().database().collection(collection).count()) as { total: number }).total;
}

export type { Loose };
