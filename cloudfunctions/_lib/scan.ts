import { type COLLECTIONS, cmd, db, rowsOf } from './cloud';

/** Largest page CloudBase returns to a cloud function. */
export const SCAN_PAGE = 1000;

/**
 * Every document matching `where`, in `(field, _id)` order, a bounded page of at most 1000 at a time with a
 * keyset cursor (no `skip`), so nothing is silently truncated. For batch jobs (nightly checks, monthly
 * scoring, briefings) over one period's records, never for a request a user waits on with unbounded data.
 */
export async function* scan<T extends { _id: string }>(
  collection: (typeof COLLECTIONS)[keyof typeof COLLECTIONS],
  where: Record<string, unknown>,
  field: string,
  projection?: Record<string, boolean>,
): AsyncGenerator<T[]> {
  const _ = cmd();
  let after: { v: unknown; id: string } | null = null;
  for (;;) {
    const cond = (after ? _.and([where, _.or([{ [field]: _.gt(after.v) }, { [field]: after.v, _id: _.gt(after.id) }])]) : where) as Record<
      string,
      unknown
    >;
    let q = db().collection(collection).where(cond).orderBy(field, 'asc').orderBy('_id', 'asc');
    if (projection) q = q.field(projection);
    const page = rowsOf<T>(await q.limit(SCAN_PAGE).get());
    if (page.length > 0) yield page;
    if (page.length < SCAN_PAGE) return;
    const last = page[page.length - 1] as T & Record<string, unknown>;
    after = { v: last[field], id: last._id };
  }
}

/** Collects `scan` into one array (batch jobs whose period is bounded). */
export async function scanAll<T extends { _id: string }>(...args: Parameters<typeof scan>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of scan<T>(...args)) out.push(...page);
  return out;
}
