/**
 * The local cloud with a CloudBase plan's limits and a network round trip per database request
 * (scripts/local-cloud/profile.ts), on an in-process local cloud with the real tickets and escalation
 * functions:
 *
 * 1. the lost-update demonstration: 32 concurrent invocations add one to a counter by read-then-write,
 *    by `_.inc` and by a transaction (how many of the 32 increments survive);
 * 2. a lunch peak of QR reports: 32 concurrent callers, each sending reports back to back, without a
 *    profile, with the round trip only, and under the basic plan. Callers behave as the mini-program does:
 *    a refusal for quota (the function already runs its 20 instances) or a failed report is sent again
 *    with the same requestId after a backoff (`withQuotaRetry`, cloudfunctions/_lib/quota.ts);
 * 3. the escalation sweep of 10,000 due tickets among 100,000 under the basic plan with the round trip,
 *    fired back to back as the timer would fire it every minute until nothing is due: first as written,
 *    then with every database request retried on quota refusals (what the sweep gets once it calls
 *    `withQuotaRetry`/`mapWithQuota` around its claims).
 *
 * Run alone: `npx tsx bench/cloud-profile.bench.ts`. Env: BENCH_LATENCY_MS (default "5-12"), BENCH_TICKETS,
 * BENCH_DUE (default 100,000 / 10,000), BENCH_REPORTS (per caller, default 6), BENCH_SWEEP_RUNS (default 30).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { TEMPLATES } from '../cloudfunctions/_lib/notify';
import { isQuotaError, withQuotaRetry } from '../cloudfunctions/_lib/quota';
import { clearCaches } from '../cloudfunctions/_lib/refdata';
import { PROFILES, parseLatency } from '../scripts/local-cloud/profile';
import { installDatabaseSeam } from '../scripts/local-cloud/seam';
import { arrange, type Cloud, PEOPLE, zone } from '../test/cloudfunctions/fixtures';
import { invokeConcurrently, tally } from '../test/helpers/concurrency';
import { startLocalCloud, tempDir, wxCloud } from '../test/helpers/local-cloud';
import { type BenchResult, fmt, ms, percentile, printTable } from './lib';
import { countEscalated, generate, stillDue } from './tickets.bench';

process.env.TZ = 'UTC';
process.env.XUNCHA_LOG_QUIET = '1';

const LATENCY = process.env.BENCH_LATENCY_MS ?? '5-12';
const CALLERS = 32;
const REPORTS_PER_CALLER = Number(process.env.BENCH_REPORTS ?? 6);
const SWEEP_RUNS = Number(process.env.BENCH_SWEEP_RUNS ?? 30);
const ZONES = 20;
const FIXTURES = path.join(__dirname, '..', 'test', 'local-cloud', 'fixtures');

const log = (line: string) => console.log(line);
const s = (msValue: number) => `${fmt(msValue / 1000, 1)} s`;

// ---- 1. lost updates ------------------------------------------------------------------------------

async function lostUpdates(): Promise<BenchResult[]> {
  const cloud = await startLocalCloud({
    dataDir: tempDir('xuncha-bench-lost-'),
    databaseConfig: path.join(FIXTURES, 'database.json'),
    functionsDir: path.join(FIXTURES, 'functions'),
  });
  const out: BenchResult[] = [];
  try {
    const db = wxCloud().database();
    log(`\n1. lost updates: ${CALLERS} concurrent invocations each add one to a counter (round trip ${LATENCY} ms)`);
    const kept: Record<string, number> = {};
    for (const mode of ['naive', 'inc', 'tx'] as const) {
      const id = `bench-${mode}`;
      await db.collection('others').add({ data: { _id: id, n: 0 } });
      const t0 = performance.now();
      const outcomes = await invokeConcurrently(cloud, CALLERS, () => ({ name: 'counter', data: { mode, id, waitMs: 2 } }), {
        latency: LATENCY,
      });
      const n = ((await db.collection('others').doc(id).get()) as unknown as { data: { n: number } }).data.n;
      kept[mode] = n;
      log(
        `  ${mode.padEnd(6)} ${JSON.stringify(tally(outcomes))}: counter ${n} of ${CALLERS} (${CALLERS - n} lost) in ${ms(performance.now() - t0)}`,
      );
    }
    out.push({
      name: `lost update: ${CALLERS} concurrent read-then-write increments`,
      figure: `${kept.naive} of ${CALLERS} kept (${CALLERS - kept.naive} lost)`,
      baseline: `_.inc ${kept.inc}, transaction ${kept.tx} of ${CALLERS}`,
      target: 'read-then-write loses updates; _.inc and transactions lose none',
      pass: kept.naive < CALLERS && kept.inc === CALLERS && kept.tx === CALLERS,
    });
  } finally {
    await cloud.close();
  }
  return out;
}

// ---- 2. lunch peak of QR reports ------------------------------------------------------------------

type Peak = {
  label: string;
  ok: number;
  failed: number;
  perSecond: number;
  p50: number;
  p99: number;
  retries: number;
  refused: { rate: number; concurrency: number };
};

async function lunchPeak(cloud: Cloud, label: string, profile: keyof typeof PROFILES, latency: string | null): Promise<Peak> {
  cloud.setProfile(profile);
  cloud.latency = latency === null ? null : parseLatency(latency);
  const latencies: number[] = [];
  let retries = 0;
  let failed = 0;
  const categories = ['hygiene', 'attitude', 'facility', 'safety'];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async (_v, caller) => {
      for (let k = 0; k < REPORTS_PER_CALLER; k++) {
        const requestId = randomUUID();
        const payload = {
          requestId,
          sceneId: `load${(caller * 7 + k) % ZONES}`,
          categoryCode: categories[(caller + k) % categories.length],
          text: `午高峰排队太久 ${caller}-${k}`,
        };
        const started = performance.now();
        try {
          // The mini-program's retry: the same requestId (createReport is idempotent on it), with backoff,
          // when the platform refuses the call for quota or the function failed on a refused request.
          const reply = await withQuotaRetry(
            async () => {
              const r = (await cloud.host.invoke(
                'tickets',
                { action: 'createReport', payload },
                { source: 'wx_client', openid: `o-lunch-${caller}-${k}` },
              )) as { code: 0 | string };
              if (r.code === 'SYSTEM.INTERNAL') throw Object.assign(new Error('report failed'), { code: 'EXCEED_REQUEST_LIMIT' });
              return r;
            },
            { attempts: 30, baseMs: 100, maxMs: 3000, onRetry: () => retries++ },
          );
          if (reply.code !== 0) failed++;
        } catch (e) {
          failed++;
          if (!isQuotaError(e)) log(`    report error: ${(e as Error).message}`);
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  const wall = performance.now() - t0;
  const peak: Peak = {
    label,
    ok: latencies.length - failed,
    failed,
    perSecond: (latencies.length - failed) / (wall / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    retries,
    refused: cloud.refused,
  };
  log(
    `  ${label.padEnd(34)} ${peak.ok} ok, ${failed} failed in ${s(wall)}: ${fmt(peak.perSecond, 1)} reports/s; p50 ${ms(peak.p50)}, p99 ${ms(peak.p99)}; ${retries} retries; database refusals ${peak.refused.rate} rate + ${peak.refused.concurrency} connections`,
  );
  cloud.setProfile('none');
  cloud.latency = null;
  return peak;
}

// ---- 3. escalation sweep under the basic plan ------------------------------------------------------

type SweepRun = { runs: number; ms: number; escalated: number; failedRuns: number; left: number };

/**
 * Fires the escalation timer back to back, as the minute timer would, until none of the tickets due at
 * generation is left (or SWEEP_RUNS). Tickets that fall due meanwhile (the fresh ones, as real time passes)
 * are swept too, but do not keep the bench running.
 */
