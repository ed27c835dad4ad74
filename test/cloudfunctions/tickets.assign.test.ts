import { TEMPLATES } from '../../cloudfunctions/_lib/notify';
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, call, type Loose, PEOPLE, report, startWithFixtures, ticketDoc, zone } from './fixtures';

/**
 * 待分派 by hand: a report whose zone's rota finds nobody (the responsible person's record is gone, no backup, a
 * contractor without managers) waits in `reported`, not held; the managers overseeing the unit and the office
 * see an `assign` button from the transition table, count it on the board under 待分派, and give it to someone
 * of the unit, who is told.
 */
const CENTRE_MANAGER = {
  _id: 'p-centre-mgr',
  openid: 'o-centre-mgr',
  name: '冯主任',
  roles: [{ role: 'manager', unitId: 'centre-property' }],
};
const ORPHAN = zone('zone-orphan', 'orphan', { unitId: 'contractor-other', responsible: { primary: 'p-gone' } });

describe('assigning a report nobody could be assigned to', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures([ORPHAN]);
    await wxCloud().database().collection('people').add({ data: CENTRE_MANAGER });
    cloud.host.subscribe(PEOPLE.otherStaff.openid, TEMPLATES.assigned, 5);
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  const board = (openid: string, action: string, payload: Record<string, unknown> = {}) => call(cloud, openid, action, payload);

  it('waits in 待分派 with an assign button for the overseeing manager and the office, and is assigned within the unit', async () => {
    // Prepare
    const r = await report(cloud, { sceneId: 'orphan', categoryCode: 'attitude', text: '绿化带无人修剪' }, 'o-orphan-1');
    expect(r.code).toBe(0);
    const ticketId = r.data.ticketId as string;
    const before = await ticketDoc(ticketId);

    // Act
    const asCentre = await call(cloud, CENTRE_MANAGER.openid, 'detail', { ticketId });
    const asAdmin = await call(cloud, PEOPLE.admin.openid, 'detail', { ticketId });
    const asStaff = await call(cloud, PEOPLE.otherStaff.openid, 'detail', { ticketId });
    const counts = await board(CENTRE_MANAGER.openid, 'boardCounts');
    const listed = await board(CENTRE_MANAGER.openid, 'unitBoard', { view: 'unassigned' });
    const wrongUnit = await call(cloud, CENTRE_MANAGER.openid, 'assign', { ticketId, assigneeId: PEOPLE.staff._id });
    const byStaff = await call(cloud, PEOPLE.otherStaff.openid, 'assign', { ticketId, assigneeId: PEOPLE.otherStaff._id });
    const assigned = await call(cloud, CENTRE_MANAGER.openid, 'assign', { ticketId, assigneeId: PEOPLE.otherStaff._id });
    const again = await call(cloud, PEOPLE.admin.openid, 'assign', { ticketId, assigneeId: PEOPLE.otherStaff._id });

    // Assess
    expect(before).toMatchObject({ state: 'reported', held: false, assigneeId: null });
    expect(asCentre.data.buttons).toContain('assign');
    expect(asCentre.data.buttons).not.toContain('releaseHeld');
    expect(asAdmin.data.buttons).toContain('assign');
    expect(asStaff.code === 0 ? asStaff.data.buttons : []).not.toContain('assign');
    expect(counts.data.unassigned).toBe(1);
    expect(listed.data.items.map((t: Loose) => t._id)).toEqual([ticketId]);
    expect(wrongUnit.code).toBe('TICKET.INVALID_ASSIGNEE');
    expect(byStaff.code).toBe('AUTH.FORBIDDEN');
    expect(assigned).toMatchObject({ code: 0, data: { state: 'assigned' } });
    expect(again.code).toBe('TICKET.INVALID_TRANSITION');
    expect((await ticketDoc(ticketId)).assigneeId).toBe(PEOPLE.otherStaff._id);
    const told = cloud.host.outbox.filter((m) => m.page === `pages/ticket/index?id=${ticketId}` && m.touser === PEOPLE.otherStaff.openid);
    expect(told.map((m) => [m.templateId, m.errcode])).toEqual([[TEMPLATES.assigned, 0]]);
    expect((await board(CENTRE_MANAGER.openid, 'boardCounts')).data.unassigned).toBe(0);
  });

  it('releases a held report into 待分派 when the rota finds nobody, and never assigns one past the review', async () => {
    // Prepare: words the content check holds
    const r = await report(cloud, { sceneId: 'orphan', categoryCode: 'facility', text: '[review] 围栏倒了' }, 'o-orphan-2');
    expect(r.data.outcome).toBe('held');
    const ticketId = r.data.ticketId as string;

    // Act
    const direct = await call(cloud, CENTRE_MANAGER.openid, 'assign', { ticketId, assigneeId: PEOPLE.otherStaff._id });
    const heldButtons = (await call(cloud, CENTRE_MANAGER.openid, 'detail', { ticketId })).data.buttons;
    const released = await call(cloud, CENTRE_MANAGER.openid, 'releaseHeld', { ticketId });
    const after = await call(cloud, CENTRE_MANAGER.openid, 'detail', { ticketId });

    // Assess
    expect(direct.code).toBe('TICKET.STALE');
    expect(heldButtons).toContain('releaseHeld');
    expect(heldButtons).not.toContain('assign');
    expect(released).toMatchObject({ code: 0, data: { state: 'reported' } });
    expect(await ticketDoc(ticketId)).toMatchObject({ state: 'reported', held: false, assigneeId: null });
    expect(after.data.buttons).toContain('assign');
  });
});
