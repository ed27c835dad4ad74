import { randomUUID } from 'node:crypto';
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import type { ACTIONS } from '../../cloudfunctions/tickets/index';
import { type Cloud, call, counts, PEOPLE, PHOTO, report, startWithFixtures } from './fixtures';

const TICKET = 'ticket-placeholder';

/** A payload per action that is valid except for the mutation applied to it. */
const BASES: Record<keyof typeof ACTIONS, Record<string, unknown>> = {
  createReport: { requestId: randomUUID(), sceneId: 'b1f2', categoryCode: 'hygiene', text: '走廊有垃圾' },
  createFinding: { zoneId: 'zone-b1-f2', categoryCode: 'hygiene', severity: 'minor', description: '地面脏' },
  assign: { ticketId: TICKET, assigneeId: 'p-staff-2' },
  accept: { ticketId: TICKET },
  pause: { ticketId: TICKET, reason: '等配件' },
  resume: { ticketId: TICKET },
  rectify: { ticketId: TICKET, afterPhotos: [PHOTO], note: '已处理', cause: '原因' },
  verify: { ticketId: TICKET, approve: true },
  reassign: { ticketId: TICKET, assigneeId: 'p-staff-2', reason: '换人' },
  cancel: { ticketId: TICKET, reason: 'invalid', note: '误报' },
  requestCoordination: { ticketId: TICKET, reason: '需要协调' },
  decideCoordination: { ticketId: TICKET, decision: 'proceed', note: '同意' },
  reopen: { ticketId: TICKET, reason: '复发' },
  changeSeverity: { ticketId: TICKET, severity: 'critical', reason: '升级' },
  releaseHeld: { ticketId: TICKET },
  myReports: {},
  myTasks: {},
  myFindings: {},
  awaitingMyVerification: {},
  unitBoard: { state: 'assigned' },
  boardCounts: {},
  taskCounts: {},
  myDone: {},
  all: { state: 'assigned' },
  detail: { ticketId: TICKET },
};

const HUGE = 'x'.repeat(100_000);

function mutations(base: Record<string, unknown>): Array<[string, Record<string, unknown>]> {
  const out: Array<[string, Record<string, unknown>]> = [
    ['a forged openid', { ...base, openid: PEOPLE.admin.openid }],
    ['a forged userInfo inside the payload', { ...base, userInfo: { openId: PEOPLE.admin.openid } }],
    ['an unknown key', { ...base, state: 'closed', assigneeId2: 'x' }],
  ];
  for (const key of Object.keys(base)) {
    out.push([`${key} as an operator`, { ...base, [key]: { $gt: '' } }]);
    out.push([`${key} as a number`, { ...base, [key]: 12345 }]);
    out.push([`${key} as a huge string`, { ...base, [key]: HUGE }]);
    out.push([`${key} as an array of operators`, { ...base, [key]: [{ $ne: null }] }]);
  }
  return out;
}

describe('malformed payloads to every action', () => {
  let cloud: Cloud;
  let ticketId: string;
  beforeAll(async () => {
    cloud = await startWithFixtures();
    ticketId = (await report(cloud)).data.ticketId;
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  const cases = (Object.keys(BASES) as Array<keyof typeof ACTIONS>).flatMap((action) =>
    mutations(BASES[action]).map(([what, payload]) => [action, what, payload] as const),
  );

  it.each(cases)('%s with %s gets a request error, no crash and no write', async (action, _what, payload) => {
    // Prepare
    const withTicket = JSON.parse(JSON.stringify(payload).replaceAll(TICKET, ticketId));
    const before = await counts();

    // Act
    const reply = await call(cloud, PEOPLE.admin.openid, action, withTicket);

    // Assess
    expect(reply.code).toMatch(/^REQUEST\./);
    expect(JSON.stringify(reply)).not.toMatch(/stack|at Object\./);
    expect(await counts()).toEqual(before);
  });

  it.each([null, 'text', 42, [], true])('refuses a payload of %p with a coded error and no write', async (payload) => {
    const before = await counts();

    const reply = (await cloud.host.invoke(
      'tickets',
      { action: 'accept', payload },
      { source: 'wx_client', openid: PEOPLE.admin.openid },
    )) as {
      code: string;
    };

    expect(reply.code).toMatch(/^REQUEST\./);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an unknown action', { action: 'dropDatabase', payload: {} }],
    ['a forged openid beside the action', { action: 'accept', payload: { ticketId: 'x' }, openid: PEOPLE.admin.openid }],
    ['no action', { payload: {} }],
    ['an operator as the action', { action: { $gt: '' } }],
    ['a non-object event', 'accept'],
  ])('refuses %s with a coded error', async (_what, event) => {
    const before = await counts();

    const reply = (await cloud.host.invoke('tickets', event, { source: 'wx_client', openid: PEOPLE.admin.openid })) as { code: string };

    expect(reply.code).toMatch(/^REQUEST\./);
    expect(await counts()).toEqual(before);
  });

  it('ignores the userInfo the platform adds and uses the WeChat context for identity', async () => {
    const reply = (await cloud.host.invoke(
      'tickets',
      { action: 'all', payload: {}, userInfo: { openId: PEOPLE.admin.openid } },
      { source: 'wx_client', openid: 'o-nobody' },
    )) as { code: string };

    expect(reply.code).toBe('AUTH.FORBIDDEN');
  });
});
