import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { Aggregator, update as applyUpdate, Query } from 'mingo';
import { clone, type Doc } from './codec';
import { CloudCode, CloudError, invalid } from './errors';
import { type Access, accessFor, conjuncts, disjunctions, entriesAt, type IndexEntry, keyOf } from './keys';
import { type NextKey, openConnection, prepareDataDir, Reader, type Stored, Writer } from './store';

export type IndexSpec = {
  name: string;
  keys: Array<{ field: string; direction: 1 | -1 }>;
  /** Unique over every document: a missing key field counts as null (CloudBase indexes are never sparse). */
  unique?: boolean;
};
export type CollectionSpec = { name: string; indexes?: IndexSpec[] };

export type Sort = Array<[string, 1 | -1]>;
/**
 * A query plan: one index access, `_id` lookups, or the union of plans for the branches of an `$or`. An
 * equality on a compound index's first field can go on to its second (`next`): bounded by a condition on
 * it, or read in its order for a sort on it.
 */
export type Plan =
  | { index: string; field: string; access: Access; next?: { field: string } & NextKey }
  | { index: '_id'; ids: string[] }
  | { union: Plan[] };
export type FindOptions = { sort?: Sort; skip?: number; limit?: number; projection?: Record<string, unknown> };
export type Filter = Record<string, unknown>;
/** A merge update (`$set`, `$inc`, … operators) or a whole-document replacement. */
export type Change = { kind: 'modify'; ops: Record<string, unknown> } | { kind: 'replace'; doc: Record<string, unknown> };

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$currentDate',
]);

const MINGO_OPTIONS = { scriptEnabled: false } as const;
const TX_TTL_MS = Number(process.env.LOCAL_CLOUD_TX_TTL_MS ?? 30_000);
const MAX_OPEN_TX = 256;

type TxWrite = { coll: string; id: string; doc: Doc | null; baseVer: number | null };
type Tx = { id: string; reader: Reader; writes: Map<string, TxWrite>; timer: NodeJS.Timeout };

const docKey = (coll: string, id: string) => `${coll}\u0000${id}`;

type Bound = { v: number | string; inclusive: boolean };
const tighter = (a: Bound | undefined, b: Bound | undefined, dir: 1 | -1): Bound | undefined => {
  if (!a) return b;
  if (!b) return a;
  if (a.v === b.v) return { v: a.v, inclusive: a.inclusive && b.inclusive };
  return (a.v > b.v ? 1 : -1) === dir ? a : b;
};

/** Two accesses on one field that must both hold: equality wins; ranges of one type intersect. */
function narrower(a: Access, b: Access): Access {
  if (a.kind === 'eq') return a;
  if (b.kind === 'eq') return b;
  if (a.t !== b.t) return a;
  return { kind: 'range', t: a.t, lo: tighter(a.lo, b.lo, 1), hi: tighter(a.hi, b.hi, -1) };
}

/** A new document id: seconds since the epoch then random bytes, 32 hex characters like CloudBase's. */
export function autoDocId(): string {
  return (
    Math.floor(Date.now() / 1000)
      .toString(16)
      .padStart(8, '0') + randomBytes(12).toString('hex')
  );
}

/**
 * The top-level fields an exclusion projection drops that the filter and sort never mention: those can be
 * left out of the stored bodies before they are parsed (`Reader.omit`). Null when nothing can be.
 */
function omittable(filter: Filter, opts: FindOptions): string[] | null {
  const p = opts.projection;
  if (!p) return null;
  const fields = Object.entries(p)
    .filter(([f, v]) => (v === 0 || v === false) && f !== '_id' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(f))
    .map(([f]) => f);
  if (fields.length === 0 || fields.length !== Object.keys(p).length) return null;
  const used = JSON.stringify([filter, opts.sort ?? []]);
  const safe = fields.filter((f) => !used.includes(`"${f}"`) && !used.includes(`"${f}.`));
  return safe.length === fields.length ? safe : null;
}

function getPath(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const p of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let o = doc;
  for (const p of parts.slice(0, -1)) {
    if (o[p] === null || typeof o[p] !== 'object') o[p] = {};
    o = o[p] as Record<string, unknown>;
  }
  o[parts[parts.length - 1]] = value;
}

