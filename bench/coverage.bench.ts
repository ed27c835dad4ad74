/**
 * Patrol coverage of a semester and the occurrence timer, on an in-process local cloud (port 0, temp dir):
 *
 * - data: 500 zones in 10 contractor units (canteen hours for a third, office hours for a third, open all day
 *   for the rest), 50,000 proven visits spread over the 20 weeks from 2032-03-01 (office 40 %, centre 50 %,
 *   volunteers 10 %), inserted with `cloud.engine.insert`, and the week rollups those visits' writes would have
 *   maintained (built with the same pure `visitIncrements` the function uses);
 * - map: `patrols.coverage` for the whole semester (a configured term, so one rollup document per unit plus
 *   the recent weeks for staleness) invoked as a leader through the function host (warm), median of 10 runs,
 *   with the term documents unchanged, one unit's changed, every unit's changed before each run (all re-read),
 *   and cold (nothing cached); target under 200 ms; and the same 20 weeks read as week documents;
 * - naive: the same report computed by paging every visit of the semester through wx-server-sdk (1,000 a
 *   page) and folding them in memory (`coverageFromVisits`); its totals are checked against the map's;
 * - timer: 2,000 active daily plans (one zone each) plus every zone's daily self-check: one invocation of the
 *   hourly trigger creating today's and tomorrow's occurrences, then a re-run that must create nothing.
 *
 * Run alone: `npx tsx bench/coverage.bench.ts` (about a minute on two shared cores).
 */
// biome-ignore lint/suspicious/noExplicitAny: replies and simulate wrappers are inspected loosely in assertions
type Loose = any;

import { clearCaches } from '../cloudfunctions/_lib/refdata';
import { scan } from '../cloudfunctions/_lib/scan';
import type { ServiceHours } from '../shared/deadlines';
import { applyIncrements, type CoverageDoc, coverageFromVisits, type VisitRole, visitIncrements } from '../shared/patrols';
import { PEOPLE } from '../test/cloudfunctions/fixtures';
import { startLocalCloud, tempDir } from '../test/helpers/local-cloud';
import { type BenchResult, fmt, median, ms, printTable } from './lib';

process.env.TZ = 'UTC';
process.env.XUNCHA_LOG_QUIET = '1';

const ZONES = 500;
const UNITS = 10;
const VISITS = Number(process.env.BENCH_VISITS ?? 50_000);
const PLANS = 2_000;
const RUNS = 10;
const FROM = '2032-03-01'; // a Monday
const TO = '2032-07-18'; // the Sunday 20 weeks later
const START = Date.parse(`${FROM}T00:00:00+08:00`);
const DAY = 86_400_000;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const MEALS = [
  { open: '06:30', close: '09:00' },
  { open: '11:00', close: '13:30' },
  { open: '17:00', close: '19:00' },
];
const OFFICE = [
  { open: '08:00', close: '12:00' },
  { open: '14:30', close: '17:30' },
];
const ALL = [{ open: '00:00', close: '24:00' }];
const week = (d: typeof MEALS, weekend: typeof MEALS): ServiceHours => ({ 1: d, 2: d, 3: d, 4: d, 5: d, 6: weekend, 7: weekend });
const HOURS: ServiceHours[] = [week(MEALS, MEALS.slice(1, 2)), week(OFFICE, []), week(ALL, ALL)];

