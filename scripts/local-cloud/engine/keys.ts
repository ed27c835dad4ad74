/**
 * Index keys. Each indexed value becomes (type rank, value) so SQLite compares it the way MongoDB
 * does: values of different BSON types never compare equal, and a range only spans its own type.
 */
export type IndexKey = { t: number; v: number | string | null };

const RANK = { null: 2, number: 3, string: 4, object: 5, bool: 9, date: 10 } as const;

/** The key of a scalar, or null when the value cannot be indexed (arrays, regexes). */
export function keyOf(value: unknown): IndexKey | null {
  if (value === null || value === undefined) return { t: RANK.null, v: null };
  if (typeof value === 'number') return Number.isNaN(value) ? null : { t: RANK.number, v: value };
  if (typeof value === 'string') return { t: RANK.string, v: value };
  if (typeof value === 'boolean') return { t: RANK.bool, v: value ? 1 : 0 };
  if (value instanceof Date) return { t: RANK.date, v: value.getTime() };
  if (value instanceof RegExp || Array.isArray(value)) return null;
  if (typeof value === 'object') return { t: RANK.object, v: JSON.stringify(value) };
  return null;
}

/**
 * Every key a document contributes to an index on `path` (multikey: one per array element, and
 * null when the field is missing), as MongoDB indexes it.
 */
export function keysAt(doc: unknown, path: string): IndexKey[] {
  const out: IndexKey[] = [];
  const walk = (value: unknown, parts: string[]): void => {
    if (parts.length === 0) {
      if (Array.isArray(value)) {
        if (value.length === 0) out.push({ t: RANK.null, v: null });
        for (const el of value) {
          const k = keyOf(el);
          if (k) out.push(k);
        }
      } else {
        const k = keyOf(value);
        if (k) out.push(k);
      }
      return;
    }
    if (Array.isArray(value)) {
      for (const el of value) walk(el, parts);
      return;
    }
    if (value === null || typeof value !== 'object') {
      out.push({ t: RANK.null, v: null });
      return;
    }
    walk((value as Record<string, unknown>)[parts[0]], parts.slice(1));
  };
  walk(doc, path.split('.'));
  const seen = new Set<string>();
  return out.filter((k) => {
    const s = `${k.t}:${k.v}`;
    if (seen.has(s)) return false;
    seen.add(s);
    return true;
  });
}

/** One entry of an index: the first key, and the second key of a compound index (null for one field). */
export type IndexEntry = [IndexKey, IndexKey | null];

/**
 * The entries a document contributes to an index on these fields: its first field's keys, each paired
 * with every key of its second field (a compound index; MongoDB allows an array in only one of them).
 * Fields after the second are not held: the matcher checks them on the documents read.
 */
export function entriesAt(doc: unknown, fields: string[]): IndexEntry[] {
  const first = keysAt(doc, fields[0]);
  if (fields.length < 2) return first.map((k) => [k, null]);
  const second = keysAt(doc, fields[1]);
  return first.flatMap((k) => second.map((k2): IndexEntry => [k, k2]));
}

/** How a query can use an index on one field. */
export type Access =
  | { kind: 'eq'; keys: IndexKey[] }
  | { kind: 'range'; t: number; lo?: { v: number | string; inclusive: boolean }; hi?: { v: number | string; inclusive: boolean } };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);

/** Scalars usable as an equality key (objects and arrays match whole values, which the index does not hold). */
const eqKey = (v: unknown): IndexKey | null => (isPlainObject(v) ? null : keyOf(v));

/** The index access one condition on a field allows, or null when it allows none. */
export function accessFor(cond: unknown): Access | null {
  if (!isPlainObject(cond)) {
    const k = eqKey(cond);
    return k ? { kind: 'eq', keys: [k] } : null;
  }
  const ops = Object.keys(cond);
  if (ops.length === 0 || !ops.every((o) => o.startsWith('$'))) return null;
  if ('$eq' in cond) {
    const k = eqKey(cond.$eq);
    if (k) return { kind: 'eq', keys: [k] };
  }
  if ('$in' in cond && Array.isArray(cond.$in)) {
    const keys = cond.$in.map(eqKey);
    if (keys.every((k): k is IndexKey => k !== null)) return { kind: 'eq', keys };
  }
  let range: Extract<Access, { kind: 'range' }> | null = null;
  for (const op of ['$gt', '$gte', '$lt', '$lte'] as const) {
    if (!(op in cond)) continue;
    const k = eqKey(cond[op]);
    if (!k || k.v === null || k.t === 5) return null;
    if (range && range.t !== k.t) return null;
    range ??= { kind: 'range', t: k.t };
    const bound = { v: k.v, inclusive: op.endsWith('e') };
    if (op.startsWith('$g')) range.lo = bound;
    else range.hi = bound;
  }
  return range;
}

/**
 * The top-level conditions of a filter that every matching document satisfies (the filter's own
 * keys and those inside `$and`), as field → condition pairs. `$or`/`$nor` contribute nothing.
 */
export function conjuncts(filter: Record<string, unknown>): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) if (isPlainObject(sub)) out.push(...conjuncts(sub));
    } else if (!k.startsWith('$')) out.push([k, v]);
  }
  return out;
}

/** The `$or` clauses a filter requires (its own and those inside `$and`), each as its list of branches. */
export function disjunctions(filter: Record<string, unknown>): Array<Array<Record<string, unknown>>> {
  const out: Array<Array<Record<string, unknown>>> = [];
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$or' && Array.isArray(v) && v.every(isPlainObject)) out.push(v as Array<Record<string, unknown>>);
    if (k === '$and' && Array.isArray(v)) for (const sub of v) if (isPlainObject(sub)) out.push(...disjunctions(sub));
  }
  return out;
}