async function sweepUntilDone(cloud: Cloud, maxRuns: number, dueBy: Date): Promise<Omit<SweepRun, 'escalated' | 'left'>> {
  const t0 = performance.now();
  let runs = 0;
  let failedRuns = 0;
  for (; runs < maxRuns; ) {
    runs++;
    const reply = (await cloud.host.fireTimer('escalation', 'everyMinute').catch((e: Error) => ({ code: e.message }))) as {
      code: 0 | string;
    };
    if (reply?.code !== 0) failedRuns++;
    // Counted on the engine directly: the bench's own reads do not spend the plan's quota.
    if (cloud.engine.count('tickets', { nextCheckAt: { $lte: dueBy } }) === 0) break;
  }
  return { runs, ms: performance.now() - t0, failedRuns };
}

/** BENCH_PARTS: which parts to run, e.g. "sweep" or "lost,peak" (default all). */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'lost,peak,sweep').split(','));

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  if (PARTS.has('lost')) results.push(...(await lostUpdates()));

  clearCaches();
  const cloud = await startLocalCloud({ dataDir: tempDir('xuncha-bench-profile-') });
  try {
    const zones = Array.from({ length: ZONES }, (_, i) => zone(`zone-load-${i}`, `load${i}`));
    await arrange(zones);
    for (const p of Object.values(PEOPLE)) cloud.host.subscribe(p.openid, TEMPLATES.escalation, 1_000_000);

    if (PARTS.has('peak')) results.push(...(await peakPart(cloud)));
    if (PARTS.has('sweep')) results.push(...(await sweepPart(cloud, zones)));
  } finally {
    await cloud.close();
  }
  printTable(results, 'cloud profile');
  return results;
}

