import { BSONRegExp, EJSON } from 'bson';
import { invalid } from './errors';

/**
 * The wire's EJSON, as @cloudbase/database writes it (bson's EJSON, canonical): numbers as
 * `$numberInt`/`$numberDouble`, dates as `$date`, regexes as `$regularExpression`, plus the
 * CloudBase-only `{ $tcb_server_date: { offset } }` for `db.serverDate()`, which the server
 * replaces with its own clock (plus the offset in ms) when it decodes the request.
 */
export function decodeEJSON(text: unknown, now: Date, what: string): unknown {
  if (typeof text !== 'string') throw invalid(`${what} must be an EJSON string`);
  let parsed: unknown;
  try {
    parsed = EJSON.parse(text, { relaxed: true });
  } catch (e) {
    throw invalid(`${what} is not valid EJSON: ${(e as Error).message}`);
  }
  return normalise(parsed, now);
}

const MONGO_TO_JS_FLAGS: Record<string, string> = { i: 'i', m: 'm', s: 's', u: 'u' };

function normalise(value: unknown, now: Date): unknown {
  if (value instanceof BSONRegExp) {
    const flags = [...value.options].map((f) => MONGO_TO_JS_FLAGS[f] ?? '').join('');
    try {
      return new RegExp(value.pattern, flags);
    } catch {
      throw invalid(`invalid regular expression /${value.pattern}/`);
    }
  }
  if (value instanceof Date || value instanceof RegExp) return value;
  if (Array.isArray(value)) return value.map((v) => normalise(v, now));
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('$tcb_server_date' in o) {
      const offset = Number((o.$tcb_server_date as { offset?: unknown } | null)?.offset ?? 0);
      if (!Number.isFinite(offset)) throw invalid('serverDate offset must be a number');
      return new Date(now.getTime() + offset);
    }
    if (Object.getPrototypeOf(o) !== Object.prototype && Object.getPrototypeOf(o) !== null) {
      // Another BSON type (ObjectId, Long, Binary…): CloudBase documents here do not use them.
      throw invalid(`unsupported EJSON type ${(o as { _bsontype?: string })._bsontype ?? 'object'}`);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = normalise(v, now);
    return out;
  }
  return value;
}

/** Encodes a value for a reply the way CloudBase does (relaxed EJSON: plain numbers, `$date`). */
export function encodeEJSON(value: unknown): string {
  return EJSON.stringify(toBson(value), { relaxed: true });
}

function toBson(value: unknown): unknown {
  if (value instanceof RegExp) return new BSONRegExp(value.source, value.flags.replace(/[gyd]/g, ''));
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(toBson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toBson(v);
    return out;
  }
  return value;
}
