import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, call, type Loose, PEOPLE, report, startWithFixtures, upload, zone } from './fixtures';

// A second centre outside the centre inspector's scope, with its own zone and staff.
const DINING = { _id: 'centre-dining', kind: 'centre', name: '饮食服务中心', parentId: 'office' };
const COOK = { _id: 'p-cook', openid: 'o-cook', name: '陈师傅', roles: [{ role: 'staff', unitId: 'centre-dining' }] };
const CANTEEN = zone('zone-canteen', 'canteen', { name: '第一食堂', unitId: 'centre-dining', responsible: { primary: 'p-cook' } });

const finding = (cloud: Cloud, openid: string, zoneId: string, description: string) =>
  call(cloud, openid, 'createFinding', { zoneId, categoryCode: 'hygiene', severity: 'minor', description });

const rectify = (cloud: Cloud, openid: string, ticketId: string) =>
  call(cloud, openid, 'rectify', { ticketId, afterPhotos: [upload('rectify', openid)], note: '已处理', cause: '清扫不及时' });

const ids = (reply: Loose): string[] => reply.data.items.map((t: { _id: string }) => t._id);

describe('inspector reads', () => {
  let cloud: Cloud;
  const byCentre: string[] = [];
  let dining: string;

  beforeAll(async () => {
    cloud = await startWithFixtures([CANTEEN]);
    const db = wxCloud().database();
    await db.collection('units').add({ data: DINING });
    await db.collection('people').add({ data: COOK });
    for (let i = 0; i < 22; i++)
      byCentre.push((await finding(cloud, PEOPLE.centreInspector.openid, 'zone-b1-f2', `地面脏 ${i}`)).data.ticketId);
    dining = (await finding(cloud, PEOPLE.officeInspector.openid, 'zone-canteen', '台面油污')).data.ticketId;
    // Rectified in this order: the canteen's first, then two of the centre's.
    for (const [openid, id] of [
      [COOK.openid, dining],
      [PEOPLE.staff.openid, byCentre[3]],
      [PEOPLE.staff.openid, byCentre[1]],
    ]) {
      await call(cloud, openid, 'accept', { ticketId: id });
      await rectify(cloud, openid, id);
    }
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  describe('myFindings', () => {
    it('pages the findings I logged 20 at a time, newest first, with zone names', async () => {
      const first = await call(cloud, PEOPLE.centreInspector.openid, 'myFindings', {});
      const second = await call(cloud, PEOPLE.centreInspector.openid, 'myFindings', { cursor: first.data.nextCursor });

      expect(first.data.items).toHaveLength(20);
      expect(second.data.nextCursor).toBeNull();
      expect([...ids(first), ...ids(second)]).toEqual([...byCentre].reverse());
      expect(first.data.items[0]).toMatchObject({ source: 'finding', zoneName: '区域b1f2', inspectorId: 'p-insp-centre' });
    });

    it('shows another inspector only their own findings', async () => {
      const reply = await call(cloud, PEOPLE.officeInspector.openid, 'myFindings', {});

      expect(ids(reply)).toEqual([dining]);
      expect(reply.data.items[0].zoneName).toBe('第一食堂');
    });

    it.each([
      ['staff', PEOPLE.staff.openid],
      ['a manager', PEOPLE.manager.openid],
      ['a leader', PEOPLE.leader.openid],
      ['an unknown openid', 'o-stranger'],
    ])('refuses %s', async (_who, openid) => {
      const reply = await call(cloud, openid, 'myFindings', {});

      expect(reply.code).toBe('AUTH.FORBIDDEN');
    });

    it.each([
      [{ cursor: 'not a cursor!' }, 'REQUEST.INVALID'],
      [{ inspectorId: 'p-insp-office' }, 'REQUEST.INVALID'],
      [{ cursor: 'bm90LWEtY3Vyc29y' }, 'REQUEST.INVALID_CURSOR'],
    ])('refuses the payload %j', async (payload, code) => {
      const reply = await call(cloud, PEOPLE.centreInspector.openid, 'myFindings', payload);

      expect(reply.code).toBe(code);
    });
  });

  describe('awaitingMyVerification', () => {
    it('lists rectified findings in a centre inspector’s scope, longest waiting first', async () => {
      const reply = await call(cloud, PEOPLE.centreInspector.openid, 'awaitingMyVerification', {});

      expect(ids(reply)).toEqual([byCentre[3], byCentre[1]]);
      expect(reply.data.items[0]).toMatchObject({ state: 'rectified', zoneName: '区域b1f2' });
      expect(reply.data.nextCursor).toBeNull();
    });

    it('lists every rectified finding to an office inspector', async () => {
      const reply = await call(cloud, PEOPLE.officeInspector.openid, 'awaitingMyVerification', {});

      expect(ids(reply)).toEqual([dining, byCentre[3], byCentre[1]]);
    });

    it('leaves out rectified reports, which their reporters verify', async () => {
      const t = (await report(cloud, { text: '楼梯灯不亮', categoryCode: 'facility' })).data.ticketId;
      await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: t });
      await rectify(cloud, PEOPLE.staff.openid, t);

      const reply = await call(cloud, PEOPLE.officeInspector.openid, 'awaitingMyVerification', {});

      expect(ids(reply)).not.toContain(t);
    });

    it('drops a finding once it is verified', async () => {
      const verified = await call(cloud, PEOPLE.centreInspector.openid, 'verify', { ticketId: byCentre[1], approve: true });

      const reply = await call(cloud, PEOPLE.centreInspector.openid, 'awaitingMyVerification', {});

      expect(verified.code).toBe(0);
      expect(ids(reply)).toEqual([byCentre[3]]);
    });

    it.each([
      ['staff', PEOPLE.staff.openid],
      ['a manager', PEOPLE.manager.openid],
      ['an admin', PEOPLE.admin.openid],
    ])('refuses %s', async (_who, openid) => {
      const reply = await call(cloud, openid, 'awaitingMyVerification', {});

      expect(reply.code).toBe('AUTH.FORBIDDEN');
    });

    it('refuses an unknown field', async () => {
      const reply = await call(cloud, PEOPLE.officeInspector.openid, 'awaitingMyVerification', { unitId: 'centre-dining' });

      expect(reply.code).toBe('REQUEST.INVALID');
    });
  });
});

describe('zone names and transition replies', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures();
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  it('names the zone on list rows and in the detail', async () => {
    const t = (await report(cloud)).data.ticketId;

    const board = await call(cloud, PEOPLE.manager.openid, 'unitBoard', {});
    const detail = await call(cloud, PEOPLE.manager.openid, 'detail', { ticketId: t });

    expect(board.data.items[0]).toMatchObject({ _id: t, zoneName: '区域b1f2' });
    expect(detail.data.ticket.zoneName).toBe('区域b1f2');
  });

  it('answers a transition with the deadline clock, running or stopped', async () => {
    const t = (await report(cloud, { text: '门锁坏了', categoryCode: 'facility' })).data.ticketId;

    const accepted = await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: t });
    const paused = await call(cloud, PEOPLE.staff.openid, 'pause', { ticketId: t, reason: '等配件' });

    expect(accepted.data).toMatchObject({ ticketId: t, state: 'accepted', clock: { runningSince: expect.any(Date) } });
    // A stopped clock has no deadline until it runs again; the used time is kept.
    expect(paused.data).toMatchObject({ state: 'paused', clock: { runningSince: null, usedMs: expect.any(Number) }, dueAt: null });
  });
});
