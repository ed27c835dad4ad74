import { TEMPLATES } from '../../cloudfunctions/_lib/notify';
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, call, PEOPLE, PHOTO, REPORTER, report, startWithFixtures, zone } from './fixtures';

const ZONES = Array.from({ length: 25 }, (_, i) => zone(`zone-r${i}`, `r${i}`));

describe('reads', () => {
  let cloud: Cloud;
  const ids: string[] = [];
  beforeAll(async () => {
    cloud = await startWithFixtures(ZONES);
    for (let i = 0; i < 25; i++) ids.push((await report(cloud, { sceneId: `r${i}` }, `o-reader-${i % 3}`)).data.ticketId);
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  it('pages the unit board 20 at a time with an opaque cursor, most urgent first, naming who holds each', async () => {
    const first = await call(cloud, PEOPLE.manager.openid, 'unitBoard', {});
    const second = await call(cloud, PEOPLE.manager.openid, 'unitBoard', { cursor: first.data.nextCursor });

    expect(first.data.items).toHaveLength(20);
    expect(second.data.items).toHaveLength(5);
    expect(second.data.nextCursor).toBeNull();
    const seen = [...first.data.items, ...second.data.items];
    expect(seen.map((t: { _id: string }) => t._id).sort()).toEqual([...ids].sort());
    const due = seen.map((t: { dueAt: string }) => new Date(t.dueAt).getTime());
    expect(due).toEqual([...due].sort((a, b) => a - b));
    expect(seen.every((t: { assigneeName: string }) => t.assigneeName === '张保洁')).toBe(true);
  });

  it('counts the board per state, held and overdue, and filters 超时 and 待审核', async () => {
    // Prepare: one report held for review; time moves past every deadline.
    const held = (await report(cloud, { sceneId: 'r0', categoryCode: 'other', text: '[review] 有广告' }, 'o-reader-held')).data;
    const later = new Date(Date.now() + 3 * 86_400_000);
    const spy = jest.spyOn(Date, 'now').mockReturnValue(later.getTime());
    try {
      // Act
      const counts = await call(cloud, PEOPLE.manager.openid, 'boardCounts', {});
      const overdue = await call(cloud, PEOPLE.manager.openid, 'unitBoard', { view: 'overdue' });
      const review = await call(cloud, PEOPLE.manager.openid, 'unitBoard', { view: 'held' });
      // Assess
      expect(counts.data).toMatchObject({ held: 1, overdue: 25, states: { assigned: 25 } });
      expect(overdue.data.items).toHaveLength(20);
      expect(review.data.items.map((t: { _id: string }) => t._id)).toEqual([held.ticketId]);
    } finally {
      spy.mockRestore();
      await call(cloud, PEOPLE.manager.openid, 'cancel', { ticketId: held.ticketId, reason: 'invalid', note: '广告' });
    }
  });

  it('never shows staff who reported, but shows admins', async () => {
    const byStaff = await call(cloud, PEOPLE.staff.openid, 'detail', { ticketId: ids[0] });
    const byAdmin = await call(cloud, PEOPLE.admin.openid, 'detail', { ticketId: ids[0] });

    expect(JSON.stringify(byStaff.data)).not.toContain('o-reader-0');
    expect(byStaff.data.ticket.reporterOpenid).toBeUndefined();
    expect(byAdmin.data.ticket.reporterOpenid).toBe('o-reader-0');
  });

  it('lists my reports to the reporter only', async () => {
    const mine = await call(cloud, 'o-reader-1', 'myReports', {});

    expect(mine.data.items).toHaveLength(8);
    expect(mine.data.items.every((t: { mine: boolean }) => t.mine)).toBe(true);
  });

  it('lists my tasks sorted by deadline', async () => {
    const tasks = await call(cloud, PEOPLE.staff.openid, 'myTasks', {});

    const due = tasks.data.items.map((t: { dueAt: string }) => new Date(t.dueAt).getTime());
    expect(due).toEqual([...due].sort((a, b) => a - b));
    expect(tasks.data.nextCursor).not.toBeNull();
  });

  it('counts my open tasks and lists the work I finished', async () => {
    // Prepare
    const t = (await report(cloud, { sceneId: 'r1', categoryCode: 'facility', text: '灯坏了' }, 'o-reader-done')).data.ticketId;
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: t });
    await call(cloud, PEOPLE.staff.openid, 'rectify', { ticketId: t, afterPhotos: [PHOTO], note: '已换灯', cause: '老化' });
    // Act
    const counts = await call(cloud, PEOPLE.staff.openid, 'taskCounts', {});
    const done = await call(cloud, PEOPLE.staff.openid, 'myDone', {});
    // Assess
    expect(counts.data).toMatchObject({ overdue: 0, states: { assigned: 25, accepted: 0 } });
    expect(done.data.items.map((x: { _id: string }) => x._id)).toEqual([t]);
  });

  it('refuses a cursor it did not issue', async () => {
    const reply = await call(cloud, PEOPLE.admin.openid, 'all', { cursor: 'bm90LWEtY3Vyc29y' });

    expect(reply.code).toBe('REQUEST.INVALID_CURSOR');
  });

  it('gives temporary URLs for the photos in the detail', async () => {
    const { fileID } = await wxCloud().uploadFile({
      cloudPath: `uploads/report/${REPORTER}/20260301/before.jpg`,
      fileContent: Buffer.from('jpeg'),
    });
    const t = (await report(cloud, { sceneId: 'b1f2', categoryCode: 'safety', photos: [fileID] })).data.ticketId;

    const reply = await call(cloud, REPORTER, 'detail', { ticketId: t });

    expect(reply.code).toBe(0);
    expect(Object.keys(reply.data.photoUrls)).toEqual([fileID]);
    expect(reply.data.photoUrls[fileID]).toMatch(/^http/);
  });

  // A rectification reads and writes the ticket and uses one of the reporter's reminders (one write); when the
  // message cannot be delivered, recording that on the ticket (_lib/outbox.ts `notify`) is one write more.
  it('counts the database requests of a rectification and a verification', async () => {
    const rectifyOne = async (reporter: string) => {
      const t = (await report(cloud, { sceneId: 'b1f2', categoryCode: 'facility' }, reporter)).data.ticketId;
      await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: t });
      const measured = await cloud.measure(() =>
        call(cloud, PEOPLE.staff.openid, 'rectify', { ticketId: t, afterPhotos: [PHOTO], note: '修好', cause: '老化' }),
      );
      return { t, ...measured };
    };
    cloud.host.subscribe(REPORTER, TEMPLATES.rectified, 1);
    const rectify = await rectifyOne(REPORTER);
    const verify = await cloud.measure(() => call(cloud, REPORTER, 'verify', { ticketId: rectify.t, approve: true }));
    const undelivered = await rectifyOne('o-reporter-unsubscribed');

    process.stdout.write(
      `rectify requests: ${JSON.stringify(rectify.requests)}\nverify requests: ${JSON.stringify(verify.requests)}\nrectify, reporter not reached: ${JSON.stringify(undelivered.requests)}\n`,
    );
    expect(rectify.result.code).toBe(0);
    expect(verify.result.code).toBe(0);
    expect(rectify.requests.total).toBeLessThanOrEqual(4);
    expect(verify.requests.total).toBeLessThanOrEqual(3);
    expect(undelivered.requests.total).toBeLessThanOrEqual(5);
    expect(undelivered.requests.byAction['database.insertDocument']).toBe((rectify.requests.byAction['database.insertDocument'] ?? 0) + 1);
  });
});
