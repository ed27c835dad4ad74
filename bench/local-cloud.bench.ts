/**
 * The local cloud under load, through the real @cloudbase/node-sdk over HTTP against a server in
 * its own process (`scripts/local-cloud/main.ts`, as `npm start` runs it), on a fresh data directory
 * and bench/fixtures/local-cloud.database.json:
 *
 * 1. single-document `add` per second, 16 concurrent clients (each its own node-sdk app);
 * 2. `doc(id).get()` per second, 16 concurrent clients;
 * 3. an equality query on an indexed field of a 100,000-document collection (median latency),
 *    beside the same query on an unindexed field.
 *
 * For 1 and 2 the baseline is the same /admin request body (captured from node-sdk) POSTed by a
 * thin node:http client: what the server does when the client costs next to nothing. Each run also
 * prints the CPU time client and server spent per request and how much of the machine other
 * processes took meanwhile, so a miss can be placed on the SDK client, the server or a noisy machine.
 *
 * Run alone: `npx tsx bench/local-cloud.bench.ts`. Env: BENCH_SECONDS (per SDK run, default 4),
 * BENCH_FETCH=1 (also time Node's fetch() as a raw client).
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { nodeSdkApp, type Spawned, spawnLocalCloud, tempDir } from '../test/helpers/local-cloud';
import {
  type BenchResult,
  drive,
  fmt,
  type LoadReport,
  machineBusyMs,
  median,
  ms,
  percentile,
  perSec,
  printTable,
  ratio,
  selfCpuMs,
  treeCpuMs,
} from './lib';

// Off Tencent Cloud node-sdk probes a metadata server before every request unless told where it
// runs (nodeSdkApp sets this too).
process.env.TENCENTCLOUD = 'true';

const DATABASE_CONFIG = path.join(__dirname, 'fixtures', 'local-cloud.database.json');
const CLIENTS = 16;
const SDK_MS = Number(process.env.BENCH_SECONDS ?? 4) * 1000;
const RAW_MS = 2500;
const WITH_FETCH = process.env.BENCH_FETCH === '1';
const BIG_DOCS = 100_000;
const BATCH = 1000;
const GROUPS = BIG_DOCS / 10; // each grp / ugrp value matches 10 documents
const INDEXED_QUERIES = 200;
const UNINDEXED_QUERIES = 30;
const UNINDEXED_BUDGET_MS = 12_000;

const INSERT_TARGET = 1000;
const READ_TARGET = 2000;
const INDEXED_TARGET_MS = 5;
/** Share of the machine other processes may take before figures are flagged as contended. */
const CONTENDED = 0.1;

type Db = ReturnType<ReturnType<typeof nodeSdkApp>['database']>;
type Reply = Record<string, unknown>;

const log = (line: string) => console.log(line);
const pct = (x: number) => `${fmt(100 * x, 0)}%`;

// ---- CPU accounting ---------------------------------------------------------------------------

/** CPU (ms) used by this client process, the server's process tree and the whole machine. */
type CpuWindow = { clientMs: number; serverMs: number; otherLoad: number; wallMs: number };

function cpuWindow(server: Spawned): () => CpuWindow {
  const pid = server.proc.pid as number;
  const [c0, s0, m0, t0] = [selfCpuMs(), treeCpuMs(pid), machineBusyMs(), performance.now()];
  return () => {
    const [c1, s1, m1, t1] = [selfCpuMs(), treeCpuMs(pid), machineBusyMs(), performance.now()];
    const clientMs = c1 - c0;
    const serverMs = s1 - s0;
    const otherLoad = Math.max(0, m1 - m0 - clientMs - serverMs) / ((t1 - t0) * os.availableParallelism());
    return { clientMs, serverMs, otherLoad, wallMs: t1 - t0 };
  };
}

type Measured = LoadReport & { clientMsPerOp: number; serverMsPerOp: number; clientCores: number; serverCores: number; otherLoad: number };

const contention: number[] = [];

async function measured(server: Spawned, fn: () => Promise<LoadReport>): Promise<Measured> {
  const done = cpuWindow(server);
  const r = await fn();
  const w = done();
  contention.push(w.otherLoad);
  const n = Math.max(1, r.ops + r.errors);
  return {
    ...r,
    clientMsPerOp: w.clientMs / n,
    serverMsPerOp: w.serverMs / n,
    clientCores: w.clientMs / w.wallMs,
    serverCores: w.serverMs / w.wallMs,
    otherLoad: w.otherLoad,
  };
}

