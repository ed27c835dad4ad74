import { TEMPLATES } from '../../cloudfunctions/_lib/notify';
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { type Cloud, call, type Loose, PEOPLE, PHOTO, REPORTER, report, shiftClock, startWithFixtures, ticketDoc } from './fixtures';

const MIN = 60_000;
const sweep = (cloud: Cloud) => cloud.host.fireTimer('escalation', 'everyMinute') as Promise<{ code: 0 | string; data: Loose }>;
const escalations = (cloud: Cloud, ticketNo: string) =>
  cloud.host.outbox.filter((m) => m.templateId === TEMPLATES.escalation && (m.data as Loose).character_string1?.value === ticketNo);

describe('the escalation timer', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures();
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => clearCaches());
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
    expect(half).toMatchObject({ code: 0, data: { escalated: 1 } });
    expect(escalations(cloud, t.no).map((m) => [m.touser, (m.data as Loose).thing5.value])).toEqual([
      [PEOPLE.staff.openid, '快到期了，请尽快处理'],
      [PEOPLE.manager.openid, '已超时，请督促处理'],
      [PEOPLE.officeManager.openid, '超时未办，已报总务部'],
    ]);
    expect(await ticketDoc(t.ticketId)).toMatchObject({ escalationLevelsFired: ['remind', 'overdue', 'office'], nextCheckAt: null });
  });

  it('fires each level once when two sweeps run at the same time', async () => {
    const t = (await report(cloud, { categoryCode: 'discipline' })).data;
    shiftClock(200 * MIN);

    const [a, b] = await Promise.all([sweep(cloud), sweep(cloud)]);

    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(escalations(cloud, t.no)).toHaveLength(3);
    const doc = await ticketDoc(t.ticketId);
    expect(doc.history.filter((h: { event: string }) => h.event === 'escalate')).toHaveLength(1);
  });

  it('never reads a paused ticket', async () => {
    const t = (await report(cloud, { categoryCode: 'work_style' })).data;
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: t.ticketId });
    await call(cloud, PEOPLE.staff.openid, 'pause', { ticketId: t.ticketId, reason: '等配件' });
    shiftClock(500 * MIN);

    await sweep(cloud);

    expect(escalations(cloud, t.no)).toHaveLength(0);
    expect((await ticketDoc(t.ticketId)).nextCheckAt).toBeNull();
  });

  it('verifies and closes a rectified report 24 hours after rectification when the reporter did not answer', async () => {
    const t = (await report(cloud, { categoryCode: 'standards' })).data;
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: t.ticketId });
    await call(cloud, PEOPLE.staff.openid, 'rectify', { ticketId: t.ticketId, afterPhotos: [PHOTO], note: '好了', cause: '原因' });
    shiftClock(23 * 60 * MIN);
    await sweep(cloud);
    expect((await ticketDoc(t.ticketId)).state).toBe('rectified');

    shiftClock(24 * 60 * MIN + MIN);
    await sweep(cloud);

    expect((await ticketDoc(t.ticketId)).state).toBe('closed');
    const late = await call(cloud, REPORTER, 'verify', { ticketId: t.ticketId, approve: false, note: '没修好' });
    expect(late.code).toBe('TICKET.INVALID_TRANSITION');
  });

  it('refuses to run when called from the mini-program', async () => {
    const reply = await cloud.host.invoke('escalation', {}, { source: 'wx_client', openid: REPORTER });

    expect(reply).toMatchObject({ code: 'AUTH.WRONG_SOURCE' });
  });
});
