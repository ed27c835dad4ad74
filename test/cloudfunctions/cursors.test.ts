/**
 * Every keyset-paged list answers a cursor it did not issue with REQUEST.INVALID_CURSOR (never SYSTEM.INTERNAL,
 * never a page): forged values of the wrong type, a date out of range, junk that is not JSON, wrong ids. Each
 * list is first paged for real, so the test also shows that the cursors it issues work.
 */
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { type Cloud, PEOPLE, REPORTER, type Reply, report, startWithFixtures } from './fixtures';

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

const FORGED: Array<[string, string]> = [
  ['a date beyond any Date', b64({ v: 1e308, id: 'abc' })],
  ['a number that is not finite', b64('{"v":1e999,"id":"abc"}')],
  ['an object for the value', b64({ v: { $gt: 0 }, id: 'abc' })],
  ['an array for the value', b64({ v: [1], id: 'abc' })],
  ['no id', b64({ v: 1 })],
  ['an id with an operator', b64({ v: 1, id: { $ne: null } })],
  ['an id of 100 characters', b64({ v: 1, id: 'x'.repeat(100) })],
  ['an extra key', b64({ v: 1, id: 'abc', where: {} })],
  ['not JSON', b64('not json at all')],
  ['JSON null', b64('null')],
];
/** Wrong for the list's sort field: a string where a date or number is sorted, a number where a name is. */
const WRONG_TYPE: Record<'date' | 'number' | 'string', string> = {
  date: b64({ v: 'yesterday', id: 'abc' }),
  number: b64({ v: 'seven', id: 'abc' }),
  string: b64({ v: 1700000000000, id: 'abc' }),
};

type List = { fn: string; action: string; openid: string; payload: Record<string, unknown>; sort: keyof typeof WRONG_TYPE };
const LISTS: List[] = [
  { fn: 'tickets', action: 'myReports', openid: REPORTER, payload: {}, sort: 'date' },
  { fn: 'tickets', action: 'myTasks', openid: PEOPLE.staff.openid, payload: {}, sort: 'date' },
  { fn: 'tickets', action: 'unitBoard', openid: PEOPLE.manager.openid, payload: {}, sort: 'date' },
  { fn: 'tickets', action: 'myFindings', openid: PEOPLE.officeInspector.openid, payload: {}, sort: 'date' },
  { fn: 'tickets', action: 'awaitingMyVerification', openid: PEOPLE.officeInspector.openid, payload: {}, sort: 'date' },
  { fn: 'tickets', action: 'all', openid: PEOPLE.admin.openid, payload: {}, sort: 'date' },
  { fn: 'admin', action: 'zones', openid: PEOPLE.admin.openid, payload: {}, sort: 'string' },
  { fn: 'admin', action: 'people', openid: PEOPLE.admin.openid, payload: {}, sort: 'string' },
  { fn: 'admin', action: 'invites', openid: PEOPLE.admin.openid, payload: {}, sort: 'date' },
  { fn: 'briefings', action: 'list', openid: PEOPLE.admin.openid, payload: {}, sort: 'number' },
  { fn: 'surveys', action: 'list', openid: PEOPLE.admin.openid, payload: {}, sort: 'date' },
  { fn: 'surveys', action: 'texts', openid: PEOPLE.admin.openid, payload: { surveyId: '' }, sort: 'date' },
  { fn: 'supervision', action: 'cases', openid: PEOPLE.admin.openid, payload: {}, sort: 'date' },
  { fn: 'assets', action: 'unitAssets', openid: PEOPLE.manager.openid, payload: { unitId: 'contractor-clean' }, sort: 'string' },
  { fn: 'assets', action: 'unitAssets', openid: PEOPLE.manager.openid, payload: { unitId: 'contractor-clean', due: 'due' }, sort: 'date' },
];

const cases = LISTS.flatMap((l) =>
  [...FORGED, [`the wrong type for a ${l.sort} sort`, WRONG_TYPE[l.sort]] as [string, string]].map(
    ([what, cursor]) => [l, what, cursor] as const,
  ),
);

describe('forged list cursors', () => {
  let cloud: Cloud;
  const invoke = (l: List, payload: Record<string, unknown>) =>
    cloud.host.invoke(l.fn, { action: l.action, payload }, { source: 'wx_client', openid: l.openid }) as Promise<Reply>;

  beforeAll(async () => {
    cloud = await startWithFixtures();
    await report(cloud);
    const survey = (await cloud.host.invoke(
      'surveys',
      {
        action: 'create',
        payload: {
          title: '游标测试',
          unitId: 'contractor-clean',
          from: '2032-03-10',
          to: '2032-03-16',
          questions: [{ kind: 'rating', title: '总体满意度' }],
        },
      },
      { source: 'wx_client', openid: PEOPLE.admin.openid },
    )) as Reply;
    expect(survey.code).toBe(0);
    for (const l of LISTS) if ('surveyId' in l.payload) l.payload.surveyId = survey.data._id;
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  it.each(LISTS)('$fn.$action answers a first page', async (l) => {
    expect(await invoke(l, l.payload)).toMatchObject({ code: 0, data: { items: expect.any(Array) } });
  });

  it.each(cases)('%o refuses %s with REQUEST.INVALID_CURSOR', async (l, _what, cursor) => {
    const reply = await invoke(l, { ...l.payload, cursor });
    expect(reply).toMatchObject({ code: 'REQUEST.INVALID_CURSOR' });
  });

  it.each(LISTS)('$fn.$action refuses an oversized cursor before reading (coded, not internal)', async (l) => {
    const reply = await invoke(l, { ...l.payload, cursor: 'A'.repeat(5000) });
    expect(reply.code).toBe('REQUEST.INVALID');
    expect(reply.details?.issues?.[0]?.path).toBe('cursor');
  });
});