function describe(label: string, r: Measured): void {
  const errors = r.errors ? `  ERRORS ${r.errors}: ${String((r.firstError as Error)?.message ?? r.firstError)}` : '';
  log(
    `  ${label.padEnd(32)} ${perSec(r.perSecond).padStart(8)}  p50 ${ms(percentile(r.latencies, 50)).padStart(8)}  p99 ${ms(
      percentile(r.latencies, 99),
    ).padStart(8)} | CPU/req client ${ms(r.clientMsPerOp).padStart(7)} (${pct(r.clientCores).padStart(4)} of a core)  server ${ms(
      r.serverMsPerOp,
    ).padStart(7)} (${pct(r.serverCores).padStart(4)})  others ${pct(r.otherLoad)}${errors}`,
  );
}

/** Which side limits an SDK run, from the CPU each side used. */
function diagnose(what: string, sdk: Measured, thin: Measured, target: number): void {
  if (sdk.perSecond >= target) return;
  const side =
    sdk.otherLoad > CONTENDED
      ? `other processes took ${pct(sdk.otherLoad)} of the machine meanwhile (client ${pct(sdk.clientCores)}, server ${pct(sdk.serverCores)} of a core)`
      : sdk.clientCores > 0.85
        ? `the node-sdk client process is CPU-bound (${pct(sdk.clientCores)} of one core, ${ms(sdk.clientMsPerOp)} per request), ` +
          `so one process of SDK clients tops out near ${perSec(1000 / sdk.clientMsPerOp)}`
        : sdk.serverCores > 0.85
          ? `the server is CPU-bound (${pct(sdk.serverCores)} of one core, ${ms(sdk.serverMsPerOp)} per request)`
          : `neither process saturated a core (client ${pct(sdk.clientCores)}, server ${pct(sdk.serverCores)}): latency-bound`;
  log(
    `  → ${what} missed ${perSec(target)}: ${side}; the same server answers ${perSec(thin.perSecond)} to a thin client ` +
      `(server ${ms(thin.serverMsPerOp)} CPU per request).`,
  );
}

// ---- raw clients --------------------------------------------------------------------------------

/**
 * The exact /admin bodies node-sdk sends for `add(doc)` and `doc(id).get()`, captured from the SDK
 * itself by a throwaway loopback server, so the thin-client baseline carries the same payload.
 */
async function captureSdkBodies(doc: Record<string, unknown>, collection: string): Promise<{ add: string; get: string }> {
  const bodies: string[] = [];
  const srv = http.createServer((req, res) => {
    let b = '';
    req.on('data', (c) => {
      b += c;
    });
    req.on('end', () => {
      bodies.push(b);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ requestId: 'capture', data: { insertedIds: ['x'], list: [] } }));
    });
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  try {
    const db = nodeSdkApp(`http://127.0.0.1:${(srv.address() as { port: number }).port}`).database();
    await db.collection(collection).add(doc);
    await db.collection(collection).doc('__BENCH_ID__').get();
  } finally {
    srv.closeAllConnections();
    await new Promise<void>((resolve) => srv.close(() => resolve()));
  }
  return { add: bodies[0], get: bodies[1] };
}

const thinAgent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

/** The thin client: node:http with a keep-alive agent; no signing, no SDK. */
function thinPost(url: string, body: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/admin`,
      { method: 'POST', agent: thinAgent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (e) {
            reject(e);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Node's fetch() (undici), for comparison: on this machine it costs the client more CPU than node-sdk. */
async function fetchPost(url: string, body: string): Promise<Reply> {
  const res = await fetch(`${url}/admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return (await res.json()) as Reply;
}

/** Whether a getDocument reply's first document is `id` (the list carries EJSON strings). */
function listHas(reply: Reply, id: string): boolean {
  const first = (reply.data as { list?: unknown[] } | undefined)?.list?.[0];
  return typeof first === 'string' ? first.includes(`"_id":"${id}"`) : (first as { _id?: string } | undefined)?._id === id;
}

// ---- 1 and 2: throughput ----------------------------------------------------------------------

const itemDoc = (w: number, i: number) => ({ worker: w, i, title: `ticket ${w}-${i}`, status: 'open', tags: ['a', 'b'], score: i % 97 });

