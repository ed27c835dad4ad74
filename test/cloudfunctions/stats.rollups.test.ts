import { randomUUID } from 'node:crypto';
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { shanghaiDate } from '../../shared/time/shanghai';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, call, type Loose, PEOPLE, PHOTO, REPORTER, report, shiftClock, startWithFixtures, zone } from './fixtures';

const DAY = 86_400_000;
const stats = (cloud: Cloud, openid: string, action: string, payload: unknown) =>
  cloud.host.invoke('stats', { action, payload }, { source: 'wx_client', openid }) as Promise<{ code: 0 | string; data: Loose }>;
const rollup = async (id: string): Promise<Loose> =>
  ((await wxCloud().database().collection('satRollups').where({ _id: id }).limit(1).get()) as { data: Loose[] }).data[0];

/** Sets the clock the functions read to `at` (fixtures' shiftClock takes an offset from the real time). */
const setClock = (at: number) => shiftClock(at - (performance.timeOrigin + performance.now()));

/** A small seeded generator, so a failing workload can be replayed from its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('satisfaction rollups', () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startWithFixtures([
      zone('zone-b1-f3', 'b1f3'),
      zone('zone-g1', 'g1', { unitId: 'contractor-other', campusId: 'campus-east', path: ['campus-east'], parentId: 'campus-east' }),
    ]);
  });
  afterAll(async () => {
    await cloud.close();
  });
  beforeEach(() => clearCaches());
  afterEach(() => jest.restoreAllMocks());

  it('adds each rating to its unit’s month rollup in the same call that records it', async () => {
    // Prepare
    const requestId = randomUUID();
    const day = shanghaiDate(new Date());

    // Act
    const reply = await call(cloud, REPORTER, 'createReport', { requestId, sceneId: 'b1f3', rating: 4 });
    await call(cloud, REPORTER, 'createReport', { requestId, sceneId: 'b1f3', rating: 4 }); // a retry adds nothing

    // Assess
    expect(reply.code).toBe(0);
    const doc = await rollup(`sat-contractor-clean-${day.slice(0, 7)}`);
    expect(doc).toMatchObject({ unitId: 'contractor-clean', month: day.slice(0, 7), n: 1, sum: 4, r: { 4: 1 } });
    expect(doc.z['zone-b1-f3']).toEqual({ n: 1, sum: 4 });
    expect(doc.s.feedback).toEqual({ n: 1, sum: 4 });
    expect(doc.k['campus-main']).toEqual({ n: 1, sum: 4 });
    expect(doc.d[`d${day.slice(8)}`]).toMatchObject({ n: 1, sum: 4, z: { 'zone-b1-f3': { n: 1, sum: 4 } } });
  });

  it('counts the reporter’s rating at verification in place of the report’s, one per person, zone and day', async () => {
    const month = shanghaiDate(new Date()).slice(0, 7);
    const before = await rollup(`sat-contractor-clean-${month}`);
    const reporter = 'o-rollup-verifier';
    const t = (await report(cloud, { sceneId: 'b1f3', categoryCode: 'facility', rating: 2 }, reporter)).data.ticketId;
    const middle = await rollup(`sat-contractor-clean-${month}`);
    expect(middle.s.report).toEqual({ n: 1, sum: 2 });
    await call(cloud, PEOPLE.staff.openid, 'accept', { ticketId: t });
    await call(cloud, PEOPLE.staff.openid, 'rectify', { ticketId: t, afterPhotos: [PHOTO], note: '修好', cause: '老化' });

    const verified = await call(cloud, reporter, 'verify', { ticketId: t, approve: true, rating: 5 });

    expect(verified.code).toBe(0);
    const after = await rollup(`sat-contractor-clean-${month}`);
    expect(after.n - before.n).toBe(1);
    expect(after.sum - before.sum).toBe(5);
    expect(after.c.facility).toEqual({ n: 1, sum: 5 });
    expect(after.s.verify).toEqual({ n: 1, sum: 5 });
    expect(after.s.report).toEqual({ n: 0, sum: 0 });
  });

  it.each([11, 29, 47])('shows no drift after a random workload of concurrent writes (seed %i)', async (seed) => {
    // Prepare: a random mix of rating-only scans over three zones and two units, sent in concurrent bursts
    const random = rng(seed);
    const scenes = ['b1f2', 'b1f3', 'g1'];
    const start = Date.UTC(2030, 0, 1) + seed * 3 * DAY; // a day of its own for each seed
    setClock(start + 2 * 3600_000);
    let expectedN = 0;
    for (let burst = 0; burst < 6; burst++) {
      const n = 1 + Math.floor(random() * 12);
      expectedN += n;
      await Promise.all(
        Array.from({ length: n }, () =>
          call(cloud, `o-r${Math.floor(random() * 1e6)}`, 'createReport', {
            requestId: randomUUID(),
            sceneId: scenes[Math.floor(random() * scenes.length)],
            rating: 1 + Math.floor(random() * 5),
          }),
        ),
      );
    }

    // Act: the nightly timer the next day
    setClock(start + DAY + 3 * 3600_000);
    const check = (await cloud.host.fireTimer('stats', 'nightly')) as { code: 0 | string; data: Loose };

    // Assess
    expect(check.code).toBe(0);
    expect(check.data.day).toBe(shanghaiDate(new Date(start + 2 * 3600_000)));
    expect(check.data.records).toBe(expectedN);
    expect(check.data.drifted).toEqual([]);
  });

  it('reports and repairs drift when a rollup lost an increment', async () => {
    // Prepare: ratings on a day, then one increment undone behind the function's back
    const at = Date.UTC(2031, 5, 10, 4);
    setClock(at);
    for (const [i, rating] of [5, 3, 4].entries()) {
      await call(cloud, `o-drift-${i}`, 'createReport', { requestId: randomUUID(), sceneId: 'b1f2', rating });
    }
    const _ = wxCloud().database().command;
    await wxCloud()
      .database()
      .collection('satRollups')
      .doc('sat-contractor-clean-2031-06')
      .update({ data: { n: _.inc(-1), sum: _.inc(-4), 'd.d10.n': _.inc(-1), 'd.d10.sum': _.inc(-4) } });

    // Act
    const first = await stats(cloud, PEOPLE.admin.openid, 'checkRollups', { day: '2031-06-10' });
    const second = await stats(cloud, PEOPLE.admin.openid, 'checkRollups', { day: '2031-06-10' });

    // Assess
    expect(first.data.drifted).toEqual([
      {
        unitId: 'contractor-clean',
        drift: [
          { path: 'n', stored: 2, expected: 3 },
          { path: 'sum', stored: 8, expected: 12 },
        ],
      },
    ]);
    expect(second.data.drifted).toEqual([]);
    expect(await rollup('sat-contractor-clean-2031-06')).toMatchObject({ n: 3, sum: 12 });
  });

  it('refuses the rollup check to anyone but an admin', async () => {
    const reply = await stats(cloud, PEOPLE.manager.openid, 'checkRollups', { day: '2031-06-10' });

    expect(reply.code).toBe('AUTH.FORBIDDEN');
  });
});
