import { shanghaiDate } from '../time/shanghai';
import type { RatingRecord } from './rating.schema';
import { incrementsFor } from './rollup';

/**
 * One counted rating per person, zone and Shanghai day (README "One counted rating per person, zone and day").
 * Every source (a rating-only scan, stars sent with a report or a "+1", the reporter's rating at verification,
 * a survey's satisfaction answer) writes the same record, keyed by who, where and when; a later rating the
 * same day replaces the earlier one and the rollup moves by the difference. A unit-wide survey (no zone)
 * counts once per person, unit and day. So a flood of 100 ratings from one person moves a unit's count by 1.
 */

/** The natural key of a counted rating; the service hashes it into the record's `_id` (openids stay out of ids). */
export const countedRatingKey = (openid: string, r: Pick<RatingRecord, 'unitId' | 'zoneId' | 'at'>): string =>
  `${openid}|${r.zoneId ? `zone:${r.zoneId}` : `unit:${r.unitId}`}|${shanghaiDate(r.at)}`;

/**
 * The rollup changes of replacing `before` by `after` (same key, so the same day): per rollup document, the
 * `$inc` amounts with zeros dropped. Two documents when the zone moved to another unit in between.
 */
export function replacementIncrements(
  before: RatingRecord | null,
  after: RatingRecord,
): Array<{ id: string; inc: Record<string, number> }> {
  const out = new Map<string, Record<string, number>>();
  const add = (r: RatingRecord, sign: 1 | -1) => {
    const { id, inc } = incrementsFor(r);
    const target = out.get(id) ?? {};
    for (const [path, v] of Object.entries(inc)) target[path] = (target[path] ?? 0) + sign * v;
    out.set(id, target);
  };
  if (before) add(before, -1);
  add(after, 1);
  return [...out.entries()]
    .map(([id, inc]) => ({ id, inc: Object.fromEntries(Object.entries(inc).filter(([, v]) => v !== 0)) }))
    .filter((x) => Object.keys(x.inc).length > 0);
}
