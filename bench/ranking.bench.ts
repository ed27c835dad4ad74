/**
 * A month's unit ranking by satisfaction, from the maintained rollups, against a naive computation from the
 * raw ratings, on an in-process local cloud (port 0, temp data dir):
 *
 * - data: BENCH_FEEDBACK (default 1,000,000) rating records over 30 contractor units (10 zones each) and the
 *   365 days of 2029, inserted with `cloud.engine.insert` in batches of 10,000, and the rollup documents the
 *   writes would have maintained (one per unit per month, built with the same pure `incrementsFor` /
 *   `addToBucket` the functions use) — arranging data, timed separately as the load rate;
 * - ranking: `stats.unitRanking { period: '2029-06' }` invoked as a leader through the function host (warm
 *   function, reference data cached), median of 20 runs: time, database requests, documents read;
 * - naive: the same month's ratings paged through wx-server-sdk (`where(at in month).orderBy(at, _id)`, 1,000 a
 *   page, keyset cursor) and averaged per unit in memory; its per-unit means are checked against the ranking.
 *
 * Target: under 50 ms and at most 2 documents read per unit. Run alone: `npx tsx bench/ranking.bench.ts`.
 *
 * The leaders' overview is measured on the same data, with BENCH_TICKETS (default 100,000) tickets added over the
 * same year (most dealt with, some open, some overdue) and the ticket rollups the sync would have maintained (built
 * with the same pure `sumContributions`): `overview.summary` as a leader on 20 December 2029, median of 20 runs,
 * against a naive overview computed from every ticket paged through wx-server-sdk.
 */
import fs from 'node:fs';
import { clearCaches } from '../cloudfunctions/_lib/refdata';
import { buildOverview, monthsUpTo } from '../shared/overview/overview';
import { parseRollupId, type RollupTicket, sumContributions } from '../shared/overview/ticket-rollup';
import { rangeOf } from '../shared/periods';
import { addToBucket, emptyBucket, incrementsFor, type RatingRecord, type RollupDoc } from '../shared/satisfaction';
import { PEOPLE } from '../test/cloudfunctions/fixtures';
import { startLocalCloud, tempDir, wxCloud } from '../test/helpers/local-cloud';
import { type BenchResult, fmt, median, ms, printTable } from './lib';

process.env.TZ = 'UTC';
process.env.XUNCHA_LOG_QUIET = '1';

const TOTAL = Number(process.env.BENCH_FEEDBACK ?? 1_000_000);
const UNITS = 30;
const ZONES_PER_UNIT = 10;
const BATCH = 10_000;
const RUNS = 20;
const PERIOD = '2029-06';
const YEAR_START = Date.UTC(2028, 11, 31, 16); // 2029-01-01 00:00 Shanghai
const DAY = 86_400_000;

const log = (line: string) => console.log(line);

