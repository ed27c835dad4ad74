import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LocalCloud } from '../../scripts/local-cloud/cloud';
import { Engine } from '../../scripts/local-cloud/engine/engine';
import { openConnection } from '../../scripts/local-cloud/engine/store';
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
    // The compound index g_1_w_-1: ten groups of 300, each with w = 0…299.
    g: `g${i % 10}`,
    w: Math.floor(i / 10),
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

describe('compound indexes (both keys held, as CloudBase indexes them)', () => {
  type Row = { g: string; w: number | number[] };
  async function read(
    build: (c: ReturnType<ReturnType<typeof wxCloud>['database']>['command']) => object,
    order?: 'asc' | 'desc',
    limit = 1000,
  ) {
    const db = wxCloud().database();
    let q = db.collection('items').where(build(db.command));
    if (order) q = q.orderBy('w', order) as typeof q;
    const before = cloud.engine.docsRead;
    const res = (await q.limit(limit).get()) as unknown as { data: Row[] };
    return { read: cloud.engine.docsRead - before, rows: res.data };
  }

  it('bounds an equality on the first key by an equality on the second', async () => {
    const { read: n, rows } = await read(() => ({ g: 'g3', w: 100 }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ g: 'g3', w: 100 });
    expect(n).toBe(1);
  });

  it('bounds an equality on the first key by a range on the second', async () => {
    const { read: n, rows } = await read((_) => ({ g: 'g3', w: _.gte(100).and(_.lt(110)) }));
    expect(rows.map((r) => r.w).sort((a, b) => Number(a) - Number(b))).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109]);
    expect(n).toBe(10);
  });

  it('reads the second key in order for a limited sort on it, in either direction', async () => {
    const desc = await read(() => ({ g: 'g4' }), 'desc', 5);
    expect(desc.rows.map((r) => r.w)).toEqual([299, 298, 297, 296, 295]);
    expect(desc.read).toBe(5);
    const asc = await read(() => ({ g: 'g4' }), 'asc', 5);
    expect(asc.rows.map((r) => r.w)).toEqual([0, 1, 2, 3, 4]);
    expect(asc.read).toBe(5);
  });

  it('reads a bounded second key in order and stops at the limit', async () => {
    const { read: n, rows } = await read((_) => ({ g: 'g5', w: _.lt(50) }), 'desc', 3);
    expect(rows.map((r) => r.w)).toEqual([49, 48, 47]);
    expect(n).toBe(3);
  });

  it('gives the same answers as a scan for $in on either key', async () => {
    const { rows } = await read((_) => ({ g: _.in(['g1', 'g2']), w: _.in([7, 8]) }), 'asc');
    expect(rows.map((r) => `${r.g}:${r.w}`).sort()).toEqual(['g1:7', 'g1:8', 'g2:7', 'g2:8']);
    expect(rows.map((r) => r.w)).toEqual([7, 7, 8, 8]);
  });

  it('keeps both keys right after an update, and indexes each element of an array second key', async () => {
    const db = wxCloud().database();
    await db
      .collection('items')
      .where({ g: 'g6', w: 10 })
      .update({ data: { w: [1000, 5] } });
    expect((await read(() => ({ g: 'g6', w: 10 }))).rows).toHaveLength(0);
    const byElement = await read(() => ({ g: 'g6', w: 1000 }));
    expect(byElement.rows).toHaveLength(1);
    expect(byElement.read).toBe(1);
    // A range on the second key finds the document by the element inside it.
    const low = await read((_) => ({ g: 'g6', w: _.lte(6) }));
    expect(low.rows.map((r) => JSON.stringify(r.w)).sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '[1000,5]']);
    expect(low.read).toBe(8);
  });
});

describe('data written before compound indexes held their second key', () => {
  it('is re-indexed when the engine opens it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-idx-'));
    const specs = [
      {
        name: 'c',
        indexes: [
          {
            name: 'a_1_b_1',
            keys: [
              { field: 'a', direction: 1 as const },
              { field: 'b', direction: 1 as const },
            ],
          },
        ],
      },
    ];
    const first = new Engine(dir, specs);
    first.insert(
      'c',
      Array.from({ length: 100 }, (_v, i) => ({ a: i % 2, b: i })),
    );
    first.close();
    // Turn the file back into the old layout: no second-key columns, the old index.
    const db = openConnection(first.file);
    db.exec(
      'DROP INDEX idx_key2; ALTER TABLE idx DROP COLUMN t2; ALTER TABLE idx DROP COLUMN v2; CREATE INDEX idx_key ON idx (coll, name, t, v);',
    );
    db.close();
    const again = new Engine(dir, specs);
    const before = again.docsRead;
    expect(again.find('c', { a: 1, b: { $gte: 90 } }).map((d) => d.b)).toEqual([91, 93, 95, 97, 99]);
    expect(again.docsRead - before).toBe(5);
    again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