/**
 * The local cloud's database: CloudBase document semantics over SQLite, with MongoDB query,
 * update and aggregation semantics from mingo. Synchronous: each call is atomic with respect to
 * every other, because Node runs one at a time and each write is one SQLite transaction.
 */
export class Engine {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly main: Reader;
  private readonly writer: Writer;
  private readonly indexes = new Map<string, IndexSpec[]>();
  private readonly txs = new Map<string, Tx>();
  private readonly locks = new Map<string, string>();
  private readonly pool: Database.Database[] = [];

  constructor(dataDir: string, collections: CollectionSpec[]) {
    this.file = prepareDataDir(dataDir);
    this.db = openConnection(this.file);
    this.main = new Reader(this.db);
    this.writer = new Writer(this.db);
    this.db.transaction(() => {
      for (const c of collections) {
        this.writer.createCollection(c.name, Date.now());
        this.syncIndexes(c.name, c.indexes ?? []);
      }
      for (const row of this.db.prepare('SELECT DISTINCT coll FROM index_meta').all() as Array<{ coll: string }>) {
        if (!collections.some((c) => c.name === row.coll)) this.syncIndexes(row.coll, []);
      }
    })();
  }

  /** Documents parsed since start (committed reads and snapshot reads). */
  get docsRead(): number {
    let n = this.main.docsRead;
    for (const tx of this.txs.values()) n += tx.reader.docsRead;
    return n;
  }

  /**
   * Transactions begun and not yet committed or aborted, e.g. those a killed function left behind until they
   * expire (`LOCAL_CLOUD_TX_TTL_MS`): crash tests wait for none before the next run, as the next minute would.
   */
  get openTransactions(): number {
    return this.txs.size;
  }

  close(): void {
    for (const id of [...this.txs.keys()]) this.abort(id);
    for (const c of this.pool) c.close();
    this.db.close();
  }

  /** Rebuilds an index's keys when its declaration changed since the data was written. */
  private syncIndexes(coll: string, specs: IndexSpec[]): void {
    const stored = new Map(
      (this.db.prepare('SELECT name, spec FROM index_meta WHERE coll = ?').all(coll) as Array<{ name: string; spec: string }>).map((r) => [
        r.name,
        r.spec,
      ]),
    );
    const wanted = new Map(specs.map((s) => [s.name, JSON.stringify(s)]));
    for (const [name, spec] of stored) {
      if (wanted.get(name) === spec) continue;
      this.db.prepare('DELETE FROM idx WHERE coll = ? AND name = ?').run(coll, name);
      this.db.prepare('DELETE FROM index_meta WHERE coll = ? AND name = ?').run(coll, name);
    }
    for (const spec of specs) {
      if (stored.get(spec.name) === JSON.stringify(spec)) continue;
      const ins = this.db.prepare('INSERT INTO idx (coll, name, t, v, id, t2, v2) VALUES (?, ?, ?, ?, ?, ?, ?)');
      const fields = spec.keys.map((k) => k.field);
      // Read first, then write: one connection cannot insert while a statement on it is still iterating.
      for (const { doc } of [...this.main.scan(coll)]) {
        for (const [k, k2] of entriesAt(doc, fields)) ins.run(coll, spec.name, k.t, k.v, doc._id, k2?.t ?? null, k2?.v ?? null);
      }
      this.db.prepare('INSERT INTO index_meta (coll, name, spec) VALUES (?, ?, ?)').run(coll, spec.name, JSON.stringify(spec));
    }
    this.indexes.set(coll, specs);
  }

  private keysFor(coll: string, doc: Doc): Array<[string, IndexEntry[]]> {
    return (this.indexes.get(coll) ?? []).map((s) => [
      s.name,
      entriesAt(
        doc,
        s.keys.map((k) => k.field),
      ),
    ]);
  }

  private requireCollection(coll: string, reader: Reader = this.main): void {
    if (!reader.collectionExists(coll)) {
      throw new CloudError(CloudCode.CollectionMissing, `Db or Table not exist: ${coll}`);
    }
  }

  listCollections(): string[] {
    return (this.db.prepare('SELECT name FROM collections ORDER BY name').all() as Array<{ name: string }>).map((r) => r.name);
  }

