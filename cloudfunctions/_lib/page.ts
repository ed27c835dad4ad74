import { z } from 'zod';
import { AppError } from '../../shared/errors';
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

export const encodeCursor = (v: number | string, id: string): string => Buffer.from(JSON.stringify({ v, id })).toString('base64url');

export function decodeCursor(cursor: string): { v: number | string; id: string } {
  try {
    return Decoded.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError(LIB_ERRORS.INVALID_CURSOR, 'invalid cursor');
  }
}
