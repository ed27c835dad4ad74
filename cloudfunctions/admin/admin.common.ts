import { randomBytes } from 'node:crypto';
import { ADMIN_ERRORS } from '../../shared/admin/admin.errors';
import { AppError } from '../../shared/errors';
import type { Unit } from '../../shared/org';
import type { CallerContext } from '../_lib/caller';
import { COLLECTIONS, db, rowsOf } from '../_lib/cloud';
import { clearCaches } from '../_lib/refdata';

/**
 * Who changed a record and when: every admin write carries these. The admin function's own caches are
 * cleared after a write so its next read shows the change at once; the other functions' warm instances
 * keep their reference data for up to CACHE_TTL_MS (cloudfunctions/_lib/refdata.ts, 30 s) and then see it.
 */
export type Stamp = { updatedBy: string; updatedAt: Date };
export const stampOf = (caller: CallerContext, now: Date): Stamp => ({ updatedBy: caller.id, updatedAt: now });

/** Every versioned admin record: documents seeded before versioning read as version 0. */
export const versionOf = (doc: { version?: unknown }): number => (typeof doc.version === 'number' ? doc.version : 0);

/** `ADMIN.STALE` unless the stored version is the one the admin edited. */
export function assertVersion(doc: { version?: unknown }, expected: number, what: string): void {
  if (versionOf(doc) !== expected) {
    throw new AppError(ADMIN_ERRORS.STALE, `the ${what} was changed by someone else; reload and edit again`, {
      version: versionOf(doc),
    });
  }
}

/** After a write: this instance's reference data is read afresh (others see it within CACHE_TTL_MS). */
export const afterWrite = (): void => clearCaches();

/** Every unit, read fresh (an admin may just have been told about a new one). Units number in the tens. */
export async function unitsFresh(): Promise<Unit[]> {
  const res = await db().collection(COLLECTIONS.units).limit(1000).get();
  return rowsOf<Unit>(res);
}

export async function unitOrFail(unitId: string): Promise<Unit> {
  const u = (await unitsFresh()).find((x) => x._id === unitId);
  if (!u) throw new AppError(ADMIN_ERRORS.UNIT_NOT_FOUND, 'no such unit', { unitId });
  return u;
}

/** `text` as a literal pattern (user input never reaches the database as a regular expression). */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `n` characters from `alphabet` (32 symbols), from fresh random bytes. */
export function randomCode(alphabet: string, n: number): string {
  const bytes = randomBytes(n);
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[bytes[i] & 31];
  return out;
}

/** A duplicate key on insert (a unique index, or an `_id` taken). */
export const isDuplicateKey = (e: unknown): boolean => /DUPLICATE|E11000|duplicate key/i.test(String((e as Error)?.message ?? e));

/** Names of people by id, for views (one bounded read). */
export async function namesOf(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (unique.length === 0) return new Map();
  const _ = db().command;
  const res = await db()
    .collection(COLLECTIONS.people)
    .where({ _id: unique.length === 1 ? unique[0] : _.in(unique) })
    .field({ name: true })
    .limit(unique.length)
    .get();
  return new Map(rowsOf<{ _id: string; name: string }>(res).map((p) => [p._id, p.name]));
}