  createCollection(name: string): void {
    if (!this.writer.createCollection(name, Date.now())) {
      throw new CloudError(CloudCode.CollectionExists, `Table exist: ${name}`);
    }
    this.indexes.set(name, this.indexes.get(name) ?? []);
  }

  /**
   * How a filter will be answered: by `_id`; by the declared index with the narrowest access
   * (equality before range; the range bounds of one field intersected, as `_.gte(a).and(_.lt(b))`
   * arrives as two conditions); by the union of index lookups when an `$or` has a plan for every
   * branch (as MongoDB does); or null for a collection scan.
   */
  plan(coll: string, filter: Filter, reader: Reader = this.main, ordered?: { field: string; limit: number }): Plan | null {
    const byField = new Map<string, Access>();
    for (const [field, cond] of conjuncts(filter)) {
      const access = accessFor(cond);
      if (!access) continue;
      if (field === '_id' && access.kind === 'eq' && access.keys.every((k) => typeof k.v === 'string')) {
        return { index: '_id', ids: access.keys.map((k) => k.v as string) };
      }
      const prev = byField.get(field);
      byField.set(field, prev ? narrower(prev, access) : access);
    }
    // Equality before range; among equalities, a compound index whose second field is bounded, then one
    // whose second field is the sort's (read in order), then any.
    type IndexPlan = Extract<Plan, { access: Access }>;
    const rank = (p: IndexPlan) => (p.access.kind === 'eq' ? 1 : 0) * 4 + (p.next?.access ? 2 : p.next?.direction ? 1 : 0);
    let best: IndexPlan | null = null;
    for (const [field, access] of byField) {
      for (const spec of (this.indexes.get(coll) ?? []).filter((s) => s.keys[0].field === field)) {
        const candidate: IndexPlan = { index: spec.name, field, access };
        const second = spec.keys[1]?.field;
        if (second && access.kind === 'eq') {
          const bound = byField.get(second) ?? null;
          // In order of the second key only under one first key (several keys would interleave).
          const inOrder = ordered?.field === second && access.keys.length === 1 && !(bound?.kind === 'eq' && bound.keys.length > 1);
          if (bound || inOrder) candidate.next = { field: second, access: bound, ...(inOrder ? { direction: 1 as const } : {}) };
        }
        if (!best || rank(candidate) > rank(best)) best = candidate;
      }
    }
    // A limited query sorted on a field it also bounds can read that field's index in order and stop early.
    // It beats the equality plan (every match read, then sorted in memory) when the equality is not
    // selective: reading in order costs about limit × range / matches, the equality plan costs matches.
    if (ordered && best && best.field !== ordered.field && best.next?.field !== ordered.field) {
      const access = byField.get(ordered.field);
      const spec = (this.indexes.get(coll) ?? []).find((s) => s.keys[0].field === ordered.field);
      if (access?.kind === 'range' && spec) {
        const matches = reader.countKeys(coll, best.index, best.access, best.next);
        const range = reader.countKeys(coll, spec.name, access);
        if (ordered.limit * range < matches * matches) return { index: spec.name, field: ordered.field, access };
      }
    }
    if (best && 'access' in best && best.access.kind === 'eq') return best;
    for (const branches of disjunctions(filter)) {
      const plans = branches.map((b) => this.plan(coll, b, reader));
      if (plans.every((p): p is Plan => p !== null)) return { union: plans };
    }
    return best;
  }

  /** Candidate documents for a filter in the order the plan yields them (each once). */
  private *candidates(
    coll: string,
    filter: Filter,
    reader: Reader,
    sortField?: [string, 1 | -1],
    ordered?: { field: string; limit: number },
  ): Generator<Stored> {
    const plan = this.plan(coll, filter, reader, ordered);
    if (!plan) {
      yield* reader.scan(coll);
      return;
    }
    const seen = new Set<string>();
    for (const s of this.execute(coll, plan, reader, seen, sortField)) {
      if (seen.has(s.doc._id)) continue;
      seen.add(s.doc._id);
      yield s;
    }
  }

