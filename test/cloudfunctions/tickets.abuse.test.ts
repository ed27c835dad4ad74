import { randomUUID } from 'node:crypto';
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import type { ACTIONS } from '../../cloudfunctions/tickets/index';
import { type Cloud, call, counts, type Loose, PEOPLE, REPORTER, report, startWithFixtures, ticketDoc, upload, zone } from './fixtures';

/**
 * Abuse of every action of the tickets function, as an attacker with a real openid would try it: files that are
 * not theirs, forged page cursors, floods, oversized inputs, tickets that are not theirs. Every case must end in a
 * coded error (never SYSTEM.INTERNAL) with nothing written: no document added anywhere, the target ticket as it was.
 * The table is keyed by the function's own ACTIONS, so a new action without abuse cases does not compile.
 */
type Ctx = { ticketId: string; rectifiedId: string };
type Case = [what: string, openid: string, payload: (c: Ctx) => unknown, code: RegExp];

const cursor = (o: unknown) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');
const FORGED_CURSORS: Array<[string, string]> = [
  ['a cursor of 1e308', cursor({ v: 1e308, id: 'x' })],
  ['a cursor of -1e308', cursor({ v: -1e308, id: 'x' })],
  ['a cursor with an operator', cursor({ v: { $gt: 0 }, id: 'x' })],
  ['a cursor with an operator id', cursor({ v: 1, id: { $ne: null } })],
  ['a cursor of a huge string', cursor({ v: 'x'.repeat(140), id: 'x' })],
  ['a cursor that is not JSON', cursor('{"v":')],
  ['a cursor of an array', cursor([1, 2])],
  ['an oversized cursor', 'A'.repeat(5000)],
];
const listCases = (openid: string, extra: Record<string, unknown> = {}): Case[] =>
  FORGED_CURSORS.map(([what, c]) => [what, openid, () => ({ ...extra, cursor: c }), /^REQUEST\.(INVALID|INVALID_CURSOR)$/]);

const FOREIGN = 'cloud://xuncha-local.local/exports/assessment-2026-10-run1.xlsx';
const BRIEFING = 'cloud://xuncha-local.local/briefings/briefing-12-draft.html';
const STAFF = PEOPLE.staff.openid;
const MANAGER = PEOPLE.manager.openid;
const OFFICE = PEOPLE.officeInspector.openid;
const NO_TICKET = '0000000000000000000000000000';
const missing = (payload: Record<string, unknown>, openid = PEOPLE.admin.openid): Case => [
  'a ticket that does not exist',
  openid,
  () => ({ ticketId: NO_TICKET, ...payload }),
  /^(TICKET\.(NOT_FOUND|FORBIDDEN)|AUTH\.FORBIDDEN)$/,
];
const FORBIDDEN = /^(TICKET\.(FORBIDDEN|NOT_FOUND|INVALID_TRANSITION)|AUTH\.FORBIDDEN)$/;
const INVALID = /^REQUEST\.INVALID$/;

