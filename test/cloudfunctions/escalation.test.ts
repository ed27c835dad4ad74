import { TEMPLATES } from '../../cloudfunctions/_lib/notify';
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import * as tx from '../../cloudfunctions/_lib/tx';
import { wxCloud } from '../helpers/local-cloud';
import {
  type Cloud,
  call,
  type Loose,
  PEOPLE,
  PHOTO,
  REPORTER,
  report as reportIn,
  shiftClock,
  startWithFixtures,
  ticketDoc,
  zone,
} from './fixtures';

const MIN = 60_000;
const HOUR = 60 * MIN;
const sweep = (cloud: Cloud) => cloud.host.fireTimer('escalation', 'everyMinute') as Promise<{ code: 0 | string; data: Loose }>;
/** Messages sent about one ticket (numbers repeat across the days the tests move through; ids do not). */
const sent = (cloud: Cloud, t: { ticketId: string }, templateId: string = TEMPLATES.escalation) =>
  cloud.host.outbox.filter((m) => m.templateId === templateId && m.page === `pages/ticket/index?id=${t.ticketId}`);
const escalations = (cloud: Cloud, t: { ticketId: string }) => sent(cloud, t);
const deliveries = (cloud: Cloud, openid: string, ticketId: string) =>
  cloud.host.invoke('escalation', { action: 'deliveries', payload: { ticketId } }, { source: 'wx_client', openid }) as Promise<Loose>;
/** Real time, whatever Date.now is mocked to. */
const realNow = () => performance.timeOrigin + performance.now();
/** Sets the functions' clock to an absolute instant. */
const setClock = (iso: string) => shiftClock(new Date(iso).getTime() - realNow());
const people = () => wxCloud().database().collection('people');
/** Zones of their own for each test, so a report never joins another test's open ticket. */
const ZONES = Array.from({ length: 20 }, (_, i) => zone(`zone-esc-${i}`, `esc${i}`));
let nextZone = 0;
let zoneOfTest = ZONES[0];
/** A report in this test's zone, by a reporter of this test (the hourly report limit is per person). */
const report = (cloud: Cloud, over: Record<string, unknown> = {}, openid = REPORTER) =>
  reportIn(cloud, { sceneId: zoneOfTest.sceneId, ...over }, `${openid}-${zoneOfTest.sceneId}`);
const reporterOf = () => `${REPORTER}-${zoneOfTest.sceneId}`;