  private *execute(coll: string, plan: Plan, reader: Reader, seen: Set<string>, sortField?: [string, 1 | -1]): Generator<Stored> {
    if ('union' in plan) {
      for (const p of plan.union) yield* this.execute(coll, p, reader, seen);
      return;
    }
    if ('ids' in plan) {
      for (const id of plan.ids) {
        const s = seen.has(id) ? undefined : reader.get(coll, id);
        if (s) yield s;
      }
      return;
    }
    const a = plan.access;
    if (a.kind === 'eq') {
      const next = plan.next && {
        access: plan.next.access,
        ...(plan.next.direction ? { direction: sortField && sortField[0] === plan.next.field ? sortField[1] : plan.next.direction } : {}),
      };
      for (const k of a.keys) yield* reader.indexEq(coll, plan.index, k, seen, next);
    } else {
      const dir = sortField && sortField[0] === plan.field ? sortField[1] : 1;
      yield* reader.indexRange(coll, plan.index, a.t, a.lo, a.hi, dir, seen);
    }
  }

  /**
   * Whether candidates for this filter come ordered by the sort's first key (a range plan on that field):
   * then a limited query can stop reading once it has enough documents and has passed the last one's
   * first-key value, sorting only what it read by the remaining keys (the keyset paging `orderBy(at).orderBy(_id)`).
   */
  private orderedBy(coll: string, filter: Filter, sort: Sort, reader: Reader, ordered?: { field: string; limit: number }): boolean {
    if (sort.length === 0) return false;
    const plan = this.plan(coll, filter, reader, ordered);
    if (!plan || !('access' in plan)) return false;
    if (plan.access.kind === 'range') return plan.field === sort[0][0];
    return plan.next?.direction !== undefined && plan.next.field === sort[0][0];
  }

  /** A test for documents; a filter of only a string `_id` needs none (the lookup is exact). */
  private matcher(filter: Filter): { test: (doc: Doc) => boolean } {
    const keys = Object.keys(filter);
    if (keys.length === 1 && keys[0] === '_id' && typeof filter._id === 'string') return { test: () => true };
    try {
      return new Query(filter, MINGO_OPTIONS);
    } catch (e) {
      throw invalid(`invalid query: ${(e as Error).message}`);
    }
  }

  private select(coll: string, filter: Filter, opts: FindOptions, reader: Reader): Stored[] {
    this.requireCollection(coll, reader);
    const q = this.matcher(filter);
    const sort = opts.sort ?? [];
    const skip = opts.skip ?? 0;
    const limit = opts.limit ?? Number.POSITIVE_INFINITY;
    if (sort.length === 0) {
      const out: Stored[] = [];
      for (const s of this.candidates(coll, filter, reader)) {
        if (!q.test(s.doc)) continue;
        out.push(s);
        if (out.length >= skip + limit) break;
      }
      return out.slice(skip);
    }
    // Ordered by the first sort key: stop after `skip + limit` documents and every tie of the last one.
    const ordered = Number.isFinite(limit) ? { field: sort[0][0], limit: skip + limit } : undefined;
    let prefix = this.orderedBy(coll, filter, sort, reader, ordered) ? sort[0][0] : null;
    const out: Stored[] = [];
    let boundary: string | null = null;
    for (const s of this.candidates(coll, filter, reader, sort[0], ordered)) {
      if (!q.test(s.doc)) continue;
      if (prefix !== null && boundary !== null) {
        const k = keyOf(getPath(s.doc, prefix));
        if (k && JSON.stringify(k) !== boundary) break;
      }
      out.push(s);
      if (prefix !== null && boundary === null && out.length >= skip + limit) {
        if (sort.length === 1) break; // no further keys: ties may come in index order
        const k = keyOf(getPath(s.doc, prefix));
        // An array value (multikey) has no single position in the order: read on to the end.
        boundary = k ? JSON.stringify(k) : null;
        if (!k) prefix = null;
      }
    }
    if (out.length === 1 && skip === 0) return out;
    const sortSpec = Object.fromEntries(sort);
    const byId = new Map(out.map((s) => [s.doc._id, s]));
    const sorted = new Aggregator([{ $sort: sortSpec }], MINGO_OPTIONS).run(out.map((s) => s.doc)) as Doc[];
    return sorted.slice(skip, skip + limit).map((d) => byId.get(d._id) as Stored);
  }

  find(coll: string, filter: Filter, opts: FindOptions = {}): Doc[] {
    const omit = omittable(filter, opts);
    let docs: Doc[];
    this.main.omit = omit;
    try {
      docs = this.select(coll, filter, opts, this.main).map((s) => s.doc);
    } finally {
      this.main.omit = null;
    }
    return opts.projection && Object.keys(opts.projection).length > 0 ? this.project(docs, opts.projection) : docs;
  }

