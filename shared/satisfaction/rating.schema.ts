import { z } from 'zod';
import { Id, Rating } from '../common/ids.schema';
import { CategoryCode } from '../org/category.schema';

/**
 * Where a rating came from: a rating-only QR scan (`feedback`), a rating given with a problem report
 * (`report`), the reporter's rating at verification (`verify`), or a survey response (`survey`).
 */
export const RatingSource = z.enum(['feedback', 'report', 'verify', 'survey']);
export type RatingSource = z.infer<typeof RatingSource>;

/**
 * One rating as stored in the `feedback` collection: the source record every rollup is derived from, and the
 * record the nightly check recomputes from. Older rating-only records lack `source`, `campusId` and
 * `categoryCode`; `normaliseRating` fills them.
 */
export const RatingRecord = z.object({
  _id: Id,
  source: RatingSource,
  unitId: Id,
  /** Null for a rating of the unit as a whole (a survey not tied to one zone). */
  zoneId: Id.nullable(),
  campusId: Id.nullable(),
  categoryCode: CategoryCode.nullable(),
  ticketId: Id.nullable(),
  rating: Rating,
  at: z.date(),
});
export type RatingRecord = z.infer<typeof RatingRecord>;

/** A stored record with the fields older writes did not set filled with their meaning. */
export const normaliseRating = (
  r: Partial<RatingRecord> & Pick<RatingRecord, '_id' | 'unitId' | 'zoneId' | 'rating' | 'at'>,
): RatingRecord => ({
  _id: r._id,
  source: r.source ?? 'feedback',
  unitId: r.unitId,
  zoneId: r.zoneId ?? null,
  campusId: r.campusId ?? null,
  categoryCode: r.categoryCode ?? null,
  ticketId: r.ticketId ?? null,
  rating: r.rating,
  at: r.at,
});
