import { incrementsFor, type RatingRecord, type RollupDoc } from '../../shared/satisfaction';
import { COLLECTIONS, cmd, db, rowsOf, updatedOf } from './cloud';
import { logger } from './logger';
import { isDuplicateKey } from './tickets.repo';

const rollups = () => db().collection(COLLECTIONS.satRollups);

/**
 * Adds a rating to its unit's month rollup: one `doc().update` of `_.inc` on the month and day paths (a
 * single atomic write, so concurrent ratings never lose counts). The month's document is created on first
 * use; a concurrent creator losing the race is harmless (the duplicate is ignored and the increment retried).
 */
export async function incrementRollup(r: RatingRecord): Promise<void> {
  const { id, unitId, month, inc } = incrementsFor(r);
  const _ = cmd();
  const data = Object.fromEntries(Object.entries(inc).map(([path, v]) => [path, _.inc(v)]));
  for (let attempt = 0; attempt < 3; attempt++) {
    if (updatedOf(await rollups().doc(id).update({ data })) === 1) return;
    const empty: RollupDoc = { _id: id, unitId, month, n: 0, sum: 0, r: {}, z: {}, c: {}, s: {}, k: {}, d: {} };
    try {
      await rollups().add({ data: empty });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }
  throw new Error(`rollup ${id} could not be created`);
}

/**
 * Records a rating: inserts its source record (idempotent on `_id`: a retried request adds nothing) and, only
 * when the insert is new, increments the rollup in the same function call. If the function dies between the
 * two writes, the nightly check (stats timer) finds the difference and repairs it. Returns whether it was new.
 */
export async function recordRating(r: RatingRecord, extra: Record<string, unknown> = {}): Promise<boolean> {
  try {
    await db()
      .collection(COLLECTIONS.feedback)
      .add({ data: { ...extra, ...r } });
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
  try {
    await incrementRollup(r);
  } catch (e) {
    logger.error('rollup increment failed; the nightly check will repair it', { ratingId: r._id, error: e });
  }
  return true;
}

/** A transaction's handle, as far as a rating write needs it (`db().startTransaction()` returns one). */
export interface RatingTx {
  collection(name: string): ReturnType<ReturnType<typeof db>['collection']>;
}

/**
 * Creates the month rollup a rating will land in, if it does not exist yet: call it before a transaction
 * that records the rating with `recordRatingInTransaction` (a transaction sees only what existed when it
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

/**
 * Records a rating inside the caller's transaction: its source record and its rollup increment commit
 * together with the caller's other writes, or not at all (no drift for the nightly check to repair). The
 * month's rollup must exist (`ensureRollup`); a missing one is an error, so nothing is half-written.
 */
export async function recordRatingInTransaction(tx: RatingTx, r: RatingRecord, extra: Record<string, unknown> = {}): Promise<void> {
  const { id, inc } = incrementsFor(r);
  const _ = cmd();
  await tx.collection(COLLECTIONS.feedback).add({ data: { ...extra, ...r } });
  const data = Object.fromEntries(Object.entries(inc).map(([path, v]) => [path, _.inc(v)]));
  if (updatedOf(await tx.collection(COLLECTIONS.satRollups).doc(id).update({ data })) !== 1) {
    throw new Error(`rollup ${id} does not exist: call ensureRollup before the transaction`);
  }
}