  private project(docs: Doc[], projection: Record<string, unknown>): Doc[] {
    try {
      return new Aggregator([{ $project: projection }], MINGO_OPTIONS).run(docs) as Doc[];
    } catch (e) {
      throw invalid(`invalid projection: ${(e as Error).message}`);
    }
  }

  count(coll: string, filter: Filter): number {
    return this.select(coll, filter, {}, this.main).length;
  }

  aggregate(coll: string, pipeline: Array<Record<string, unknown>>): Record<string, unknown>[] {
    this.requireCollection(coll);
    let source: Doc[];
    let rest = pipeline;
    const first = pipeline[0];
    if (first && '$match' in first && first.$match && typeof first.$match === 'object') {
      source = this.select(coll, first.$match as Filter, {}, this.main).map((s) => s.doc);
      rest = pipeline.slice(1);
    } else {
      source = [...this.main.scan(coll)].map((s) => s.doc);
    }
    try {
      return new Aggregator(rest, {
        ...MINGO_OPTIONS,
        collectionResolver: (name: string) => {
          this.requireCollection(name);
          return [...this.main.scan(name)].map((s) => s.doc);
        },
      }).run(source) as Record<string, unknown>[];
    } catch (e) {
      if (e instanceof CloudError) throw e;
      throw invalid(`invalid aggregate pipeline: ${(e as Error).message}`);
    }
  }

  // ---- writes -------------------------------------------------------------------------------

  /** Refuses a document whose unique keys another document holds; keys unchanged from `before` need no check. */
  private checkUnique(coll: string, doc: Doc, before?: Doc): void {
    for (const spec of this.indexes.get(coll) ?? []) {
      if (!spec.unique) continue;
      const values = spec.keys.map((k) => getPath(doc, k.field));
      if (before && JSON.stringify(values.map(keyOf)) === JSON.stringify(spec.keys.map((k) => keyOf(getPath(before, k.field))))) continue;
      // As on CloudBase (MongoDB): a missing field is indexed as null, so missing and null are one value
      // and only one document may lack the field (no sparse unique indexes).
      const first = keyOf(values[0]);
      if (!first) continue;
      const sig = JSON.stringify(values.map(keyOf));
      for (const other of this.main.indexEq(coll, spec.name, first)) {
        if (other.doc._id === doc._id) continue;
        if (JSON.stringify(spec.keys.map((k) => keyOf(getPath(other.doc, k.field)))) === sig) {
          throw new CloudError(CloudCode.DuplicateKey, `E11000 duplicate key error collection: ${coll} index: ${spec.name}`);
        }
      }
    }
  }

  private prepareNew(doc: Record<string, unknown>): Doc {
    const { _id, ...rest } = clone(doc);
    const out = { _id: _id ?? autoDocId(), ...rest } as Doc;
    if (typeof out._id !== 'string' || out._id.length === 0 || out._id.length > 128) {
      throw invalid('_id must be a non-empty string of at most 128 characters');
    }
    return out;
  }

  private putNew(coll: string, doc: Doc): void {
    if (this.main.get(coll, doc._id)) {
      throw new CloudError(CloudCode.DuplicateKey, `E11000 duplicate key error collection: ${coll} index: _id_ dup key: ${doc._id}`);
    }
    this.checkUnique(coll, doc);
    this.writer.insert(coll, doc, this.keysFor(coll, doc));
  }

  private putExisting(coll: string, doc: Doc, ver: number, before: Doc): void {
    this.checkUnique(coll, doc, before);
    this.writer.replace(coll, doc, ver, this.keysFor(coll, doc));
  }

  /** Inserts all documents or none; returns their ids. */
  insert(coll: string, docs: Array<Record<string, unknown>>): string[] {
    this.requireCollection(coll);
    const prepared = docs.map((d) => this.prepareNew(d));
    this.db.transaction(() => {
      for (const d of prepared) this.putNew(coll, d);
    })();
    return prepared.map((d) => d._id);
  }

