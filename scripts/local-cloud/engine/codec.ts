/**
 * Storage codec: documents are JSON in SQLite, with the few non-JSON values a CloudBase document
 * can hold tagged the way EJSON tags them (`$date` as epoch ms, `$regex`). Kept separate from the
 * wire EJSON so the on-disk format does not depend on what the SDK sends.
 */
export type Doc = Record<string, unknown> & { _id: string };

export function encodeStored(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.getTime() };
  if (value instanceof RegExp) return { $regex: value.source, $options: value.flags };
  if (Array.isArray(value)) return value.map(encodeStored);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeStored(v);
    return out;
  }
  return value;
}

export function decodeStored(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = decodeStored(value[i]);
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.$date === 'number') return new Date(o.$date);
    if (typeof o.$regex === 'string') return new RegExp(o.$regex, String(o.$options ?? ''));
    for (const k of Object.keys(o)) o[k] = decodeStored(o[k]);
    return o;
  }
  return value;
}

export const serialize = (doc: unknown): string => JSON.stringify(encodeStored(doc));
/** Only a body holding a tagged value (`"$date"`, `"$regex"`) needs the decoding walk. */
export const deserialize = (text: string): Doc => {
  const parsed = JSON.parse(text) as Doc;
  return text.includes('"$') ? (decodeStored(parsed) as Doc) : parsed;
};

/**
 * A deep copy that keeps Dates and RegExps. Not structuredClone: it builds its copies in the
 * main realm, so under jest (whose tests run in another realm) `instanceof Date` would fail.
 */
export function clone<T>(v: T): T {
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (v instanceof RegExp) return new RegExp(v.source, v.flags) as T;
  if (Array.isArray(v)) return v.map(clone) as T;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = clone(x);
    return out as T;
  }
  return v;
}
