/**
 * A month (March 2032) with patrol and asset facts to score, made through the real functions: rules v2 with
 * patrol and asset lines; a centre-level patrol of b1f2 nobody does; b1f2's self-checks not done; 12 desks of
 * 保洁公司, one damaged by 李保洁, a campaign that finds 10 and closes with 2 not found (盘亏). Leaves the clock
 * at 02:00 on 11 March (after the timer marked the misses). Shared by the function and page tests.
 */
import { DEFAULT_ASSET_SCORING, DEFAULT_PATROL_SCORING, DEFAULT_SCORING_RULES } from '../../shared/scoring';
import { assets, registerAsset } from './assets.fixtures';
import { type Cloud, PEOPLE, type Reply, shiftClock } from './fixtures';

/** Shanghai wall time as an instant; 2032-03-10 is a Wednesday. */
export const AT = (hhmm: string, day = '2032-03-10') => Date.parse(`${day}T${hhmm}:00+08:00`);
export const setClock = (at: number) => shiftClock(at - (performance.timeOrigin + performance.now()));

export const V2 = {
  ...DEFAULT_SCORING_RULES,
  version: 'v2',
  effectiveFrom: '2032-03',
  patrols: DEFAULT_PATROL_SCORING,
  assets: DEFAULT_ASSET_SCORING,
};

const invoke = (cloud: Cloud, fn: string, openid: string, action: string, payload: unknown = {}) =>
  cloud.host.invoke(fn, { action, payload }, { source: 'wx_client', openid }) as Promise<Reply>;

function must(r: Reply, what: string): Reply {
  if (r.code !== 0) throw new Error(`${what} failed: ${JSON.stringify(r)}`);
  return r;
}

export async function arrangeScoredMonth(cloud: Cloud) {
  setClock(AT('07:00'));
  must(await invoke(cloud, 'scoring', PEOPLE.admin.openid, 'publishRules', { rules: V2 }), 'publishRules');
  const saved = must(
    await invoke(cloud, 'patrols', PEOPLE.centreInspector.openid, 'savePlan', {
      fields: {
        name: '楼宇午间巡查',
        kind: 'routine',
        startDate: '2032-03-10',
        endDate: '2032-03-10',
        level: 'centre',
        centreId: 'centre-property',
        mode: 'scheduled',
        recurrence: { freq: 'daily' },
        targets: { kind: 'zones', zoneIds: ['zone-b1-f2'] },
        window: { kind: 'fixed', at: '11:30', minutes: 60 },
        assignees: { mode: 'any', personIds: ['p-insp-centre'] },
        checklist: [{ id: 'clean', text: '地面干净' }],
        negativeList: [],
        graceMinutes: 30,
      },
    }),
    'savePlan',
  );
  const planId: string = saved.data.plan._id;
  must(
    await invoke(cloud, 'patrols', PEOPLE.centreInspector.openid, 'setPlanStatus', { planId, status: 'active', version: 1 }),
    'activate',
  );
  must((await cloud.host.fireTimer('patrols', 'hourly')) as Reply, 'patrol timer');

  const tags: string[] = [];
  for (let i = 0; i < 12; i++) tags.push((await registerAsset(cloud)).tag);
  const damaged = must(
    await assets(cloud, 'o-manager', 'event', {
      event: 'damage',
      assetId: `as-${tags[0]}`,
      liablePersonId: 'p-staff-2',
      note: '搬运时摔坏',
    }),
    'damage',
  );
  const started = must(await assets(cloud, 'o-manager', 'startCampaign', { unitId: 'contractor-clean' }), 'startCampaign');
  const campaignId: string = started.data.campaignId;
  for (const tag of tags.slice(0, 10)) must(await assets(cloud, 'o-manager', 'scan', { campaignId, tag, report: 'found' }), 'scan');
  must(await assets(cloud, 'o-manager', 'closeCampaign', { campaignId }), 'closeCampaign');

  setClock(AT('02:00', '2032-03-11'));
  must((await cloud.host.fireTimer('patrols', 'hourly')) as Reply, 'patrol timer');
  return {
    planId,
    patrolOcc: `${planId}~zone-b1-f2~2032-03-10T1130`,
    tags,
    missingTags: tags.slice(10),
    missingScans: tags.slice(10).map((t) => `${campaignId}~as-${t}`),
    damageEvent: damaged.data.eventId as string,
  };
}
