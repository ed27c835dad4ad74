import { type COLLECTIONS, cmd, db, rowsOf } from './cloud';

/** Largest page CloudBase returns to a cloud function. */
export const SCAN_PAGE = 1000;

/**
 * Every document matching `where`, in `(field, _id)` order, a bounded page of at most 1000 at a time, so
 * nothing is silently truncated. The cursor is `field >= last value` (one index range, intersected with the
 * caller's range on the same field) with the ids already seen at that value skipped; a single value shared
 * by more than a page of documents is an error rather than a loop. For batch jobs (nightly checks, monthly
 * scoring, briefings) over one period's records, never for a request a user waits on with unbounded data.
 */
export async function* scan<T extends { _id: string }>(
  collection: (typeof COLLECTIONS)[keyof typeof COLLECTIONS],
  where: Record<string, unknown>,
  field: string,
  projection?: Record<string, boolean>,
): AsyncGenerator<T[]> {
  const _ = cmd();
  let after: { v: unknown; ids: Set<string> } | null = null;
  for (;;) {
    const cond = (after ? _.and([where, { [field]: _.gte(after.v) }]) : where) as Record<string, unknown>;
    let q = db().collection(collection).where(cond).orderBy(field, 'asc').orderBy('_id', 'asc');
    if (projection) q = q.field({ ...projection, _id: true, [field]: true });
    const raw = rowsOf<T & Record<string, unknown>>(await q.limit(SCAN_PAGE).get());
    const seen = after;
    const page = seen ? raw.filter((d) => !(sameValue(d[field], seen.v) && seen.ids.has(d._id))) : raw;
    if (page.length > 0) yield page;
    if (raw.length < SCAN_PAGE) return;
    const last = raw[raw.length - 1][field];
    const ids = new Set(raw.filter((d) => sameValue(d[field], last)).map((d) => d._id));
    if (seen && sameValue(seen.v, last)) for (const id of seen.ids) ids.add(id);
    if (ids.size >= SCAN_PAGE) throw new Error(`more than ${SCAN_PAGE} documents share one ${field}; cannot page`);
    after = { v: last, ids };
  }
}

const sameValue = (a: unknown, b: unknown): boolean => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);

/** Collects `scan` into one array (batch jobs whose period is bounded). */
export async function scanAll<T extends { _id: string }>(...args: Parameters<typeof scan>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of scan<T>(...args)) out.push(...(page as T[]));
  return out;
}
