/**
 * Database conformance: every action and operator the local cloud must execute, written once and
 * run through each real SDK (wx-server-sdk in-process, @cloudbase/node-sdk over HTTP). The two
 * SDKs shape replies and errors differently; `Sdk` says how, so the expectations stay the same.
 */
import path from 'node:path';

export const FIXTURE_DB = path.join(__dirname, 'fixtures', 'database.json');

// biome-ignore lint/suspicious/noExplicitAny: the SDKs' Db types differ; the suite uses their shared API.
type Any = any;

export type Sdk = {
  db: () => Any;
  /** Wraps a write's payload: wx-server-sdk takes `{ data }`, node-sdk the value itself. */
  data: (v: unknown) => Any;
  addedId: (res: Any) => string;
  addedIds: (res: Any) => string[];
  updated: (res: Any) => number;
  removed: (res: Any) => number;
  /** `doc(id).get()`: the document, or null when missing. */
  docGet: (ref: Any) => Promise<Record<string, unknown> | null>;
  /** The CloudBase code string an SDK error stands for. */
  codeOf: (e: unknown) => string;
  /** `aggregate().end()`: the result documents. */
  aggregated: (res: Any) => unknown[];
  /** Whether the SDK has `where().updateAndReturn()` (node-sdk does; wx-server-sdk does not). */
  updateAndReturn: boolean;
};

/** wx-server-sdk reports codes as numbers; the ones without a number of their own are told by their message. */
export function wxCodeOf(e: unknown): string {
  const err = e as { errCode?: number; errMsg?: string; message?: string };
  const msg = err.errMsg ?? err.message ?? '';
  const byNumber: Record<number, string> = {
    [-502005]: 'DATABASE_COLLECTION_NOT_EXIST',
    [-501007]: 'INVALID_PARAM',
    [-502003]: 'DATABASE_PERMISSION_DENIED',
  };
  if (err.errCode !== undefined && byNumber[err.errCode]) return byNumber[err.errCode];
  if (/E11000/.test(msg)) return 'DATABASE_DUPLICATE_WRITE';
  if (/TransactionConflict/.test(msg)) return 'DATABASE_TRANSACTION_CONFLICT';
  if (/TransactionNotExist/.test(msg)) return 'DATABASE_TRANSACTION_FAIL';
  if (/Table exist/.test(msg)) return 'DATABASE_COLLECTION_ALREADY_EXIST';
  return `errCode ${err.errCode}: ${msg}`;
}

async function codeOfRejection(sdk: Sdk, p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return sdk.codeOf(e);
  }
  throw new Error('expected the call to fail');
}

const names = (docs: Array<{ name?: unknown }>) => docs.map((d) => d.name).sort();

