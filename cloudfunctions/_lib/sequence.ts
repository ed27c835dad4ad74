import { COLLECTIONS, db, nodeDb } from './cloud';
import { isDuplicateKey } from './tickets.repo';

/**
 * The next number of a named sequence (`counters/<id>`): one atomic `$inc` that returns the new value, so
 * concurrent callers never share a number; the counter document is created on first use (a concurrent
 * creator losing the race is harmless). Same pattern as ticket and briefing numbers.
 */
export async function nextSeq(id: string): Promise<number> {
  const ndb = nodeDb();
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = (await ndb
      .collection(COLLECTIONS.counters)
      .where({ _id: id })
      .updateAndReturn({ seq: ndb.command.inc(1) })) as { doc?: { seq: number } | null };
    if (res.doc) return res.doc.seq;
    try {
      await db()
        .collection(COLLECTIONS.counters)
        .add({ data: { _id: id, seq: 0 } });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }
  throw new Error(`counter ${id} could not be created`);
}