const CASES: Record<keyof typeof ACTIONS, Case[]> = {
  createReport: [
    ['an assessment workbook as a photo', REPORTER, () => report_(FOREIGN), /^TICKET\.FOREIGN_FILE$/],
    ['a briefing draft as a photo', REPORTER, () => report_(BRIEFING), /^TICKET\.FOREIGN_FILE$/],
    ['another reporter’s photo', REPORTER, () => report_(upload('report', 'o-victim')), /^TICKET\.FOREIGN_FILE$/],
    [
      'seven photos',
      REPORTER,
      () => ({ ...report_(upload('report', REPORTER)), photos: Array(7).fill(upload('report', REPORTER)) }),
      INVALID,
    ],
    [
      'a thousand photos',
      REPORTER,
      () => ({ ...report_(upload('report', REPORTER)), photos: Array(1000).fill(upload('report', REPORTER)) }),
      INVALID,
    ],
    ['501 characters of text', REPORTER, () => ({ ...report_(), text: '脏'.repeat(501) }), INVALID],
    ['six stars', REPORTER, () => ({ requestId: randomUUID(), sceneId: 'ab0', rating: 6 }), INVALID],
    ['an unknown scene', REPORTER, () => ({ ...report_(), sceneId: 'nowhere' }), /^TICKET\.ZONE_NOT_FOUND$/],
    ['a request id that is not a UUID', REPORTER, () => ({ ...report_(), requestId: 'x'.repeat(64) }), INVALID],
  ],
  createFinding: [
    ['a briefing draft as a photo', OFFICE, () => finding_(BRIEFING), /^TICKET\.FOREIGN_FILE$/],
    ['the assignee’s rectification photo', OFFICE, () => finding_(upload('rectify', STAFF)), /^TICKET\.FOREIGN_FILE$/],
    ['a thousand photos', OFFICE, () => ({ ...finding_(), photos: Array(1000).fill(upload('finding', OFFICE)) }), INVALID],
    [
      'a finding outside a centre inspector’s scope',
      PEOPLE.centreInspector.openid,
      () => ({ ...finding_(), zoneId: 'zone-ab-other' }),
      FORBIDDEN,
    ],
  ],
  accept: [missing({}), ['someone else’s task', PEOPLE.otherStaff.openid, (c) => ({ ticketId: c.ticketId }), FORBIDDEN]],
  pause: [
    missing({ reason: '等' }),
    ['a 201-character reason', STAFF, (c) => ({ ticketId: c.ticketId, reason: 'x'.repeat(201) }), INVALID],
  ],
  resume: [missing({}), ['a ticket that is not paused', STAFF, (c) => ({ ticketId: c.ticketId }), FORBIDDEN]],
  rectify: [
    missing({ afterPhotos: [upload('rectify', STAFF)], note: '好', cause: '因' }, STAFF),
    [
      'a briefing draft as the after-photo',
      STAFF,
      (c) => ({ ticketId: c.ticketId, afterPhotos: [BRIEFING], note: '好', cause: '因' }),
      /^TICKET\.(FOREIGN_FILE|INVALID_TRANSITION)$/,
    ],
    ['no after-photo', STAFF, (c) => ({ ticketId: c.ticketId, afterPhotos: [], note: '好', cause: '因' }), INVALID],
  ],
  verify: [
    missing({ approve: true }, REPORTER),
    ['six stars', REPORTER, (c) => ({ ticketId: c.rectifiedId, approve: true, rating: 6 }), INVALID],
    ['the assignee approving their own fix', STAFF, (c) => ({ ticketId: c.rectifiedId, approve: true, rating: 5 }), FORBIDDEN],
    ['a stranger approving', 'o-stranger', (c) => ({ ticketId: c.rectifiedId, approve: true, rating: 5 }), FORBIDDEN],
  ],
  assign: [
    missing({ assigneeId: 'p-staff-2' }, MANAGER),
    // An assigned ticket is not in 待分派: the table refuses it.
    ['a ticket that has an assignee', MANAGER, (c) => ({ ticketId: c.ticketId, assigneeId: 'p-staff-2' }), /^TICKET\.INVALID_TRANSITION$/],
    ['to an operator', MANAGER, (c) => ({ ticketId: c.ticketId, assigneeId: { $ne: null } }), INVALID],
  ],
  reassign: [
    missing({ assigneeId: 'p-staff-2', reason: '换' }, MANAGER),
    [
      'to someone of another unit',
      MANAGER,
      (c) => ({ ticketId: c.ticketId, assigneeId: 'p-other', reason: '换' }),
      /^TICKET\.INVALID_ASSIGNEE$/,
    ],
    ['to an operator', MANAGER, (c) => ({ ticketId: c.ticketId, assigneeId: { $ne: null }, reason: '换' }), INVALID],
  ],
  cancel: [
    missing({ reason: 'invalid', note: '误' }, MANAGER),
    [
      'by a manager of another unit',
      PEOPLE.officeManager.openid,
      (c) => ({ ticketId: c.ticketId, reason: 'invalid', note: '误' }),
      FORBIDDEN,
    ],
    ['an unknown reason', MANAGER, (c) => ({ ticketId: c.ticketId, reason: 'bribe', note: '误' }), INVALID],
  ],
  requestCoordination: [
    missing({ reason: '协调' }, STAFF),
    ['a 501-character reason', STAFF, (c) => ({ ticketId: c.ticketId, reason: 'x'.repeat(501) }), INVALID],
  ],
  decideCoordination: [
    missing({ decision: 'proceed', note: '好' }, OFFICE),
    ['a ticket not in coordination', OFFICE, (c) => ({ ticketId: c.ticketId, decision: 'cancel', note: '好' }), FORBIDDEN],
  ],
  reopen: [missing({ reason: '复发' }, OFFICE), ['an open ticket', OFFICE, (c) => ({ ticketId: c.ticketId, reason: '复发' }), FORBIDDEN]],
  changeSeverity: [
    missing({ severity: 'major', reason: '复核' }, OFFICE),
    ['an unknown severity', OFFICE, (c) => ({ ticketId: c.ticketId, severity: 'apocalyptic', reason: '复核' }), INVALID],
    [
      'lowered by a centre inspector',
      PEOPLE.centreInspector.openid,
      (c) => ({ ticketId: c.rectifiedId, severity: 'minor', reason: '降级' }),
      FORBIDDEN,
    ],
  ],
  releaseHeld: [missing({}, MANAGER), ['a ticket that is not held', MANAGER, (c) => ({ ticketId: c.ticketId }), /^TICKET\.NOT_HELD$/]],
  myReports: listCases(REPORTER),
  myTasks: listCases(STAFF),
  unitBoard: listCases(MANAGER, { unitId: 'contractor-clean' }),
  boardCounts: [
    ['a unit the manager does not manage', MANAGER, () => ({ unitId: 'contractor-other' }), /^(TICKET\.OUT_OF_SCOPE|AUTH\.FORBIDDEN)$/],
    ['a unit id that is not an id', MANAGER, () => ({ unitId: { $gt: '' } }), /^REQUEST\.INVALID$/],
  ],
  taskCounts: [['an unexpected field', STAFF, () => ({ assigneeId: 'p-other' }), /^REQUEST\.INVALID$/]],
  myDone: listCases(STAFF),
  myFindings: listCases(OFFICE),
  awaitingMyVerification: listCases(OFFICE),
  all: listCases(PEOPLE.admin.openid, { state: 'assigned' }),
  detail: [
    missing({}, REPORTER),
    ['a stranger’s look at someone’s ticket', 'o-stranger', (c) => ({ ticketId: c.ticketId }), /^TICKET\.NOT_FOUND$/],
  ],
};

