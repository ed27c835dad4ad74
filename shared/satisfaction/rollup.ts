import { shanghaiDate } from '../time/shanghai';
import type { RatingRecord } from './rating.schema';

/** A count and a sum of ratings; the mean is `sum / n`. */
export interface Tally {
  n: number;
  sum: number;
}

/**
 * Ratings of one unit in one span of time, broken down the ways the reports need: by star (`r`), by zone (`z`),
 * by category (`c`, only ratings tied to a ticket have one), by source (`s`) and by campus (`k`).
 */
export interface Bucket extends Tally {
  r: Record<string, number>;
  z: Record<string, Tally>;
  c: Record<string, Tally>;
  s: Record<string, Tally>;
  k: Record<string, Tally>;
}

/**
 * The rollup document: one per unit per Shanghai month, `_id` `sat-<unitId>-<YYYY-MM>`. The top level is the
 * month's bucket, `d.dNN` the bucket of day NN, so a month ranking reads one document per unit and a week
 * (which may straddle two months) at most two. Every rating write increments both levels in one `$inc`.
 */
export interface RollupDoc extends Bucket {
  _id: string;
  unitId: string;
  month: string;
  d: Record<string, Bucket>;
}

export const rollupId = (unitId: string, month: string): string => `sat-${unitId}-${month}`;
/** The key of a calendar date inside its month's rollup: `dayKey('2026-05-03') === 'd03'`. */
export const dayKey = (day: string): string => `d${day.slice(8, 10)}`;

export const emptyBucket = (): Bucket => ({ n: 0, sum: 0, r: {}, z: {}, c: {}, s: {}, k: {} });

/** The dotted paths a rating adds to, relative to a bucket, with the amounts. */
function bucketIncrements(r: RatingRecord): Array<[string, number]> {
  const tally = (prefix: string): Array<[string, number]> => [
    [`${prefix}.n`, 1],
    [`${prefix}.sum`, r.rating],
  ];
  return [
    ['n', 1],
    ['sum', r.rating],
    [`r.${r.rating}`, 1],
    ...(r.zoneId ? tally(`z.${r.zoneId}`) : []),
    ...(r.categoryCode ? tally(`c.${r.categoryCode}`) : []),
    ...tally(`s.${r.source}`),
    ...(r.campusId ? tally(`k.${r.campusId}`) : []),
  ];
}

/**
 * Where a rating lands and what to add: the rollup document id and the `$inc` paths for the month and the
 * day. `incrementsFor(r).inc` is what the write sends as `_.inc` on each path.
 */
export function incrementsFor(r: RatingRecord): { id: string; unitId: string; month: string; day: string; inc: Record<string, number> } {
  const day = shanghaiDate(r.at);
  const month = day.slice(0, 7);
  const inc: Record<string, number> = {};
  for (const [path, v] of bucketIncrements(r)) {
    inc[path] = v;
    inc[`d.${dayKey(day)}.${path}`] = v;
  }
  return { id: rollupId(r.unitId, month), unitId: r.unitId, month, day, inc };
}

function addPath(target: Record<string, unknown>, path: string, v: number): void {
  const parts = path.split('.');
  let o = target;
  for (const p of parts.slice(0, -1)) {
    o[p] ??= {};
    o = o[p] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  o[last] = ((o[last] as number | undefined) ?? 0) + v;
}

/** Adds a rating to a bucket in place (the in-memory twin of the `$inc` write). */
export function addToBucket(b: Bucket, r: RatingRecord): Bucket {
  for (const [path, v] of bucketIncrements(r)) addPath(b as unknown as Record<string, unknown>, path, v);
  return b;
}

/** Day buckets recomputed from source records: `unitId → day → bucket`. */
export function dayBuckets(records: Iterable<RatingRecord>): Map<string, Map<string, Bucket>> {
  const out = new Map<string, Map<string, Bucket>>();
  for (const r of records) {
    const day = shanghaiDate(r.at);
    const unit = out.get(r.unitId) ?? new Map<string, Bucket>();
    out.set(r.unitId, unit);
    const b = unit.get(day) ?? emptyBucket();
    unit.set(day, addToBucket(b, r));
  }
  return out;
}

/** Every numeric leaf of a bucket as `path → value` (zeros dropped), for comparing and for `$inc` deltas. */
export function flatten(b: Partial<Bucket> | undefined, prefix = ''): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (o: unknown, p: string) => {
    if (typeof o === 'number') {
      if (o !== 0) out.set(p, o);
      return;
    }
    if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) walk(v, p ? `${p}.${k}` : k);
  };
  walk(b ?? {}, prefix);
  return out;
}

/** One differing counter between what is stored and what the source records say. */
export interface Drift {
  path: string;
  stored: number;
  expected: number;
}

/** The counters where `stored` differs from `expected`, sorted by path (empty means no drift). */
export function diffBuckets(stored: Partial<Bucket> | undefined, expected: Partial<Bucket> | undefined): Drift[] {
  const a = flatten(stored);
  const b = flatten(expected);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.filter((p) => (a.get(p) ?? 0) !== (b.get(p) ?? 0)).map((p) => ({ path: p, stored: a.get(p) ?? 0, expected: b.get(p) ?? 0 }));
}

/** Sums buckets (a week from its days, a period across months). */
export function mergeBuckets(buckets: Iterable<Partial<Bucket> | undefined>): Bucket {
  const out = emptyBucket();
  for (const b of buckets) for (const [path, v] of flatten(b)) addPath(out as unknown as Record<string, unknown>, path, v);
  return out;
}

/** The bucket of a set of days from their months' rollup documents (missing documents and days count as empty). */
export function bucketForDays(docs: readonly Pick<RollupDoc, 'month' | 'd'>[], days: readonly string[]): Bucket {
  return mergeBuckets(days.map((day) => docs.find((d) => d.month === day.slice(0, 7))?.d?.[dayKey(day)]));
}

/** The month-level part of a rollup document (without the day buckets). */
export const monthBucket = (doc: Partial<Bucket>): Bucket => ({
  n: doc.n ?? 0,
  sum: doc.sum ?? 0,
  r: doc.r ?? {},
  z: doc.z ?? {},
  c: doc.c ?? {},
  s: doc.s ?? {},
  k: doc.k ?? {},
});