async function throughput(server: Spawned): Promise<BenchResult[]> {
  const dbs: Db[] = Array.from({ length: CLIENTS }, () => nodeSdkApp(server.url).database());
  const bodies = await captureSdkBodies(itemDoc(0, 0), 'bench_items');
  const ids: string[] = [];

  const add = async (w: number, i: number) => {
    const res = (await dbs[w].collection('bench_items').add(itemDoc(w, i))) as { id?: string; code?: string; message?: string };
    if (!res.id) throw new Error(`add failed: ${res.code} ${res.message}`);
    ids.push(res.id);
  };
  const rawAdd = (post: typeof thinPost) => async () => {
    const r = await post(server.url, bodies.add);
    if (!(r.data as { insertedIds?: string[] } | undefined)?.insertedIds) throw new Error(`raw add failed: ${JSON.stringify(r)}`);
  };

  await drive(CLIENTS, 600, add); // warm-up: sockets, JIT, SQLite
  log(`\n[1] single-document add(), ${CLIENTS} clients (one node-sdk app each), ${SDK_MS / 1000} s`);
  const sdkAdd = await measured(server, () => drive(CLIENTS, SDK_MS, add));
  describe('node-sdk collection().add()', sdkAdd);
  const thinAdd = await measured(server, () => drive(CLIENTS, RAW_MS, rawAdd(thinPost)));
  describe('thin node:http, same body', thinAdd);
  if (WITH_FETCH) describe('fetch(), same body', await measured(server, () => drive(CLIENTS, RAW_MS, rawAdd(fetchPost))));
  diagnose('add()', sdkAdd, thinAdd, INSERT_TARGET);

  const pick = () => ids[Math.floor(Math.random() * ids.length)];
  const get = async (w: number) => {
    const id = pick();
    const res = (await dbs[w].collection('bench_items').doc(id).get()) as { data?: Array<{ _id: string }> };
    if (res.data?.[0]?._id !== id) throw new Error(`get failed: ${JSON.stringify(res).slice(0, 200)}`);
  };
  const rawGet = (post: typeof thinPost) => async () => {
    const id = pick();
    const r = await post(server.url, bodies.get.replace('__BENCH_ID__', id));
    if (!listHas(r, id)) throw new Error(`raw get failed: ${JSON.stringify(r).slice(0, 200)}`);
  };

  await drive(CLIENTS, 300, get);
  log(`\n[2] doc(id).get(), ${CLIENTS} clients, ${SDK_MS / 1000} s, random ids among ${fmt(ids.length, 0)} documents`);
  const sdkGet = await measured(server, () => drive(CLIENTS, SDK_MS, get));
  describe('node-sdk doc(id).get()', sdkGet);
  const thinGet = await measured(server, () => drive(CLIENTS, RAW_MS, rawGet(thinPost)));
  describe('thin node:http, same body', thinGet);
  if (WITH_FETCH) describe('fetch(), same body', await measured(server, () => drive(CLIENTS, RAW_MS, rawGet(fetchPost))));
  diagnose('doc(id).get()', sdkGet, thinGet, READ_TARGET);

  const pass = (r: LoadReport, target: number) => r.errors === 0 && r.perSecond >= target;
  return [
    {
      name: `insert: add() ×${CLIENTS} node-sdk clients (baseline: thin http client)`,
      figure: perSec(sdkAdd.perSecond),
      baseline: perSec(thinAdd.perSecond),
      ratio: ratio(sdkAdd.perSecond, thinAdd.perSecond),
      target: `≥ ${fmt(INSERT_TARGET, 0)}/s`,
      pass: pass(sdkAdd, INSERT_TARGET),
    },
    {
      name: `point read: doc(id).get() ×${CLIENTS} node-sdk clients (baseline: thin http client)`,
      figure: perSec(sdkGet.perSecond),
      baseline: perSec(thinGet.perSecond),
      ratio: ratio(sdkGet.perSecond, thinGet.perSecond),
      target: `≥ ${fmt(READ_TARGET, 0)}/s`,
      pass: pass(sdkGet, READ_TARGET),
    },
  ];
}

// ---- 3: indexed vs unindexed equality query --------------------------------------------------