export async function run(): Promise<BenchResult[]> {
  const cloud = await startLocalCloud({ dataDir: tempDir('xuncha-coverage-bench-') });
  const results: BenchResult[] = [];
  try {
    // ---- arrange -------------------------------------------------------------------------------------
    const t0 = performance.now();
    const unitIds = Array.from({ length: UNITS }, (_, i) => `unit-${i}`);
    cloud.engine.insert('units', [
      { _id: 'office', kind: 'office', name: '总务部', parentId: null },
      { _id: 'centre', kind: 'centre', name: '物业服务中心', parentId: 'office' },
      ...unitIds.map((id, i) => ({ _id: id, kind: 'contractor', name: `服务单位${i}`, parentId: 'centre', contractRef: `HT-${i}` })),
    ]);
    cloud.engine.insert('people', [PEOPLE.leader, PEOPLE.admin, PEOPLE.officeInspector]);
    const zones = Array.from({ length: ZONES }, (_, i) => ({
      _id: `z${String(i).padStart(3, '0')}`,
      name: `场所${i}`,
      kind: 'area',
      parentId: 'campus',
      path: ['campus'],
      campusId: 'campus',
      unitId: unitIds[i % UNITS],
      responsible: { primary: 'p-staff' },
      serviceHours: HOURS[i % 3],
      sceneId: `s${i}`,
    }));
    cloud.engine.insert('zones', zones);
    // The semester is a configured term: its visits also land in one document per unit.
    const TERM = { id: '2032S', name: '2032 春季学期', from: FROM, to: TO };
    cloud.engine.insert('settings', [{ _id: 'patrols', terms: [TERM] }]);
    const random = rng(2032);
    const roles: VisitRole[] = ['office', 'office', 'office', 'office', 'centre', 'centre', 'centre', 'centre', 'centre', 'volunteer'];
    const docs = new Map<string, CoverageDoc>();
    const visits: Array<Record<string, unknown>> = [];
    for (let i = 0; i < VISITS; i++) {
      const z = zones[Math.floor(random() * ZONES)];
      const startedAt = new Date(START + Math.floor(random() * 140) * DAY + (6 + random() * 14) * 3_600_000 - 8 * 3_600_000);
      const endedAt = new Date(startedAt.getTime() + (10 + random() * 30) * 60_000);
      const role = roles[Math.floor(random() * roles.length)];
      const v = { zoneId: z._id, unitId: z.unitId, role, startedAt, endedAt };
      applyIncrements(docs, visitIncrements(v, z.serviceHours, [TERM]));
      visits.push({
        _id: `v${i.toString(36).padStart(6, '0')}`,
        ...v,
        zoneName: z.name,
        sceneId: z.sceneId,
        state: 'ended',
        openKey: `v${i}`,
        occurrenceId: null,
        inspectorId: 'p-insp-office',
        items: [],
        findings: [],
        notes: [],
      });
      if (visits.length === 10_000) cloud.engine.insert('patrolVisits', visits.splice(0));
    }
    if (visits.length) cloud.engine.insert('patrolVisits', visits.splice(0));
    cloud.engine.insert('patrolCoverage', [...docs.values()] as unknown as Array<Record<string, unknown>>);
    console.log(
      `  arranged ${ZONES} zones, ${VISITS} visits, ${docs.size} rollups (weeks and the term) in ${fmt((performance.now() - t0) / 1000)} s`,
    );

    // ---- the map from rollups ---------------------------------------------------------------------------
    const leader = PEOPLE.leader.openid;
    const invoke = (action: string, payload: Record<string, unknown>, openid = leader) =>
      cloud.host.invoke('patrols', { action, payload }, { source: 'wx_client', openid }) as Promise<{ code: 0 | string; data: Loose }>;
    clearCaches();
    const first = await invoke('coverage', { from: FROM, to: TO, staleDays: 14 });
    if (first.code !== 0) throw new Error(`coverage failed: ${first.code}`);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await invoke('coverage', { from: FROM, to: TO, staleDays: 14 });
      times.push(performance.now() - t);
    }
    const mapMs = median(times);
    // The map re-reads only the term documents whose `rev` changed (every write bumps it): time it with one
    // unit's document changed before each run, and with every unit's changed (each run then reads them all),
    // and cold (a new instance: nothing cached).
    const { cmd: cmdOf, db: dbOf } = require('../cloudfunctions/_lib/cloud') as typeof import('../cloudfunctions/_lib/cloud');
    const { forgetTermDocs } =
      require('../cloudfunctions/patrols/coverage.service') as typeof import('../cloudfunctions/patrols/coverage.service');
    const bump = (ids: string[]) =>
      dbOf()
        .collection('patrolCoverage')
        .where({ _id: cmdOf().in(ids) })
        .update({ data: { rev: cmdOf().inc(1) } });
    const termIds = unitIds.map((u) => `cov-${u}-T-${TERM.id}`);
    const timed = async (before: () => unknown, n = RUNS) => {
      const ts: number[] = [];
      for (let i = 0; i < n; i++) {
        await before();
        const t = performance.now();
        const r = await invoke('coverage', { from: FROM, to: TO, staleDays: 14 });
        ts.push(performance.now() - t);
        if (r.code !== 0 || r.data.together.covered !== first.data.together.covered) throw new Error('the map changed');
      }
      return median(ts);
    };
    const oneMs = await timed(() => bump([termIds[0]]));
    const allMs = await timed(() => bump(termIds));
    const coldMs = await timed(() => {
      forgetTermDocs();
      clearCaches();
    });
    // The same period one day shorter is not the term: it is read from its twenty week documents.
    const weekTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await invoke('coverage', { from: FROM, to: '2032-07-17', staleDays: 14 });
      weekTimes.push(performance.now() - t);
    }
    const weeksMs = median(weekTimes);

    // ---- naive: read every visit ----------------------------------------------------------------------------
    const tn = performance.now();
    const read: Array<{ zoneId: string; unitId: string; role: VisitRole; startedAt: Date; endedAt: Date }> = [];
    const { cmd } = require('../cloudfunctions/_lib/cloud') as typeof import('../cloudfunctions/_lib/cloud');
    const _ = cmd();
    for await (const page of scan<{ _id: string; zoneId: string; unitId: string; role: VisitRole; startedAt: Date; endedAt: Date }>(
      'patrolVisits',
      { startedAt: _.gte(new Date(START)).and(_.lt(new Date(START + 140 * DAY))) },
      'startedAt',
      { zoneId: true, unitId: true, role: true, endedAt: true },
    ))
      read.push(...page);
    const naive = coverageFromVisits(zones, read, { from: FROM, to: TO, today: TO, staleDays: 14 });
    const naiveMs = performance.now() - tn;
    const same =
      first.data.fromTerm === '2032S' &&
      naive.together.covered === first.data.together.covered &&
      naive.cells === first.data.cells &&
      naive.overlap.covered === first.data.overlap.covered &&
      naive.compliance.all.s === first.data.compliance.all.s;
    console.log(
      `  map: ${fmt(mapMs)} ms unchanged, ${fmt(oneMs)} ms one unit changed, ${fmt(allMs)} ms all changed, ${fmt(coldMs)} ms cold ` +
        `(medians of ${RUNS}; from week documents ${fmt(weeksMs)} ms); naive ${fmt(naiveMs)} ms reading ${read.length} visits; ` +
        `cells ${first.data.cells}, together ${fmt(100 * first.data.together.rate)} %, same totals: ${same}`,
    );
    results.push({
      name: `coverage map, 20 weeks × ${ZONES} zones, ${VISITS} visits (patrols.coverage from the term rollups, every unit's changed, median)`,
      figure: `${ms(allMs)} (one unit changed ${ms(oneMs)}, unchanged ${ms(mapMs)}, cold ${ms(coldMs)})`,
      baseline: `naive from visits ${ms(naiveMs)}; from 20 week docs ${ms(weeksMs)}`,
      ratio: `${fmt(naiveMs / allMs)}×`,
      target: '< 200 ms, same totals',
      pass: allMs < 200 && coldMs < 200 && same,
    });

    // ---- the timer ---------------------------------------------------------------------------------------------
    const now = Date.parse('2032-05-06T01:00:00+08:00');
    const realNow = Date.now.bind(Date);
    const shift = now - realNow();
    Date.now = () => realNow() + shift;
    const plans = Array.from({ length: PLANS }, (_v, i) => ({
      _id: `plan${String(i).padStart(4, '0')}`,
      name: `计划${i}`,
      kind: 'routine',
      startDate: '2032-05-01',
      level: i % 2 ? 'office' : 'centre',
      ...(i % 2 ? {} : { centreId: 'centre' }),
      mode: i % 5 === 0 ? 'surprise' : 'scheduled',
      recurrence: { freq: 'daily' },
      targets: { kind: 'zones', zoneIds: [zones[i % ZONES]._id] },
      window: { kind: 'service' },
      assignees: { mode: 'any', personIds: ['p-insp-office'] },
      checklist: [{ id: 'a', text: '检查' }],
      negativeList: [],
      graceMinutes: 30,
      status: 'active',
      seed: `seed${i}`,
      ownerId: 'p-insp-office',
      version: 1,
      createdAt: new Date(now),
      updatedAt: new Date(now),
      updatedBy: 'p-insp-office',
    }));
    cloud.engine.insert('patrolPlans', plans);
    const tt = performance.now();
    const fired = (await cloud.host.fireTimer('patrols', 'hourly')) as { code: 0 | string; data: Loose };
    const timerMs = performance.now() - tt;
    const tr = performance.now();
    const rerun = (await cloud.host.fireTimer('patrols', 'hourly')) as { code: 0 | string; data: Loose };
    const rerunMs = performance.now() - tr;
    Date.now = realNow;
    console.log(
      `  timer: ${PLANS} plans in ${fmt(timerMs / 1000)} s: created ${fired.data?.created}, capped ${fired.data?.capped} (${fired.data?.note}); ` +
        `re-run ${fmt(rerunMs / 1000)} s created ${rerun.data?.created}`,
    );
    results.push({
      name: `occurrence timer, ${PLANS} daily plans + ${ZONES} zones' self-checks, one invocation (today and tomorrow)`,
      figure: `${fmt(timerMs / 1000)} s, ${fired.data?.created} created`,
      baseline: `re-run ${fmt(rerunMs / 1000)} s, ${rerun.data?.created} created`,
      target: '< 60 s (function timeout), re-run creates 0',
      pass: fired.code === 0 && timerMs < 60_000 && rerun.data?.created === 0,
    });
  } finally {
    await cloud.close();
  }
  return results;
}

if (require.main === module) {
  run()
    .then((r) => {
      printTable(r, 'patrol coverage and timer');
      process.exit(r.every((x) => x.pass) ? 0 : 1);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
