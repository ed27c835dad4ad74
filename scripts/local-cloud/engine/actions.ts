import { z } from 'zod';
import type { Change, Engine, Filter, Sort } from './engine';
import { CloudCode, CloudError, invalid } from './errors';
import { decodeEJSON, encodeEJSON } from './wire';

/**
 * The database actions of CloudBase's `/admin` API, as @cloudbase/database sends them (see
 * docs/local-cloud.md, "Database actions and their parameters"). Each action validates its parameters, runs on the engine and
 * returns the reply body the SDK expects. Both seams — the in-process `Db.reqClass` and the HTTP
 * server — call `runDatabaseAction`, so they cannot drift apart.
 */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

const collectionName = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'collection names are letters, digits, _ and -');
const ejson = z.string().max(4 * 1024 * 1024);
const txId = z.string().min(1).max(64).optional();

const base = { collectionName, transactionId: txId };
const query = { queryType: z.enum(['WHERE', 'DOC']).default('WHERE'), query: ejson.optional() };

const schemas = {
  'database.getDocument': z.object({
    ...base,
    ...query,
    order: ejson.optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(0).optional(),
    projection: ejson.optional(),
    multi: z.boolean().optional(),
  }),
  'database.calculateDocument': z.object({ ...base, ...query }),
  'database.insertDocument': z.object({ ...base, data: z.array(ejson).min(1).max(1000) }),
  'database.modifyDocument': z.object({
    ...base,
    ...query,
    data: ejson,
    multi: z.boolean().default(false),
    merge: z.boolean().default(true),
    upsert: z.boolean().default(false),
  }),
  'database.modifyAndReturnDoc': z.object({ ...base, ...query, data: ejson }),
  'database.removeDocument': z.object({ ...base, ...query, multi: z.boolean().default(false) }),
  'database.aggregateDocuments': z.object({
    collectionName,
    stages: z.array(z.object({ stageKey: z.string().regex(/^\$[a-zA-Z]+$/), stageValue: ejson })).max(50),
  }),
  'database.addCollection': z.object({ collectionName }),
  'database.startTransaction': z.object({}),
  'database.commitTransaction': z.object({ transactionId: z.string().min(1).max(64) }),
  'database.abortTransaction': z.object({ transactionId: z.string().min(1).max(64) }),
} as const;

export type DatabaseAction = keyof typeof schemas;
export const DATABASE_ACTIONS = Object.keys(schemas) as DatabaseAction[];
export const isDatabaseAction = (a: string): a is DatabaseAction => a in schemas;

const AGGREGATE_STAGES = new Set([
  '$match',
  '$project',
  '$group',
  '$sort',
  '$limit',
  '$skip',
  '$unwind',
  '$lookup',
  '$count',
  '$addFields',
  '$replaceRoot',
  '$sample',
  '$bucket',
  '$bucketAuto',
  '$sortByCount',
  '$facet',
]);

