/**
 * Keyset paging, the one implementation every list uses: a list sorted on (field, `_id`) reads PAGE_SIZE + 1
 * documents after the cursor's (value, id); the extra one says whether there is a next page. The cursor is
 * opaque to the client; anything it sends that this module did not issue (a forged value of the wrong type,
 * `{"v":1e308}` for a date, a huge string) answers REQUEST.INVALID_CURSOR before any database request.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { cmd } from './cloud';
import { LIB_ERRORS } from './errors';

/** Every list returns at most this many items per page. */
export const PAGE_SIZE = 20;

/** An opaque cursor: the sort value and `_id` of the last item, base64url JSON. */
export const Cursor = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'invalid cursor');

// A sort value is a date's milliseconds (within the range a Date can hold) or a short string: a forged `1e308`
// would otherwise reach `new Date()` as an invalid date.
const Decoded = z.strictObject({
  v: z.union([z.number().int().min(-8.64e15).max(8.64e15), z.string().max(200)]),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
});

export type Page<T> = { items: T[]; nextCursor: string | null };

/** What a list is sorted on: an instant (stored as a Date), a whole number (a briefing's `no`), or a string. */
export type SortKind = 'date' | 'number' | 'string';
type SortValue = Date | number | string;

/** The largest distance from the epoch a JavaScript Date can hold (ms). */
const MAX_DATE_MS = 8.64e15;

const invalid = () => new AppError(LIB_ERRORS.INVALID_CURSOR, 'invalid cursor');

export const encodeCursor = (v: SortValue, id: string): string =>
  Buffer.from(JSON.stringify({ v: v instanceof Date ? v.getTime() : v, id })).toString('base64url');

/** The cursor's value and id, or REQUEST.INVALID_CURSOR. */
export function decodeCursor(cursor: string): { v: number | string; id: string } {
  try {
    return Decoded.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw invalid();
  }
}

/** The cursor's value as the list's sort field holds it, or REQUEST.INVALID_CURSOR when it cannot be one. */
function sortValueOf(v: number | string, kind: SortKind): SortValue {
  if (kind === 'string') {
    if (typeof v !== 'string' || v.length > 200) throw invalid();
    return v;
  }
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw invalid();
  if (kind === 'number') return v;
  if (Math.abs(v) > MAX_DATE_MS) throw invalid();
  return new Date(v);
}

/**
 * The condition "after the cursor" for a list sorted on (`field`, `_id`) in `dir`, to AND with the list's
 * filter; null without a cursor.
 */
export function afterCursor(
  cursor: string | undefined,
  field: string,
  kind: SortKind,
  dir: 'asc' | 'desc',
): Record<string, unknown> | null {
  if (!cursor) return null;
  const { v, id } = decodeCursor(cursor);
  const value = sortValueOf(v, kind);
  const _ = cmd();
  const beyond = dir === 'desc' ? _.lt : _.gt;
  return _.or([{ [field]: beyond(value) }, { [field]: value, _id: beyond(id) }]) as unknown as Record<string, unknown>;
}

/** `filter` AND the cursor condition (either may be absent). */
export function withCursor(filter: Record<string, unknown> | null, after: Record<string, unknown> | null): Record<string, unknown> {
  if (!after) return filter ?? {};
  if (!filter || Object.keys(filter).length === 0) return after;
  return cmd().and([filter, after]) as unknown as Record<string, unknown>;
}

/** A page of documents read with `limit(PAGE_SIZE + 1)`: the first PAGE_SIZE, and the cursor after the last if more. */
export function pageFrom<D extends { _id: string }>(docs: D[], sortValue: (d: D) => SortValue): Page<D> {
  const items = docs.slice(0, PAGE_SIZE);
  const last = items[items.length - 1];
  return { items, nextCursor: docs.length > PAGE_SIZE && last ? encodeCursor(sortValue(last), last._id) : null };
}
