import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import type { ServiceHours } from '../../shared/deadlines';
import { type Cloud, call, type Loose, PEOPLE, PHOTO, report, shiftClock, startWithFixtures, ticketDoc, zone } from './fixtures';

/**
 * The rules of lateness, repeats and briefings, through the real scoring and briefings functions: a month on a
 * zone open 08:00–18:00 every day (Shanghai) and an always-open zone, scored by the monthly timer.
 */
const setClock = (iso: string) => shiftClock(new Date(iso).getTime() - (performance.timeOrigin + performance.now()));
const DAY = [{ open: '08:00', close: '18:00' }];
const DAYTIME: ServiceHours = { 1: DAY, 2: DAY, 3: DAY, 4: DAY, 5: DAY, 6: DAY, 7: DAY };
type R = { code: 0 | string; data: Loose; message?: string };
const invoke = (cloud: Cloud, fn: string, openid: string, action: string, payload: unknown) =>
  cloud.host.invoke(fn, { action, payload }, { source: 'wx_client', openid }) as Promise<R>;

describe('scoring rules users can predict', () => {
  let cloud: Cloud;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    cloud = await startWithFixtures([
      zone('zone-day', 'day', { serviceHours: DAYTIME }),
      zone('zone-day2', 'day2', { serviceHours: DAYTIME }),
      zone('zone-rep', 'rep'),
    ]);
    clearCaches();
    // Prepare (March 2031, Shanghai = UTC+8). Daytime zone: major problems are due at 18:00 the day reported.
    // fixed: reported 30 Mar 10:00, rectified 31 Mar 09:00 (1 service hour late, 15 wall hours).
    setClock('2031-03-30T02:00:00Z');
    ids.fixed = (await report(cloud, { sceneId: 'day', categoryCode: 'facility', text: '门锁坏了' }, 'o-a')).data.ticketId;
    setClock('2031-03-31T01:00:00Z');
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: ids.fixed });
    await call(cloud, PEOPLE.staff.openid, 'rectify', { ticketId: ids.fixed, afterPhotos: [PHOTO], note: '已更换', cause: '老化' });
    // open: reported 31 Mar 10:00, still open at the month's end (due 18:00, the zone is closed 18:00–24:00).
    setClock('2031-03-31T02:00:00Z');
    ids.open = (await report(cloud, { sceneId: 'day2', categoryCode: 'facility', text: '窗户关不上' }, 'o-b')).data.ticketId;
    // evening: minor, reported 31 Mar 17:30, due 1 Apr 08:30 — after the period.
    setClock('2031-03-31T09:30:00Z');
    ids.evening = (await report(cloud, { sceneId: 'day', categoryCode: 'hygiene', text: '走廊有纸屑' }, 'o-c')).data.ticketId;
    // Always-open zone: a minor problem, rectified at once, then the same problem again (a repeat).
    setClock('2031-03-10T02:00:00Z');
    ids.first = (await report(cloud, { sceneId: 'rep', categoryCode: 'hygiene', text: '垃圾未清' }, 'o-d')).data.ticketId;
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: ids.first });
    await call(cloud, PEOPLE.staff.openid, 'rectify', { ticketId: ids.first, afterPhotos: [PHOTO], note: '已清', cause: '漏扫' });
    setClock('2031-03-12T02:00:00Z');
    const again = (await report(cloud, { sceneId: 'rep', categoryCode: 'hygiene', text: '垃圾又没清' }, 'o-e')).data;
    ids.repeat = again.ticketId;
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: ids.repeat });
    await call(cloud, PEOPLE.staff.openid, 'rectify', { ticketId: ids.repeat, afterPhotos: [PHOTO], note: '已清', cause: '漏扫' });
    // The month is frozen at 04:00 on 1 April.
    setClock('2031-03-31T20:00:00Z');
    expect(((await cloud.host.fireTimer('scoring', 'monthly')) as R).data).toMatchObject({ month: '2031-03', frozen: true });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await cloud.close();
  });

  const linesOf = async (ticketId: string) => {
    const result = await invoke(cloud, 'scoring', PEOPLE.admin.openid, 'result', { period: '2031-03' });
    const clean = result.data.scores.find((s: Loose) => s.unitId === 'contractor-clean');
    return clean.lines.filter((l: Loose) => l.ticketIds.includes(ticketId)).map((l: Loose) => [l.kind, l.points, l.detail.hours ?? null]);
  };

  it('charges a problem fixed late in the service hours it overran, not the night', async () => {
    expect(await linesOf(ids.fixed)).toEqual([
      ['problem', -3, null],
      ['overdue', -0.5, 1],
    ]);
  });

  it('charges a problem still open at the month’s end on the same clock: closing hours do not count', async () => {
    expect(await linesOf(ids.open)).toEqual([['problem', -3, null]]);
  });

  it('charges a repeated minor problem −1 and an extra −1, though its deadline is a major one', async () => {
    expect((await ticketDoc(ids.repeat)).severity).toBe('major');
    expect(await linesOf(ids.repeat)).toEqual([
      ['problem', -1, null],
      ['repeat', -1, null],
    ]);
  });

  it('gives a briefing the same on-time figures whenever it is generated: as of the period’s end', async () => {
    // Act: generated on 1 April, and again on 20 April (the evening problem is overdue by then)
    setClock('2031-04-01T02:00:00Z');
    const early = await invoke(cloud, 'briefings', PEOPLE.admin.openid, 'generate', { period: '2031-03' });
    setClock('2031-04-20T02:00:00Z');
    const late = await invoke(cloud, 'briefings', PEOPLE.admin.openid, 'generate', { period: '2031-03' });
    const a = (await invoke(cloud, 'briefings', PEOPLE.admin.openid, 'get', { no: early.data.no })).data.content.rectification;
    const b = (await invoke(cloud, 'briefings', PEOPLE.admin.openid, 'get', { no: late.data.no })).data.content.rectification;

    // Assess: fixed (late) and first/repeat (on time) are due; open and evening were not late by 31 March 24:00
    expect(a).toEqual(b);
    expect(a).toMatchObject({ eligible: 3, onTime: 2 });
    // Rectified but not yet verified is not closed
    expect(a).toMatchObject({ closed: 0, open: 5 });
  });
});