/** A deterministic generator, so every run loads the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function run(): Promise<BenchResult[]> {
  const dataDir = tempDir('xuncha-ranking-bench-');
  const cloud = await startLocalCloud({ dataDir });
  const started = performance.now();
  try {
    // ---- arrange -------------------------------------------------------------------------------------
    const unitIds = Array.from({ length: UNITS }, (_, i) => `unit-${String(i).padStart(2, '0')}`);
    cloud.engine.insert('units', [
      { _id: 'office', kind: 'office', name: '总务部', parentId: null },
      { _id: 'centre', kind: 'centre', name: '物业服务中心', parentId: 'office' },
      ...unitIds.map((id, i) => ({ _id: id, kind: 'contractor', name: `服务单位${i}`, parentId: 'centre', contractRef: `HT-${i}` })),
    ]);
    cloud.engine.insert('people', [{ ...PEOPLE.leader }]);
    const random = rng(2029);
    const rollups = new Map<string, RollupDoc>();
    const t0 = performance.now();
    for (let done = 0; done < TOTAL; done += BATCH) {
      const batch: RatingRecord[] = [];
      for (let i = done; i < Math.min(TOTAL, done + BATCH); i++) {
        const u = Math.floor(random() * UNITS);
        // Units differ in quality: unit k's ratings lean towards 5 by k/UNITS.
        const stars = Math.min(5, 1 + Math.floor(random() * 4.2 + (u / UNITS) * 1.5));
        batch.push({
          _id: `fb${i.toString(36).padStart(8, '0')}`,
          source: 'feedback',
          unitId: unitIds[u],
          zoneId: `z-${u}-${Math.floor(random() * ZONES_PER_UNIT)}`,
          campusId: u % 2 === 0 ? 'campus-main' : 'campus-east',
          categoryCode: null,
          ticketId: null,
          rating: stars,
          at: new Date(YEAR_START + Math.floor((i / TOTAL) * 365 * DAY) + Math.floor(random() * 1000)),
        });
      }
      cloud.engine.insert('feedback', batch);
      for (const r of batch) {
        const { id, unitId, month } = incrementsFor(r);
        const doc = rollups.get(id) ?? { _id: id, unitId, month, ...emptyBucket(), d: {} };
        addToBucket(doc, r);
        const key = `d${incrementsFor(r).day.slice(8)}`;
        doc.d[key] = addToBucket(doc.d[key] ?? emptyBucket(), r);
        rollups.set(id, doc);
      }
    }
    const loadMs = performance.now() - t0;
    // BENCH_NO_DAYS=1 drops the day buckets, to show what the month-level part alone costs to read.
    if (process.env.BENCH_NO_DAYS) for (const d of rollups.values()) d.d = {};
    cloud.engine.insert('satRollups', [...rollups.values()] as never);
    log(
      `loaded ${fmt(TOTAL, 0)} ratings and ${fmt(rollups.size, 0)} rollup documents in ${fmt(loadMs / 1000, 1)} s (${fmt(TOTAL / (loadMs / 1000), 0)} ratings/s)`,
    );

    // ---- the ranking from rollups --------------------------------------------------------------------
    clearCaches();
    const invoke = () =>
      cloud.host.invoke(
        'stats',
        { action: 'unitRanking', payload: { period: PERIOD } },
        { source: 'wx_client', openid: PEOPLE.leader.openid },
      ) as Promise<{ code: 0 | string; data: { rows: Array<{ unitId: string; n: number; mean: number }> } }>;
    const warm = await invoke();
    if (warm.code !== 0) throw new Error(`ranking failed: ${JSON.stringify(warm)}`);
    const { times, docs, requests } = await timedRuns(cloud, invoke);
    const rankMs = median(times);
    const rankDocs = median(docs);

    // ---- the naive computation -----------------------------------------------------------------------
    const db = wxCloud().database();
    const _ = db.command;
    const { from, to } = rangeOf(PERIOD);
    const d0 = cloud.engine.docsRead;
    const t1 = performance.now();
    const tally = new Map<string, { n: number; sum: number }>();
    // Keyset paging on `at` (one index range per page; ids already seen at the boundary instant skipped).
    let after: { at: Date; ids: Set<string> } | null = null;
    let naiveRequests = 0;
    for (;;) {
      const res: unknown = await db
        .collection('feedback')
        .where({ at: _.gte(after?.at ?? from).and(_.lt(to)) })
        .orderBy('at', 'asc')
        .orderBy('_id', 'asc')
        .limit(1000)
        .get();
      const page = (res as { data: RatingRecord[] }).data;
      naiveRequests++;
      for (const r of page) {
        if (after && r.at.getTime() === after.at.getTime() && after.ids.has(r._id)) continue;
        const t = tally.get(r.unitId) ?? { n: 0, sum: 0 };
        t.n++;
        t.sum += r.rating;
        tally.set(r.unitId, t);
      }
      if (page.length < 1000) break;
      const last: Date = page[page.length - 1].at;
      const ids: Set<string> = new Set(page.filter((r) => r.at.getTime() === last.getTime()).map((r) => r._id));
      if (after && after.at.getTime() === last.getTime()) for (const id of after.ids) ids.add(id);
      after = { at: last, ids };
    }
    const naiveMs = performance.now() - t1;
    const naiveDocs = cloud.engine.docsRead - d0;
    const monthN = [...tally.values()].reduce((a, t) => a + t.n, 0);
    const agree = warm.data.rows.every((row) => {
      const t = tally.get(row.unitId);
      return t ? t.n === row.n && Math.abs(t.sum / t.n - row.mean) < 1e-4 : row.n === 0;
    });
    log(`month ${PERIOD}: ${fmt(monthN, 0)} ratings; ranking agrees with the naive means: ${agree}`);
    log(
      `ranking: median ${ms(rankMs)} (min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))}), ${median(requests)} requests, ${rankDocs} documents read (this month and the previous one, for the trend)`,
    );
    log(`naive: ${ms(naiveMs)}, ${naiveRequests} requests, ${fmt(naiveDocs, 0)} documents read`);
    const overview = await measureOverview(cloud, unitIds, random);
    log(`(ranking bench took ${fmt((performance.now() - started) / 1000, 1)} s)`);
    return [
      ...overview,
      {
        name: `unit ranking ${PERIOD} (${fmt(TOTAL, 0)} ratings)`,
        figure: ms(rankMs),
        baseline: `naive ${ms(naiveMs)}`,
        ratio: `${fmt(naiveMs / rankMs)}×`,
        target: '< 50 ms',
        pass: rankMs < 50 && agree,
      },
      {
        // Every action reads its caller's person record (one document) before the ranking; the rest are rollups.
        name: 'unit ranking: rollup documents read per unit',
        figure: `${fmt((rankDocs - 1) / UNITS)} (${rankDocs - 1} rollups + 1 caller record, ${UNITS} units)`,
        baseline: `naive ${fmt(naiveDocs, 0)}`,
        ratio: `${fmt(naiveDocs / Math.max(1, rankDocs))}×`,
        target: '≤ 2 per unit',
        pass: rankDocs - 1 <= 2 * UNITS,
      },
    ];
  } finally {
    clearCaches(); // the next bench in this process starts from its own reference data
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const OVERVIEW_NOW = Date.UTC(2029, 11, 20, 2); // 20 December 2029, 10:00 in Shanghai
const HOUR = 3_600_000;

/** Loads the tickets and their rollups, then times `overview.summary` against the naive overview from the tickets. */
/** `RUNS` calls of `invoke`: each one's time, documents read and database requests. */
async function timedRuns(
  cloud: Awaited<ReturnType<typeof startLocalCloud>>,
  invoke: () => Promise<unknown>,
): Promise<{ times: number[]; docs: number[]; requests: number[] }> {
  const times: number[] = [];
  const docs: number[] = [];
  const requests: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const d0 = cloud.engine.docsRead;
    const t = performance.now();
    const m = await cloud.measure(invoke);
    times.push(performance.now() - t);
    docs.push(cloud.engine.docsRead - d0);
    requests.push(m.requests.total);
  }
  return { times, docs, requests };
}