describe('the escalation timer', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures([
      ...ZONES,
      zone('zone-green', 'green', { unitId: 'contractor-other', responsible: { primary: 'p-other' } }),
    ]);
    for (const p of Object.values(PEOPLE)) for (const tpl of Object.values(TEMPLATES)) cloud.host.subscribe(p.openid, tpl, 1000);
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => {
    clearCaches();
    zoneOfTest = ZONES[nextZone++];
  });
  afterEach(() => jest.restoreAllMocks());

  it('reminds the assignee at half time, the manager when overdue and the office at double time, once each', async () => {
    // Prepare: a minor problem (60 service minutes; the zone is always open)
    const t = (await report(cloud, { categoryCode: 'attitude' })).data;

    // Act
    shiftClock(31 * MIN);
    const half = await sweep(cloud);
    await sweep(cloud);
    shiftClock(61 * MIN);
    await sweep(cloud);
    shiftClock(121 * MIN);
    await sweep(cloud);
    await sweep(cloud);

    // Assess
    expect(half).toMatchObject({ code: 0, data: { escalated: 1, delivery: { sent: 1 } } });
    expect(escalations(cloud, t).map((m) => [m.touser, (m.data as Loose).thing5.value])).toEqual([
      [PEOPLE.staff.openid, '整改时限已过半'],
      [PEOPLE.manager.openid, '整改已超时'],
      [PEOPLE.officeManager.openid, '整改严重超时，请督办'],
    ]);
    const doc = await ticketDoc(t.ticketId);
    expect(doc.escalationLevelsFired).toEqual(['remind', 'overdue', 'office']);
    // After the last level, the timer comes back a day later to remind the office again.
    expect(doc.nextCheckAt.getTime()).toBeGreaterThan(realNow() + 120 * MIN + 23 * HOUR);
  });

  it('sends an escalation through the one send: what, where, by when in zh-CN, and one of the person’s reminders used', async () => {
    // Prepare: the staff member accepted the escalation reminder once more (counted by org.subscribed)
    const org = (openid: string, action: string, payload?: unknown) =>
      cloud.host.invoke('org', payload === undefined ? { action } : { action, payload }, { source: 'wx_client', openid }) as Promise<Loose>;
    await org(PEOPLE.staff.openid, 'subscribed', { templates: ['escalation'] });
    const before = (await org(PEOPLE.staff.openid, 'me')).data.reminders.escalation as number;
    const t = (await report(cloud, { categoryCode: 'attitude', text: '窗口服务态度差' })).data;

    // Act: half the deadline passes
    shiftClock(31 * MIN);
    await sweep(cloud);

    // Assess: the message the staff member got reads like the daily ones; the count went down by one
    const [m] = escalations(cloud, t);
    const fields = Object.fromEntries(Object.entries(m.data as Record<string, { value: string }>).map(([k, v]) => [k, v.value]));
    expect(m).toMatchObject({ touser: PEOPLE.staff.openid, errcode: 0, page: `pages/ticket/index?id=${t.ticketId}` });
    expect(fields).toEqual({
      character_string1: t.no,
      thing2: '服务态度：窗口服务态度差',
      thing3: zoneOfTest.name,
      time4: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
      thing5: '整改时限已过半',
    });
    expect((await org(PEOPLE.staff.openid, 'me')).data.reminders.escalation).toBe(before - 1);
  });

  it('reminds the office again every day after 200 % until the ticket is closed', async () => {
    // Prepare: a problem past all three levels
    const t = (await report(cloud, { categoryCode: 'discipline' })).data;
    shiftClock(130 * MIN);
    await sweep(cloud);
    expect(escalations(cloud, t)).toHaveLength(3);

    // Act: a day later, twice; then two days later
    shiftClock(130 * MIN + 24 * HOUR + MIN);
    const dayOne = await sweep(cloud);
    await sweep(cloud);
    shiftClock(130 * MIN + 48 * HOUR + 2 * MIN);
    await sweep(cloud);

    // Assess: one repeat a day, to the office, recorded in the history
    expect(dayOne.data.repeated).toBeGreaterThanOrEqual(1);
    const office = escalations(cloud, t).filter((m) => m.touser === PEOPLE.officeManager.openid);
    expect(office.map((m) => (m.data as Loose).thing5.value)).toEqual([
      '整改严重超时，请督办',
      '仍未整改：整改严重超时，请督办',
      '仍未整改：整改严重超时，请督办',
    ]);
    const doc = await ticketDoc(t.ticketId);
    expect(doc.history.filter((h: Loose) => h.event === 'escalate')).toHaveLength(3);
  });

  it('fires each level once when two sweeps run at the same time', async () => {
    const t = (await report(cloud, { categoryCode: 'standards' })).data;
    shiftClock(200 * MIN);

    const [a, b] = await Promise.all([sweep(cloud), sweep(cloud)]);

    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(escalations(cloud, t)).toHaveLength(3);
    const doc = await ticketDoc(t.ticketId);
    expect(doc.history.filter((h: { event: string }) => h.event === 'escalate')).toHaveLength(1);
  });

  it('keeps every other notice of the batch when one claim fails, and escalates that ticket on the next run', async () => {
    // Prepare: three problems; earlier tests' tickets swept first; the first claim transaction then fails
    shiftClock(3 * 24 * HOUR);
    await sweep(cloud);
    const tickets = [];
    for (const categoryCode of ['attitude', 'discipline', 'work_style']) tickets.push((await report(cloud, { categoryCode })).data);
    shiftClock(3 * 24 * HOUR + 5 * HOUR);
    const real = tx.runTx;
    let failures = 0;
    jest.spyOn(tx, 'runTx').mockImplementation(async (fn, attempts) => {
      if (failures++ === 0) throw new Error('database error: connection reset');
      return real(fn, attempts);
    });

    // Act
    const first = await sweep(cloud);
    jest.restoreAllMocks();
    shiftClock(3 * 24 * HOUR + 5 * HOUR + 2 * MIN);
    await sweep(cloud);

    // Assess: the failed claim wrote nothing and was retried; every ticket's three levels reached people once
    expect(first.data.claimErrors).toBe(1);
    for (const t of tickets) expect(escalations(cloud, t)).toHaveLength(3);
  });

  it('records each notice with its delivery for the unit manager: sent, or failed with the reason', async () => {
    // Prepare: the manager has no subscription left for escalations
    const t = (await report(cloud, { categoryCode: 'attitude', text: '服务态度差' })).data;
    const quota = cloud.host as unknown as { quotas: Map<string, number> };
    quota.quotas.set(`${PEOPLE.manager.openid}|${TEMPLATES.escalation}`, 0);
    shiftClock(130 * MIN);

    // Act
    await sweep(cloud);
    const asManager = await deliveries(cloud, PEOPLE.manager.openid, t.ticketId);
    const asReporter = await deliveries(cloud, reporterOf(), t.ticketId);
    const asOtherStaff = await deliveries(cloud, PEOPLE.otherStaff.openid, t.ticketId);
    quota.quotas.set(`${PEOPLE.manager.openid}|${TEMPLATES.escalation}`, 1000);

    // Assess
    expect(asManager.code).toBe(0);
    expect(asManager.data.items.map((d: Loose) => [d.cause, d.recipientName, d.state, d.failure?.code ?? null])).toEqual([
      ['remind', PEOPLE.staff.name, 'sent', null],
      ['overdue', PEOPLE.manager.name, 'failed', 'NOT_SUBSCRIBED'],
      ['office', PEOPLE.officeManager.name, 'sent', null],
    ]);
    expect(JSON.stringify(asManager.data)).not.toContain('o-');
    expect(asReporter.code).toBe('AUTH.FORBIDDEN');
    expect(asOtherStaff.code).toBe('AUTH.FORBIDDEN');
    expect((await deliveries(cloud, PEOPLE.officeInspector.openid, t.ticketId)).code).toBe(0);
    expect((await deliveries(cloud, PEOPLE.admin.openid, t.ticketId)).code).toBe(0);
    // A manager of another unit (here the office's) is told the ticket does not exist for them.
    expect((await deliveries(cloud, PEOPLE.officeManager.openid, t.ticketId)).code).toBe('TICKET.NOT_FOUND');
    const check = (openid: string) =>
      cloud.host.invoke('escalation', { action: 'recipientCheck' }, { source: 'wx_client', openid }) as Promise<Loose>;
    expect((await check(PEOPLE.manager.openid)).code).toBe('AUTH.FORBIDDEN');
  });

  it('warns with a code when a level reaches nobody, and the admins’ check names the gap', async () => {
    // Prepare: the office has no manager
    await people()
      .doc(PEOPLE.officeManager._id)
      .update({ data: { roles: [{ role: 'leader' }] } });
    const t = (await report(cloud, { categoryCode: 'standards', text: '没人管' })).data;
    shiftClock(130 * MIN);

    // Act
    const run = await sweep(cloud);
    const check = (await cloud.host.invoke(
      'escalation',
      { action: 'recipientCheck' },
      { source: 'wx_client', openid: PEOPLE.admin.openid },
    )) as Loose;
    await people()
      .doc(PEOPLE.officeManager._id)
      .update({ data: { roles: PEOPLE.officeManager.roles } });
    clearCaches();
    const fixed = await cloud.host.invoke('escalation', { action: 'recipientCheck' }, { source: 'wx_client', openid: PEOPLE.admin.openid });

    // Assess
    expect(run.data.warnings).toContainEqual({
      code: 'ESCALATION.NO_RECIPIENT',
      ticketId: t.ticketId,
      levelId: 'office',
      audience: 'office',
    });
    const record = (await deliveries(cloud, PEOPLE.manager.openid, t.ticketId)).data.items;
    expect(record.find((d: Loose) => d.cause === 'office')).toMatchObject({ state: 'failed', failure: { code: 'NO_RECIPIENT' } });
    const officeGaps = (r: Loose) => r.data.gaps.filter((g: Loose) => g.levelId === 'office');
    expect(check).toMatchObject({ code: 0, data: { ok: false } });
    expect(officeGaps(check)).toEqual([
      { code: 'ESCALATION.NO_RECIPIENT', levelId: 'office', notify: 'office', unitId: 'office', unitName: '总务部' },
    ]);
    // The fixtures' centre and second contractor have no manager of their own: the check names them too.
    expect(check.data.gaps.map((g: Loose) => g.unitId)).toEqual(expect.arrayContaining(['centre-property', 'contractor-other']));
    expect(officeGaps(fixed)).toEqual([]);
  });

  it('escalates a contractor without a manager to the managers of the centre overseeing it', async () => {
    // Prepare: the green contractor has no manager; its centre gets one
    const centreManager = {
      _id: 'p-centre-mgr',
      openid: 'o-centre-mgr',
      name: '钱主任',
      roles: [{ role: 'manager', unitId: 'centre-property' }],
    };
    await people().add({ data: centreManager });
    cloud.host.subscribe(centreManager.openid, TEMPLATES.escalation, 10);
    clearCaches();
    const t = (await reportIn(cloud, { sceneId: 'green', categoryCode: 'facility', text: '草坪喷头坏了' }, 'o-green')).data;
    const zoneClock = (await ticketDoc(t.ticketId)).dueAt.getTime() - realNow();
    shiftClock(zoneClock + MIN);

    // Act
    await sweep(cloud);
    const check = (await cloud.host.invoke(
      'escalation',
      { action: 'recipientCheck' },
      { source: 'wx_client', openid: PEOPLE.admin.openid },
    )) as Loose;
    await people().doc(centreManager._id).remove();

    // Assess
    expect(escalations(cloud, t).map((m) => [m.touser, (m.data as Loose).thing5.value])).toContainEqual([
      centreManager.openid,
      '整改已超时',
    ]);
    expect(check.data.gaps.map((g: Loose) => g.unitId)).not.toContain('contractor-other');
  });

  it('resumes a ticket paused longer than the cap, tells the manager, and refuses a further pause', async () => {
    // Prepare
    const t = (await report(cloud, { categoryCode: 'work_style', text: '等待配件' })).data;
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: t.ticketId });
    const paused = await call(cloud, PEOPLE.staff.openid, 'pause', { ticketId: t.ticketId, reason: '等待配件' });
    expect(paused.code).toBe(0);
    shiftClock(47 * HOUR);
    await sweep(cloud);
    expect((await ticketDoc(t.ticketId)).state).toBe('paused');

    // Act
    shiftClock(48 * HOUR + MIN);
    await sweep(cloud);
    const again = await call(cloud, PEOPLE.staff.openid, 'pause', { ticketId: t.ticketId, reason: '还在等配件' });

    // Assess
    const doc = await ticketDoc(t.ticketId);
    expect(doc.state).toBe('accepted');
    expect(doc.history.at(-1)).toMatchObject({ event: 'resume', actorId: 'system' });
    expect(sent(cloud, t, TEMPLATES.managerAlert).map((m) => [m.touser, (m.data as Loose).thing5.value])).toContainEqual([
      PEOPLE.manager.openid,
      '暂停超过上限，已恢复计时',
    ]);
    expect(again.code).toBe('ESCALATION.PAUSE_LIMIT');
  });

  it('reminds the inspector of a rectified finding a day later and every day until it is verified', async () => {
    // Prepare
    const f = await call(cloud, PEOPLE.officeInspector.openid, 'createFinding', {
      zoneId: zoneOfTest._id,
      categoryCode: 'hygiene',
      severity: 'minor',
      description: '楼道有积水',
    });
    expect(f.code).toBe(0);
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: f.data.ticketId });
    const toInspector = () =>
      sent(cloud, f.data, TEMPLATES.rectified)
        .filter((m) => m.touser === PEOPLE.officeInspector.openid)
        .map((m) => (m.data as Loose).thing5.value);
    await call(cloud, PEOPLE.staff.openid, 'rectify', { ticketId: f.data.ticketId, afterPhotos: [PHOTO], note: '已拖干', cause: '漏水' });
    const atRectify = toInspector();

    // Act
    shiftClock(23 * HOUR);
    await sweep(cloud);
    const early = toInspector().length;
    shiftClock(24 * HOUR + MIN);
    await sweep(cloud);
    shiftClock(48 * HOUR + 2 * MIN);
    await sweep(cloud);

    // Assess: told at once when rectified; never verified by the system; then two reminders
    expect(atRectify).toEqual(['已整改，请验收']);
    expect(early).toBe(1);
    expect(toInspector()).toEqual(['已整改，请验收', '整改已完成，请复核', '整改已完成，请复核']);
    expect((await ticketDoc(f.data.ticketId)).state).toBe('rectified');
  });

  it('hands an off-duty person’s open tickets to the zone’s backup, each with a history entry and a notice', async () => {
    // Prepare
    const a = (await report(cloud, { categoryCode: 'attitude', text: '交接一' })).data;
    const b = (await report(cloud, { categoryCode: 'discipline', text: '交接二' })).data;
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: b.ticketId });
    await people()
      .doc(PEOPLE.staff._id)
      .update({ data: { onDuty: false } });

    // Act
    const [r1, r2] = await Promise.all([sweep(cloud), sweep(cloud)]);
    await people()
      .doc(PEOPLE.staff._id)
      .update({ data: { onDuty: true } });

    // Assess
    expect(r1.data.handedOver + r2.data.handedOver).toBeGreaterThanOrEqual(2);
    for (const t of [a, b]) {
      const doc = await ticketDoc(t.ticketId);
      expect(doc.assigneeId).toBe(PEOPLE.backup._id);
      expect(doc.history.filter((h: Loose) => h.event === 'reassign')).toEqual([
        expect.objectContaining({ actorId: 'system', note: '原负责人不在岗，系统转交备岗人员' }),
      ]);
      expect(sent(cloud, t, TEMPLATES.assigned).filter((m) => m.touser === PEOPLE.backup.openid)).toHaveLength(1);
    }
  });

  it('tells the people who "+1"-ed a report when it is closed after verification', async () => {
    // Prepare: a report, joined by a second student
    const t = (await report(cloud, { categoryCode: 'hygiene', text: '水房地面湿滑' })).data;
    const joined = await report(cloud, { categoryCode: 'hygiene', text: '同样的问题' }, 'o-follower');
    expect(joined.data).toMatchObject({ outcome: 'joined', ticketId: t.ticketId });
    const follower = `o-follower-${zoneOfTest.sceneId}`;
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: t.ticketId });
    await call(cloud, PEOPLE.staff.openid, 'rectify', { ticketId: t.ticketId, afterPhotos: [PHOTO], note: '已处理', cause: '漏水' });
    cloud.host.subscribe(follower, TEMPLATES.rectified, 5);

    // Act
    await call(cloud, reporterOf(), 'verify', { ticketId: t.ticketId, approve: true, rating: 5 });

    // Assess
    expect(sent(cloud, t, TEMPLATES.rectified).map((m) => [m.touser, m.errcode])).toContainEqual([follower, 0]);
  });

  it('verifies and closes a rectified report 24 hours after rectification when the reporter did not answer', async () => {
    const t = (await report(cloud, { categoryCode: 'standards', text: '自动验收' })).data;
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: t.ticketId });
    await call(cloud, PEOPLE.staff.openid, 'rectify', { ticketId: t.ticketId, afterPhotos: [PHOTO], note: '好了', cause: '原因' });
    shiftClock(23 * 60 * MIN);
    await sweep(cloud);
    expect((await ticketDoc(t.ticketId)).state).toBe('rectified');

    shiftClock(24 * 60 * MIN + MIN);
    await sweep(cloud);

    expect((await ticketDoc(t.ticketId)).state).toBe('closed');
    const late = await call(cloud, reporterOf(), 'verify', { ticketId: t.ticketId, approve: false, note: '没修好' });
    expect(late.code).toBe('TICKET.INVALID_TRANSITION');
  });

  it('keeps a rework of a major problem within the night: due by the end of the day of the rejection', async () => {
    // Prepare: a major finding at 10:00 Shanghai (due 24:00 on an always-open zone), rectified at 11:00
    setClock('2026-03-10T02:00:00Z');
    const f = await call(cloud, PEOPLE.officeInspector.openid, 'createFinding', {
      zoneId: zoneOfTest._id,
      categoryCode: 'hygiene',
      severity: 'major',
      description: '垃圾桶满溢',
    });
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: f.data.ticketId });
    setClock('2026-03-10T03:00:00Z');
    await call(cloud, PEOPLE.staff.openid, 'rectify', {
      ticketId: f.data.ticketId,
      afterPhotos: [PHOTO],
      note: '已清理',
      cause: '清运不及时',
    });

    // Act: the inspector rejects at 23:00; 13 h of the original budget are left
    setClock('2026-03-10T15:00:00Z');
    const rejected = await call(cloud, PEOPLE.officeInspector.openid, 'verify', {
      ticketId: f.data.ticketId,
      approve: false,
      note: '没清干净',
    });

    // Assess: due at midnight the same night, not 12:00 the next day
    expect(rejected.code).toBe(0);
    expect(new Date(rejected.data.dueAt).toISOString()).toBe('2026-03-10T16:00:00.000Z');
    expect((await ticketDoc(f.data.ticketId)).dueAt.toISOString()).toBe('2026-03-10T16:00:00.000Z');
  });

  it('refuses to run when called from the mini-program', async () => {
    const reply = await cloud.host.invoke('escalation', {}, { source: 'wx_client', openid: REPORTER });

    expect(reply).toMatchObject({ code: 'AUTH.WRONG_SOURCE' });
  });
});
