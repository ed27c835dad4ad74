import { randomUUID } from 'node:crypto';
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { ACTIONS as TICKETS_ACTIONS } from '../../cloudfunctions/tickets/index';
import { type Cloud, call, PEOPLE, PHOTO, startWithFixtures, zone } from './fixtures';

type Role = 'reporter' | 'staff' | 'otherStaff' | 'manager' | 'centreInspector' | 'officeInspector' | 'leader' | 'admin';
const ROLES: Role[] = ['reporter', 'staff', 'otherStaff', 'manager', 'centreInspector', 'officeInspector', 'leader', 'admin'];
type State = 'held' | 'unassigned' | 'assigned' | 'accepted' | 'paused' | 'coordinating' | 'rectified' | 'closed';

/** Each action: the ticket state it needs, its payload, and who may do it (the rules). */
const ACTIONS: Record<string, { state?: State; payload: (ticketId: string) => Record<string, unknown>; allowed: Role[] }> = {
  createReport: {
    payload: () => ({ requestId: randomUUID(), sceneId: 'b1f2', categoryCode: 'other', text: '有问题' }),
    allowed: ROLES,
  },
  createFinding: {
    payload: () => ({ zoneId: 'zone-b1-f2', categoryCode: 'hygiene', severity: 'minor', description: '地面脏' }),
    allowed: ['centreInspector', 'officeInspector'],
  },
  // 待分派: a report in a zone whose rota finds nobody (a contractor without managers): the office assigns it;
  // the fixtures' manager manages another unit (a manager overseeing it: tickets.assign.test.ts).
  assign: { state: 'unassigned', payload: (ticketId) => ({ ticketId, assigneeId: 'p-other' }), allowed: ['admin'] },
  accept: { state: 'assigned', payload: (ticketId) => ({ ticketId }), allowed: ['staff'] },
  pause: { state: 'accepted', payload: (ticketId) => ({ ticketId, reason: '等配件' }), allowed: ['staff', 'manager'] },
  resume: { state: 'paused', payload: (ticketId) => ({ ticketId }), allowed: ['staff', 'manager'] },
  rectify: {
    state: 'accepted',
    payload: (ticketId) => ({ ticketId, afterPhotos: [PHOTO], note: '已处理', cause: '原因' }),
    allowed: ['staff'],
  },
  verify: { state: 'rectified', payload: (ticketId) => ({ ticketId, approve: true, rating: 5 }), allowed: ['reporter'] },
  reassign: {
    state: 'assigned',
    payload: (ticketId) => ({ ticketId, assigneeId: 'p-staff-2', reason: '换人' }),
    allowed: ['manager', 'officeInspector', 'admin'],
  },
  cancel: { state: 'assigned', payload: (ticketId) => ({ ticketId, reason: 'invalid', note: '误报' }), allowed: ['manager', 'admin'] },
  requestCoordination: { state: 'accepted', payload: (ticketId) => ({ ticketId, reason: '需协调' }), allowed: ['staff', 'manager'] },
  decideCoordination: {
    state: 'coordinating',
    payload: (ticketId) => ({ ticketId, decision: 'proceed', note: '同意' }),
    allowed: ['officeInspector', 'admin'],
  },
  reopen: {
    state: 'closed',
    payload: (ticketId) => ({ ticketId, reason: '复发' }),
    allowed: ['centreInspector', 'officeInspector', 'admin'],
  },
  changeSeverity: {
    state: 'assigned',
    payload: (ticketId) => ({ ticketId, severity: 'critical', reason: '升级' }),
    allowed: ['centreInspector', 'officeInspector', 'admin'],
  },
  releaseHeld: { state: 'held', payload: (ticketId) => ({ ticketId }), allowed: ['manager', 'admin'] },
  myReports: { payload: () => ({}), allowed: ROLES },
  myTasks: { payload: () => ({}), allowed: ['staff', 'otherStaff', 'manager'] },
  unitBoard: { payload: () => ({}), allowed: ['manager'] },
  boardCounts: { payload: () => ({}), allowed: ['manager'] },
  taskCounts: { payload: () => ({}), allowed: ['staff', 'otherStaff', 'manager'] },
  myDone: { payload: () => ({}), allowed: ['staff', 'otherStaff', 'manager'] },
  myFindings: { payload: () => ({}), allowed: ['centreInspector', 'officeInspector'] },
  awaitingMyVerification: { payload: () => ({}), allowed: ['centreInspector', 'officeInspector'] },
  all: { payload: () => ({}), allowed: ['leader', 'admin'] },
  detail: {
    state: 'assigned',
    payload: (ticketId) => ({ ticketId }),
    allowed: ['reporter', 'staff', 'manager', 'centreInspector', 'officeInspector', 'leader', 'admin'],
  },
};