async function measureOverview(
  cloud: Awaited<ReturnType<typeof startLocalCloud>>,
  unitIds: string[],
  random: () => number,
): Promise<BenchResult[]> {
  const tickets: Array<RollupTicket & Record<string, unknown>> = [];
  const span = OVERVIEW_NOW - YEAR_START;
  for (let i = 0; i < TICKETS; i++) {
    const u = Math.floor(random() * UNITS);
    const createdAt = new Date(YEAR_START + Math.floor((i / TICKETS) * span));
    const age = OVERVIEW_NOW - createdAt.getTime();
    const budget = [HOUR, 4 * HOUR, 12 * HOUR][i % 3];
    // Older than two days: dealt with (a few cancelled); younger: some still open, a few of them past due.
    const open = age < 2 * 86_400_000 && random() < 0.6;
    const state = open ? (random() < 0.5 ? 'accepted' : 'assigned') : random() < 0.03 ? 'cancelled' : 'verified';
    const usedMs = Math.floor(budget * (0.3 + random()));
    const rectifiedAt = state === 'verified' ? new Date(createdAt.getTime() + usedMs) : null;
    const dueAt = open ? new Date(createdAt.getTime() + budget) : null;
    tickets.push({
      _id: `t${i.toString(36).padStart(6, '0')}`,
      no: `XC-${String(i).padStart(7, '0')}`, // unique, like requestId (indexes no_1, requestId_1)
      requestId: `bench-${i}`,
      kind: i % 25 === 0 ? 'positive' : 'problem',
      state: i % 25 === 0 ? 'closed' : state,
      severity: (['minor', 'major', 'critical'] as const)[i % 3],
      unitId: unitIds[u],
      zoneId: `z-${u}-${Math.floor(random() * ZONES_PER_UNIT)}`,
      createdAt,
      updatedAt: rectifiedAt ?? createdAt,
      held: false,
      repeat: random() < 0.08 ? { count: 2, ofTicketId: 't0' } : null,
      notRectified: random() < 0.02,
      rectification: rectifiedAt ? { at: rectifiedAt } : null,
      clock: { usedMs, budgetMs: budget },
      dueAt,
      dueSort: dueAt ?? new Date('9999-12-31T00:00:00Z'),
      version: rectifiedAt ? 4 : 1,
      history: [{ event: 'create', at: createdAt }, ...(rectifiedAt ? [{ event: 'rectify', at: rectifiedAt }] : [])],
      description: '走廊有垃圾，垃圾桶满溢',
    });
  }
  for (let i = 0; i < tickets.length; i += BATCH) cloud.engine.insert('tickets', tickets.slice(i, i + BATCH) as never);
  const rollups = [...sumContributions(tickets)].map(([id, paths]) => {
    const doc: Record<string, unknown> = parseRollupId(id) ? { _id: id, ...parseRollupId(id), d: {} } : { _id: id, unitId: id.slice(3) };
    for (const [path, v] of Object.entries(paths)) {
      const parts = path.split('.');
      let o = doc;
      for (const k of parts.slice(0, -1)) {
        o[k] ??= {};
        o = o[k] as Record<string, unknown>;
      }
      o[parts[parts.length - 1]] = v;
    }
    return doc;
  });
  cloud.engine.insert('ticketRollups', rollups as never);
  log(`loaded ${fmt(TICKETS, 0)} tickets and ${fmt(rollups.length, 0)} ticket rollup documents`);

  const realNow = Date.now;
  const offset = OVERVIEW_NOW - realNow();
  Date.now = () => realNow() + offset;
  try {
    clearCaches();
    const invoke = () =>
      cloud.host.invoke('overview', { action: 'summary', payload: {} }, { source: 'wx_client', openid: PEOPLE.leader.openid }) as Promise<{
        code: 0 | string;
        data: { monthFigures: { found: { value: number } }; now: { open: number; overdue: number } };
      }>;
    const warm = await invoke();
    if (warm.code !== 0) throw new Error(`overview failed: ${JSON.stringify(warm)}`);
    const { times, docs, requests } = await timedRuns(cloud, invoke);
    const overviewMs = median(times);
    const overviewDocs = median(docs);

    // Naive: every ticket paged through the SDK (keyset on createdAt, ids seen at the boundary instant skipped),
    // the same overview computed from them in memory.
    const db = wxCloud().database();
    const _ = db.command;
    const d0 = cloud.engine.docsRead;
    const t1 = performance.now();
    const all: RollupTicket[] = [];
    let after: { at: Date; ids: Set<string> } | null = null;
    for (;;) {
      const res: unknown = await db
        .collection('tickets')
        .where({ createdAt: _.gte(after?.at ?? new Date(0)) })
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(1000)
        .get();
      const page = (res as { data: Array<RollupTicket & { _id: string }> }).data;
      const seen = after;
      all.push(...(seen ? page.filter((t) => !(t.createdAt.getTime() === seen.at.getTime() && seen.ids.has(t._id))) : page));
      if (page.length < 1000) break;
      const lastAt: Date = page[page.length - 1].createdAt;
      const ids: Set<string> = new Set(page.filter((t) => t.createdAt.getTime() === lastAt.getTime()).map((t) => t._id));
      if (seen && seen.at.getTime() === lastAt.getTime()) for (const id of seen.ids) ids.add(id);
      after = { at: lastAt, ids };
    }
    const sums = sumContributions(all);
    const now = new Date(OVERVIEW_NOW);
    const naive = buildOverview({
      now,
      months: monthsUpTo('2029-12', 6),
      units: unitIds.map((id) => ({ id, name: id })),
      unitMonths: [],
      campus: [...sums]
        .filter(([id]) => id.startsWith('tr-all-'))
        .map(([id, p]) => ({ ...parseRollupId(id), ...p, _id: id, d: {} }) as never),
      gauges: [],
      overdue: {},
      sat: [],
      worstZones: [],
      repeatZones: [],
      zoneNames: {},
    });
    const naiveMs = performance.now() - t1;
    const naiveDocs = cloud.engine.docsRead - d0;
    const agree = naive.monthFigures.found.value === warm.data.monthFigures.found.value;
    log(
      `overview (${fmt(TICKETS, 0)} tickets, ${fmt(TOTAL, 0)} ratings): median ${ms(overviewMs)}, ${median(requests)} requests, ${overviewDocs} documents read (${warm.data.now.overdue} of them overdue tickets); naive from every ticket ${ms(naiveMs)}, ${fmt(naiveDocs, 0)} documents read; month's problems agree: ${agree}`,
    );
    return [
      {
        name: `leaders' overview (${fmt(TICKETS, 0)} tickets, ${fmt(TOTAL, 0)} ratings stored)`,
        figure: `${ms(overviewMs)}; ${overviewDocs} documents read`,
        baseline: `naive from every ticket ${ms(naiveMs)}; ${fmt(naiveDocs, 0)} documents`,
        ratio: `${fmt(naiveMs / overviewMs)}×`,
        // Rollups only: two months of unit rollups, six campus ones, the gauges, six months of satisfaction rollups,
        // the month's zone rollups (all of them locally; see cloudfunctions/overview/summary.ts), the overdue tickets.
        target: 'rollups, not scans: ≤ 2 × 30 + 6 + 30 + 6 × 30 + 2 × 300 zones + overdue + 1',
        pass: overviewDocs <= 60 + 6 + 30 + 180 + 600 + warm.data.now.overdue + 1 && agree,
      },
    ];
  } finally {
    Date.now = realNow;
  }
}

if (require.main === module) {
  run()
    .then((results) => {
      printTable(results, 'satisfaction ranking from rollups vs raw ratings (in-process local cloud)');
      process.exit(results.every((r) => r.pass) ? 0 : 1);
    })
    .catch((e) => {
      console.error(e);
      process.exit(2);
    });
}
