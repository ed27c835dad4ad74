import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { type Cloud, call, PEOPLE, PHOTO, REPORTER, report, startWithFixtures, ticketDoc, upload } from './fixtures';

describe('the closed loop through the tickets function', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures();
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  it('takes a QR report from assignment through acceptance, rectification and verification to closed', async () => {
    // Prepare
    const created = await report(cloud, { rating: 2, photos: [upload('report', REPORTER)] });
    expect(created).toMatchObject({ code: 0, data: { outcome: 'created' } });
    const id = created.data.ticketId;

    // Act
    const accepted = await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: id });
    const rectified = await call(cloud, PEOPLE.staff.openid, 'rectify', {
      ticketId: id,
      afterPhotos: [PHOTO],
      note: '已清扫',
      cause: '保洁不及时',
    });
    const verified = await call(cloud, REPORTER, 'verify', { ticketId: id, approve: true, rating: 5 });

    // Assess
    expect(accepted).toMatchObject({ code: 0, data: { state: 'accepted' } });
    expect(rectified).toMatchObject({ code: 0, data: { state: 'rectified' } });
    expect(verified).toMatchObject({ code: 0, data: { state: 'closed' } });
    const doc = await ticketDoc(id);
    expect(doc.history.map((h: { to: string }) => h.to)).toEqual(['reported', 'assigned', 'accepted', 'rectified', 'verified', 'closed']);
    expect(doc).toMatchObject({ assigneeId: 'p-staff', verifyRating: 5, nextCheckAt: null, no: expect.stringMatching(/^XC-\d{8}-\d{4}$/) });
  });

  it('takes an inspector finding through to verification by an inspector in scope', async () => {
    // Prepare
    const created = await call(cloud, PEOPLE.centreInspector.openid, 'createFinding', {
      zoneId: 'zone-b1-f2',
      categoryCode: 'facility',
      severity: 'major',
      description: '消防通道堵塞',
      checklistItem: '通道畅通',
    });
    expect(created).toMatchObject({ code: 0, data: { state: 'assigned' } });
    const id = created.data.ticketId;

    // Act
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: id });
    await call(cloud, PEOPLE.staff.openid, 'rectify', { ticketId: id, afterPhotos: [PHOTO], note: '已清理', cause: '杂物堆放' });
    const byReporter = await call(cloud, REPORTER, 'verify', { ticketId: id, approve: true });
    const byInspector = await call(cloud, PEOPLE.officeInspector.openid, 'verify', { ticketId: id, approve: true });

    // Assess
    expect(byReporter.code).toBe('TICKET.FORBIDDEN');
    expect(byInspector).toMatchObject({ code: 0, data: { state: 'closed' } });
  });

  it('records a positive example as closed at once, with no deadline', async () => {
    const created = await call(cloud, PEOPLE.officeInspector.openid, 'createFinding', {
      zoneId: 'zone-b1-f2',
      categoryCode: 'standards',
      severity: 'minor',
      description: '服务规范，值得推广',
      kind: 'positive',
    });

    expect(created).toMatchObject({ code: 0, data: { state: 'closed' } });
    expect((await ticketDoc(created.data.ticketId)).dueAt).toBeNull();
  });

  it('sends a rejected rectification back to rework and marks it not rectified', async () => {
    // Prepare
    const id = (await report(cloud, { categoryCode: 'other' })).data.ticketId;
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: id });
    await call(cloud, PEOPLE.staff.openid, 'rectify', { ticketId: id, afterPhotos: [PHOTO], note: '已处理', cause: '其他' });

    // Act
    const rejected = await call(cloud, REPORTER, 'verify', { ticketId: id, approve: false, note: '还是很脏' });

    // Assess
    expect(rejected).toMatchObject({ code: 0, data: { state: 'rework' } });
    expect(await ticketDoc(id)).toMatchObject({ rework: 1, notRectified: true });
  });
});
