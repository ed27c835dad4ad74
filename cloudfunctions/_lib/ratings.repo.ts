import { createHash } from 'node:crypto';
import {
  countedRatingKey,
  incrementsFor,
  normaliseRating,
  type RatingRecord,
  type RollupDoc,
  replacementIncrements,
} from '../../shared/satisfaction';
import { COLLECTIONS, cmd, db, rowsOf, updatedOf } from './cloud';
import { isDuplicateKey } from './tickets.repo';
import { CONTENDED_ATTEMPTS, runTx, type Tx, txGet } from './tx';

const rollups = () => db().collection(COLLECTIONS.satRollups);

/**
 * Creates the month rollup a rating will land in, if it does not exist yet: call it before a transaction
 * that records the rating with `countRatingInTransaction` (a transaction sees only what existed when it
 * began). A concurrent creator losing the race is harmless.
 */
export async function ensureRollup(r: RatingRecord): Promise<void> {
  const { id, unitId, month } = incrementsFor(r);
  if (rowsOf(await rollups().where({ _id: id }).field({ _id: true }).limit(1).get()).length > 0) return;
  const empty: RollupDoc = { _id: id, unitId, month, n: 0, sum: 0, r: {}, z: {}, c: {}, s: {}, k: {}, d: {} };
  try {
    await rollups().add({ data: empty });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
}

/** A rating as a source gives it, before the counting rule decides its record id. */
export type RatingInput = Omit<RatingRecord, '_id'>;

/** The stored counted rating: the record plus the key of the request that last set it (replays change nothing). */
type StoredRating = RatingRecord & { requestKey?: string };

/** The record id of a person's counted rating: a hash of who, where and which day (no openid in ids). */
export const countedRatingId = (openid: string, r: Pick<RatingRecord, 'unitId' | 'zoneId' | 'at'>): string =>
  `rt-${createHash('sha256').update(countedRatingKey(openid, r)).digest('hex').slice(0, 40)}`;

export type Counted = { ratingId: string; replaced: boolean; changed: boolean };

/**
 * Counts a rating by `openid` inside the caller's transaction (README "One counted rating per person, zone
 * and day"): the person's record for that zone (or unit) and day is created, or replaced by this later rating,
 * and the rollup moves by the difference, all in the caller's commit. Two ratings racing for the same key
 * write the same record: one conflicts and its transaction is retried, so neither counts twice. A replay
 * (same `requestKey` as the record's last writer) changes nothing. The month's rollup must exist (`ensureRollup`).
 */
export async function countRatingInTransaction(
  tx: Tx,
  input: RatingInput,
  openid: string,
  requestKey: string,
  extra: Record<string, unknown> = {},
): Promise<Counted> {
  const ratingId = countedRatingId(openid, input);
  const before = await txGet<StoredRating>(tx, COLLECTIONS.feedback, ratingId);
  if (before?.requestKey === requestKey) return { ratingId, replaced: false, changed: false };
  const after: RatingRecord = { _id: ratingId, ...input };
  const { _id, ...fields } = after;
  if (before)
    await tx
      .collection(COLLECTIONS.feedback)
      .doc(ratingId)
      .set({ data: { ...extra, ...fields, requestKey } });
  else await tx.collection(COLLECTIONS.feedback).add({ data: { ...extra, ...after, requestKey } });
  const _ = cmd();
  for (const { id, inc } of replacementIncrements(before && normaliseRating(before), after)) {
    const data = Object.fromEntries(Object.entries(inc).map(([path, v]) => [path, _.inc(v)]));
    if (updatedOf(await tx.collection(COLLECTIONS.satRollups).doc(id).update({ data })) !== 1) {
      throw new Error(`rollup ${id} does not exist: call ensureRollup before the transaction`);
    }
  }
  return { ratingId, replaced: before !== null, changed: true };
}

/** Counts one rating on its own (a rating-only scan): `countRatingInTransaction` in a transaction of its own. */
export async function countRating(
  input: RatingInput,
  openid: string,
  requestKey: string,
  extra: Record<string, unknown> = {},
): Promise<Counted> {
  await ensureRollup({ _id: '', ...input });
  return runTx((tx) => countRatingInTransaction(tx, input, openid, requestKey, extra), CONTENDED_ATTEMPTS);
}