export function defineDatabaseConformance(label: string, getSdk: () => Sdk): void {
  describe(`database conformance through ${label}`, () => {
    let sdk: Sdk;
    let db: Any;
    let _: Any;
    const T0 = new Date('2026-11-23T02:00:00.000Z');

    beforeAll(async () => {
      sdk = getSdk();
      db = sdk.db();
      _ = db.command;
      // Prepare: a small, varied data set in the indexed collection.
      await db.collection('items').add(
        sdk.data([
          { _id: 'a', name: 'apple', n: 1, tag: 'fruit', tags: ['red', 'sweet'], at: T0, nested: { k: 1, deep: { z: 'x' } }, code: 'A1' },
          {
            _id: 'b',
            name: 'banana',
            n: 2,
            tag: 'fruit',
            tags: ['yellow', 'sweet'],
            at: new Date(T0.getTime() + 3600_000),
            nested: { k: 2 },
          },
          { _id: 'c', name: 'Cabbage', n: 3, tag: 'veg', tags: ['green'], at: new Date(T0.getTime() + 7200_000), price: 2.5, code: 'C3' },
          { _id: 'd', name: 'date', n: 4, tag: 'fruit', tags: [], at: new Date(T0.getTime() + 10800_000), price: null, code: 'D4' },
          { _id: 'e', name: 'eggplant', n: 5, tag: 'veg', at: new Date(T0.getTime() + 14400_000), code: 'E5' },
        ]),
      );
    });

    describe('reads', () => {
      const cases: Array<[string, (c: Any) => Record<string, unknown>, string[]]> = [
        ['equality on an indexed field', () => ({ tag: 'veg' }), ['Cabbage', 'eggplant']],
        ['eq', (c) => ({ n: c.eq(2) }), ['banana']],
        ['neq', (c) => ({ tag: c.neq('fruit') }), ['Cabbage', 'eggplant']],
        ['gt', (c) => ({ n: c.gt(3) }), ['date', 'eggplant']],
        ['gte and lte combined', (c) => ({ n: c.gte(2).and(c.lte(3)) }), ['Cabbage', 'banana']],
        ['lt', (c) => ({ n: c.lt(2) }), ['apple']],
        ['in', (c) => ({ n: c.in([1, 5, 9]) }), ['apple', 'eggplant']],
        ['nin', (c) => ({ n: c.nin([1, 2, 3]) }), ['date', 'eggplant']],
        ['or', (c) => c.or([{ n: 1 }, { tag: 'veg' }]), ['Cabbage', 'apple', 'eggplant']],
        ['and across fields', (c) => c.and([{ tag: 'fruit' }, { n: c.gt(1) }]), ['banana', 'date']],
        ['exists', (c) => ({ code: c.exists(false) }), ['banana']],
        ['null matches null and missing', () => ({ price: null }), ['apple', 'banana', 'date', 'eggplant']],
        ['array contains an element', () => ({ tags: 'sweet' }), ['apple', 'banana']],
        ['all', (c) => ({ tags: c.all(['red', 'sweet']) }), ['apple']],
        ['size', (c) => ({ tags: c.size(0) }), ['date']],
        ['elemMatch', (c) => ({ tags: c.elemMatch(c.eq('green')) }), ['Cabbage']],
        ['a nested object matches sub-fields (dot paths)', () => ({ nested: { k: 2 } }), ['banana']],
        ['a dot path', () => ({ 'nested.deep.z': 'x' }), ['apple']],
        [
          'a date range on an indexed field',
          (c) => ({ at: c.gt(new Date(T0.getTime() + 3600_000)).and(c.lte(new Date(T0.getTime() + 10800_000))) }),
          ['Cabbage', 'date'],
        ],
        ['a JS regex with flags', () => ({ name: /^c/i }), ['Cabbage']],
      ];
      it.each(cases)('finds documents by %s', async (_label, build, expected) => {
        // Act
        const res = await db.collection('items').where(build(_)).get();
        // Assess
        expect(names(res.data)).toEqual([...expected].sort());
      });

      it('finds documents by a db.RegExp', async () => {
        const res = await db
          .collection('items')
          .where({ name: db.RegExp({ regexp: 'an', options: 'i' }) })
          .get();
        expect(names(res.data)).toEqual(['banana', 'eggplant'].filter((n) => /an/i.test(n)).sort());
      });

      it('orders by several fields, skips, limits and projects', async () => {
        const res = await db
          .collection('items')
          .where({})
          .orderBy('tag', 'desc')
          .orderBy('n', 'asc')
          .skip(1)
          .limit(3)
          .field({ name: true, n: true })
          .get();
        expect(res.data).toEqual([
          { _id: 'e', name: 'eggplant', n: 5 },
          { _id: 'a', name: 'apple', n: 1 },
          { _id: 'b', name: 'banana', n: 2 },
        ]);
      });

      it('leaves out excluded fields, also when the query filters or sorts on them', async () => {
        const all = (await db.collection('items').where({}).orderBy('n', 'asc').get()).data as Array<Record<string, unknown>>;
        const without = (fields: string[]) => all.map((d) => Object.fromEntries(Object.entries(d).filter(([k]) => !fields.includes(k))));
        const dropped = await db.collection('items').where({}).orderBy('n', 'asc').field({ tags: false, at: false }).get();
        expect(dropped.data).toEqual(without(['tags', 'at']));
        const filtered = await db.collection('items').where({ tags: 'red' }).orderBy('n', 'asc').field({ tags: false }).get();
        expect(filtered.data).toEqual(
          without(['tags']).filter((d) => (all.find((a) => a._id === d._id)?.tags as string[] | undefined)?.includes('red')),
        );
        const sorted = await db.collection('items').where({}).orderBy('name', 'desc').field({ name: false }).get();
        expect(sorted.data.map((d: Record<string, unknown>) => d._id)).toEqual(
          [...all].sort((a, b) => (String(a.name) < String(b.name) ? 1 : String(a.name) > String(b.name) ? -1 : 0)).map((d) => d._id),
        );
        expect(sorted.data.every((d: Record<string, unknown>) => !('name' in d))).toBe(true);
      });

      it('returns dates as Date objects and keeps numbers exact', async () => {
        const doc = (await sdk.docGet(db.collection('items').doc('c'))) as { at: Date; price: number };
        expect(doc.at).toBeInstanceOf(Date);
        expect(doc.at.toISOString()).toBe('2026-11-23T04:00:00.000Z');
        expect(doc.price).toBe(2.5);
      });

      it('gets one document by id, and nothing for a missing id', async () => {
        expect(await sdk.docGet(db.collection('items').doc('a'))).toMatchObject({ _id: 'a', name: 'apple', tags: ['red', 'sweet'] });
        expect(await sdk.docGet(db.collection('items').doc('missing'))).toBeNull();
      });

      it('counts matching documents', async () => {
        expect((await db.collection('items').where({ tag: 'fruit' }).count()).total).toBe(3);
      });

      it('refuses a collection that does not exist with DATABASE_COLLECTION_NOT_EXIST', async () => {
        expect(await codeOfRejection(sdk, db.collection('nope').where({}).get())).toBe('DATABASE_COLLECTION_NOT_EXIST');
      });
    });

    describe('limits', () => {
      beforeAll(async () => {
        const docs = Array.from({ length: 1200 }, (_v, i) => ({ i, kind: 'bulk' }));
        await db.collection('others').add(sdk.data(docs.slice(0, 1000)));
        await db.collection('others').add(sdk.data(docs.slice(1000)));
      });

      it('returns 100 documents when no limit is given', async () => {
        expect((await db.collection('others').where({ kind: 'bulk' }).get()).data).toHaveLength(100);
      });

      it('returns at most 1000 documents whatever the limit', async () => {
        expect((await db.collection('others').where({ kind: 'bulk' }).limit(1000).get()).data).toHaveLength(1000);
        expect((await db.collection('others').where({ kind: 'bulk' }).skip(1000).limit(1000).get()).data).toHaveLength(200);
        expect((await db.collection('others').where({ kind: 'bulk' }).count()).total).toBe(1200);
      });
    });

    describe('writes', () => {
      it('inserts one document and returns its generated id', async () => {
        const res = await db.collection('others').add(sdk.data({ name: 'one', at: T0 }));
        const id = sdk.addedId(res);
        expect(id).toMatch(/^[0-9a-f]{32}$/);
        expect(await sdk.docGet(db.collection('others').doc(id))).toEqual({ _id: id, name: 'one', at: T0 });
      });

      it('inserts a batch and returns every id in order', async () => {
        const res = await db.collection('others').add(sdk.data([{ _id: 'batch-1' }, { _id: 'batch-2' }, { name: 'x' }]));
        const ids = sdk.addedIds(res);
        expect(ids.slice(0, 2)).toEqual(['batch-1', 'batch-2']);
        expect(ids).toHaveLength(3);
      });

      it('refuses a duplicate _id with DATABASE_DUPLICATE_WRITE and writes nothing of the batch', async () => {
        const code = await codeOfRejection(sdk, db.collection('others').add(sdk.data([{ _id: 'fresh-1' }, { _id: 'batch-1' }])));
        expect(code).toBe('DATABASE_DUPLICATE_WRITE');
        expect(await sdk.docGet(db.collection('others').doc('fresh-1'))).toBeNull();
      });

      it('enforces a unique index declared in the database configuration', async () => {
        const code = await codeOfRejection(sdk, db.collection('items').add(sdk.data({ name: 'dup', code: 'A1' })));
        expect(code).toBe('DATABASE_DUPLICATE_WRITE');
        expect((await db.collection('items').where({ name: 'dup' }).count()).total).toBe(0);
      });

      it('treats a missing and a null unique field as one value: only one document may lack it, as on CloudBase', async () => {
        // Prepare: one document without the unique field.
        const u = db.collection('uniq');
        const noRef = sdk.addedId(await u.add(sdk.data({ name: 'no-ref', a: 1, b: 1 })));
        // Act + Assess: a second one, missing or null, is a duplicate key.
        expect(await codeOfRejection(sdk, u.add(sdk.data({ name: 'null-ref', ref: null, a: 1, b: 2 })))).toBe('DATABASE_DUPLICATE_WRITE');
        expect(await codeOfRejection(sdk, u.add(sdk.data({ name: 'missing-ref', a: 1, b: 3 })))).toBe('DATABASE_DUPLICATE_WRITE');
        const r1 = sdk.addedId(await u.add(sdk.data({ name: 'r1', ref: 'R1', a: 2, b: 1 })));
        expect(await codeOfRejection(sdk, u.doc(r1).update(sdk.data({ ref: _.remove() })))).toBe('DATABASE_DUPLICATE_WRITE');
        // A compound unique index: a missing field is null in the tuple too ({a: 1} and {a: 1, b: null} collide).
        expect(await codeOfRejection(sdk, u.add(sdk.data({ name: 'a-only', ref: 'R2', a: 2, b: 1 })))).toBe('DATABASE_DUPLICATE_WRITE');
        sdk.addedId(await u.add(sdk.data({ name: 'a3', ref: 'R3', a: 3 })));
        expect(await codeOfRejection(sdk, u.add(sdk.data({ name: 'a3-null', ref: 'R4', a: 3, b: null })))).toBe('DATABASE_DUPLICATE_WRITE');
        // Once the document without it is gone, another may lack it.
        await u.doc(noRef).remove();
        expect(sdk.addedId(await u.add(sdk.data({ name: 'null-ref', ref: null, a: 1, b: 2 })))).toMatch(/^[0-9a-f]{32}$/);
        expect((await u.count()).total).toBe(3);
      });

      it('refuses an update that would give a unique key to a second document, and keeps other updates cheap', async () => {
        const code = await codeOfRejection(
          sdk,
          db
            .collection('items')
            .doc('b')
            .update(sdk.data({ code: 'A1' })),
        );
        expect(code).toBe('DATABASE_DUPLICATE_WRITE');
        expect(
          sdk.updated(
            await db
              .collection('items')
              .doc('e')
              .update(sdk.data({ code: 'E5', touched: 1 })),
          ),
        ).toBe(1);
        expect(await sdk.docGet(db.collection('items').doc('b'))).not.toHaveProperty('code');
      });

      const updates: Array<[string, Record<string, unknown>, (c: Any) => Record<string, unknown>, Record<string, unknown>]> = [
        ['sets a dot path without touching siblings', { o: { a: 1, b: 2 } }, () => ({ o: { a: 9 } }), { o: { a: 9, b: 2 } }],
        ['sets a whole sub-document with _.set', { o: { a: 1, b: 2 } }, (c) => ({ o: c.set({ a: 9 }) }), { o: { a: 9 } }],
        ['increments', { n: 1 }, (c) => ({ n: c.inc(2) }), { n: 3 }],
        ['multiplies', { n: 3 }, (c) => ({ n: c.mul(4) }), { n: 12 }],
        ['keeps the minimum', { n: 5 }, (c) => ({ n: c.min(2) }), { n: 2 }],
        ['keeps the maximum', { n: 5 }, (c) => ({ n: c.max(7) }), { n: 7 }],
        ['pushes several with $each', { a: [1] }, (c) => ({ a: c.push([2, 3]) }), { a: [1, 2, 3] }],
        ['pulls matching elements', { a: [1, 2, 1, 3] }, (c) => ({ a: c.pull(1) }), { a: [2, 3] }],
        ['adds to a set only the values not in it', { a: [1, 2] }, (c) => ({ a: c.addToSet({ $each: [2, 3] }) }), { a: [1, 2, 3] }],
        ['pops the last element', { a: [1, 2, 3] }, (c) => ({ a: c.pop() }), { a: [1, 2] }],
        ['shifts the first element', { a: [1, 2, 3] }, (c) => ({ a: c.shift() }), { a: [2, 3] }],
        ['unsets a field', { a: 1, b: 2 }, (c) => ({ a: c.remove() }), { b: 2 }],
        ['renames a field', { a: 1 }, (c) => ({ a: c.rename('z') }), { z: 1 }],
      ];
      it.each(updates)('updates a document: %s', async (_label, initial, build, expected) => {
        // Prepare
        const id = sdk.addedId(await db.collection('others').add(sdk.data(initial)));
        // Act
        const res = await db
          .collection('others')
          .doc(id)
          .update(sdk.data(build(_)));
        // Assess
        expect(sdk.updated(res)).toBe(1);
        expect(await sdk.docGet(db.collection('others').doc(id))).toEqual({ _id: id, ...expected });
      });

      it('updates every matching document with where().update()', async () => {
        await db.collection('others').add(
          sdk.data([
            { group: 'g1', v: 1 },
            { group: 'g1', v: 2 },
            { group: 'g2', v: 3 },
          ]),
        );
        const res = await db
          .collection('others')
          .where({ group: 'g1' })
          .update(sdk.data({ touched: true }));
        expect(sdk.updated(res)).toBe(2);
        expect((await db.collection('others').where({ touched: true }).count()).total).toBe(2);
      });

      it('updates nothing for a missing document', async () => {
        expect(
          sdk.updated(
            await db
              .collection('others')
              .doc('missing')
              .update(sdk.data({ a: 1 })),
          ),
        ).toBe(0);
      });

      it('replaces a document with set(), and creates it when missing (upsert)', async () => {
        await db
          .collection('others')
          .doc('set-me')
          .set(sdk.data({ a: 1, b: 2 }));
        await db
          .collection('others')
          .doc('set-me')
          .set(sdk.data({ c: 3 }));
        expect(await sdk.docGet(db.collection('others').doc('set-me'))).toEqual({ _id: 'set-me', c: 3 });
      });

      it('adds nothing to a set that already holds the value, and says nothing was updated', async () => {
        const id = sdk.addedId(await db.collection('others').add(sdk.data({ a: [1, 2] })));
        expect(
          sdk.updated(
            await db
              .collection('others')
              .doc(id)
              .update(sdk.data({ a: _.addToSet(2) })),
          ),
        ).toBe(0);
        expect(await sdk.docGet(db.collection('others').doc(id))).toEqual({ _id: id, a: [1, 2] });
      });

      (getSdk().updateAndReturn ? it : it.skip)('updates and returns the new document (modifyAndReturn)', async () => {
        await db.collection('others').add(sdk.data({ _id: 'counter', seq: 41 }));
        const res = await db
          .collection('others')
          .where({ _id: 'counter' })
          .updateAndReturn(sdk.data({ seq: _.inc(1) }));
        expect(res.doc ?? res.data?.doc).toEqual({ _id: 'counter', seq: 42 });
      });

      it('removes one document by id and many by a query', async () => {
        await db.collection('others').add(sdk.data([{ _id: 'rm-1', rm: true }, { rm: true }, { rm: true }]));
        expect(sdk.removed(await db.collection('others').doc('rm-1').remove())).toBe(1);
        expect(sdk.removed(await db.collection('others').where({ rm: true }).remove())).toBe(2);
        expect((await db.collection('others').where({ rm: true }).count()).total).toBe(0);
      });

      it('stamps db.serverDate() with the server clock, with an offset', async () => {
        const before = Date.now();
        const id = sdk.addedId(
          await db.collection('others').add(sdk.data({ at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) })),
        );
        await db
          .collection('others')
          .doc(id)
          .update(sdk.data({ touchedAt: db.serverDate() }));
        const doc = (await sdk.docGet(db.collection('others').doc(id))) as { at: Date; later: Date; touchedAt: Date };
        expect(doc.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
        expect(doc.at.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
        expect(doc.later.getTime() - doc.at.getTime()).toBeGreaterThanOrEqual(59_000);
        expect(doc.touchedAt).toBeInstanceOf(Date);
      });

      it('creates a collection, and refuses to create it twice', async () => {
        await db.createCollection('made_at_runtime');
        await db.collection('made_at_runtime').add(sdk.data({ x: 1 }));
        expect((await db.collection('made_at_runtime').count()).total).toBe(1);
        expect(await codeOfRejection(sdk, db.createCollection('made_at_runtime'))).toBe('DATABASE_COLLECTION_ALREADY_EXIST');
      });
    });

    describe('aggregate', () => {
      it('matches, groups, sorts and projects', async () => {
        const $ = db.command.aggregate;
        const res = await db
          .collection('items')
          .aggregate()
          .match({ n: _.gte(1) })
          .group({ _id: '$tag', total: $.sum('$n'), count: $.sum(1) })
          .sort({ total: -1 })
          .project({ _id: 0, tag: '$_id', total: 1, count: 1 })
          .end();
        expect(sdk.aggregated(res)).toEqual([
          { tag: 'veg', total: 8, count: 2 },
          { tag: 'fruit', total: 7, count: 3 },
        ]);
      });

      it('unwinds arrays, looks up another collection and limits', async () => {
        await db.collection('accounts').add(
          sdk.data([
            { _id: 'red', label: '红' },
            { _id: 'sweet', label: '甜' },
          ]),
        );
        const res = await db
          .collection('items')
          .aggregate()
          .match({ _id: 'a' })
          .unwind('$tags')
          .lookup({ from: 'accounts', localField: 'tags', foreignField: '_id', as: 'account' })
          .project({ _id: 0, tags: 1, label: { $arrayElemAt: ['$account.label', 0] } })
          .limit(5)
          .end();
        expect(sdk.aggregated(res)).toEqual([
          { tags: 'red', label: '红' },
          { tags: 'sweet', label: '甜' },
        ]);
      });
    });

    describe('transactions', () => {
      beforeEach(async () => {
        await db
          .collection('accounts')
          .doc('alice')
          .set(sdk.data({ balance: 100 }));
        await db
          .collection('accounts')
          .doc('bob')
          .set(sdk.data({ balance: 0 }));
      });

      const balances = async () => [
        (await sdk.docGet(db.collection('accounts').doc('alice')))?.balance,
        (await sdk.docGet(db.collection('accounts').doc('bob')))?.balance,
      ];

      it('commits every write at once', async () => {
        const t = await db.startTransaction();
        await t
          .collection('accounts')
          .doc('alice')
          .update(sdk.data({ balance: _.inc(-30) }));
        await t
          .collection('accounts')
          .doc('bob')
          .update(sdk.data({ balance: _.inc(30) }));
        expect(await balances()).toEqual([100, 0]); // nothing visible before commit
        await t.commit();
        expect(await balances()).toEqual([70, 30]);
      });

      it('leaves nothing behind when rolled back', async () => {
        const t = await db.startTransaction();
        await t
          .collection('accounts')
          .doc('alice')
          .update(sdk.data({ balance: 1 }));
        await t.collection('accounts').add(sdk.data({ _id: 'carol', balance: 5 }));
        await t.rollback();
        expect(await balances()).toEqual([100, 0]);
        expect(await sdk.docGet(db.collection('accounts').doc('carol'))).toBeNull();
      });

      it('reads a snapshot taken when it started', async () => {
        const t = await db.startTransaction();
        await db
          .collection('accounts')
          .doc('alice')
          .update(sdk.data({ balance: 555 }));
        const seen = await t.collection('accounts').doc('alice').get();
        expect((seen.data?.balance ?? seen.data?.[0]?.balance) as number).toBe(100);
        await t.rollback();
      });

      it('refuses a write to a document another open transaction wrote, with a conflict', async () => {
        const t1 = await db.startTransaction();
        const t2 = await db.startTransaction();
        await t1
          .collection('accounts')
          .doc('alice')
          .update(sdk.data({ balance: 1 }));
        expect(
          await codeOfRejection(
            sdk,
            t2
              .collection('accounts')
              .doc('alice')
              .update(sdk.data({ balance: 2 })),
          ),
        ).toBe('DATABASE_TRANSACTION_CONFLICT');
        await t2.rollback();
        await t1.commit();
        expect(await balances()).toEqual([1, 0]);
      });

      it('refuses to commit over a write made after it started', async () => {
        const t = await db.startTransaction();
        await t.collection('accounts').doc('bob').get();
        await db
          .collection('accounts')
          .doc('alice')
          .update(sdk.data({ balance: 7 }));
        expect(
          await codeOfRejection(
            sdk,
            t
              .collection('accounts')
              .doc('alice')
              .update(sdk.data({ balance: 8 })),
          ),
        ).toBe('DATABASE_TRANSACTION_CONFLICT');
        await t.rollback();
        expect(await balances()).toEqual([7, 0]);
      });

      it('runs a callback transaction and returns its result', async () => {
        const result = await db.runTransaction(async (t: Any) => {
          const alice = await t.collection('accounts').doc('alice').get();
          await t
            .collection('accounts')
            .doc('alice')
            .update(sdk.data({ balance: alice.data.balance - 10 }));
          await t
            .collection('accounts')
            .doc('bob')
            .update(sdk.data({ balance: _.inc(10) }));
          return 'moved';
        });
        expect(result).toBe('moved');
        expect(await balances()).toEqual([90, 10]);
      });

      it('refuses a query (not single-document) inside a transaction', async () => {
        const t = await db.startTransaction();
        expect(await codeOfRejection(sdk, t.collection('accounts').where({ balance: 100 }).get())).toBe('INVALID_PARAM');
        await t.rollback();
      });
    });
  });
}
