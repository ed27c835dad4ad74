import type { LocalCloud } from '../../scripts/local-cloud/cloud';
import { startLocalCloud, wxCloud } from '../helpers/local-cloud';
import { FIXTURE_DB } from './database.suite';

let cloud: LocalCloud;
const T0 = Date.UTC(2026, 10, 23);
beforeAll(async () => {
  cloud = await startLocalCloud({ databaseConfig: FIXTURE_DB });
  // 3,000 documents: `n` and `at` are indexed in the fixture configuration, `m` is not.
  const docs = Array.from({ length: 3000 }, (_v, i) => ({
    n: i % 300,
    m: i % 300,
    at: new Date(T0 + i * 60_000),
    tags: [`t${i % 7}`],
    code: `K${i}`,
  }));
  cloud.engine.insert('items', docs);
});
afterAll(() => cloud.close());

/** Documents the engine parsed to answer one query through the real SDK. */
async function docsReadBy(query: object, limit = 1000): Promise<{ read: number; found: number }> {
  const db = wxCloud().database();
  const before = cloud.engine.docsRead;
  const res = (await db.collection('items').where(query).limit(limit).get()) as { data: unknown[] };
  return { read: cloud.engine.docsRead - before, found: res.data.length };
}

describe('indexes from the database configuration', () => {
  it('answers an equality query on an indexed field by reading only the matching documents', async () => {
    expect(await docsReadBy({ n: 42 })).toEqual({ read: 10, found: 10 });
  });

  it('reads the whole collection for the same query on an unindexed field', async () => {
    expect(await docsReadBy({ m: 42 })).toEqual({ read: 3000, found: 10 });
  });

  it('answers a date range on an indexed field from the index', async () => {
    const _ = wxCloud().database().command;
    const from = new Date(T0 + 100 * 60_000);
    expect(await docsReadBy({ at: _.gte(from).and(_.lt(new Date(T0 + 150 * 60_000))) })).toEqual({ read: 50, found: 50 });
  });

  it('uses an index for $in and for an element of an array field (multikey)', async () => {
    const _ = wxCloud().database().command;
    expect(await docsReadBy({ n: _.in([1, 2]) })).toEqual({ read: 20, found: 20 });
    expect(await docsReadBy({ tags: 't3' })).toEqual({ read: 429, found: 429 });
  });

  it('stops reading an ordered range once the limit is reached', async () => {
    const db = wxCloud().database();
    const _ = db.command;
    const before = cloud.engine.docsRead;
    const res = (await db
      .collection('items')
      .where({ at: _.gte(new Date(T0)) })
      .orderBy('at', 'asc')
      .limit(5)
      .get()) as unknown as { data: Array<{ at: Date }> };
    expect(cloud.engine.docsRead - before).toBe(5);
    expect(res.data.map((d) => d.at.getTime())).toEqual([0, 1, 2, 3, 4].map((i) => T0 + i * 60_000));
  });

  it('pages a range ordered by two keys by reading one document past the page (keyset paging)', async () => {
    const db = wxCloud().database();
    const _ = db.command;
    const before = cloud.engine.docsRead;
    const res = (await db
      .collection('items')
      .where({ at: _.gte(new Date(T0 + 10 * 60_000)) })
      .orderBy('at', 'asc')
      .orderBy('_id', 'desc')
      .limit(5)
      .get()) as unknown as { data: Array<{ at: Date }> };
    expect(cloud.engine.docsRead - before).toBe(6);
    expect(res.data.map((d) => d.at.getTime())).toEqual([10, 11, 12, 13, 14].map((i) => T0 + i * 60_000));
  });

  it('reads a limited page in the order of a bounded sort field rather than every match of an unselective equality', async () => {
    const db = wxCloud().database();
    const _ = db.command;
    // Half the values of n: 1,500 of the 3,000 items match.
    const half = Array.from({ length: 150 }, (_v, i) => i);
    const before = cloud.engine.docsRead;
    const res = (await db
      .collection('items')
      .where({ n: _.in(half), at: _.gte(new Date(T0)) })
      .orderBy('at', 'asc')
      .limit(5)
      .get()) as unknown as { data: Array<{ at: Date }> };
    expect(cloud.engine.docsRead - before).toBe(5);
    expect(res.data.map((d) => d.at.getTime())).toEqual([0, 1, 2, 3, 4].map((i) => T0 + i * 60_000));
  });

  it('keeps the selective equality plan when it matches few documents', async () => {
    const db = wxCloud().database();
    const _ = db.command;
    const before = cloud.engine.docsRead;
    const res = (await db
      .collection('items')
      .where({ n: 7, at: _.gte(new Date(T0)) })
      .orderBy('at', 'desc')
      .limit(3)
      .get()) as unknown as { data: Array<{ n: number }> };
    const read = cloud.engine.docsRead - before;
    expect(res.data.map((d) => d.n)).toEqual([7, 7, 7]);
    expect(read).toBe(10);
  });

  it('keeps the index right after updates and removes', async () => {
    const db = wxCloud().database();
    await db
      .collection('items')
      .where({ n: 299 })
      .update({ data: { n: 5000 } });
    await db.collection('items').where({ n: 298 }).remove();
    expect(await docsReadBy({ n: 5000 })).toEqual({ read: 10, found: 10 });
    expect(await docsReadBy({ n: 299 })).toEqual({ read: 0, found: 0 });
    expect(await docsReadBy({ n: 298 })).toEqual({ read: 0, found: 0 });
  });
});

describe('query plans for $or', () => {
  it('answers an $or whose every branch is indexed by the union of the index lookups', async () => {
    const _ = wxCloud().database().command;
    const query = _.or([{ n: 7 }, { tags: 't1' }, { n: 8 }]);
    const expected = ((await wxCloud().database().collection('items').where(query).count()) as { total: number }).total;
    expect(expected).toBeGreaterThan(400);
    expect(await docsReadBy(query)).toEqual({ read: expected, found: expected });
  });

  it('scans when one branch of an $or has no index', async () => {
    const _ = wxCloud().database().command;
    expect((await docsReadBy(_.or([{ n: 7 }, { m: 8 }]))).read).toBe(2990);
  });
});
