import { TEMPLATES } from '../../cloudfunctions/_lib/notify';
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { type Cloud, call, type Loose, PEOPLE, PHOTO, REPORTER, type Reply, report, startWithFixtures } from './fixtures';

const org = (cloud: Cloud, openid: string, action: string, payload?: unknown): Promise<Reply> =>
  cloud.host.invoke('org', payload === undefined ? { action } : { action, payload }, { source: 'wx_client', openid }) as Promise<Reply>;

describe('reminders: subscriptions counted, used per message, and messages that say what, where and by when', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures();
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  it('counts accepted prompts per template and shows them in org.me', async () => {
    // Act
    await org(cloud, PEOPLE.staff.openid, 'subscribed', { templates: ['assigned', 'escalation'] });
    const again = await org(cloud, PEOPLE.staff.openid, 'subscribed', { templates: ['assigned'] });
    const me = await org(cloud, PEOPLE.staff.openid, 'me');

    // Assess
    expect(again).toMatchObject({ code: 0, data: { assigned: 2, escalation: 1, rectified: 0, managerAlert: 0 } });
    expect(me.data).toMatchObject({
      reminders: { assigned: 2, escalation: 1 },
      onDuty: true,
      unitNames: { 'contractor-clean': '保洁公司' },
    });
  });

  it('refuses a template that does not exist', async () => {
    const r = await org(cloud, PEOPLE.staff.openid, 'subscribed', { templates: ['remind'] });
    expect(r.code).toBe('REQUEST.INVALID');
  });

  it('uses one reminder per delivered message, and says what, where and by when in zh-CN', async () => {
    // Prepare: the staff member accepted once more, as the prompt on "接单" does (local WeChat lets one through).
    const before = (await org(cloud, PEOPLE.staff.openid, 'me')).data.reminders.assigned as number;
    cloud.host.subscribe(PEOPLE.staff.openid, TEMPLATES.assigned, 1);

    // Act
    const t = (await report(cloud, { categoryCode: 'facility', text: '二楼走廊灯不亮' })).data;

    // Assess
    const sent = cloud.host.outbox.filter((m) => m.touser === PEOPLE.staff.openid && m.templateId === TEMPLATES.assigned).at(-1) as Loose;
    expect(sent).toMatchObject({ errcode: 0, page: `pages/ticket/index?id=${t.ticketId}` });
    const fields = Object.fromEntries(Object.entries(sent.data as Record<string, { value: string }>).map(([k, v]) => [k, v.value]));
    expect(fields).toEqual({
      character_string1: t.no,
      thing2: '设施损坏：二楼走廊灯不亮',
      thing3: '区域b1f2',
      time4: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
      thing5: '新任务，请打开接单处理',
    });
    expect((await org(cloud, PEOPLE.staff.openid, 'me')).data.reminders.assigned).toBe(before - 1);
  });

  it('sets the count to zero when WeChat says none were left', async () => {
    // Prepare: counted 1, but WeChat holds none for the reporter (the host was never told).
    await org(cloud, REPORTER, 'subscribed', { templates: ['rectified'] });
    const t = (await report(cloud, { categoryCode: 'other', text: '门口有积水' })).data;
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: t.ticketId });

    // Act
    await call(cloud, PEOPLE.staff.openid, 'rectify', { ticketId: t.ticketId, afterPhotos: [PHOTO], note: '已清理', cause: '下雨' });

    // Assess
    expect(cloud.host.outbox.at(-1)).toMatchObject({ touser: REPORTER, errcode: 43101 });
    expect((await org(cloud, REPORTER, 'me')).data.reminders.rectified).toBe(0);
  });

  it('lets staff go off duty and back, and refuses a reporter', async () => {
    expect(await org(cloud, PEOPLE.backup.openid, 'setOnDuty', { onDuty: false })).toEqual({ code: 0, data: { onDuty: false } });
    expect((await org(cloud, PEOPLE.backup.openid, 'me')).data.onDuty).toBe(false);
    await org(cloud, PEOPLE.backup.openid, 'setOnDuty', { onDuty: true });
    expect((await org(cloud, REPORTER, 'setOnDuty', { onDuty: false })).code).toBe('AUTH.FORBIDDEN');
  });
});