  /** Applies a change to a document copy; returns null when nothing changed. */
  private applyChange(current: Doc, change: Change): Doc | null {
    if (change.kind === 'replace') {
      const next = { ...(clone(change.doc) as Record<string, unknown>), _id: current._id } as Doc;
      return JSON.stringify(next) === JSON.stringify(current) ? null : next;
    }
    const next = clone(current);
    let changed: string[];
    try {
      changed = applyUpdate(next, change.ops as never, undefined, undefined, { cloneMode: 'deep' });
    } catch (e) {
      throw invalid(`invalid update: ${(e as Error).message}`);
    }
    if (next._id !== current._id) throw invalid('_id cannot be modified');
    return changed.length > 0 ? next : null;
  }

  /** Checks an update's operators before anything is touched. */
  static validateChange(change: Change): void {
    if (change.kind === 'replace') {
      if (Object.keys(change.doc).some((k) => k.startsWith('$'))) throw invalid('a replacement document cannot hold operators');
      return;
    }
    const ops = Object.keys(change.ops);
    if (ops.length === 0) throw invalid('update is empty');
    for (const op of ops) {
      if (!UPDATE_OPERATORS.has(op)) throw invalid(`unknown update operator ${op}`);
      const fields = change.ops[op];
      if (!fields || typeof fields !== 'object' || Array.isArray(fields)) throw invalid(`${op} needs an object of fields`);
      if (Object.keys(fields).some((f) => f === '_id' || f.startsWith('_id.'))) throw invalid('_id cannot be modified');
    }
  }

  private upsertDoc(filter: Filter, change: Change): Doc {
    if (change.kind === 'replace') return this.prepareNew({ ...change.doc, ...(filter._id ? { _id: filter._id } : {}) });
    const base: Record<string, unknown> = {};
    for (const [field, cond] of conjuncts(filter)) {
      if (cond === null || typeof cond !== 'object' || cond instanceof Date) setPath(base, field, cond);
    }
    const doc = this.prepareNew(base);
    try {
      applyUpdate(doc, change.ops as never, undefined, undefined, { cloneMode: 'deep' });
    } catch (e) {
      throw invalid(`invalid update: ${(e as Error).message}`);
    }
    return doc;
  }

  /** Updates the first (or every, with `multi`) matching document; upserts when asked and none match. */
  update(
    coll: string,
    filter: Filter,
    change: Change,
    opts: { multi?: boolean; upsert?: boolean } = {},
  ): { matched: number; updated: number; upsertedId?: string; docs: Doc[] } {
    Engine.validateChange(change);
    this.requireCollection(coll);
    return this.db.transaction(() => {
      const found = this.select(coll, filter, opts.multi ? {} : { limit: 1 }, this.main);
      if (found.length === 0 && opts.upsert) {
        const doc = this.upsertDoc(filter, change);
        this.putNew(coll, doc);
        return { matched: 0, updated: 0, upsertedId: doc._id, docs: [doc] };
      }
      const docs: Doc[] = [];
      let updated = 0;
      for (const s of found) {
        const next = this.applyChange(s.doc, change);
        if (next) {
          this.putExisting(coll, next, s.ver + 1, s.doc);
          updated++;
        }
        docs.push(next ?? s.doc);
      }
      return { matched: found.length, updated, docs };
    })();
  }

  remove(coll: string, filter: Filter, opts: { multi?: boolean } = {}): number {
    this.requireCollection(coll);
    return this.db.transaction(() => {
      const found = this.select(coll, filter, opts.multi ? {} : { limit: 1 }, this.main);
      for (const s of found) this.writer.remove(coll, s.doc._id);
      return found.length;
    })();
  }

  // ---- transactions --------------------------------------------------------------------------

  /** Starts a transaction whose reads see the data as of now. */
  begin(): string {
    if (this.txs.size >= MAX_OPEN_TX) throw new CloudError(CloudCode.TransactionFail, 'too many open transactions');
    const conn = this.pool.pop() ?? openConnection(this.file);
    conn.exec('BEGIN');
    conn.prepare('SELECT count(*) FROM collections').get(); // pins the read snapshot now
    const id = randomBytes(16).toString('hex');
    const timer = setTimeout(() => this.abort(id), TX_TTL_MS);
    timer.unref();
    this.txs.set(id, { id, reader: new Reader(conn), writes: new Map(), timer });
    return id;
  }