function report_(photo?: string) {
  return { requestId: randomUUID(), sceneId: 'ab0', categoryCode: 'hygiene', text: '走廊有垃圾', ...(photo ? { photos: [photo] } : {}) };
}
function finding_(photo?: string) {
  return { zoneId: 'zone-ab0', categoryCode: 'safety', severity: 'minor', description: '通道堵塞', ...(photo ? { photos: [photo] } : {}) };
}

describe('abuse of every tickets action', () => {
  let cloud: Cloud;
  const ctx: Ctx = { ticketId: '', rectifiedId: '' };
  beforeAll(async () => {
    cloud = await startWithFixtures([zone('zone-ab0', 'ab0'), zone('zone-ab1', 'ab1'), zone('zone-ab-other', 'abo', { unitId: 'office' })]);
    ctx.ticketId = (await report(cloud, { sceneId: 'ab1', categoryCode: 'attitude' })).data.ticketId;
    const r = (await report(cloud, { sceneId: 'ab1', categoryCode: 'facility' })).data.ticketId;
    await call(cloud, STAFF, 'accept', { ticketId: r });
    await call(cloud, STAFF, 'rectify', { ticketId: r, afterPhotos: [upload('rectify', STAFF)], note: '好', cause: '因' });
    await call(cloud, OFFICE, 'changeSeverity', { ticketId: r, severity: 'major', reason: '升级' });
    ctx.rectifiedId = r;
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  const cases = (Object.entries(CASES) as Array<[string, Case[]]>).flatMap(([action, list]) => list.map((c) => [action, ...c] as const));

  it.each(cases)('%s with %s gets a coded error and writes nothing', async (action, _what, openid, payload, code) => {
    // Prepare
    const before = await counts();
    const tickets = [await ticketDoc(ctx.ticketId), await ticketDoc(ctx.rectifiedId)];

    // Act
    const reply = (await call(cloud, openid, action, payload(ctx))) as Loose;

    // Assess
    expect(reply.code).toMatch(code);
    expect(JSON.stringify(reply)).not.toMatch(/stack|at Object\.|node_modules/);
    expect(await counts()).toEqual(before);
    expect([await ticketDoc(ctx.ticketId), await ticketDoc(ctx.rectifiedId)]).toEqual(tickets);
  });

  it('answers a flood of 40 reports from one user with 10 tickets and coded refusals, and nothing else written', async () => {
    const before = await counts();
    const categories = [
      'hygiene',
      'attitude',
      'on_post',
      'discipline',
      'safety',
      'facility',
      'food_safety',
      'standards',
      'work_style',
      'contract',
    ];

    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        call(cloud, 'o-flood', 'createReport', {
          ...report_(),
          sceneId: i % 2 ? 'ab0' : 'ab1',
          categoryCode: categories[i % 10],
          text: `第${i}条`,
        }),
      ),
    );

    const created = replies.filter((r) => r.code === 0 && r.data.outcome === 'created');
    expect(created).toHaveLength(10);
    expect(replies.filter((r) => r.code !== 0).every((r) => r.code === 'TICKET.RATE_LIMITED')).toBe(true);
    expect((await counts()).tickets - before.tickets).toBe(10);
  });
});
