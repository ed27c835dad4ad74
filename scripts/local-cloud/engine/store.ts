import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type Doc, deserialize, serialize } from './codec';
import type { Access, IndexEntry, IndexKey } from './keys';

/** A row as read from SQLite: the parsed document and its version (for transaction conflicts). */
export type Stored = { doc: Doc; ver: number };

type Raw = { id: string; ver: number; body: string };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
  seq INTEGER PRIMARY KEY,
  coll TEXT NOT NULL,
  id TEXT NOT NULL,
  ver INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS docs_id ON docs (coll, id);
CREATE INDEX IF NOT EXISTS docs_coll ON docs (coll, seq);
CREATE TABLE IF NOT EXISTS idx (coll TEXT NOT NULL, name TEXT NOT NULL, t INTEGER NOT NULL, v, id TEXT NOT NULL, t2 INTEGER, v2);
CREATE INDEX IF NOT EXISTS idx_doc ON idx (coll, id);
CREATE TABLE IF NOT EXISTS index_meta (coll TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL, PRIMARY KEY (coll, name));
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** Opens a connection with the settings every connection to the data file needs. */
export function openConnection(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a committed write is in the WAL before the call returns, so it survives
  // the process being killed (kill -9); only an OS crash or power loss can lose the last commits.
  // LOCAL_CLOUD_SYNC=FULL makes every commit fsync as well.
  db.pragma(`synchronous = ${process.env.LOCAL_CLOUD_SYNC === 'FULL' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  // 64 MiB of page cache per connection (SQLite's default is 2 MiB): with a million documents the
  // index B-trees no longer fit the default, and every insert would go to the file for its pages.
  db.pragma('cache_size = -65536');
  return db;
}

/**
 * Reads through one connection. The engine has one for committed data and one per open
 * transaction, whose read transaction pins a snapshot.
 */
export class Reader {
  private readonly hasColl: Database.Statement;
  private readonly statements = new Map<string, Database.Statement>();
  /** Documents parsed, for the benchmarks' "documents read" figures. */
  docsRead = 0;
  /**
   * Top-level fields left out of the bodies read (an exclusion projection pushed down to SQLite's
   * `json_remove`, so a large field the caller does not want is never parsed). Set by the engine around
   * one read; null for whole documents.
   */
  omit: string[] | null = null;

  constructor(readonly db: Database.Database) {
    this.hasColl = db.prepare('SELECT 1 FROM collections WHERE name = ?');
  }

  /** A statement selecting `id, ver, body` (the body without `omit`), prepared once per shape. */
  private stmt(kind: string, sql: (body: string) => string): Database.Statement {
    const key = `${kind}|${this.omit?.join('\u0000') ?? ''}`;
    let stmt = this.statements.get(key);
    if (!stmt) {
      const paths = (this.omit ?? []).map((f) => `'$.${f}'`); // plain identifiers only (see Engine.find)
      stmt = this.db.prepare(sql(paths.length > 0 ? `json_remove(d.body, ${paths.join(', ')}) AS body` : 'd.body'));
      this.statements.set(key, stmt);
    }
    return stmt;
  }

  private parse(row: Raw): Stored {
    this.docsRead++;
    return { doc: deserialize(row.body), ver: row.ver };
  }

  /** Collections are never dropped, so a name seen once stays known (saves a query per request). */
  private readonly known = new Set<string>();

  collectionExists(coll: string): boolean {
    if (this.known.has(coll)) return true;
    const exists = this.hasColl.get(coll) !== undefined;
    if (exists) this.known.add(coll);
    return exists;
  }

  get(coll: string, id: string): Stored | undefined {
    const row = this.stmt('id', (b) => `SELECT d.id, d.ver, ${b} FROM docs d WHERE d.coll = ? AND d.id = ?`).get(coll, id) as
      | Raw
      | undefined;
    return row ? this.parse(row) : undefined;
  }

  *scan(coll: string): Generator<Stored> {
    const stmt = this.stmt('scan', (b) => `SELECT d.id, d.ver, ${b} FROM docs d WHERE d.coll = ? ORDER BY d.seq`);
    for (const row of stmt.iterate(coll) as Iterable<Raw>) yield this.parse(row);
  }

  /**
   * Documents with this key; ids in `skip` (already yielded by another lookup) are not parsed again. For a
   * compound index, `next` bounds its second key (equality or range) and/or `direction` reads in its order.
   */
  *indexEq(coll: string, name: string, key: IndexKey, skip?: Set<string>, next?: NextKey): Generator<Stored> {
    if (!next) {
      const stmt = this.stmt(
        'eq',
        (b) =>
          `SELECT d.id, d.ver, ${b} FROM idx i JOIN docs d ON d.coll = i.coll AND d.id = i.id WHERE i.coll = ? AND i.name = ? AND i.t = ? AND i.v IS ? ORDER BY d.seq`,
      );
      for (const row of stmt.iterate(coll, name, key.t, key.v) as Iterable<Raw>) if (!skip?.has(row.id)) yield this.parse(row);
      return;
    }
    const { sig, where, params } = secondKey(next);
    const dir = next.direction === -1 ? 'DESC' : 'ASC';
    const stmt = this.stmt(
      `eq2|${sig}|${next.direction ?? 0}`,
      (b) =>
        `SELECT d.id, d.ver, ${b} FROM idx i JOIN docs d ON d.coll = i.coll AND d.id = i.id WHERE i.coll = @coll AND i.name = @name AND i.t = @t AND i.v IS @v${where} ORDER BY ${next.direction ? `i.t2 ${dir}, i.v2 ${dir}, ` : ''}d.seq`,
    );
    for (const p of params) {
      for (const row of stmt.iterate({ coll, name, t: key.t, v: key.v, ...p }) as Iterable<Raw>)
        if (!skip?.has(row.id)) yield this.parse(row);
    }
  }

  /** How many index entries an access touches (from the index alone: no document is read). */
  countKeys(coll: string, name: string, access: Access, next?: NextKey): number {
    if (access.kind === 'eq' && next?.access) {
      const { sig, where, params } = secondKey(next);
      const stmt = this.stmt(
        `count-eq2|${sig}`,
        () => `SELECT COUNT(*) AS n FROM idx i WHERE i.coll = @coll AND i.name = @name AND i.t = @t AND i.v IS @v${where}`,
      );
      let n = 0;
      for (const k of access.keys) for (const p of params) n += (stmt.get({ coll, name, t: k.t, v: k.v, ...p }) as { n: number }).n;
      return n;
    }
    if (access.kind === 'eq') {
      const stmt = this.stmt('count-eq', () => 'SELECT COUNT(*) AS n FROM idx i WHERE i.coll = ? AND i.name = ? AND i.t = ? AND i.v IS ?');
      return access.keys.reduce((n, k) => n + (stmt.get(coll, name, k.t, k.v) as { n: number }).n, 0);
    }
    const { lo, hi } = access;
    const sig = `count-range${lo ? (lo.inclusive ? '>=' : '>') : ''}|${hi ? (hi.inclusive ? '<=' : '<') : ''}`;
    const stmt = this.stmt(sig, () => {
      const where = ['i.coll = @coll', 'i.name = @name', 'i.t = @t'];
      if (lo) where.push(`i.v ${lo.inclusive ? '>=' : '>'} @lo`);
      if (hi) where.push(`i.v ${hi.inclusive ? '<=' : '<'} @hi`);
      return `SELECT COUNT(*) AS n FROM idx i WHERE ${where.join(' AND ')}`;
    });
    const params: Record<string, unknown> = { coll, name, t: access.t };
    if (lo) params.lo = lo.v;
    if (hi) params.hi = hi.v;
    return (stmt.get(params) as { n: number }).n;
  }

  *indexRange(
    coll: string,
    name: string,
    t: number,
    lo: { v: number | string; inclusive: boolean } | undefined,
    hi: { v: number | string; inclusive: boolean } | undefined,
    direction: 1 | -1,
    skip?: Set<string>,
  ): Generator<Stored> {
    const sig = `range${lo ? (lo.inclusive ? '>=' : '>') : ''}|${hi ? (hi.inclusive ? '<=' : '<') : ''}|${direction}`;
    const stmt = this.stmt(sig, (b) => {
      const where = ['i.coll = @coll', 'i.name = @name', 'i.t = @t'];
      if (lo) where.push(`i.v ${lo.inclusive ? '>=' : '>'} @lo`);
      if (hi) where.push(`i.v ${hi.inclusive ? '<=' : '<'} @hi`);
      return `SELECT d.id, d.ver, ${b} FROM idx i JOIN docs d ON d.coll = i.coll AND d.id = i.id WHERE ${where.join(' AND ')} ORDER BY i.v ${direction === 1 ? 'ASC' : 'DESC'}, d.seq`;
    });
    const params: Record<string, unknown> = { coll, name, t };
    if (lo) params.lo = lo.v;
    if (hi) params.hi = hi.v;
    for (const row of stmt.iterate(params) as Iterable<Raw>) if (!skip?.has(row.id)) yield this.parse(row);
  }
}

/** The second key of a compound index: a condition on it, and the order to read it in (none: storage order). */
export type NextKey = { access: Access | null; direction?: 1 | -1 };

/** The SQL condition on a compound index's second key, and one parameter set per key it matches. */
function secondKey(next: NextKey): { sig: string; where: string; params: Array<Record<string, unknown>> } {
  const a = next.access;
  if (!a) return { sig: 'any', where: '', params: [{}] };
  if (a.kind === 'eq') return { sig: 'eq', where: ' AND i.t2 = @t2 AND i.v2 IS @v2', params: a.keys.map((k) => ({ t2: k.t, v2: k.v })) };
  const { lo, hi } = a;
  let where = ' AND i.t2 = @t2';
  const p: Record<string, unknown> = { t2: a.t };
  if (lo) {
    where += ` AND i.v2 ${lo.inclusive ? '>=' : '>'} @lo2`;
    p.lo2 = lo.v;
  }
  if (hi) {
    where += ` AND i.v2 ${hi.inclusive ? '<=' : '<'} @hi2`;
    p.hi2 = hi.v;
  }
  return { sig: `range${lo ? (lo.inclusive ? '>=' : '>') : ''}|${hi ? (hi.inclusive ? '<=' : '<') : ''}`, where, params: [p] };
}

/** Writes, always through the one writer connection and inside a SQLite transaction. */
export class Writer {
  private readonly insertDoc: Database.Statement;
  private readonly updateDoc: Database.Statement;
  private readonly deleteDoc: Database.Statement;
  private readonly insertKey: Database.Statement;
  private readonly deleteKeys: Database.Statement;
  private readonly insertColl: Database.Statement;

  constructor(readonly db: Database.Database) {
    this.insertDoc = db.prepare('INSERT INTO docs (coll, id, ver, body) VALUES (?, ?, ?, ?)');
    this.updateDoc = db.prepare('UPDATE docs SET ver = ?, body = ? WHERE coll = ? AND id = ?');
    this.deleteDoc = db.prepare('DELETE FROM docs WHERE coll = ? AND id = ?');
    this.insertKey = db.prepare('INSERT INTO idx (coll, name, t, v, id, t2, v2) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.deleteKeys = db.prepare('DELETE FROM idx WHERE coll = ? AND id = ?');
    this.insertColl = db.prepare('INSERT OR IGNORE INTO collections (name, created_at) VALUES (?, ?)');
  }

  createCollection(name: string, at: number): boolean {
    return this.insertColl.run(name, at).changes === 1;
  }

  insert(coll: string, doc: Doc, keys: Array<[string, IndexEntry[]]>): void {
    this.insertDoc.run(coll, doc._id, 1, serialize(doc));
    this.writeKeys(coll, doc._id, keys);
  }

  replace(coll: string, doc: Doc, ver: number, keys: Array<[string, IndexEntry[]]>): void {
    this.updateDoc.run(ver, serialize(doc), coll, doc._id);
    this.deleteKeys.run(coll, doc._id);
    this.writeKeys(coll, doc._id, keys);
  }

  remove(coll: string, id: string): void {
    this.deleteDoc.run(coll, id);
    this.deleteKeys.run(coll, id);
  }

  private writeKeys(coll: string, id: string, keys: Array<[string, IndexEntry[]]>): void {
    for (const [name, list] of keys) for (const [k, k2] of list) this.insertKey.run(coll, name, k.t, k.v, id, k2?.t ?? null, k2?.v ?? null);
  }
}

/** Creates the data directory and schema; returns the database file's path. */
export function prepareDataDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'cloud.sqlite');
  const db = openConnection(file);
  db.exec(SCHEMA);
  // Data written before compound indexes held their second key: add the columns and let the engine
  // rebuild every index from the documents (it rebuilds those without a declaration stored).
  const columns = (db.prepare('PRAGMA table_info(idx)').all() as Array<{ name: string }>).map((c) => c.name);
  if (!columns.includes('t2')) {
    db.transaction(() => {
      db.exec('ALTER TABLE idx ADD COLUMN t2 INTEGER; ALTER TABLE idx ADD COLUMN v2; DELETE FROM idx; DELETE FROM index_meta;');
    })();
  }
  db.exec('DROP INDEX IF EXISTS idx_key; CREATE INDEX IF NOT EXISTS idx_key2 ON idx (coll, name, t, v, t2, v2);');
  db.close();
  return file;
}
