import { DEFAULT_CATEGORIES } from './category.schema';

/** What ordering reads of a category: its code and, once an admin function has written it, its `order`. */
export type Orderable = { code: string; order?: number | null };

/** The code of the catch-all category: a new category is placed just before it. */
export const OTHER_CATEGORY = 'other';

const DEFAULT_INDEX: ReadonlyMap<string, number> = new Map(DEFAULT_CATEGORIES.map((c, i) => [c.code, i]));

/**
 * Where a category sorts: its stored `order`, or (stored before `order` existed, or a default not yet
 * stored) its index in DEFAULT_CATEGORIES, or after every default for any other code.
 */
export const rankOf = (c: Orderable): number =>
  typeof c.order === 'number' && Number.isFinite(c.order) ? c.order : (DEFAULT_INDEX.get(c.code) ?? DEFAULT_CATEGORIES.length);

/**
 * Categories in the order reporters, inspectors and admins see them: by rank (`rankOf`), then by index in
 * DEFAULT_CATEGORIES, then by code, so any mix of stored orders and missing ones sorts the same way every
 * time. A new array; the input is not changed. Example: `sortCategories([{ code: 'other' }, { code: 'noise',
 * order: 3 }, { code: 'hygiene' }])` → hygiene (0), noise (3), other (10).
 */
export function sortCategories<T extends Orderable>(list: readonly T[]): T[] {
  const tie = (c: Orderable) => DEFAULT_INDEX.get(c.code) ?? DEFAULT_CATEGORIES.length;
  return [...list].sort((a, b) => rankOf(a) - rankOf(b) || tie(a) - tie(b) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * The list with a new category inserted where it belongs: just before `other` when there is one, else at
 * the end. `list` must already be sorted (`sortCategories`).
 */
export function insertCategory<T extends Orderable>(sorted: readonly T[], added: T): T[] {
  const at = sorted.findIndex((c) => c.code === OTHER_CATEGORY);
  return at < 0 ? [...sorted, added] : [...sorted.slice(0, at), added, ...sorted.slice(at)];
}

/**
 * The sorted list with the category `code` swapped with its neighbour above (`up`) or below (`down`), or
 * `null` when there is no such neighbour (already first or last). `undefined` when `code` is not in the list.
 */
export function swapWithNeighbour<T extends Orderable>(
  sorted: readonly T[],
  code: string,
  direction: 'up' | 'down',
): T[] | null | undefined {
  const i = sorted.findIndex((c) => c.code === code);
  if (i < 0) return undefined;
  const j = direction === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= sorted.length) return null;
  const out = [...sorted];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/**
 * The `order` each category must store so that the list sorts as given (0, 1, 2, …), for only those whose
 * stored order differs: what a save has to write.
 */
export function orderChanges(list: readonly Orderable[]): Array<{ code: string; order: number }> {
  return list.flatMap((c, order) => (c.order === order ? [] : [{ code: c.code, order }]));
}