  private tx(id: string): Tx {
    const tx = this.txs.get(id);
    if (!tx)
      throw new CloudError(
        CloudCode.TransactionMissing,
        `[ResourceUnavailable.TransactionNotExist] transaction ${id} does not exist: it must be committed or aborted within ${TX_TTL_MS / 1000} seconds`,
      );
    return tx;
  }

  private end(tx: Tx): void {
    clearTimeout(tx.timer);
    this.txs.delete(tx.id);
    for (const [key, owner] of this.locks) if (owner === tx.id) this.locks.delete(key);
    this.main.docsRead += tx.reader.docsRead;
    tx.reader.db.exec('ROLLBACK');
    this.pool.push(tx.reader.db);
  }

  /** A document as this transaction sees it: its own writes, else its snapshot. */
  txGet(txId: string, coll: string, id: string): Doc | null {
    const tx = this.tx(txId);
    this.requireCollection(coll, tx.reader);
    const w = tx.writes.get(docKey(coll, id));
    if (w) return w.doc ? clone(w.doc) : null;
    return tx.reader.get(coll, id)?.doc ?? null;
  }

  private txWrite(tx: Tx, coll: string, id: string, doc: Doc | null): void {
    const key = docKey(coll, id);
    const owner = this.locks.get(key);
    if (owner && owner !== tx.id) {
      throw new CloudError(
        CloudCode.TransactionConflict,
        `[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others: ${coll}/${id}`,
      );
    }
    const prev = tx.writes.get(key);
    let baseVer = prev ? prev.baseVer : (tx.reader.get(coll, id)?.ver ?? null);
    if (!prev) {
      const committed = this.main.get(coll, id)?.ver ?? null;
      if (committed !== baseVer) {
        throw new CloudError(
          CloudCode.TransactionConflict,
          `[ResourceUnavailable.TransactionConflict] Transaction is conflict, ${coll}/${id} changed since the transaction began`,
        );
      }
      baseVer = committed;
    }
    this.locks.set(key, tx.id);
    tx.writes.set(key, { coll, id, doc, baseVer });
  }

  txInsert(txId: string, coll: string, doc: Record<string, unknown>): string {
    const tx = this.tx(txId);
    this.requireCollection(coll, tx.reader);
    const d = this.prepareNew(doc);
    if (this.txGet(txId, coll, d._id))
      throw new CloudError(CloudCode.DuplicateKey, `E11000 duplicate key error collection: ${coll} index: _id_ dup key: ${d._id}`);
    this.txWrite(tx, coll, d._id, d);
    return d._id;
  }

  /** Updates or replaces one document in a transaction; returns whether one was written. */
  txUpdate(txId: string, coll: string, id: string, change: Change, upsert = false): { updated: number; upsertedId?: string } {
    Engine.validateChange(change);
    const tx = this.tx(txId);
    const current = this.txGet(txId, coll, id);
    if (!current) {
      if (!upsert) return { updated: 0 };
      this.txWrite(tx, coll, id, this.upsertDoc({ _id: id }, change));
      return { updated: 0, upsertedId: id };
    }
    const next = this.applyChange(current, change);
    if (!next) return { updated: 0 };
    this.txWrite(tx, coll, id, next);
    return { updated: 1 };
  }

  txRemove(txId: string, coll: string, id: string): number {
    const tx = this.tx(txId);
    if (!this.txGet(txId, coll, id)) return 0;
    this.txWrite(tx, coll, id, null);
    return 1;
  }

  /** Applies every write of the transaction at once, or none of them. */
  commit(txId: string): void {
    const tx = this.tx(txId);
    try {
      this.db.transaction(() => {
        for (const w of tx.writes.values()) {
          const current = this.main.get(w.coll, w.id);
          if ((current?.ver ?? null) !== w.baseVer) {
            throw new CloudError(
              CloudCode.TransactionConflict,
              `[ResourceUnavailable.TransactionConflict] Transaction is conflict, ${w.coll}/${w.id} changed before commit`,
            );
          }
          if (!w.doc) this.writer.remove(w.coll, w.id);
          else if (current) this.putExisting(w.coll, w.doc, current.ver + 1, current.doc);
          else this.putNew(w.coll, w.doc);
        }
      })();
    } finally {
      this.end(tx);
    }
  }

  abort(txId: string): void {
    this.end(this.tx(txId));
  }
}