const cases = Object.entries(ACTIONS).flatMap(([action, spec]) =>
  ROLES.map((role) => [action, role, spec.allowed.includes(role)] as const),
);
const ZONES = Array.from({ length: cases.length }, (_, i) => zone(`zone-m${i}`, `m${i}`));
/** Zones whose rota finds nobody: the responsible person's record is gone and the contractor has no manager. */
const ORPHAN_ZONES = ROLES.map((_, i) => zone(`zone-om${i}`, `om${i}`, { unitId: 'contractor-other', responsible: { primary: 'p-gone' } }));

describe('the role × action matrix', () => {
  it('covers every action of the tickets function', () => {
    expect(Object.keys(ACTIONS).sort()).toEqual(Object.keys(TICKETS_ACTIONS).sort());
  });

  let cloud: Cloud;
  let n = 0;
  let orphans = 0;
  beforeAll(async () => {
    cloud = await startWithFixtures([...ZONES, ...ORPHAN_ZONES]);
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  /** A fresh report in its own zone, by its own reporter, driven to `state`. */
  async function ticketIn(state: State): Promise<{ ticketId: string; reporter: string }> {
    const i = n++;
    const reporter = `o-matrix-${i}`;
    const created = await call(cloud, reporter, 'createReport', {
      requestId: randomUUID(),
      sceneId: state === 'unassigned' ? `om${orphans++}` : `m${i}`,
      categoryCode: 'hygiene',
      // Text under review is held for a manager (see tickets.report.test.ts).
      text: state === 'held' ? '门口贴了广告' : '脏',
    });
    const ticketId = created.data.ticketId as string;
    const staff = (action: string, extra: Record<string, unknown> = {}) => call(cloud, PEOPLE.staff.openid, action, { ticketId, ...extra });
    if (state === 'held' || state === 'unassigned' || state === 'assigned') return { ticketId, reporter };
    await staff('accept');
    if (state === 'paused') await staff('pause', { reason: '等' });
    if (state === 'coordinating') await staff('requestCoordination', { reason: '协调' });
    if (state === 'rectified' || state === 'closed') await staff('rectify', { afterPhotos: [PHOTO], note: '好', cause: '因' });
    if (state === 'closed') await call(cloud, reporter, 'verify', { ticketId, approve: true });
    return { ticketId, reporter };
  }

  it.each(cases)('%s by %s is allowed: %s', async (action, role, allowed) => {
    // Prepare
    const spec = ACTIONS[action];
    const t = spec.state ? await ticketIn(spec.state) : { ticketId: '', reporter: `o-matrix-free-${n++}` };
    const openid = role === 'reporter' ? t.reporter : PEOPLE[role].openid;

    // Act
    const reply = await call(cloud, openid, action, spec.payload(t.ticketId));

    // Assess
    if (allowed) expect(reply).toMatchObject({ code: 0 });
    else expect(reply.code).toMatch(/^(AUTH\.FORBIDDEN|TICKET\.FORBIDDEN|TICKET\.NOT_FOUND)$/);
  });
});