/** Loads BIG_DOCS documents into bench_big through the SDK, BATCH per add([...]), 4 batches in flight. */
async function loadBig(db: Db): Promise<void> {
  const t0 = performance.now();
  const batches = BIG_DOCS / BATCH;
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let b = next++; b < batches; b = next++) {
        const docs = Array.from({ length: BATCH }, (_, j) => {
          const n = b * BATCH + j;
          const g = n % GROUPS;
          return { n, grp: g, ugrp: g, name: `item ${n}`, status: n % 3 === 0 ? 'open' : 'closed', createdAt: 1_700_000_000_000 + n };
        });
        const res = (await db.collection('bench_big').add(docs)) as { ids?: string[]; code?: string; message?: string };
        if (res.ids?.length !== BATCH) throw new Error(`batch add failed: ${res.code} ${res.message}`);
      }
    }),
  );
  const s = (performance.now() - t0) / 1000;
  log(`  loaded ${fmt(BIG_DOCS, 0)} documents in ${fmt(s)} s (${perSec(BIG_DOCS / s)}; add([...]) of ${BATCH}, 4 in flight)`);
}

/** Sequential `where({field: value}).get()` latencies (ms), each matching 10 documents. */
async function timeQueries(db: Db, field: 'grp' | 'ugrp', count: number, budgetMs: number): Promise<number[]> {
  const lat: number[] = [];
  const end = performance.now() + budgetMs;
  for (let i = 0; i < count && performance.now() < end; i++) {
    const g = (i * 7919) % GROUPS; // spread over the key space
    const t = performance.now();
    const res = (await db
      .collection('bench_big')
      .where({ [field]: g })
      .get()) as { data?: unknown[]; code?: string };
    lat.push(performance.now() - t);
    if (res.data?.length !== 10) throw new Error(`query on ${field}=${g} returned ${res.data?.length} (${res.code})`);
  }
  return lat;
}

async function indexedQuery(server: Spawned): Promise<BenchResult> {
  const db = nodeSdkApp(server.url).database();
  log(`\n[3] where({field: v}).get() on ${fmt(BIG_DOCS, 0)} documents, 10 matches each, one client, sequential`);
  await loadBig(db);
  await timeQueries(db, 'grp', 20, 5000); // warm-up

  let done = cpuWindow(server);
  const indexed = await timeQueries(db, 'grp', INDEXED_QUERIES, 30_000);
  const wi = done();
  done = cpuWindow(server);
  const unindexed = await timeQueries(db, 'ugrp', UNINDEXED_QUERIES, UNINDEXED_BUDGET_MS);
  const wu = done();
  contention.push(wi.otherLoad, wu.otherLoad);

  const mi = median(indexed);
  const mu = median(unindexed);
  log(
    `  indexed   grp  ×${indexed.length}: median ${ms(mi)}  p90 ${ms(percentile(indexed, 90))}  p99 ${ms(percentile(indexed, 99))}` +
      ` | CPU/query client ${ms(wi.clientMs / indexed.length)} server ${ms(wi.serverMs / indexed.length)}  others ${pct(wi.otherLoad)}`,
  );
  log(
    `  unindexed ugrp ×${unindexed.length}: median ${ms(mu)}  p90 ${ms(percentile(unindexed, 90))}` +
      ` | CPU/query client ${ms(wu.clientMs / unindexed.length)} server ${ms(wu.serverMs / unindexed.length)}  others ${pct(wu.otherLoad)}`,
  );
  return {
    name: `indexed eq query, ${fmt(BIG_DOCS / 1000, 0)}k docs, median (baseline: unindexed field)`,
    figure: ms(mi),
    baseline: ms(mu),
    ratio: `${fmt(mu / mi, 0)}× faster`,
    target: `< ${INDEXED_TARGET_MS} ms`,
    pass: mi < INDEXED_TARGET_MS,
  };
}

// ---- entry ----------------------------------------------------------------------------------------

export async function run(): Promise<BenchResult[]> {
  const t0 = performance.now();
  contention.length = 0;
  const server = await spawnLocalCloud(tempDir('xuncha-bench-'), { DATABASE_CONFIG });
  log(
    `local cloud in its own process at ${server.url}; node-sdk clients in this process; ` +
      `${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(2)}`,
  );
  try {
    const results = await throughput(server);
    results.push(await indexedQuery(server));
    const worst = Math.max(0, ...contention);
    if (worst > CONTENDED) {
      log(`\n  ! other processes used up to ${pct(worst)} of the machine during a measurement: figures are low; rerun on a quiet machine.`);
    }
    log(`\n(local-cloud bench: ${fmt((performance.now() - t0) / 1000, 1)} s)`);
    return results;
  } finally {
    await server.stop();
  }
}

if (require.main === module) {
  run()
    .then((results) => {
      printTable(results, 'local cloud over HTTP, @cloudbase/node-sdk');
      process.exit(results.every((r) => r.pass) ? 0 : 1);
    })
    .catch((e) => {
      console.error(e);
      process.exit(2);
    });
}