/** Runs one database action; returns the reply body (without `requestId`), or throws a CloudError. */
export function runDatabaseAction(engine: Engine, action: string, rawParams: unknown, now = new Date()): Record<string, unknown> {
  if (!isDatabaseAction(action)) throw new CloudError(CloudCode.InvalidAction, `unknown action ${action}`);
  const parsed = schemas[action].safeParse(rawParams ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`${action}: ${issue.path.join('.') || 'params'}: ${issue.message}`);
  }
  const p = parsed.data as Record<string, unknown> & { collectionName: string; transactionId?: string };
  const filter = (): Filter => {
    const q = p.query === undefined ? {} : decodeEJSON(p.query, now, 'query');
    if (q === null || typeof q !== 'object' || Array.isArray(q)) throw invalid('query must be an object');
    return q as Filter;
  };
  const docId = (f: Filter): string => {
    if (typeof f._id !== 'string') throw invalid('a document query needs a string _id');
    return f._id;
  };
  const inTx = p.transactionId;
  if (inTx && p.queryType === 'WHERE' && action !== 'database.insertDocument') {
    throw invalid('only single-document operations (doc().get/update/set/remove, add) are allowed in a transaction');
  }

  switch (action) {
    case 'database.getDocument': {
      const f = filter();
      if (inTx) {
        const doc = engine.txGet(inTx, p.collectionName, docId(f));
        return { data: { list: doc ? [encodeEJSON(doc)] : [] } };
      }
      const limit = Math.min((p.limit as number | undefined) || DEFAULT_LIMIT, MAX_LIMIT);
      const offset = (p.offset as number | undefined) ?? 0;
      const docs = engine.find(p.collectionName, f, {
        sort: p.order === undefined ? undefined : parseOrder(decodeEJSON(p.order, now, 'order')),
        skip: offset,
        limit: p.queryType === 'DOC' ? 1 : limit,
        projection: p.projection === undefined ? undefined : (decodeEJSON(p.projection, now, 'projection') as Record<string, unknown>),
      });
      return { data: { list: docs.map(encodeEJSON) }, limit, offset };
    }
    case 'database.calculateDocument':
      return { data: { total: engine.count(p.collectionName, filter()) } };
    case 'database.insertDocument': {
      const docs = (p.data as string[]).map((d, i) => {
        const v = decodeEJSON(d, now, `data[${i}]`);
        if (v === null || typeof v !== 'object' || Array.isArray(v)) throw invalid(`data[${i}] must be a document`);
        return v as Record<string, unknown>;
      });
      if (inTx) {
        if (docs.length !== 1) throw invalid('a transaction inserts one document at a time');
        return { data: { insertedIds: [engine.txInsert(inTx, p.collectionName, docs[0])] } };
      }
      return { data: { insertedIds: engine.insert(p.collectionName, docs) } };
    }
    case 'database.modifyDocument': {
      const f = filter();
      const change = toChange(decodeEJSON(p.data, now, 'data'), p.merge as boolean);
      if (inTx) {
        const r = engine.txUpdate(inTx, p.collectionName, docId(f), change, p.upsert as boolean);
        return { data: { updated: r.updated, upsert_id: r.upsertedId } };
      }
      const r = engine.update(p.collectionName, f, change, { multi: p.multi as boolean, upsert: p.upsert as boolean });
      return { data: { updated: r.updated, upsert_id: r.upsertedId } };
    }
    case 'database.modifyAndReturnDoc': {
      const f = filter();
      const change = toChange(decodeEJSON(p.data, now, 'data'), true);
      if (inTx) {
        const id = docId(f);
        const r = engine.txUpdate(inTx, p.collectionName, id, change);
        const doc = engine.txGet(inTx, p.collectionName, id);
        return { data: { updated: r.updated, doc: doc ? encodeEJSON(doc) : null } };
      }
      const r = engine.update(p.collectionName, f, change, { multi: false });
      return { data: { updated: r.updated, doc: r.docs[0] ? encodeEJSON(r.docs[0]) : null } };
    }
    case 'database.removeDocument': {
      const f = filter();
      if (inTx) return { data: { deleted: engine.txRemove(inTx, p.collectionName, docId(f)) } };
      return { data: { deleted: engine.remove(p.collectionName, f, { multi: p.multi as boolean }) } };
    }
    case 'database.aggregateDocuments': {
      const stages = (p.stages as Array<{ stageKey: string; stageValue: string }>).map((s, i) => {
        if (!AGGREGATE_STAGES.has(s.stageKey)) throw invalid(`unsupported aggregate stage ${s.stageKey}`);
        return { [s.stageKey]: decodeEJSON(s.stageValue, now, `stages[${i}]`) };
      });
      return { data: { list: engine.aggregate(p.collectionName, stages).map(encodeEJSON) } };
    }
    case 'database.addCollection':
      engine.createCollection(p.collectionName);
      return {};
    case 'database.startTransaction':
      return { transactionId: engine.begin() };
    case 'database.commitTransaction':
      engine.commit(p.transactionId as string);
      return {};
    case 'database.abortTransaction':
      engine.abort(p.transactionId as string);
      return {};
  }
}

function parseOrder(v: unknown): Sort {
  const list = Array.isArray(v) ? v : [v];
  const out: Sort = [];
  for (const item of list) {
    if (item === null || typeof item !== 'object') throw invalid('order must be an object of field: 1 | -1');
    // The SDK sends {field: 1|-1, …} or [{field, direction: 'asc'|'desc'}].
    const o = item as Record<string, unknown>;
    if (typeof o.field === 'string' && typeof o.direction === 'string') {
      out.push([o.field, o.direction === 'desc' ? -1 : 1]);
      continue;
    }
    for (const [field, dir] of Object.entries(o)) {
      if (dir !== 1 && dir !== -1) throw invalid(`order of ${field} must be 1 or -1`);
      out.push([field, dir]);
    }
  }
  return out;
}

function toChange(data: unknown, merge: boolean): Change {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw invalid('data must be an object');
  const o = data as Record<string, unknown>;
  if (!merge) {
    const { _id, ...rest } = o;
    return { kind: 'replace', doc: rest };
  }
  const keys = Object.keys(o);
  // A merge update is operators only; plain fields mean the caller used raw mode: treat them as $set.
  if (keys.every((k) => k.startsWith('$'))) return { kind: 'modify', ops: o };
  if (keys.some((k) => k.startsWith('$'))) throw invalid('an update cannot mix operators and plain fields');
  return { kind: 'modify', ops: { $set: o } };
}
