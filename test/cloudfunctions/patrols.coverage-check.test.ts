import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import type { ServiceHours } from '../../shared/deadlines';
import { isoWeekOf } from '../../shared/periods';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, type Loose, PEOPLE, type Reply, shiftClock, startWithFixtures, zone } from './fixtures';

/** 2032-03-10 is a Wednesday; times in Shanghai. */
const AT = (hhmm: string, day = '2032-03-10') => Date.parse(`${day}T${hhmm}:00+08:00`);
const setClock = (at: number) => shiftClock(at - (performance.timeOrigin + performance.now()));
const MEALS = [
  { open: '06:30', close: '09:00' },
  { open: '11:00', close: '13:30' },
  { open: '17:00', close: '19:00' },
];
const CANTEEN_HOURS: ServiceHours = { 1: MEALS, 2: MEALS, 3: MEALS, 4: MEALS, 5: MEALS, 6: MEALS, 7: [] };
const pt = (cloud: Cloud, openid: string, action: string, payload: unknown = {}): Promise<Reply> =>
  cloud.host.invoke('patrols', { action, payload }, { source: 'wx_client', openid }) as Promise<Reply>;
const db = () => wxCloud().database();
const docOf = async (id: string): Promise<Loose> =>
  ((await db().collection('patrolCoverage').where({ _id: id }).limit(1).get()) as { data: Loose[] }).data[0];

const WEEK = isoWeekOf('2032-03-10');
const WEEK_DOC = `cov-contractor-clean-${WEEK}`;
const TERM_DOC = 'cov-contractor-clean-T-T1';
const CELL = 'z.zone-canteen.c.3-1700.centre';

describe('nightly check of the coverage rollups (issue 13)', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures([zone('zone-canteen', 'cant1', { name: '第一食堂', kind: 'canteen', serviceHours: CANTEEN_HOURS })]);
    clearCaches();
    // Prepare: a term, and the centre inspector's visit to the canteen 15:00–17:30 on Wednesday (covers dinner).
    setClock(AT('08:00'));
    expect(
      (await pt(cloud, PEOPLE.admin.openid, 'saveTerms', { terms: [{ id: 'T1', name: '测试学期', from: '2032-03-01', to: '2032-07-18' }] }))
        .code,
    ).toBe(0);
    setClock(AT('15:00'));
    const v = await pt(cloud, PEOPLE.centreInspector.openid, 'startVisit', { sceneId: 'cant1' });
    expect(v.code).toBe(0);
    setClock(AT('17:30'));
    const results = Object.fromEntries(v.data.visit.items.map((i: Loose) => [i.id, 'pass']));
    expect((await pt(cloud, PEOPLE.centreInspector.openid, 'endVisit', { visitId: v.data.visit._id, results })).code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    jest.restoreAllMocks();
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  it('finds no drift where the live increments were all applied', async () => {
    const r = await pt(cloud, PEOPLE.admin.openid, 'checkCoverage', { week: WEEK });

    expect(r.code).toBe(0);
    expect(r.data).toMatchObject({ week: WEEK, visits: 1, drifted: [], busy: [], repaired: false });
    expect((await docOf(WEEK_DOC)).z['zone-canteen'].c['3-1700'].centre).toBe(1);
  });

  it('repairs a corrupted week and its term once, reports what it fixed, and a second run finds nothing', async () => {
    // Prepare: an increment applied four times too often (week and term), and a clock-hour counter lost
    const _ = db().command;
    await db()
      .collection('patrolCoverage')
      .doc(WEEK_DOC)
      .update({ data: { [CELL]: _.inc(4), 'z.zone-canteen.h.16': _.remove() } });
    await db()
      .collection('patrolCoverage')
      .doc(TERM_DOC)
      .update({ data: { [CELL]: _.inc(4), 'z.zone-canteen.h.16': _.inc(-1) } });

    // Act
    const dry = await pt(cloud, PEOPLE.admin.openid, 'checkCoverage', { week: WEEK, repair: false });
    const afterDry = (await docOf(WEEK_DOC)).z['zone-canteen'].c['3-1700'].centre;
    const fixed = await pt(cloud, PEOPLE.admin.openid, 'checkCoverage', { week: WEEK });
    const again = await pt(cloud, PEOPLE.admin.openid, 'checkCoverage', { week: WEEK });

    // Assess
    expect(dry.data.drifted[0]).toMatchObject({ unitId: 'contractor-clean', repaired: false });
    expect(afterDry).toBe(5);
    expect(fixed.data.drifted).toEqual([
      {
        unitId: 'contractor-clean',
        counters: 2,
        drift: [
          { path: CELL, stored: 5, expected: 1 },
          { path: 'z.zone-canteen.h.16', stored: 0, expected: 1 },
        ],
        repaired: true,
        termPaths: 2,
        unattributed: [],
      },
    ]);
    const week = await docOf(WEEK_DOC);
    const term = await docOf(TERM_DOC);
    expect(week.z['zone-canteen'].c['3-1700'].centre).toBe(1);
    expect(week.z['zone-canteen'].h['16']).toBe(1);
    expect(term.z['zone-canteen'].c['3-1700'].centre).toBe(1);
    expect(term.z['zone-canteen'].h['16']).toBe(1);
    expect(again.data).toMatchObject({ drifted: [], repaired: false });
    expect((await docOf(TERM_DOC)).z['zone-canteen'].c['3-1700'].centre).toBe(1);
    const checks = (await db().collection('rollupChecks').where({ kind: 'coverage', week: WEEK }).limit(10).get()) as { data: Loose[] };
    expect(checks.data.map((c) => c.repaired)).toEqual(expect.arrayContaining([true]));
  });

  it('leaves a document that changed while it was checked for the next run', async () => {
    // Prepare: drift, then a write (a visit's increment) between the check's read and its repair
    const _ = db().command;
    await db()
      .collection('patrolCoverage')
      .doc(WEEK_DOC)
      .update({ data: { [CELL]: _.inc(2) } });
    const tx = require('../../cloudfunctions/_lib/tx') as typeof import('../../cloudfunctions/_lib/tx');
    const real = tx.runTx;
    const spy = jest.spyOn(tx, 'runTx').mockImplementationOnce(async (fn) => {
      await db()
        .collection('patrolCoverage')
        .doc(WEEK_DOC)
        .update({ data: { rev: _.inc(1) } });
      return real(fn);
    });

    // Act
    const busy = await pt(cloud, PEOPLE.admin.openid, 'checkCoverage', { week: WEEK });
    spy.mockRestore();
    const next = await pt(cloud, PEOPLE.admin.openid, 'checkCoverage', { week: WEEK });

    // Assess
    expect(busy.data).toMatchObject({ busy: ['contractor-clean'], repaired: false });
    expect(next.data.drifted[0]).toMatchObject({ repaired: true });
    expect((await docOf(WEEK_DOC)).z['zone-canteen'].c['3-1700'].centre).toBe(1);
  });

  it('checks yesterday’s week on the 02:05 run of the hourly timer', async () => {
    // Prepare
    const _ = db().command;
    await db()
      .collection('patrolCoverage')
      .doc(WEEK_DOC)
      .update({ data: { [CELL]: _.inc(1) } });
    setClock(AT('02:05', '2032-03-11'));

    // Act
    const run = (await cloud.host.fireTimer('patrols', 'hourly')) as Reply;

    // Assess
    expect(run.code).toBe(0);
    expect(run.data.coverageCheck).toMatchObject({ week: WEEK, repaired: true });
    expect((await docOf(WEEK_DOC)).z['zone-canteen'].c['3-1700'].centre).toBe(1);
  });
});