async function peakPart(cloud: Cloud): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  {
    log(`\n2. lunch peak: ${CALLERS} concurrent callers × ${REPORTS_PER_CALLER} QR reports over ${ZONES} zones`);
    await lunchPeak(cloud, 'warm-up', 'none', null);
    const raw = await lunchPeak(cloud, 'no profile, no round trip', 'none', null);
    const none = await lunchPeak(cloud, `no profile, round trip ${LATENCY} ms`, 'none', LATENCY);
    const basic = await lunchPeak(cloud, `basic plan, round trip ${LATENCY} ms`, 'basic', LATENCY);
    results.push({
      name: `QR report, ${CALLERS} concurrent callers, basic plan (${PROFILES.basic.functionConcurrency} instances, ${PROFILES.basic.dbQps} req/s, ${PROFILES.basic.dbConnections} connections), round trip ${LATENCY} ms`,
      figure: `${fmt(basic.perSecond, 1)} reports/s, p99 ${ms(basic.p99)}, ${basic.failed} failed, ${basic.retries} retries`,
      baseline: `no profile: ${fmt(none.perSecond, 1)}/s, p99 ${ms(none.p99)} (no round trip: ${fmt(raw.perSecond, 1)}/s, p99 ${ms(raw.p99)})`,
      ratio: `${fmt(none.perSecond / Math.max(basic.perSecond, 0.001))}× slower`,
      target: 'every report acknowledged under basic (callers back off and retry)',
      pass: basic.failed === 0,
    });
  }
  return results;
}

async function sweepPart(cloud: Cloud, zones: ReturnType<typeof zone>[]): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  {
    log('\n3. escalation sweep under the basic plan');
    await cloud.host.fireTimer('escalation', 'everyMinute'); // loads the function; nothing due yet
    const gen = await generate(cloud, zones);
    const generatedAt = new Date();
    cloud.latency = parseLatency(LATENCY);

    // As written: one invocation, to show what the plan does to 100 conditional updates at once.
    cloud.setProfile('basic');
    const t1 = performance.now();
    const asWritten = (await cloud.host.fireTimer('escalation', 'everyMinute').catch((e: Error) => ({ code: e.message }))) as {
      code: 0 | string;
      data?: unknown;
    };
    const refusedAsWritten = cloud.refused;
    cloud.setProfile('none');
    const afterFirst = await countEscalated(gen, new Date(Date.now() - 3_600_000));
    log(
      `  as written, one timer run: reply ${JSON.stringify(asWritten).slice(0, 160)} in ${s(performance.now() - t1)}; ${fmt(afterFirst, 0)} escalated; refusals ${refusedAsWritten.rate} rate + ${refusedAsWritten.concurrency} connections`,
    );

    // With quota retry on every database request (the bench harness stands in for the sweep calling
    // withQuotaRetry around its requests: the function's database client backs off and retries).
    const retrying = (action: string, params: Record<string, unknown>) =>
      withQuotaRetry(() => cloud.call(action, params), { attempts: 40, baseMs: 50, maxMs: 2000 });
    installDatabaseSeam(retrying);
    cloud.setProfile('basic');
    const swept = await sweepUntilDone(cloud, SWEEP_RUNS, generatedAt);
    const refused = cloud.refused;
    cloud.setProfile('none');
    installDatabaseSeam((action, params) => cloud.call(action, params));
    const escalated = await countEscalated(gen, new Date(Date.now() - 3_600_000));
    const left = cloud.engine.count('tickets', { nextCheckAt: { $lte: generatedAt } });
    log(
      `  with quota retry: ${swept.runs} timer runs (${swept.failedRuns} failed) in ${s(swept.ms)}; ${fmt(escalated, 0)} of ${fmt(gen.dueIds.size, 0)} escalated, ${fmt(left, 0)} of them still due (${fmt(await stillDue(new Date()), 0)} due now, fallen due since); refusals ${refused.rate} rate + ${refused.concurrency} connections`,
    );
    results.push({
      name: `escalation sweep, ${fmt(gen.dueIds.size, 0)} due of 100k, basic plan, round trip ${LATENCY} ms`,
      figure: `${s(swept.ms)} over ${swept.runs} timer runs, ${fmt(escalated, 0)} escalated, ${fmt(left, 0)} left`,
      baseline: `as written (100 updates at once, no retry): ${fmt(afterFirst, 0)} escalated in one run, ${refusedAsWritten.rate + refusedAsWritten.concurrency} refusals`,
      target: 'all due escalated under basic',
      pass: left === 0 && escalated === gen.dueIds.size,
    });
  }
  return results;
}

if (require.main === module) {
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
